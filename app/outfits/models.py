from datetime import date

from sqlalchemy import JSON, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base, CreatedAtMixin


class OutfitFeedback(CreatedAtMixin, Base):
    """A like, a dislike or "I wore this" about a set of the user's items; it steers the next ranking."""

    __tablename__ = "outfit_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    item_ids: Mapped[list[int]] = mapped_column(JSON)  # sorted; items may be deleted later, feedback stays
    signal: Mapped[str] = mapped_column(String(16))  # like | dislike | wore
    occasion: Mapped[str | None] = mapped_column(String(40))


class WearLogEntry(CreatedAtMixin, Base):
    """One item worn on one day; recently worn items are rotated out of suggestions."""

    __tablename__ = "wear_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("wardrobe_images.id", ondelete="CASCADE"), index=True)
    worn_on: Mapped[date] = mapped_column(Date)
    feedback_id: Mapped[int | None] = mapped_column(ForeignKey("outfit_feedback.id", ondelete="SET NULL"))
