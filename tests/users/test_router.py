from pathlib import Path

import httpx

from tests.factories import create_user, jpeg, upload


async def test_token_is_returned_once_and_stored_only_as_hash(client: httpx.AsyncClient, app) -> None:
    ana = await create_user(client)
    assert ana.token.startswith("sty_") and len(ana.token) > 40
    me = await client.get("/api/users/me", headers=ana.headers)
    assert me.status_code == 200
    assert me.json() == {**me.json(), "id": ana.id, "username": "ana"}
    assert "api_token" not in me.json()
    from sqlalchemy import select

    from app.users.models import ApiToken

    async with app.state.session_factory() as session:
        stored = list(await session.scalars(select(ApiToken.token_hash)))
    assert stored and ana.token not in stored


async def test_duplicate_username_is_409_case_insensitive(client: httpx.AsyncClient) -> None:
    await create_user(client, "Ana")
    response = await client.post("/api/users/", json={"username": "ana"})
    assert response.status_code == 409
    assert response.json()["error"] == "conflict"
    assert "already taken" in response.json()["detail"]


async def test_invalid_usernames_are_422(client: httpx.AsyncClient) -> None:
    for bad in ["", "   ", "x" * 65, "a/b", "a\u0000b"]:
        response = await client.post("/api/users/", json={"username": bad})
        assert response.status_code == 422, bad


async def test_missing_or_wrong_token_is_401(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    for headers in ({}, {"Authorization": "Bearer sty_nope"}, {"Authorization": "Basic abc"}):
        response = await client.get(f"/api/images/{ana.id}", headers=headers)
        assert response.status_code == 401, headers
        assert response.headers["www-authenticate"] == "Bearer"
        assert response.json()["error"] == "unauthorized"


async def test_other_users_token_is_403_and_unknown_user_404(client: httpx.AsyncClient) -> None:
    ana = await create_user(client, "ana")
    bo = await create_user(client, "bo")
    response = await client.get(f"/api/images/{ana.id}", headers=bo.headers)
    assert response.status_code == 403
    assert response.json()["error"] == "forbidden"
    response = await client.get("/api/images/9999", headers=bo.headers)
    assert response.status_code == 404
    assert "9999" in response.json()["detail"]


async def test_patch_preferences(client: httpx.AsyncClient) -> None:
    ana = await create_user(client, style_preferences="bold colours")
    response = await client.patch(
        f"/api/users/{ana.id}", json={"style_preferences": "quiet luxury"}, headers=ana.headers
    )
    assert response.status_code == 200
    assert response.json()["style_preferences"] == "quiet luxury"
    again = await client.get(f"/api/users/{ana.id}", headers=ana.headers)
    assert again.json()["style_preferences"] == "quiet luxury"
    unknown_field = await client.patch(f"/api/users/{ana.id}", json={"username": "x"}, headers=ana.headers)
    assert unknown_field.status_code == 422


async def test_rotation_revokes_old_token(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    rotated = await client.post(f"/api/users/{ana.id}/token", headers=ana.headers)
    assert rotated.status_code == 200
    new_token = rotated.json()["api_token"]
    assert new_token != ana.token
    assert (await client.get("/api/users/me", headers=ana.headers)).status_code == 401
    fresh = {"Authorization": f"Bearer {new_token}"}
    assert (await client.get("/api/users/me", headers=fresh)).json()["id"] == ana.id


async def test_delete_user_removes_rows_and_files(client: httpx.AsyncClient, storage_dir: Path) -> None:
    ana = await create_user(client, "ana")
    bo = await create_user(client, "bo")
    assert (await upload(client, ana, jpeg((200, 20, 40)))).status_code == 200
    assert (await upload(client, ana, jpeg((20, 120, 40)))).status_code == 200
    assert (await upload(client, bo, jpeg((20, 20, 140)))).status_code == 200
    await client.post("/api/conversations/", params={"user_id": ana.id, "question": "hi"}, headers=ana.headers)
    assert len(list((storage_dir / "users" / str(ana.id)).iterdir())) == 6  # two photos, thumbnails, cut-outs

    response = await client.delete(f"/api/users/{ana.id}", headers=ana.headers)
    assert response.status_code == 204

    assert not (storage_dir / "users" / str(ana.id)).exists()
    assert len(list((storage_dir / "users" / str(bo.id)).iterdir())) == 3  # others untouched
    assert (await client.get("/api/users/me", headers=ana.headers)).status_code == 401
    assert (await client.get(f"/api/images/{bo.id}", headers=bo.headers)).status_code == 200
    recreated = await client.post("/api/users/", json={"username": "ana"})
    assert recreated.status_code == 200  # the name is free again


async def test_token_use_is_recorded(client: httpx.AsyncClient, app) -> None:
    from sqlalchemy import select

    from app.users.models import ApiToken

    ana = await create_user(client)
    assert (await client.get("/api/users/me", headers=ana.headers)).status_code == 200
    async with app.state.session_factory() as session:
        used = await session.scalar(select(ApiToken.last_used_at))
    assert used is not None and used.tzinfo is not None


async def test_usernames_are_one_name_under_nfkc_and_casefold(client: httpx.AsyncClient, app) -> None:
    """Issue 11, item 12: `ａｎａ` (full-width), `ANA` and `ana` are one user; the database index holds it too."""
    created = await client.post("/api/users/", json={"username": "ａｎａ"})
    assert created.status_code == 200, created.text
    assert created.json()["username"] == "ana"  # the original contract's field, in its plain form
    for same in ("ana", "ANA", "Ａｎａ"):
        response = await client.post("/api/users/", json={"username": same})
        assert response.status_code == 409, (same, response.text)
    assert (await client.post("/api/users/", json={"username": "Straße"})).status_code == 200
    assert (await client.post("/api/users/", json={"username": "STRASSE"})).status_code == 409

    import pytest
    from sqlalchemy.exc import IntegrityError

    from app.users.models import User

    with pytest.raises(IntegrityError):  # not just the service's check: the unique index refuses it
        async with app.state.session_factory() as session, session.begin():
            session.add(User(username="ＡＮＡ"))
