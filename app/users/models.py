import unicodedata
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from app.core.db import Base, CreatedAtMixin, UTCDateTime


class User(CreatedAtMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    # What makes two names the same name (see username_key); set with the username, unique in the database.
    username_key: Mapped[str] = mapped_column(String(255))
    style_preferences: Mapped[str | None] = mapped_column(Text)

    tokens: Mapped[list["ApiToken"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )

    @validates("username")
    def _set_key(self, _: str, username: str) -> str:
        self.username_key = username_key(username)
        return username


def username_key(username: str) -> str:
    """NFKC + casefold: "Ana", "ANA" and the full-width "ａｎａ" are the same name to a human."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", username).casefold())


Index("uq_users_username_key", User.username_key, unique=True)


class ApiToken(CreatedAtMixin, Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # Only a SHA-256 of the token is kept: a leaked database does not leak credentials.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(back_populates="tokens")
