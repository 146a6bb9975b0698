"""The original specification's seven endpoints, called exactly as it documents them."""

import httpx

from tests.factories import create_user, jpeg, upload


async def test_root_reports_status_and_version(client: httpx.AsyncClient) -> None:
    response = await client.get("/")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["version"]


async def test_create_user_returns_user_schema(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/users/", json={"username": "ana", "style_preferences": "navy, minimal"})
    assert response.status_code == 200
    body = response.json()
    assert {"id", "username", "style_preferences"} <= body.keys()
    assert body["username"] == "ana" and body["style_preferences"] == "navy, minimal"
    assert isinstance(body["id"], int)


async def test_create_user_style_preferences_optional(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/users/", json={"username": "bo"})
    assert response.status_code == 200
    assert response.json()["style_preferences"] is None


async def test_create_user_without_username_is_422(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/users/", json={"style_preferences": "x"})
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "validation_error"
    assert body["fields"][0]["loc"] == ["body", "username"]
    assert "username" in body["detail"]


async def test_full_flow_upload_list_ask_and_match(client: httpx.AsyncClient) -> None:
    ana = await create_user(client, "ana", "navy and minimal")

    uploaded = await upload(client, ana, jpeg())
    assert uploaded.status_code == 200, uploaded.text
    tags = uploaded.json()["tags"]
    assert {"type", "primary_color", "secondary_color", "style"} <= tags.keys()  # the original's tag keys
    assert tags["primary_color"] and tags["type"]

    images = await client.get(f"/api/images/{ana.id}", headers=ana.headers)
    assert images.status_code == 200
    assert [image["id"] for image in images.json()] == [uploaded.json()["id"]]

    asked = await client.post(
        "/api/conversations/",
        params={"user_id": ana.id, "question": "What goes with navy for work?"},
        headers=ana.headers,
    )
    assert asked.status_code == 200, asked.text
    conversation = asked.json()
    assert {"id", "user_id", "question", "answer", "created_at"} <= conversation.keys()
    assert conversation["answer"].strip()
    assert conversation["question"] == "What goes with navy for work?"

    history = await client.get(f"/api/conversations/{ana.id}", headers=ana.headers)
    assert history.status_code == 200
    assert [c["id"] for c in history.json()] == [conversation["id"]]

    matched = await client.get("/api/conversations/match-styles/", params={"user_id": ana.id}, headers=ana.headers)
    assert matched.status_code == 200, matched.text
    assert matched.json()["user_id"] == ana.id


async def test_match_styles_is_not_swallowed_by_conversation_route(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    for path in ("/api/conversations/match-styles/", "/api/conversations/match-styles"):
        response = await client.get(path, params={"user_id": ana.id}, headers=ana.headers)
        assert response.status_code == 200, (path, response.text)
        assert "outfits" in response.json()


async def test_spec_query_parameters_are_validated(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    missing_question = await client.post("/api/conversations/", params={"user_id": ana.id}, headers=ana.headers)
    assert missing_question.status_code == 422
    bad_user_id = await client.get("/api/conversations/match-styles/", params={"user_id": "x"}, headers=ana.headers)
    assert bad_user_id.status_code == 422
    no_file = await client.post(f"/api/images/upload?user_id={ana.id}", headers=ana.headers)
    assert no_file.status_code == 422
    blank = await client.post("/api/conversations/", params={"user_id": ana.id, "question": "   "}, headers=ana.headers)
    assert blank.status_code == 422


async def test_unknown_route_uses_error_shape(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/nothing-here")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
