import json
from typing import Any

import httpx
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.main import create_app
from tests.factories import Account, create_user, jpeg, upload


async def ask(client: httpx.AsyncClient, account: Account, question: str) -> httpx.Response:
    return await client.post(
        "/api/conversations/", params={"user_id": account.id, "question": question}, headers=account.headers
    )


async def test_history_is_newest_first_and_paginated(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    ids = [(await ask(client, ana, f"What to wear for a date, take {n}?")).json()["id"] for n in range(4)]
    history = await client.get(f"/api/conversations/{ana.id}", params={"limit": 2}, headers=ana.headers)
    assert [c["id"] for c in history.json()] == [ids[3], ids[2]]
    rest = await client.get(f"/api/conversations/{ana.id}", params={"offset": 2}, headers=ana.headers)
    assert [c["id"] for c in rest.json()] == [ids[1], ids[0]]


async def test_answers_are_never_empty_and_record_the_backend(client: httpx.AsyncClient) -> None:
    ana = await create_user(client, style_preferences="earthy tones")
    for question in ["?", "what about a wedding", "olive or navy?"]:
        body = (await ask(client, ana, question)).json()
        assert body["answer"].strip()
        assert body["backend"] == "local"


async def test_overlong_question_is_422(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    assert (await ask(client, ana, "x" * 2001)).status_code == 422


async def test_json_body_form_and_grounding(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    item = (await upload(client, ana, jpeg())).json()
    response = await client.post(
        "/api/conversations/",
        json={"user_id": ana.id, "question": "What goes with the last thing I uploaded?"},
        headers=ana.headers,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body["referenced_item_ids"]) <= {item["id"]}
    assert body["intent"]
    mixed = await client.post(
        f"/api/conversations/?user_id={ana.id}", json={"question": "Is navy OK for a wedding?"}, headers=ana.headers
    )
    assert mixed.status_code == 200
    nothing = await client.post("/api/conversations/", json={"question": "hi"}, headers=ana.headers)
    assert nothing.status_code == 422 and nothing.json()["error"] == "invalid_request"
    bo = await create_user(client, "bo")
    foreign = await client.post("/api/conversations/", json={"user_id": ana.id, "question": "hi"}, headers=bo.headers)
    assert foreign.status_code == 403


async def test_server_sent_events_stream_then_store(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    async with client.stream(
        "POST",
        "/api/conversations/stream",
        json={"user_id": ana.id, "question": "What should I wear to a job interview?"},
        headers=ana.headers,
    ) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        raw = "".join([chunk async for chunk in response.aiter_text()])
    events = [block.split("\n", 1) for block in raw.strip().split("\n\n")]
    names = [head.removeprefix("event: ") for head, _ in events]
    assert names[-1] == "done" and set(names[:-1]) == {"chunk"}
    text = "".join(json.loads(data.removeprefix("data: "))["text"] for head, data in events[:-1])
    stored = json.loads(events[-1][1].removeprefix("data: "))
    assert stored["answer"] == text and stored["id"]
    history = await client.get(f"/api/conversations/{ana.id}", headers=ana.headers)
    assert [c["id"] for c in history.json()] == [stored["id"]]


async def test_delete_one_and_all(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    first = (await ask(client, ana, "hello")).json()
    await ask(client, ana, "what goes with navy?")
    await ask(client, ana, "packing for a trip to Rome")
    assert (await client.delete(f"/api/conversations/{ana.id}/{first['id']}", headers=ana.headers)).status_code == 204
    assert (await client.delete(f"/api/conversations/{ana.id}/{first['id']}", headers=ana.headers)).status_code == 404
    cleared = await client.delete(f"/api/conversations/{ana.id}", headers=ana.headers)
    assert cleared.json() == {"deleted": 2}
    assert (await client.get(f"/api/conversations/{ana.id}", headers=ana.headers)).json() == []


def test_websocket_streams_answers_with_token_auth(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        created = client.post("/api/users/", json={"username": "ws-user"}).json()
        token = created["api_token"]
        with client.websocket_connect(f"/api/conversations/ws?token={token}") as socket:
            socket.send_json({"question": "What colours go with camel?"})
            messages: list[dict[str, Any]] = []
            while not messages or messages[-1]["type"] != "done":
                messages.append(socket.receive_json())
            assert {m["type"] for m in messages[:-1]} == {"chunk"}
            assert messages[-1]["conversation"]["answer"] == "".join(m["text"] for m in messages[:-1])
            socket.send_json({"question": "   "})
            assert socket.receive_json()["type"] == "error"
        history = client.get(f"/api/conversations/{created['id']}", headers={"Authorization": f"Bearer {token}"})
        assert len(history.json()) == 1
        try:
            with client.websocket_connect("/api/conversations/ws?token=sty_wrong") as socket:
                socket.receive_json()
            raise AssertionError("a wrong token must not connect")
        except Exception as exc:  # starlette raises WebSocketDisconnect with the close code
            assert getattr(exc, "code", None) == 1008


async def test_each_route_keeps_its_undocumented_second_shape(client: httpx.AsyncClient) -> None:
    """The schema documents one shape per operation; the other one keeps working for existing clients."""
    ana = await create_user(client)
    async with client.stream(
        "POST", "/api/conversations/stream", params={"user_id": ana.id, "question": "hi"}, headers=ana.headers
    ) as response:
        assert response.status_code == 200
        raw = "".join([chunk async for chunk in response.aiter_text()])
    assert "event: done" in raw
    bad = await client.post("/api/conversations/", json={"user_id": ana.id, "question": 3}, headers=ana.headers)
    assert bad.status_code == 422 and bad.json()["fields"][0]["loc"] == ["body", "question"]
    broken = await client.post(
        "/api/conversations/", content=b"{not json", headers={**ana.headers, "Content-Type": "application/json"}
    )
    assert broken.status_code == 422 and broken.json()["error"] == "validation_error"


async def test_a_dislike_said_in_chat_is_recorded_as_outfit_feedback(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    from sqlalchemy import select
    from sqlalchemy.ext.asyncio import create_async_engine

    from app.outfits.models import OutfitFeedback

    ana = await create_user(client)
    for colour, kind in (((240, 240, 240), "shirt"), ((30, 40, 90), "jeans"), ((20, 20, 20), "sneakers")):
        item = (await upload(client, ana, jpeg(colour))).json()
        patched = await client.patch(f"/api/images/{ana.id}/{item['id']}", json={"type": kind}, headers=ana.headers)
        assert patched.status_code == 200, patched.text
    suggested = (await ask(client, ana, "What should I wear today?")).json()
    assert len(suggested["referenced_item_ids"]) == 3, suggested["answer"]
    disliked = (await ask(client, ana, "I didn't like that one")).json()
    assert disliked["intent"] == "dislike"
    engine = create_async_engine(settings.database_url)
    async with engine.connect() as connection:
        rows = (await connection.execute(select(OutfitFeedback.item_ids, OutfitFeedback.signal))).all()
    await engine.dispose()
    assert [(sorted(ids), signal) for ids, signal in rows] == [(sorted(suggested["referenced_item_ids"]), "dislike")]
