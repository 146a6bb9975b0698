"""The conversation engine."""

from app.assistant.local import Answer, answer

__all__ = ["Answer", "answer"]
