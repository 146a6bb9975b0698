"""Bearer tokens: generated once, stored as SHA-256, checked on every user-scoped route."""

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.db import SessionDep, storable_id, utcnow
from app.core.errors import Forbidden, NotFound, Unauthorized
from app.users.models import ApiToken, User

TOKEN_PREFIX = "sty_"  # noqa: S105 - a public prefix that makes leaked tokens easy to scan for

LAST_USED_RESOLUTION = timedelta(hours=1)

bearer_scheme = HTTPBearer(auto_error=False, description="The `api_token` returned when the user was created.")


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def user_for_token(session: AsyncSession, token: str) -> User | None:
    """The user a bearer token belongs to, or None; records use at most hourly."""
    token_hash = hash_token(token)
    row = await session.scalar(select(ApiToken).where(ApiToken.token_hash == token_hash))
    # The lookup is by hash already; compare_digest keeps the final check constant-time anyway.
    if row is None or not hmac.compare_digest(row.token_hash, token_hash):
        return None
    now = utcnow()
    # Recorded hourly, not per request: enough to spot unused tokens without a write on every read.
    if row.last_used_at is None or now - row.last_used_at > LAST_USED_RESOLUTION:
        row.last_used_at = now
    return await session.get_one(User, row.user_id)


async def get_current_user(
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
) -> User:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("Send `Authorization: Bearer <api_token>`; the token is returned on user creation.")
    user = await user_for_token(session, credentials.credentials)
    if user is None:
        raise Unauthorized("The API token is not valid (it may have been rotated or the user deleted).")
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]


async def owned_user(session: AsyncSession, *, user_id: int, current: User) -> User:
    """The user named by `user_id`, provided the token belongs to them (404 unknown, 403 someone else)."""
    if user_id == current.id:
        return current
    if not storable_id(user_id) or await session.get(User, user_id) is None:
        raise NotFound(f"User {user_id} does not exist.")
    raise Forbidden(f"This token belongs to user {current.id}; it cannot access user {user_id}.")


async def get_owned_user(user_id: int, current: CurrentUser, session: SessionDep) -> User:
    return await owned_user(session, user_id=user_id, current=current)


OwnedUser = Annotated[User, Depends(get_owned_user)]
