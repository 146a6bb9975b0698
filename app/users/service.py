"""Users and their API tokens."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from app.core.db import lock_rows, utcnow
from app.core.errors import Unauthorized, error_for_integrity
from app.core.security import hash_token, new_token
from app.core.token_cache import TokenCache
from app.storage.base import Storage
from app.users.models import ApiToken, User, username_key
from app.wardrobe.service import discard_files, storage_keys_of, user_storage_prefix

USERS = User.metadata.tables[User.__tablename__]
API_TOKENS = ApiToken.metadata.tables[ApiToken.__tablename__]
# Built once, values bound per call: no statement construction or cache-key work per sign-up.
INSERT_USER = insert(USERS).returning(USERS.c.id)
INSERT_TOKEN = insert(API_TOKENS)


@dataclass(frozen=True)
class NewUser:
    id: int
    username: str
    style_preferences: str | None
    created_at: datetime


async def create_user(
    session: AsyncSession | AsyncConnection, *, username: str, style_preferences: str | None
) -> tuple[NewUser, str]:
    """Create a user and their first token; returns the token in clear, the only time it exists.

    Two plain INSERTs (the ORM's unit of work cost more than the rest of a sign-up), on a plain connection from
    the route or inside a caller's session (an import). The username's unique index decides a taken name:
    Conflict, through the one mapping of integrity errors, with no read before the write.
    """
    token, now = new_token(), utcnow()
    values = {"username": username, "username_key": username_key(username), "style_preferences": style_preferences}
    try:
        user_id = await session.scalar(INSERT_USER, {**values, "created_at": now})
    except IntegrityError as exc:
        conflict = error_for_integrity(exc)
        if conflict is None:
            raise
        raise conflict from exc
    assert user_id is not None  # RETURNING of a successful INSERT
    await session.execute(INSERT_TOKEN, {"user_id": user_id, "token_hash": hash_token(token), "created_at": now})
    return NewUser(id=user_id, username=username, style_preferences=style_preferences, created_at=now), token


async def issue_token(session: AsyncSession, *, user: User) -> str:
    token = new_token()
    session.add(ApiToken(user_id=user.id, token_hash=hash_token(token)))
    await session.flush()
    return token


async def rotate_token(session: AsyncSession, tokens: TokenCache, *, user: User, token_id: int) -> str:
    """Revoke the asking token and every other, then issue one; of concurrent rotations exactly one wins.

    Commits, then tells the token cache (and through it every replica) before the new token is answered.
    """
    await lock_rows(session, User, User.id == user.id)  # one order for every rotation: the user, then tokens
    old_hashes = await token_hashes(session, user_id=user.id)
    revoked = await session.execute(delete(ApiToken).where(ApiToken.id == token_id))
    if getattr(revoked, "rowcount", 0) != 1:  # a concurrent rotation revoked it while this one waited
        raise Unauthorized("The API token was rotated by a concurrent request; use the token that request returned.")
    await session.execute(delete(ApiToken).where(ApiToken.user_id == user.id))
    token = await issue_token(session, user=user)
    await session.commit()
    await tokens.revoke(old_hashes)
    return token


async def token_hashes(session: AsyncSession, *, user_id: int) -> list[str]:
    return list(await session.scalars(select(ApiToken.token_hash).where(ApiToken.user_id == user_id)))


async def update_preferences(session: AsyncSession, *, user: User, style_preferences: str | None) -> User:
    user.style_preferences = style_preferences
    await session.flush()
    return user


async def delete_user(session: AsyncSession, storage: Storage, tokens: TokenCache, *, user: User) -> None:
    """Rows first (the database cascades to tokens, conversations, images), then every file of the user."""
    keys = set(await storage_keys_of(session, user_id=user.id))
    revoked = await token_hashes(session, user_id=user.id)
    await session.delete(user)
    await session.commit()
    await tokens.revoke(revoked)  # before any slow file deletion: the tokens stop working everywhere now
    # Listing the prefix too catches files of uploads that died half-way.
    keys.update(await storage.list_keys(user_storage_prefix(user.id)))
    await discard_files(storage, sorted(keys))
