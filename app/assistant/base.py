"""The conversation engine's contract: what the service passes in, what every backend streams back."""

from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Protocol

from app.styling import FeedbackStats, WardrobeItem

_NO_WEAR: Mapping[int, int] = MappingProxyType({})


@dataclass(frozen=True)
class Turn:
    question: str
    answer: str
    referenced_item_ids: tuple[int, ...] = ()  # what the answer named; parsed from its text when empty


@dataclass(frozen=True)
class ConversationContext:
    question: str
    style_preferences: str | None
    recent_turns: tuple[Turn, ...]  # oldest first, the last N
    wardrobe: tuple[WardrobeItem, ...]  # newest upload first: "the last thing I uploaded" is wardrobe[0]
    feedback: FeedbackStats = field(default_factory=FeedbackStats)
    worn_days_ago: Mapping[int, int] = field(default_factory=lambda: _NO_WEAR)  # item id -> days since worn


@dataclass
class Answer:
    text: str
    referenced_item_ids: list[int]  # only ids that exist in the wardrobe, in order of first mention
    backend: str  # who answered: "local", "openai:gpt-4o-mini", "local (fallback from gemini)"
    intent: str | None = None
    disliked_item_ids: list[int] = field(default_factory=list)  # a dislike said in chat, for the service to record
    language: str = "en"  # the language the answer is written in


class AnswerStream:
    """Text chunks as an async iterator; once exhausted, `answer` holds the final Answer.

    Producers yield `str` chunks and finish with one `Answer`, which is kept here rather than passed on,
    so callers see only text while streaming. Single use, like the generator it wraps.
    """

    def __init__(self, events: AsyncIterator[str | Answer]) -> None:
        self._events = events
        self.answer: Answer | None = None

    async def __aiter__(self) -> AsyncIterator[str]:
        async for event in self._events:
            if isinstance(event, Answer):
                self.answer = event
            elif event:
                yield event

    async def collect(self) -> Answer:
        """Drain the stream (for callers that do not stream) and return the final answer."""
        async for _ in self:
            pass
        if self.answer is None:
            raise RuntimeError("the stream ended without an answer")
        return self.answer


class Assistant(Protocol):
    name: str

    def stream(self, context: ConversationContext) -> AnswerStream: ...
