from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import SQLITE_NEVER_REUSE_IDS, Base, CreatedAtMixin
from app.wardrobe.tags import effective_tags


class WardrobeImage(CreatedAtMixin, Base):
    """One photographed clothing item; the original API calls these "images"."""

    __tablename__ = "wardrobe_images"
    # The same file twice in one wardrobe is a mistake (often a re-run bulk import), not a second item.
    __table_args__ = (
        UniqueConstraint("user_id", "content_hash", name="uq_wardrobe_images_user_hash"),
        SQLITE_NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    storage_key: Mapped[str] = mapped_column(String(255), unique=True)
    thumbnail_key: Mapped[str] = mapped_column(String(255), unique=True)
    # The garment cut out by the learned mask (transparent WebP); None for rows analysed before it existed.
    cutout_key: Mapped[str | None] = mapped_column(String(255), default=None)
    content_hash: Mapped[str] = mapped_column(String(64))
    original_filename: Mapped[str | None] = mapped_column(String(255))
    source_format: Mapped[str] = mapped_column(String(16))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    size_bytes: Mapped[int] = mapped_column(Integer)
    tags: Mapped[dict[str, Any]] = mapped_column(JSON)  # what the model saw
    # What the user said instead; kept apart so a re-analysis with a newer model never overwrites it.
    corrections: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The model's image embedding (float16), for near-duplicates and outfit scoring; never sent to clients.
    embedding: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)

    @property
    def effective_tags(self) -> dict[str, Any]:
        """The model's tags with the corrections applied and every field derived from them recomputed."""
        return effective_tags(self.tags, self.corrections or {})
