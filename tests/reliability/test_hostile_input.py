"""Hostile text and paging values are refused with 422 on every route, in one place (issue 11, items 6 and 7).

The structural tests walk every route's declared inputs, so a new route or field that forgets the shared types
fails here; the behavioural ones run on SQLite and PostgreSQL (where NUL used to reach the database and give 500).
"""

from collections.abc import Iterator
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

import httpx
import pytest
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from pydantic import BaseModel

from app.core.config import Settings
from app.core.dependencies import MAX_OFFSET
from app.main import create_app
from tests.factories import create_user, jpeg, upload

NUL_TEXT = "navy\x00blazer"


def _api_routes(routes: list[Any]) -> Iterator[APIRoute]:
    """Every APIRoute, also inside included routers (FastAPI keeps those nested)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif (included := getattr(route, "original_router", None)) is not None:
            yield from _api_routes(included.routes)


def _dependants(root: Dependant) -> Iterator[Dependant]:
    stack = [root]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(current.dependencies)


def _leaves(annotation: Any) -> Iterator[Any]:
    """The plain types inside Optional/Union/Annotated."""
    origin = get_origin(annotation)
    if origin in (Union, UnionType):
        for arg in get_args(annotation):
            yield from _leaves(arg)
    elif origin is Annotated:
        yield from _leaves(get_args(annotation)[0])
    else:
        yield annotation


def _model_of(annotation: Any) -> type[BaseModel] | None:
    return next((t for t in _leaves(annotation) if isinstance(t, type) and issubclass(t, BaseModel)), None)


def _is_text(annotation: Any, metadata: list[Any]) -> bool:
    """Free text: a closed vocabulary (Literal, app.core.vocabulary) refuses any text outside its words anyway."""
    closed = any(word in f"{annotation} {metadata}" for word in ("Literal", "Vocabulary("))
    return str in set(_leaves(annotation)) and not closed


def _text_inputs(app: FastAPI) -> Iterator[tuple[str, Any, Any]]:
    """(where, ModelField, value carrying NUL) for every text a client can send: query strings and JSON fields."""
    for route in _api_routes(app.routes):
        for dependant in _dependants(route.dependant):
            for field in [*dependant.query_params, *dependant.body_params]:
                where = f"{sorted(route.methods or ())} {route.path} {field.name}"
                model = _model_of(field.field_info.annotation)
                if model is None:
                    if _is_text(field.field_info.annotation, field.field_info.metadata):
                        yield where, field, NUL_TEXT
                    continue
                for name, info in model.model_fields.items():
                    if _is_text(info.annotation, info.metadata):
                        yield f"{where}.{name}", field, {name: NUL_TEXT}


def test_every_text_input_refuses_nul(app: FastAPI) -> None:
    checked = []
    for where, field, value in _text_inputs(app):
        _, errors = field.validate(value, {}, loc=("input",))
        assert any("NUL" in str(error.get("msg")) for error in errors), f"{where} accepts NUL: {errors}"
        checked.append(where)
    # The question (both forms), username, preferences, occasion and every tag correction are among them.
    assert len(checked) >= 10, checked


def test_every_offset_is_bounded(app: FastAPI) -> None:
    bounded = []
    for route in _api_routes(app.routes):
        for dependant in _dependants(route.dependant):
            for field in dependant.query_params:
                if field.name == "offset":
                    _, errors = field.validate(MAX_OFFSET + 1, {}, loc=("query", "offset"))
                    assert errors, f"{route.path} accepts offset {MAX_OFFSET + 1}"
                    assert not field.validate(MAX_OFFSET, {}, loc=("query", "offset"))[1]
                    bounded.append(route.path)
    assert len(bounded) >= 3, bounded  # images, conversations, wear log


def _nul_refused(response: httpx.Response) -> None:
    assert response.status_code == 422, response.text
    assert "NUL" in response.json()["detail"], response.json()


async def test_nul_in_stored_text_is_422_and_nothing_is_stored(client: httpx.AsyncClient) -> None:
    _nul_refused(await client.post("/api/users/", json={"username": "ana\x00"}))
    _nul_refused(await client.post("/api/users/", json={"username": "bo", "style_preferences": NUL_TEXT}))
    ana = await create_user(client, "ana")
    _nul_refused(await client.patch(f"/api/users/{ana.id}", json={"style_preferences": NUL_TEXT}, headers=ana.headers))
    asks = [
        {"params": {"user_id": ana.id, "question": NUL_TEXT}},
        {"json": {"user_id": ana.id, "question": NUL_TEXT}},
    ]
    for ask in asks:
        _nul_refused(await client.post("/api/conversations/", headers=ana.headers, **ask))  # type: ignore[arg-type]
    image = (await upload(client, ana, jpeg())).json()
    feedback = {"item_ids": [image["id"]], "signal": "wore", "occasion": NUL_TEXT}
    _nul_refused(await client.post(f"/api/outfits/feedback?user_id={ana.id}", json=feedback, headers=ana.headers))
    suggestions = await client.get(
        "/api/outfits/suggestions", params={"user_id": ana.id, "occasion": NUL_TEXT}, headers=ana.headers
    )
    _nul_refused(suggestions)
    patch = await client.patch(f"/api/images/{ana.id}/{image['id']}", json={"type": NUL_TEXT}, headers=ana.headers)
    _nul_refused(patch)

    me = (await client.get("/api/users/me", headers=ana.headers)).json()
    assert me["style_preferences"] is None
    assert (await client.get(f"/api/conversations/{ana.id}", headers=ana.headers)).json() == []
    assert (await client.get(f"/api/outfits/wear-log?user_id={ana.id}", headers=ana.headers)).json() == []
    item = (await client.get(f"/api/images/{ana.id}/{image['id']}", headers=ana.headers)).json()
    assert item["corrections"] == {}


@pytest.mark.parametrize("offset", [str(MAX_OFFSET + 1), "9223372036854775808", "-1"])
async def test_offset_past_the_bound_is_422_on_every_list(client: httpx.AsyncClient, offset: str) -> None:
    ana = await create_user(client)
    lists = (f"/api/images/{ana.id}", f"/api/conversations/{ana.id}", "/api/outfits/wear-log")
    for path in lists:
        response = await client.get(path, params={"user_id": ana.id, "offset": offset}, headers=ana.headers)
        assert response.status_code == 422, (path, response.text)
        assert response.json()["fields"][0]["loc"] == ["query", "offset"]
    last = await client.get(f"/api/images/{ana.id}", params={"offset": MAX_OFFSET}, headers=ana.headers)
    assert last.status_code == 200 and last.json() == []


def test_nul_in_a_websocket_question_is_an_error_message(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        created = client.post("/api/users/", json={"username": "ws-nul"}).json()
        headers = {"Authorization": f"Bearer {created['api_token']}"}
        with client.websocket_connect("/api/conversations/ws", headers=headers) as socket:
            socket.send_json({"question": NUL_TEXT})
            error = socket.receive_json()
            assert error["type"] == "error" and "NUL" in error["detail"]
        assert client.get(f"/api/conversations/{created['id']}", headers=headers).json() == []
