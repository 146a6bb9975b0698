"""Users and their API tokens."""

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.db import lock_rows
from app.core.errors import Conflict, Unauthorized
from app.core.security import hash_token, new_token
from app.storage.base import Storage
from app.users.models import ApiToken, User, username_key
from app.wardrobe.service import discard_files, storage_keys_of, user_storage_prefix


async def create_user(session: AsyncSession, *, username: str, style_preferences: str | None) -> tuple[User, str]:
    """Create a user and their first token; returns the token in clear, the only time it exists."""
    taken = await session.scalar(select(User.id).where(User.username_key == username_key(username)))
    if taken is not None:
        raise Conflict(f"The username '{username}' is already taken; choose another one.")
    user = User(username=username, style_preferences=style_preferences)
    session.add(user)
    await session.flush()  # a concurrent request that won the race for the name: 409 from the one handler
    return user, await issue_token(session, user=user)


async def issue_token(session: AsyncSession, *, user: User) -> str:
    token = new_token()
    session.add(ApiToken(user_id=user.id, token_hash=hash_token(token)))
    await session.flush()
    return token


async def rotate_token(session: AsyncSession, *, user: User, token_id: int) -> str:
    """Revoke the asking token and every other, then issue one; of concurrent rotations exactly one wins."""
    await lock_rows(session, User, User.id == user.id)  # one order for every rotation: the user, then tokens
    revoked = await session.execute(delete(ApiToken).where(ApiToken.id == token_id))
    if getattr(revoked, "rowcount", 0) != 1:  # a concurrent rotation revoked it while this one waited
        raise Unauthorized("The API token was rotated by a concurrent request; use the token that request returned.")
    await session.execute(delete(ApiToken).where(ApiToken.user_id == user.id))
    return await issue_token(session, user=user)


async def update_preferences(session: AsyncSession, *, user: User, style_preferences: str | None) -> User:
    user.style_preferences = style_preferences
    await session.flush()
    return user


async def delete_user(session: AsyncSession, storage: Storage, *, user: User) -> None:
    """Rows first (the database cascades to tokens, conversations, images), then every file of the user."""
    keys = set(await storage_keys_of(session, user_id=user.id))
    await session.delete(user)
    await session.commit()
    # Listing the prefix too catches files of uploads that died half-way.
    keys.update(await storage.list_keys(user_storage_prefix(user.id)))
    await discard_files(storage, sorted(keys))
