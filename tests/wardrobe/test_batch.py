import httpx

from tests.factories import create_user, jpeg


async def test_batch_reports_each_file_and_keeps_the_good_ones(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    first = jpeg((200, 20, 40))
    files = [
        ("files", ("red.jpg", first, "image/jpeg")),
        ("files", ("notes.txt", b"not an image", "text/plain")),
        ("files", ("red-again.jpg", first, "image/jpeg")),
        ("files", ("green.jpg", jpeg((20, 120, 40)), "image/jpeg")),
    ]
    response = await client.post(f"/api/images/upload/batch?user_id={ana.id}", files=files, headers=ana.headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["created"], body["failed"]) == (2, 2)
    assert [r["status"] for r in body["results"]] == [200, 415, 409, 200]
    assert [r["filename"] for r in body["results"]] == ["red.jpg", "notes.txt", "red-again.jpg", "green.jpg"]
    assert body["results"][1]["error"]["error"] == "unsupported_media_type"
    listed = await client.get(f"/api/images/{ana.id}", headers=ana.headers)
    assert len(listed.json()) == 2


async def test_too_many_files_is_413(client_with) -> None:
    client = await client_with(max_batch_files=2)
    ana = await create_user(client)
    files = [("files", (f"{i}.jpg", jpeg((10 * i, 20, 40)), "image/jpeg")) for i in range(3)]
    response = await client.post(f"/api/images/upload/batch?user_id={ana.id}", files=files, headers=ana.headers)
    assert response.status_code == 413
    assert "at most 2" in response.json()["detail"]
