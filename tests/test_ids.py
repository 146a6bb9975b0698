"""An id, once handed out, names one row forever: a client holding an old id never reads someone else's item."""

import httpx

from tests.factories import create_user, jpeg, upload


async def test_a_deleted_users_id_is_not_given_to_the_next_user(client: httpx.AsyncClient) -> None:
    await create_user(client, "ana")
    newest = await create_user(client, "bo")
    assert (await client.delete(f"/api/users/{newest.id}", headers=newest.headers)).status_code == 204
    assert (await create_user(client, "cy")).id > newest.id


async def test_a_deleted_images_id_is_not_given_to_the_next_image(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    first = (await upload(client, ana, jpeg((200, 30, 30)))).json()["id"]
    newest = (await upload(client, ana, jpeg((30, 200, 30)))).json()["id"]
    assert newest > first
    assert (await client.delete(f"/api/images/{ana.id}/{newest}", headers=ana.headers)).status_code == 204
    again = await upload(client, ana, jpeg((30, 30, 200)))
    assert again.status_code == 200
    assert again.json()["id"] > newest
    assert (await client.get(f"/api/images/{ana.id}/{newest}", headers=ana.headers)).status_code == 404
