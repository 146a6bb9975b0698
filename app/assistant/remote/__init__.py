"""Remote backends: any OpenAI-compatible chat API, or Gemini; streamed, with the local engine as fallback."""
