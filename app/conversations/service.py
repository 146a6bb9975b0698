"""Questions in, grounded answers out: the context is built here once, any assistant backend answers it."""

import time
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from app.assistant import Answer, Assistant, ConversationContext, Turn
from app.conversations.models import Conversation
from app.core.db import read_rows, release_connection, storable_id, user_page
from app.core.errors import NotFound
from app.core.observability import ASSISTANT_LATENCY
from app.outfits.models import OutfitFeedback
from app.outfits.service import feedback_stats, worn_days_ago
from app.users.models import User
from app.wardrobe.service import wardrobe_items

MAX_FEEDBACK_ITEMS = 8  # the most items one feedback row holds through the API


async def recent_turns(session: AsyncSession, *, user_id: int, count: int) -> tuple[Turn, ...]:
    if count == 0:
        return ()
    rows = await session.scalars(
        select(Conversation)
        .where(Conversation.user_id == user_id)
        .order_by(Conversation.created_at.desc(), Conversation.id.desc())
        .limit(count)
    )
    return tuple(
        Turn(question=row.question, answer=row.answer, referenced_item_ids=tuple(row.referenced_item_ids or ()))
        for row in reversed(list(rows))
    )


async def build_context(session: AsyncSession, *, user: User, question: str, history_turns: int) -> ConversationContext:
    """Everything any backend may use, read from the database once per question."""
    return ConversationContext(
        question=question,
        style_preferences=user.style_preferences,
        recent_turns=await recent_turns(session, user_id=user.id, count=history_turns),
        wardrobe=tuple(await wardrobe_items(session, user_id=user.id, with_embedding=True)),
        feedback=await feedback_stats(session, user_id=user.id),
        worn_days_ago=await worn_days_ago(session, user_id=user.id, today=datetime.now(UTC).date()),
    )


async def stream_answer(assistant: Assistant, context: ConversationContext) -> AsyncIterator[str | Answer]:
    """Text chunks as they come, then the final Answer."""
    started = time.perf_counter()
    stream = assistant.stream(context)
    async for chunk in stream:
        yield chunk
    answer = stream.answer
    if answer is None or not answer.text.strip():
        raise RuntimeError("the assistant finished without an answer")  # never store an empty success
    ASSISTANT_LATENCY.labels(answer.backend.split(" ")[0]).observe(time.perf_counter() - started)
    yield answer


async def save(session: AsyncSession, *, user_id: int, question: str, answer: Answer) -> Conversation:
    conversation = Conversation(
        user_id=user_id,
        question=question,
        answer=answer.text,
        backend=answer.backend,
        intent=answer.intent,
        referenced_item_ids=answer.referenced_item_ids,
    )
    session.add(conversation)
    if answer.disliked_item_ids:
        # "I didn't like that" said in chat is outfit feedback, exactly as if the client had sent it.
        ids = sorted(set(answer.disliked_item_ids))[:MAX_FEEDBACK_ITEMS]
        session.add(OutfitFeedback(user_id=user_id, item_ids=ids, signal="dislike", occasion=None))
    await session.flush()
    return conversation


async def save_in_new_session(
    factory: async_sessionmaker[AsyncSession], *, user_id: int, question: str, answer: Answer
) -> Conversation:
    """For streamed answers, which finish after the request's own session has closed."""
    async with factory() as session, session.begin():
        return await save(session, user_id=user_id, question=question, answer=answer)


async def answer_and_save(
    assistant: Assistant, context: ConversationContext, factory: async_sessionmaker[AsyncSession], *, user_id: int
) -> AsyncIterator[str | Conversation]:
    """Text chunks as they come, then the stored Conversation (for the streaming transports)."""
    async for part in stream_answer(assistant, context):
        if isinstance(part, Answer):
            yield await save_in_new_session(factory, user_id=user_id, question=context.question, answer=part)
        else:
            yield part


async def ask(
    session: AsyncSession, assistant: Assistant, *, user: User, question: str, history_turns: int
) -> Conversation:
    context = await build_context(session, user=user, question=question, history_turns=history_turns)
    await release_connection(session)  # a remote model may take seconds
    answer = None
    async for part in stream_answer(assistant, context):
        if isinstance(part, Answer):
            answer = part
    assert answer is not None  # stream_answer always ends with one
    return await save(session, user_id=user.id, question=question, answer=answer)


LISTED_COLUMNS = (
    Conversation.id,
    Conversation.user_id,
    Conversation.question,
    Conversation.answer,
    Conversation.backend,
    Conversation.intent,
    Conversation.referenced_item_ids,
    Conversation.created_at,
)


LIST_QUERY = user_page(Conversation, *LISTED_COLUMNS)


async def list_conversations(engine: AsyncEngine, *, user_id: int, limit: int, offset: int) -> Sequence[Any]:
    """Newest first, as rows of LISTED_COLUMNS, read on a plain connection (a list needs no ORM session)."""
    return await read_rows(engine, LIST_QUERY, user_id=user_id, limit=limit, offset=offset)


async def delete_one(session: AsyncSession, *, user_id: int, conversation_id: int) -> None:
    conversation = await session.get(Conversation, conversation_id) if storable_id(conversation_id) else None
    if conversation is None or conversation.user_id != user_id:
        raise NotFound(f"User {user_id} has no conversation {conversation_id}.")
    await session.delete(conversation)
    await session.flush()


async def delete_all(session: AsyncSession, *, user_id: int) -> int:
    count = await session.scalar(select(func.count()).where(Conversation.user_id == user_id))
    await session.execute(delete(Conversation).where(Conversation.user_id == user_id))
    return int(count or 0)
