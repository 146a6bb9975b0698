from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

QUESTION_MAX = 2000


class Conversation(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    user_id: int
    question: str
    answer: str
    backend: str = Field(description="Which assistant answered: `local` or a configured remote model.")
    created_at: datetime
