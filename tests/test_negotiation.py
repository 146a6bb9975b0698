"""Image bodies are offered as their own type and as application/octet-stream, as the document says."""

import httpx

from tests.factories import create_user, jpeg, upload


async def test_image_bytes_come_as_octet_stream_when_only_that_is_accepted(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    image = (await upload(client, ana, jpeg())).json()
    native = await client.get(image["thumbnail_url"], headers=ana.headers)
    assert native.headers["content-type"] == "image/jpeg"
    octets = await client.get(image["thumbnail_url"], headers={**ana.headers, "Accept": "application/octet-stream"})
    assert octets.status_code == 200
    assert octets.headers["content-type"] == "application/octet-stream"
    assert octets.content == native.content and octets.content.startswith(b"\xff\xd8")


async def test_json_and_browsers_are_left_alone(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    image = (await upload(client, ana, jpeg())).json()
    browser = await client.get(image["file_url"], headers={**ana.headers, "Accept": "image/*,application/octet-stream"})
    assert browser.headers["content-type"] == "image/jpeg"
    listed = await client.get(f"/api/images/{ana.id}", headers={**ana.headers, "Accept": "application/octet-stream"})
    assert listed.headers["content-type"] == "application/json"
