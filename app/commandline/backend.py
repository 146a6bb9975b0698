"""Two ways to reach a wardrobe: the local database and storage directly, or a running server over HTTP.

Both answer in the API's own JSON shapes (the pydantic schemas), so the commands print the same thing either way.
"""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Literal, Protocol

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from app.conversations import service as conversations
from app.conversations.schemas import Conversation
from app.core import migrations
from app.core.config import Settings
from app.core.db import create_engine, create_session_factory
from app.core.errors import AppError
from app.outfits import service as outfits
from app.outfits.schemas import ContextIn, outfit_list
from app.storage.base import Storage
from app.storage.factory import create_storage
from app.users import service as users
from app.users.models import User, username_key
from app.vision.analyze import ImageAnalyzer
from app.wardrobe import service as wardrobe
from app.wardrobe.cutouts import store_cutout
from app.wardrobe.models import WardrobeImage
from app.wardrobe.schemas import Image, NearDuplicate, UploadedImage

Outcome = Literal["created", "duplicate", "rejected"]


class CommandError(Exception):
    """A problem the person at the keyboard can fix; printed without a traceback."""


@dataclass(frozen=True)
class Account:
    id: int
    username: str
    new_token: str | None = None  # set only when this command created the user


@dataclass(frozen=True)
class AddResult:
    outcome: Outcome
    detail: str
    item: dict[str, Any] | None = None


@dataclass(frozen=True)
class Context:
    occasion: str | None = None
    temperature_c: float | None = None
    rain: bool = False


class Backend(Protocol):
    async def account(self, username: str | None, *, create: bool = False) -> Account: ...
    async def known_hashes(self, account: Account) -> set[str]: ...
    async def add_photo(self, account: Account, data: bytes, filename: str) -> AddResult: ...
    async def suggest(self, account: Account, context: Context, count: int) -> dict[str, Any]: ...
    async def ask(self, account: Account, question: str) -> dict[str, Any]: ...


def _rejected(error: AppError) -> AddResult:
    if error.status_code == 409:
        return AddResult("duplicate", error.detail)
    return AddResult("rejected", error.detail)


@dataclass
class LocalBackend:
    """The database and storage named by the STYLIST_* settings, as the server would use them."""

    settings: Settings
    factory: async_sessionmaker[AsyncSession]
    storage: Storage
    _analyzer: ImageAnalyzer | None = None

    @classmethod
    @asynccontextmanager
    async def open(cls, settings: Settings) -> AsyncIterator["LocalBackend"]:
        if settings.should_auto_migrate:  # as the server does at start-up (SQLite by default)
            await asyncio.to_thread(migrations.upgrade, settings.database_url)
        engine: AsyncEngine = create_engine(settings)
        try:
            yield cls(settings=settings, factory=create_session_factory(engine), storage=create_storage(settings))
        finally:
            await engine.dispose()

    def analyzer(self) -> ImageAnalyzer:
        from app.vision.factory import create_analyzer  # loads the model: only for the commands that analyse

        self._analyzer = self._analyzer or create_analyzer(self.settings)
        return self._analyzer

    async def _user(self, session: AsyncSession, account: Account) -> User:
        user = await session.get(User, account.id)
        if user is None:
            raise CommandError(f"user {account.username!r} no longer exists")
        return user

    async def account(self, username: str | None, *, create: bool = False) -> Account:
        if not username:
            raise CommandError("name the user with --user NAME")
        async with self.factory() as session, session.begin():
            # The same key sign-up uses, so NFKC forms and case variants name the same account.
            found = await session.scalar(select(User).where(User.username_key == username_key(username)))
            if found is not None:
                return Account(found.id, found.username)
            if not create:
                raise CommandError(f"no user named {username!r} here (create one with `stylist import ... --user`)")
            try:
                user, token = await users.create_user(session, username=username, style_preferences=None)
            except AppError as error:
                raise CommandError(error.detail) from error
            return Account(user.id, user.username, new_token=token)

    async def known_hashes(self, account: Account) -> set[str]:
        async with self.factory() as session:
            rows = await session.scalars(select(WardrobeImage.content_hash).where(WardrobeImage.user_id == account.id))
            return set(rows)

    async def add_photo(self, account: Account, data: bytes, filename: str) -> AddResult:
        analyzer = await asyncio.to_thread(self.analyzer)
        try:
            async with self.factory() as session:
                user = await self._user(session, account)
                async with wardrobe.adding_image(
                    session, self.storage, self.settings, analyzer, user_id=user.id, data=data, filename=filename
                ) as added:
                    similar = [NearDuplicate(id=i, similarity=s) for i, s in added.near_duplicates]
                    item = UploadedImage(**Image.from_row(added.row).model_dump(), near_duplicates=similar)
            if added.cutout is not None:  # the command waits for it: nothing runs after it returns
                await store_cutout(self.factory, self.storage, added.cutout)
        except AppError as error:
            return _rejected(error)
        return AddResult("created", "added", item.model_dump(mode="json"))

    async def suggest(self, account: Account, context: Context, count: int) -> dict[str, Any]:
        # Like a request's session (no `session.begin()` block): the service hands the connection back before
        # the engine runs (`release_connection`), which a begin() block forbids.
        async with self.factory() as session:
            user = await self._user(session, account)
            wanted = ContextIn(occasion=context.occasion, temperature_c=context.temperature_c, rain=context.rain)
            style = await outfits.style_context(session, user=user, context=wanted)
            result = await outfits.suggest(session, user=user, context=style, count=count)
            return outfit_list(user.id, result).model_dump(mode="json")

    async def ask(self, account: Account, question: str) -> dict[str, Any]:
        from app.main import build_assistant  # the same backend choice as the server

        async with self.factory() as session:  # as in `suggest`: no begin() block
            user = await self._user(session, account)
            conversation = await conversations.ask(
                session,
                build_assistant(self.settings),
                user=user,
                question=question,
                history_turns=self.settings.assistant_history_turns,
            )
            await session.commit()
            return Conversation.model_validate(conversation).model_dump(mode="json")


