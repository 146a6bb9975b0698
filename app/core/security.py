"""Bearer tokens: generated once, stored as SHA-256, checked on every user-scoped route."""

import hashlib
import hmac
import logging
import secrets
from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import BackgroundTasks, Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import bindparam, or_, select, update
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from app.core.db import SessionDep, read_rows, storable_id, utcnow
from app.core.errors import Forbidden, NotFound, Unauthorized
from app.core.token_cache import Credential, TokenCache
from app.users.models import ApiToken, User

logger = logging.getLogger(__name__)

TOKEN_PREFIX = "sty_"  # noqa: S105 - a public prefix that makes leaked tokens easy to scan for

# Enough to spot unused tokens without a write on every read: at most one write per token per 5 minutes.
LAST_USED_RESOLUTION = timedelta(minutes=5)


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# Prebuilt: a lookup on every request whose token is not cached (every request on PostgreSQL without Redis).
CREDENTIAL_BY_HASH = select(ApiToken.user_id, ApiToken.id, ApiToken.token_hash, ApiToken.last_used_at).where(
    ApiToken.token_hash == bindparam("token_hash")
)


async def find_credential(session: AsyncSession, token: str) -> Credential | None:
    """The token row a bearer token names, in one indexed read inside the session's transaction."""
    token_hash = hash_token(token)
    return _credential((await session.execute(CREDENTIAL_BY_HASH, {"token_hash": token_hash})).first(), token_hash)


async def look_up_credential(engine: AsyncEngine, token_hash: str) -> Credential | None:
    """The same read on a plain connection, outside any transaction: one round trip to the database."""
    rows = await read_rows(engine, CREDENTIAL_BY_HASH, token_hash=token_hash)
    return _credential(rows[0] if rows else None, token_hash)


def _credential(found: Any, token_hash: str) -> Credential | None:
    # The lookup is by hash already; compare_digest keeps the final check constant-time anyway.
    # (A token of a deleted user is gone with it.)
    if found is None or not hmac.compare_digest(found.token_hash, token_hash):
        return None
    return Credential(user_id=found.user_id, token_id=found.id, last_used_at=found.last_used_at)


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


async def get_token_cache(request: Request) -> TokenCache:
    cache: TokenCache = request.app.state.token_cache
    return cache


TokenCacheDep = Annotated[TokenCache, Depends(get_token_cache)]


async def verified_credential(request: Request, token: str) -> Credential | None:
    """The token's credential from the cache of recently verified tokens, else from the database (and cached).

    The database read is a plain one (no session, no transaction), so a request whose token is cached opens
    no connection for it and one whose token is not sends one statement.
    """
    cache: TokenCache = request.app.state.token_cache
    token_hash = hash_token(token)
    credential = await cache.get(token_hash)
    if credential is not None:
        return credential
    epoch = cache.epoch()
    credential = await look_up_credential(request.app.state.db_engine, token_hash)
    if credential is not None:
        cache.put(token_hash, credential, epoch=epoch)
    return credential


async def authenticate(
    request: Request, background: BackgroundTasks, credentials: HTTPAuthorizationCredentials | None
) -> Credential:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("Send `Authorization: Bearer <api_token>`; the token is returned on user creation.")
    credential = await verified_credential(request, credentials.credentials)
    if credential is None:
        raise Unauthorized(REVOKED)
    cache: TokenCache = request.app.state.token_cache
    resolution_s = LAST_USED_RESOLUTION.total_seconds()
    if token_use_is_stale(credential.last_used_at, utcnow()) and cache.claim_use(
        credential.token_id, every_s=resolution_s
    ):
        # After the response, in its own transaction: the request's connection is back in the pool by then, so
        # a burst of first requests never holds two connections each, and one write per process, not per request.
        engine: AsyncEngine = request.app.state.db_engine
        background.add_task(
            record_token_use, engine, token_id=credential.token_id, last_used_at=credential.last_used_at
        )
    return credential


REVOKED = "The API token is not valid (it may have been rotated or the user deleted)."


class BearerCredential(HTTPBearer):
    """The bearer scheme resolved straight to a Credential: one dependency per request instead of two (FastAPI
    spends more solving a dependency than this one costs), and the same `HTTPBearer` scheme in OpenAPI."""

    async def __call__(self, request: Request, background: BackgroundTasks) -> Credential:  # type: ignore[override]
        return await authenticate(request, background, await super().__call__(request))


get_credential = BearerCredential(
    auto_error=False, scheme_name="HTTPBearer", description="The `api_token` returned when the user was created."
)
CurrentCredential = Annotated[Credential, Depends(get_credential)]


async def get_current_user(credential: CurrentCredential, session: SessionDep) -> User:
    user = await session.get(User, credential.user_id)
    if user is None:  # deleted by another process within its cache's lifetime (no Redis to tell this one)
        raise Unauthorized(REVOKED)
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]


async def check_owner(session: AsyncSession, *, user_id: int, owner_id: int) -> None:
    """`user_id` must be the token's user: 404 when no such user exists, 403 when it is someone else."""
    if user_id == owner_id:
        return
    if not storable_id(user_id) or await session.get(User, user_id) is None:
        raise NotFound(f"User {user_id} does not exist.")
    raise Forbidden(f"This token belongs to user {owner_id}; it cannot access user {user_id}.")


async def owned_user(session: AsyncSession, *, user_id: int, current: User) -> User:
    """The user named by `user_id`, provided the token belongs to them (404 unknown, 403 someone else)."""
    await check_owner(session, user_id=user_id, owner_id=current.id)
    return current


async def get_owned_user(user_id: int, current: CurrentUser, session: SessionDep) -> User:
    return await owned_user(session, user_id=user_id, current=current)


OwnedUser = Annotated[User, Depends(get_owned_user)]


async def get_owned_user_id(user_id: int, credential: CurrentCredential, request: Request) -> int:
    """The path's `user_id` once the token is theirs, without loading the user (reads that need only the id)."""
    if user_id != credential.user_id:  # refused either way; a session only to say 404 or 403
        factory: async_sessionmaker[AsyncSession] = request.app.state.session_factory
        async with factory() as session:
            await check_owner(session, user_id=user_id, owner_id=credential.user_id)
    return user_id


OwnedUserId = Annotated[int, Depends(get_owned_user_id)]
