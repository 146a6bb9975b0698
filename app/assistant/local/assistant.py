"""The default backend: no network, deterministic, answers in a few milliseconds."""

import asyncio
import re
from collections.abc import AsyncIterator

from app.assistant.base import Answer, AnswerStream, ConversationContext
from app.assistant.context import Grounding, build
from app.assistant.grounding import cited_ids
from app.assistant.local.compose import compose

CHUNK = re.compile(r"[^.!?]+[.!?]*\s*")  # sentence by sentence, so a client renders as it arrives


def answer_locally(
    context: ConversationContext, *, backend: str = "local", grounding: Grounding | None = None
) -> Answer:
    grounding = grounding or build(context)
    intent, text = compose(grounding)
    return Answer(text=text, referenced_item_ids=cited_ids(text, grounding.by_id), backend=backend, intent=intent)


def chunks(text: str) -> list[str]:
    return CHUNK.findall(text) or [text]


class LocalAssistant:
    name = "local"

    def stream(self, context: ConversationContext) -> AnswerStream:
        return AnswerStream(self.events(context))

    async def events(
        self, context: ConversationContext, *, backend: str = "local", grounding: Grounding | None = None
    ) -> AsyncIterator[str | Answer]:
        # The outfit search is CPU work; a thread keeps the event loop serving other requests meanwhile.
        answer = await asyncio.to_thread(answer_locally, context, backend=backend, grounding=grounding)
        for chunk in chunks(answer.text):
            yield chunk
        yield answer
