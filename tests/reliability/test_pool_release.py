"""The slow part of a request runs with no database connection checked out: an upload's image analysis, the
outfit engine, the assistant (a remote model may take seconds). Under load these queue for the CPU, and
connections idling in a transaction meanwhile starved the pool: other requests answered 503 after its timeout."""

from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from PIL import Image

from app import styling
from tests.factories import create_user, jpeg, upload


def checked_out(app: FastAPI) -> int:
    count: int = app.state.db_engine.pool.checkedout()
    return count


class PoolWatchingAnalyzer:
    """The shipped analyser, noting how many of the pool's connections are checked out while it works."""

    def __init__(self, inner: Any, app: FastAPI) -> None:
        self.inner, self.app = inner, app
        self.seen: list[int] = []

    def analyze(self, image: Image.Image) -> Any:
        self.seen.append(checked_out(self.app))
        return self.inner.analyze(image)

    def cutout(self, image: Image.Image, *, category: str | None = None) -> bytes | None:
        result: bytes | None = self.inner.cutout(image, category=category)
        return result


class PoolWatchingAssistant:
    """The configured assistant, noting the same when it starts an answer."""

    def __init__(self, inner: Any, app: FastAPI) -> None:
        self.inner, self.app = inner, app
        self.seen: list[int] = []

    def stream(self, context: Any) -> Any:
        self.seen.append(checked_out(self.app))
        return self.inner.stream(context)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


async def test_an_upload_holds_no_connection_while_its_photo_is_analysed(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    ana = await create_user(client, "pool-upload")
    watcher = app.state.analyzer = PoolWatchingAnalyzer(app.state.analyzer, app)

    response = await upload(client, ana, jpeg())

    assert response.status_code == 200, response.text
    assert watcher.seen == [0]


async def test_a_question_holds_no_connection_while_it_is_answered(app: FastAPI, client: httpx.AsyncClient) -> None:
    ana = await create_user(client, "pool-ask")
    watcher = app.state.assistant = PoolWatchingAssistant(app.state.assistant, app)

    response = await client.post(
        "/api/conversations/", params={"user_id": ana.id, "question": "what goes with navy?"}, headers=ana.headers
    )

    assert response.status_code == 200, response.text
    assert watcher.seen == [0]


async def test_suggestions_hold_no_connection_while_the_engine_runs(
    app: FastAPI, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    ana = await create_user(client, "pool-outfits")
    for n, colour in enumerate([(31, 42, 68), (240, 240, 236), (20, 20, 20)]):
        assert (await upload(client, ana, jpeg(colour), filename=f"{n}.jpg")).status_code == 200
    seen: list[int] = []
    engine = styling.suggest

    def watching(*args: Any, **kwargs: Any) -> Any:
        seen.append(checked_out(app))
        return engine(*args, **kwargs)

    monkeypatch.setattr(styling, "suggest", watching)  # the outfit service calls it as styling.suggest

    response = await client.get("/api/outfits/suggestions", params={"user_id": ana.id}, headers=ana.headers)

    assert response.status_code == 200, response.text
    assert seen == [0]
