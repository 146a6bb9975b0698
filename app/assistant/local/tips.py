"""Quoting the knowledge base: a section's first sentences, more when they are too short to stand alone."""

import re

from app.assistant.local.knowledge import Section

SENTENCE = re.compile(r"(?<=[.!?])\s+")


def tip(section: Section, sentences: int = 2, min_chars: int = 80) -> str:
    parts = SENTENCE.split(section.body)
    count = sentences
    while count < len(parts) and len(" ".join(parts[:count])) < min_chars:
        count += 1
    return " ".join(parts[:count])
