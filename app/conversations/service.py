import asyncio
import time

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app import assistant
from app.conversations.models import Conversation
from app.core.observability import ASSISTANT_LATENCY
from app.users.models import User
from app.wardrobe.service import wardrobe_items


async def ask(session: AsyncSession, *, user: User, question: str) -> Conversation:
    items = await wardrobe_items(session, user_id=user.id)
    started = time.perf_counter()
    reply = await asyncio.to_thread(
        assistant.answer, question, style_preferences=user.style_preferences, wardrobe=items
    )
    ASSISTANT_LATENCY.labels(reply.backend).observe(time.perf_counter() - started)
    conversation = Conversation(user_id=user.id, question=question, answer=reply.text, backend=reply.backend)
    session.add(conversation)
    await session.flush()
    return conversation


async def list_conversations(session: AsyncSession, *, user_id: int, limit: int, offset: int) -> list[Conversation]:
    query = (
        select(Conversation)
        .where(Conversation.user_id == user_id)
        .order_by(Conversation.created_at.desc(), Conversation.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return list(await session.scalars(query))
