"""The default backend: no network, deterministic, answers in a few milliseconds.

understand (question kind, slots, references, language) -> plan (wardrobe query, outfit engine call, knowledge
lookup, or an honest "I can't see that") -> word (the language's phrase table).
"""

import asyncio
import re
from collections.abc import AsyncIterator
from dataclasses import replace

from app.assistant import languages
from app.assistant.base import Answer, AnswerStream, ConversationContext
from app.assistant.grounding import cited_ids
from app.assistant.local import kinds as k
from app.assistant.local.plan import Ask, Plan, plan, prepare
from app.assistant.local.plan_outfits import one_change_asked, situation_values
from app.assistant.local.word import lead, render

CHUNK = re.compile(r"[^.!?]+[.!?]*\s*")  # sentence by sentence, so a client renders as it arrives


def answer_plan(ask: Ask, result: Plan, *, backend: str = "local") -> Answer:
    lang = languages.get(ask.u.lang)
    text = render(result, lang, ask.u.question)
    return Answer(
        text=text,
        referenced_item_ids=cited_ids(text, ask.by_id),
        backend=backend,
        intent=result.kind,
        disliked_item_ids=list(result.disliked),
        language=lang.code,
    )


def answer_locally(context: ConversationContext, *, backend: str = "local", ask: Ask | None = None) -> Answer:
    ask = ask or prepare(context)
    return answer_plan(ask, plan(ask), backend=backend)


def opening(ask: Ask) -> str:
    """The lead of an outfit answer ("For 5 °C in the rain"), when the answer will start with it."""
    if ask.u.kind != k.OUTFIT or not ask.wardrobe or one_change_asked(ask):
        return ""  # "what would I change for dinner?" opens with its own "For dinner, ..."
    return lead(languages.get(ask.u.lang), situation_values(ask))


def chunks(text: str) -> list[str]:
    return CHUNK.findall(text) or [text]


class LocalAssistant:
    name = "local"

    def stream(self, context: ConversationContext) -> AnswerStream:
        return AnswerStream(self.events(context))

    async def events(
        self, context: ConversationContext, *, backend: str = "local", ask: Ask | None = None
    ) -> AsyncIterator[str | Answer]:
        ask = ask or prepare(context)
        early = opening(ask)
        if early:
            yield early  # the situation is known before the outfit search: the reader starts reading
        # The outfit search is CPU work; a thread keeps the event loop serving other requests meanwhile.
        answer = await asyncio.to_thread(answer_locally, context, backend=backend, ask=ask)
        if early and not answer.text.startswith(early):
            answer = replace(answer, text=f"{early}: {answer.text}")  # never contradict what was streamed
        for chunk in chunks(answer.text[len(early) :]):
            yield chunk
        yield answer
