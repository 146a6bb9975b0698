"""Bearer tokens: generated once, stored as SHA-256, checked on every user-scoped route."""

import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import BackgroundTasks, Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import or_, select, update
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from app.core.db import SessionDep, storable_id, utcnow
from app.core.errors import Forbidden, NotFound, Unauthorized
from app.users.models import ApiToken, User

logger = logging.getLogger(__name__)

TOKEN_PREFIX = "sty_"  # noqa: S105 - a public prefix that makes leaked tokens easy to scan for

# Enough to spot unused tokens without a write on every read.
LAST_USED_RESOLUTION = timedelta(hours=1)

bearer_scheme = HTTPBearer(auto_error=False, description="The `api_token` returned when the user was created.")


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Credential:
    """Who a valid token belongs to, and which token it was (rotation revokes exactly that one)."""

    user: User
    token_id: int
    last_used_at: datetime | None


async def find_credential(session: AsyncSession, token: str) -> Credential | None:
    """The user and token row a bearer token names, in one read (a user deleted meanwhile is simply absent)."""
    token_hash = hash_token(token)
    found = (
        await session.execute(
            select(User, ApiToken.id, ApiToken.token_hash, ApiToken.last_used_at)
            .join(ApiToken, ApiToken.user_id == User.id)
            .where(ApiToken.token_hash == token_hash)
        )
    ).first()
    # The lookup is by hash already; compare_digest keeps the final check constant-time anyway.
    if found is None or not hmac.compare_digest(found.token_hash, token_hash):
        return None
    return Credential(user=found.User, token_id=found.id, last_used_at=found.last_used_at)


def token_use_is_stale(last_used_at: datetime | None, now: datetime) -> bool:
    return last_used_at is None or now - last_used_at > LAST_USED_RESOLUTION


async def record_token_use(engine: AsyncEngine, *, token_id: int, last_used_at: datetime | None) -> datetime | None:
    """Stamp `last_used_at`, at most once per LAST_USED_RESOLUTION, in its own short transaction.

    Never inside the request's transaction: a row lock on the token there, taken before the request's own
    writes, deadlocked against `DELETE /api/users/{id}` (which locks the user, then cascades to the token).
    Returns the time now on record, for callers that cache it.
    """
    now = utcnow()
    if not token_use_is_stale(last_used_at, now):
        return last_used_at
    stale = or_(ApiToken.last_used_at.is_(None), ApiToken.last_used_at < now - LAST_USED_RESOLUTION)
    try:
        async with engine.begin() as connection:
            await connection.execute(update(ApiToken).where(ApiToken.id == token_id, stale).values(last_used_at=now))
    except (OperationalError, InterfaceError, PoolTimeout, OSError) as exc:
        # Bookkeeping only: a busy or unreachable database must not fail the request this follows.
        logger.warning("could not record token use: %s", type(exc).__name__)
        return last_used_at
    return now


async def get_credential(
    request: Request,
    session: SessionDep,
    background: BackgroundTasks,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
) -> Credential:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("Send `Authorization: Bearer <api_token>`; the token is returned on user creation.")
    credential = await find_credential(session, credentials.credentials)
    if credential is None:
        raise Unauthorized("The API token is not valid (it may have been rotated or the user deleted).")
    if token_use_is_stale(credential.last_used_at, utcnow()):
        # After the response: the request's connection is back in the pool by then, so a burst of first
        # requests never holds two connections each.
        engine: AsyncEngine = request.app.state.db_engine
        background.add_task(
            record_token_use, engine, token_id=credential.token_id, last_used_at=credential.last_used_at
        )
    return credential


CurrentCredential = Annotated[Credential, Depends(get_credential)]


async def get_current_user(credential: CurrentCredential) -> User:
    return credential.user


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
