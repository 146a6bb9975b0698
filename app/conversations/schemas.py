from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.core.text import InputText

QUESTION_MAX = 2000


def _clean_question(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("question must not be blank")
    return value


class AskRequest(BaseModel):
    """The JSON form of a question (the original query-parameter form keeps working)."""

    model_config = ConfigDict(extra="forbid")

    user_id: int | None = Field(default=None, description="May be given here instead of the query string.")
    question: InputText = Field(min_length=1, max_length=QUESTION_MAX, examples=["What goes with my navy blazer?"])

    _question = field_validator("question")(_clean_question)


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


class DeletedCount(BaseModel):
    deleted: int
