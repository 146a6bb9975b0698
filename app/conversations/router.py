from typing import Annotated

from fastapi import APIRouter, Query

from app.conversations import service
from app.conversations.schemas import QUESTION_MAX, Conversation
from app.core.db import SessionDep
from app.core.dependencies import PageDep
from app.core.errors import AUTH_ERRORS, responses
from app.core.security import OwnedUser

router = APIRouter(prefix="/api/conversations", tags=["conversations"])


@router.post("/", response_model=Conversation, responses=responses(*AUTH_ERRORS))
async def add_conversation(
    user: OwnedUser,
    session: SessionDep,
    question: Annotated[str, Query(min_length=1, max_length=QUESTION_MAX, pattern=r"\S")],
) -> Conversation:
    """Answers a fashion question from the user's wardrobe and preferences, and stores the exchange."""
    conversation = await service.ask(session, user=user, question=question.strip())
    return Conversation.model_validate(conversation)


@router.get("/{user_id}", response_model=list[Conversation], responses=responses(*AUTH_ERRORS))
async def list_conversations(user: OwnedUser, session: SessionDep, page: PageDep) -> list[Conversation]:
    """The user's conversations, newest first."""
    rows = await service.list_conversations(session, user_id=user.id, limit=page.limit, offset=page.offset)
    return [Conversation.model_validate(row) for row in rows]
