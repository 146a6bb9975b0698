from pathlib import Path

import httpx

from tests.factories import create_user, jpeg, upload

COLOURS = [(200, 20, 40), (20, 120, 40), (20, 20, 140), (230, 200, 60), (120, 60, 160)]


async def test_list_is_newest_first_with_limit_and_offset(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    ids = [(await upload(client, ana, jpeg(c))).json()["id"] for c in COLOURS]
    newest_first = list(reversed(ids))
    page = await client.get(f"/api/images/{ana.id}", params={"limit": 2, "offset": 1}, headers=ana.headers)
    assert [i["id"] for i in page.json()] == newest_first[1:3]
    everything = await client.get(f"/api/images/{ana.id}", headers=ana.headers)
    assert [i["id"] for i in everything.json()] == newest_first
    for bad in ({"limit": 0}, {"limit": 501}, {"offset": -1}):
        assert (await client.get(f"/api/images/{ana.id}", params=bad, headers=ana.headers)).status_code == 422


async def test_corrections_win_and_are_kept_apart(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    image = (await upload(client, ana, jpeg())).json()
    url = f"/api/images/{ana.id}/{image['id']}"
    patched = await client.patch(url, json={"type": "jeans", "primary_color": "denim blue"}, headers=ana.headers)
    assert patched.status_code == 200, patched.text
    body = patched.json()
    assert body["tags"]["type"] == "jeans" and body["tags"]["category"] == "bottom"
    assert body["tags"]["primary_color"] == "denim blue"
    assert body["corrections"] == {"type": "jeans", "primary_color": "denim blue"}
    measured = image["tags"]["primary_color"]
    stored = await client.get(url, headers=ana.headers)
    assert stored.json()["tags"] == body["tags"]  # the model's own tags are kept apart, under the corrections
    cleared = await client.patch(url, json={"primary_color": None}, headers=ana.headers)
    assert cleared.json()["tags"]["primary_color"] == measured
    bad = await client.patch(url, json={"category": "hat-slot"}, headers=ana.headers)
    assert bad.status_code == 422


async def test_delete_one_item_removes_its_files(client: httpx.AsyncClient, storage_dir: Path) -> None:
    ana = await create_user(client)
    keep = (await upload(client, ana, jpeg((200, 20, 40)))).json()
    gone = (await upload(client, ana, jpeg((20, 20, 140)))).json()
    assert (await client.delete(f"/api/images/{ana.id}/{gone['id']}", headers=ana.headers)).status_code == 204
    assert len([p for p in storage_dir.rglob("*") if p.is_file()]) == 3  # photo, thumbnail, cut-out
    assert (await client.get(gone["file_url"], headers=ana.headers)).status_code == 404
    assert (await client.get(keep["file_url"], headers=ana.headers)).status_code == 200
    again = await client.delete(f"/api/images/{ana.id}/{gone['id']}", headers=ana.headers)
    assert again.status_code == 404


async def test_items_of_other_users_are_not_reachable_through_own_id(client: httpx.AsyncClient) -> None:
    ana = await create_user(client, "ana")
    bo = await create_user(client, "bo")
    bos_image = (await upload(client, bo, jpeg())).json()
    # Ana asks for Bo's image id under her own user id: it is not hers, so it does not exist for her.
    response = await client.get(f"/api/images/{ana.id}/{bos_image['id']}/file", headers=ana.headers)
    assert response.status_code == 404


async def test_every_image_response_names_the_item_as_outfits_do(client: httpx.AsyncClient) -> None:
    """The web app showed "Black formal-shoes" built from raw tags; the name is colour and kind in words."""
    ana = await create_user(client)
    uploaded = (await upload(client, ana, jpeg((20, 20, 20)))).json()
    url = f"/api/images/{ana.id}/{uploaded['id']}"
    colour = uploaded["tags"]["primary_color"]
    assert uploaded["name"].startswith(colour) and "tags" in uploaded and "file_url" in uploaded
    corrected = (await client.patch(url, json={"type": "formal-shoes"}, headers=ana.headers)).json()
    assert corrected["name"] == f"{colour} formal shoes"
    assert (await client.get(url, headers=ana.headers)).json()["name"] == f"{colour} formal shoes"
    [listed] = (await client.get(f"/api/images/{ana.id}", headers=ana.headers)).json()
    assert listed["name"] == f"{colour} formal shoes" and listed["tags"]["type"] == "formal-shoes"