@dataclass
class RemoteBackend:
    """A running server (`--url`, `--token`): the same routes a browser or a generated client uses."""

    client: httpx.AsyncClient

    @classmethod
    @asynccontextmanager
    async def open(cls, url: str, token: str) -> AsyncIterator["RemoteBackend"]:
        headers = {"Authorization": f"Bearer {token}"}
        async with httpx.AsyncClient(base_url=url.rstrip("/"), headers=headers, timeout=120) as client:
            yield cls(client=client)

    async def _json(self, response: httpx.Response) -> Any:
        if response.is_success:
            return response.json()
        try:
            detail = response.json().get("detail", response.text)
        except ValueError:
            detail = response.text
        raise CommandError(f"{response.request.method} {response.request.url.path}: {response.status_code} {detail}")

    async def account(self, username: str | None, *, create: bool = False) -> Account:
        me = await self._json(await self.client.get("/api/users/me"))
        if username and username_key(username) != username_key(me["username"]):
            raise CommandError(f"the token belongs to {me['username']!r}, not {username!r}")
        return Account(me["id"], me["username"])

    async def known_hashes(self, account: Account) -> set[str]:
        hashes: set[str] = set()
        for offset in range(0, 10**6, 500):
            page = await self._json(
                await self.client.get(f"/api/images/{account.id}", params={"limit": 500, "offset": offset})
            )
            hashes.update(item["content_hash"] for item in page)
            if len(page) < 500:
                return hashes
        return hashes

    async def add_photo(self, account: Account, data: bytes, filename: str) -> AddResult:
        files = {"file": (filename, data, "application/octet-stream")}
        response = await self.client.post("/api/images/upload", params={"user_id": account.id}, files=files)
        if response.is_success:
            return AddResult("created", "added", response.json())
        try:
            detail = str(response.json().get("detail", response.text))
        except ValueError:
            detail = response.text
        if response.status_code in (401, 403) or response.status_code >= 500:
            raise CommandError(f"upload failed: {response.status_code} {detail}")
        return AddResult("duplicate" if response.status_code == 409 else "rejected", detail)

    async def suggest(self, account: Account, context: Context, count: int) -> dict[str, Any]:
        params: dict[str, Any] = {"user_id": account.id, "count": count, "rain": str(context.rain).lower()}
        if context.occasion:
            params["occasion"] = context.occasion
        if context.temperature_c is not None:
            params["temperature_c"] = context.temperature_c
        result: dict[str, Any] = await self._json(await self.client.get("/api/outfits/suggestions", params=params))
        return result

    async def ask(self, account: Account, question: str) -> dict[str, Any]:
        body = {"user_id": account.id, "question": question}
        result: dict[str, Any] = await self._json(await self.client.post("/api/conversations/", json=body))
        return result
