from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.core.errors import ErrorCode
from app.core.text import InputText

QUESTION_MAX = 2000


def _clean_question(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("question must not be blank")
    return value


class QuestionMessage(BaseModel):
    """A question whose user the token already names: a WebSocket message (and the original route's JSON form)."""

    model_config = ConfigDict(extra="forbid")

    user_id: int | None = Field(default=None, description="Optional; when sent it must be the token's user.")
    question: InputText = Field(min_length=1, max_length=QUESTION_MAX, examples=["What goes with my navy blazer?"])

    _question = field_validator("question")(_clean_question)


class AskRequest(QuestionMessage):
    """A question as a JSON body."""

    user_id: int = Field(description="The user asking; the token must belong to them.")


class Conversation(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    user_id: int
    question: str
    answer: str
    backend: str = Field(description="Who answered: `local`, `openai:<model>`, `gemini:<model>`, or a fallback.")
    intent: str | None = Field(default=None, description="What the question was understood to ask.")
    referenced_item_ids: list[int] = Field(default_factory=list, description="Wardrobe items the answer names.")
    created_at: datetime


def conversation_json(row: Any) -> dict[str, Any]:
    """A `Conversation` as plain data from a row, for list responses."""
    return {
        "id": row.id,
        "user_id": row.user_id,
        "question": row.question,
        "answer": row.answer,
        "backend": row.backend,
        "intent": row.intent,
        "referenced_item_ids": row.referenced_item_ids or [],
        "created_at": row.created_at,
    }


class DeletedCount(BaseModel):
    deleted: int


class StreamChunk(BaseModel):
    """The data of an SSE `chunk` event: the next piece of the answer's text."""

    text: str


class SocketChunk(BaseModel):
    """WebSocket message: the next piece of the answer's text."""

    type: Literal["chunk"] = "chunk"
    text: str


class SocketDone(BaseModel):
    """WebSocket message: the answer is complete and stored."""

    type: Literal["done"] = "done"
    conversation: Conversation


class SocketError(BaseModel):
    """WebSocket message: the last message was refused (the socket stays open) or the answer failed."""

    type: Literal["error"] = "error"
    error: ErrorCode
    detail: str
    retry_after_s: int | None = Field(default=None, description="With `rate_limited`: seconds to wait.")


# Not the body of any operation, but published in the OpenAPI document: the stream's and the socket's messages.
MESSAGE_MODELS: tuple[type[BaseModel], ...] = (StreamChunk, QuestionMessage, SocketChunk, SocketDone, SocketError)
