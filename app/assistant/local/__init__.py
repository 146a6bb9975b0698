"""The offline engine: intents, entities, a curated knowledge base, and answers composed from them."""
