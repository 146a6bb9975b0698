from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base, CreatedAtMixin


class Conversation(CreatedAtMixin, Base):
    """One question and the answer it got."""

    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    backend: Mapped[str] = mapped_column(String(64), default="local")  # who answered: local, openai:<model>, ...
    intent: Mapped[str | None] = mapped_column(String(40))
    referenced_item_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
