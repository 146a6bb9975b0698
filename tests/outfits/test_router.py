from pathlib import Path

import httpx

from tests.factories import create_user, jpeg, upload

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "images"


async def test_match_styles_says_what_is_missing(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    await upload(client, ana, (FIXTURES / "tshirt-grey.jpg").read_bytes())
    body = (
        await client.get("/api/conversations/match-styles/", params={"user_id": ana.id}, headers=ana.headers)
    ).json()
    assert body["outfits"] == []
    assert body["missing"] == ["bottom", "shoes"]
    assert "add trousers, jeans, shorts or a skirt and shoes" in body["message"]


async def test_match_styles_builds_outfits_from_typed_items(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    kinds = {"t-shirt": (245, 245, 245), "jeans": (31, 42, 68), "sneakers": (20, 20, 20), "shirt": (200, 20, 40)}
    ids = {}
    for kind, colour in kinds.items():
        image = (await upload(client, ana, jpeg(colour, size=(300, 300)))).json()
        await client.patch(f"/api/images/{ana.id}/{image['id']}", json={"type": kind}, headers=ana.headers)
        ids[kind] = image["id"]
    response = await client.get(
        "/api/conversations/match-styles/", params={"user_id": ana.id, "count": 2}, headers=ana.headers
    )
    body = response.json()
    assert len(body["outfits"]) == 2 and body["missing"] == []
    best = body["outfits"][0]
    assert {i["category"] for i in best["items"]} == {"top", "bottom", "shoes"}
    assert ids["jeans"] in {i["id"] for i in best["items"]}
    assert best["items"][0]["file_url"].startswith(f"/api/images/{ana.id}/")
    assert 0 <= best["score"] <= 1 and best["explanation"]
