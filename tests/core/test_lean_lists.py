"""List routes skip pydantic on the way out: their JSON must still be exactly what the schemas document."""

import httpx
from pydantic import TypeAdapter

from app.conversations.schemas import Conversation
from app.wardrobe.schemas import Image, ImageTags, tags_json
from tests.factories import create_user, jpeg, upload


async def test_image_list_is_exactly_the_image_schema(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    first = (await upload(client, ana, jpeg((31, 42, 68)))).json()
    await upload(client, ana, jpeg((200, 30, 40), size=(300, 400)))
    url = f"/api/images/{ana.id}/{first['id']}"
    patched = await client.patch(url, json={"type": "jeans", "primary_color": "navy"}, headers=ana.headers)
    assert patched.status_code == 200
    listed = await client.get(f"/api/images/{ana.id}", headers=ana.headers)
    assert listed.status_code == 200
    body = listed.json()
    assert len(body) == 2
    validated = TypeAdapter(list[Image]).validate_python(body)
    assert [item.model_dump(mode="json") for item in validated] == body
    by_id = {item["id"]: item for item in body}
    assert by_id[first["id"]] == patched.json()  # the list shows what the item route shows
    assert "embedding" not in listed.text and "storage_key" not in listed.text


async def test_conversation_list_is_exactly_the_conversation_schema(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    asked = await client.post(
        "/api/conversations/", params={"user_id": ana.id, "question": "What goes with navy?"}, headers=ana.headers
    )
    assert asked.status_code == 200
    listed = await client.get(f"/api/conversations/{ana.id}", headers=ana.headers)
    body = listed.json()
    validated = TypeAdapter(list[Conversation]).validate_python(body)
    assert [item.model_dump(mode="json") for item in validated] == body == [asked.json()]


def test_tags_json_matches_the_model_on_odd_stored_tags() -> None:
    stored = {
        "type": "coat",
        "colors": [{"name": "navy", "hex": "#1F2A44", "family": "navy", "share": 1, "lab": [1, 2, 3]}],
        "confidence": {"type": 1},
        "seasons": ["winter"],
        "something_new": {"nested": True},
    }
    assert tags_json(stored) == ImageTags.model_validate(stored).model_dump(mode="json")
    assert tags_json({}) == ImageTags.model_validate({}).model_dump(mode="json")


async def test_lists_and_items_answer_304_while_unchanged_and_200_after_a_change(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    item = (await upload(client, ana, jpeg())).json()
    for url in (f"/api/images/{ana.id}", f"/api/images/{ana.id}/{item['id']}", f"/api/conversations/{ana.id}"):
        first = await client.get(url, headers=ana.headers)
        etag = first.headers["ETag"]
        assert first.status_code == 200 and etag.startswith('"')
        again = await client.get(url, headers={**ana.headers, "If-None-Match": etag})
        assert again.status_code == 304 and again.content == b"" and again.headers["ETag"] == etag
        other = await client.get(url, headers={**ana.headers, "If-None-Match": '"stale"'})
        assert other.status_code == 200 and other.json() == first.json()
    listed = await client.get(f"/api/images/{ana.id}", headers=ana.headers)
    item_url = f"/api/images/{ana.id}/{item['id']}"
    item_tag = (await client.get(item_url, headers=ana.headers)).headers["ETag"]
    patched = await client.patch(item_url, json={"type": "jeans"}, headers={**ana.headers, "If-Match": item_tag})
    assert patched.status_code == 200  # the item read's ETag is the one PATCH checks
    for url, tag in ((f"/api/images/{ana.id}", listed.headers["ETag"]), (item_url, item_tag)):
        changed = await client.get(url, headers={**ana.headers, "If-None-Match": tag})
        assert changed.status_code == 200 and changed.headers["ETag"] != tag


async def test_a_304_is_never_given_to_another_user(client: httpx.AsyncClient) -> None:
    ana, bob = await create_user(client, "ana"), await create_user(client, "bob")
    tag = (await client.get(f"/api/images/{ana.id}", headers=ana.headers)).headers["ETag"]
    refused = await client.get(f"/api/images/{ana.id}", headers={**bob.headers, "If-None-Match": tag})
    assert refused.status_code == 403
