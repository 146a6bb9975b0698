import unicodedata
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.core.text import InputText

USERNAME_RULES = "1-64 characters, letters, digits, spaces and . _ - @ +"


def _clean_username(value: str) -> str:
    value = unicodedata.normalize("NFKC", value).strip()  # compatibility forms (full-width, ligatures) read plain
    if not value or len(value) > 64 or any(not (ch.isalnum() or ch in " ._-@+") for ch in value):
        raise ValueError(f"username must be {USERNAME_RULES}")
    return value


class UserCreate(BaseModel):
    username: InputText = Field(examples=["ana"], description=f"Unique, case-insensitive; {USERNAME_RULES}.")
    style_preferences: InputText | None = Field(
        default=None, max_length=2000, examples=["minimal, navy and camel, no neon, love loafers"]
    )

    _username = field_validator("username")(_clean_username)


class UserUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    style_preferences: InputText | None = Field(default=None, max_length=2000)


class User(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    username: str
    style_preferences: str | None
    created_at: datetime


def user_json(user: Any) -> dict[str, Any]:
    """A `User` as plain data (what `User.model_validate(user).model_dump()` gives), for the sign-up response."""
    return {
        "id": user.id,
        "username": user.username,
        "style_preferences": user.style_preferences,
        "created_at": user.created_at,
    }


class UserWithToken(User):
    api_token: str = Field(description="Shown once. Send it as `Authorization: Bearer <api_token>`.")


class TokenRotated(BaseModel):
    api_token: str = Field(description="The new token; every earlier token of this user stops working.")
