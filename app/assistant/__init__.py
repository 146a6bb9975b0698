"""The conversation engine: grounded answers about the user's wardrobe, from a local engine or a remote model."""

from app.assistant.base import Answer, AnswerStream, Assistant, ConversationContext, Turn
from app.assistant.factory import BACKENDS, create_assistant

__all__ = ["BACKENDS", "Answer", "AnswerStream", "Assistant", "ConversationContext", "Turn", "create_assistant"]
