"""A remote model behind the Assistant interface: streamed, retried, grounded, and never left without an answer.

Fallback rules:
- Failure before the first chunk of text (connection refused, timeout, HTTP error, malformed event, empty
  answer): retry up to `retries` times when the failure may be momentary, then the local engine answers and
  `Answer.backend` says "local (fallback from <provider>)".
- Failure after text was streamed: what was streamed stays (the user has already read it), a short
  "(connection lost)" note ends it, and the backend is "<provider>:<model> (interrupted)". Switching to the
  local engine at that point would show two different answers glued together.
Ids the model cites that are not in the wardrobe are flagged in the text and never referenced.
"""

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import Protocol

import httpx

from app.assistant.base import Answer, AnswerStream, ConversationContext
from app.assistant.grounding import CitationFilter
from app.assistant.local.assistant import LocalAssistant
from app.assistant.local.plan import Ask, Plan, plan, prepare
from app.assistant.remote import tools
from app.assistant.remote.exchange import Exchange, ToolCall
from app.assistant.remote.prompt import SYSTEM, user_message
from app.assistant.remote.sse import RemoteError

logger = logging.getLogger(__name__)

INTERRUPTED_NOTE = "… (connection lost)"
RETRY_BACKOFF_S = 0.2
MAX_TOOL_ROUNDS = 3  # a model that keeps calling tools after this is answered by what it has said


class Provider(Protocol):
    provider: str
    model: str

    def stream_text(self, client: httpx.AsyncClient, exchange: Exchange) -> AsyncIterator[str | ToolCall]: ...


def _understand(context: ConversationContext) -> tuple[Ask, Plan]:
    ask = prepare(context)
    return ask, plan(ask)


class RemoteAssistant:
    def __init__(self, provider: Provider, *, timeout_s: float, retries: int, local: LocalAssistant) -> None:
        self.provider = provider
        self.name = f"{provider.provider}:{provider.model}"
        self.timeout = httpx.Timeout(timeout_s, connect=min(timeout_s, 10.0))  # read: longest silence allowed
        self.retries = max(0, retries)
        self.local = local

    def stream(self, context: ConversationContext) -> AnswerStream:
        return AnswerStream(self.events(context))

    async def events(self, context: ConversationContext) -> AsyncIterator[str | Answer]:
        ask, local_plan = await asyncio.to_thread(_understand, context)
        citations = CitationFilter(ask.by_id)
        exchange = Exchange(SYSTEM, user_message(ask, local_plan))
        try:
            async for piece in self._rounds(ask, exchange):
                released = citations.feed(piece)
                if released:
                    yield released
        except RemoteError as exc:
            async for event in self._recover(context, ask, citations, exc):
                yield event
            return
        tail = citations.flush()
        if tail:
            yield tail
        yield Answer(
            citations.text, citations.referenced, self.name, local_plan.kind,
            disliked_item_ids=list(local_plan.disliked), language=ask.u.lang,
        )  # fmt: skip

    async def _rounds(self, ask: Ask, exchange: Exchange) -> AsyncIterator[str]:
        """The model's text; its tool calls are answered locally and sent back, up to MAX_TOOL_ROUNDS times."""
        for round_number in range(MAX_TOOL_ROUNDS + 1):
            calls: list[ToolCall] = []
            async for piece in self._attempts(exchange):
                if isinstance(piece, ToolCall):
                    calls.append(piece)
                else:
                    yield piece
            if not calls or round_number == MAX_TOOL_ROUNDS:
                return
            results = await asyncio.to_thread(tools.call_all, ask, calls)
            exchange.rounds.append((calls, results))

    async def _recover(
        self, context: ConversationContext, ask: Ask, citations: CitationFilter, exc: RemoteError
    ) -> AsyncIterator[str | Answer]:
        streamed = citations.flush()
        if not (citations.text.strip()):
            logger.warning("assistant %s failed, answering locally: %s", self.name, exc)
            backend = f"local (fallback from {self.provider.provider})"
            async for event in self.local.events(context, backend=backend, ask=ask):
                yield event
            return
        logger.warning("assistant %s lost the stream mid-answer: %s", self.name, exc)
        note = ("" if citations.text[-1:].isspace() else " ") + INTERRUPTED_NOTE
        yield streamed + note
        text = citations.text + note
        yield Answer(text, citations.referenced, f"{self.name} (interrupted)", None, language=ask.u.lang)

    async def _attempts(self, exchange: Exchange) -> AsyncIterator[str | ToolCall]:
        """One model turn; retried only while nothing has been received, so no text is ever repeated."""
        for attempt in range(self.retries + 1):
            received = False
            try:
                async with httpx.AsyncClient(timeout=self.timeout) as client:
                    async for piece in self.provider.stream_text(client, exchange):
                        if piece:
                            received = True
                            yield piece
                if not received:
                    raise RemoteError("empty answer")
                return
            except httpx.HTTPError as exc:
                error = RemoteError(f"{type(exc).__name__}: {exc}")
                if received or attempt == self.retries:
                    raise error from exc
            except RemoteError as exc:
                if received or attempt == self.retries or not exc.retryable:
                    raise
            await asyncio.sleep(RETRY_BACKOFF_S * (attempt + 1))
