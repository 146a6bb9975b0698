from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.factories import Account, create_user, upload

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "images"
WARDROBE = {
    "tshirt-grey.jpg": "t-shirt",
    "tshirt-blue.jpg": "t-shirt",
    "pants-jeans.jpg": "jeans",
    "shoes-black-boot.jpg": "boots",
    "dress-floral.jpg": "dress",
}


async def stock(client: httpx.AsyncClient, account: Account, names: list[str] | None = None) -> dict[str, int]:
    """Upload fixture photos and pin their types (so the test does not depend on the model's guesses)."""
    ids = {}
    for name in names or list(WARDROBE):
        image = (await upload(client, account, (FIXTURES / name).read_bytes(), filename=name)).json()
        await client.patch(
            f"/api/images/{account.id}/{image['id']}", json={"type": WARDROBE[name]}, headers=account.headers
        )
        ids[name] = image["id"]
    return ids


async def suggestions(client: httpx.AsyncClient, account: Account, **params: Any) -> dict[str, Any]:
    response = await client.get(
        "/api/outfits/suggestions", params={"user_id": account.id, **params}, headers=account.headers
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def id_sets(body: dict[str, Any]) -> list[set[int]]:
    return [{item["id"] for item in outfit["items"]} for outfit in body["outfits"]]


async def test_match_styles_says_what_is_missing(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    await stock(client, ana, ["tshirt-grey.jpg"])
    response = await client.get("/api/conversations/match-styles/", params={"user_id": ana.id}, headers=ana.headers)
    body = response.json()
    assert body["outfits"] == []
    assert body["missing"] == ["bottom", "shoes"]
    assert "add trousers, jeans, shorts or a skirt and shoes" in body["message"]


async def test_match_styles_returns_structured_outfits(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    ids = await stock(client, ana)
    body = (
        await client.get(
            "/api/conversations/match-styles/", params={"user_id": ana.id, "count": 3}, headers=ana.headers
        )
    ).json()
    assert body["outfits"] and body["missing"] == []
    for outfit in body["outfits"]:
        categories = sorted(item["category"] for item in outfit["items"])
        assert categories in (["bottom", "shoes", "top"], ["one-piece", "shoes"])
        assert 0 <= outfit["score"] <= 1 and outfit["explanation"] and outfit["parts"]
        assert all(item["file_url"].startswith(f"/api/images/{ana.id}/") for item in outfit["items"])
    assert ids["shoes-black-boot.jpg"] in set().union(*id_sets(body))


async def test_anchor_and_exclude(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    ids = await stock(client, ana)
    anchored = await suggestions(client, ana, anchor_ids=ids["tshirt-blue.jpg"], count=3)
    assert anchored["outfits"] and all(ids["tshirt-blue.jpg"] in s for s in id_sets(anchored))
    excluded = await suggestions(client, ana, exclude_ids=ids["dress-floral.jpg"], count=5)
    assert all(ids["dress-floral.jpg"] not in s for s in id_sets(excluded))
    unknown = await client.get(
        "/api/outfits/suggestions", params={"user_id": ana.id, "anchor_ids": 9999}, headers=ana.headers
    )
    assert unknown.status_code == 404


async def test_rate_my_outfit_with_breakdown(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    ids = await stock(client, ana)
    outfit = [ids["tshirt-grey.jpg"], ids["pants-jeans.jpg"], ids["shoes-black-boot.jpg"]]
    response = await client.post(
        "/api/outfits/score",
        json={"item_ids": outfit, "occasion": "casual"},
        params={"user_id": ana.id},
        headers=ana.headers,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert {item["id"] for item in body["items"]} == set(outfit)
    assert body["parts"] and 0 <= body["score"] <= 1
    twice = await client.post(
        "/api/outfits/score",
        json={"item_ids": [outfit[0], outfit[0]]},
        params={"user_id": ana.id},
        headers=ana.headers,
    )
    assert twice.status_code == 422
    foreign = await client.post(
        "/api/outfits/score", json={"item_ids": [9999]}, params={"user_id": ana.id}, headers=ana.headers
    )
    assert foreign.status_code == 404 and "9999" in foreign.json()["detail"]


async def test_feedback_changes_the_next_ranking(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    await stock(client, ana)
    before = await suggestions(client, ana, count=3)
    top = sorted(before["outfits"][0]["items"], key=lambda item: item["id"])
    for _ in range(3):
        response = await client.post(
            "/api/outfits/feedback",
            json={"item_ids": [i["id"] for i in top], "signal": "dislike"},
            params={"user_id": ana.id},
            headers=ana.headers,
        )
        assert response.status_code == 201, response.text
    after = await suggestions(client, ana, count=3)
    assert id_sets(after)[0] != {i["id"] for i in top}


async def test_wearing_logs_items_and_rotates_them_out(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    await stock(client, ana)
    before = await suggestions(client, ana, count=1)
    worn = [item["id"] for item in before["outfits"][0]["items"]]
    response = await client.post(
        "/api/outfits/feedback",
        json={"item_ids": worn, "signal": "wore"},
        params={"user_id": ana.id},
        headers=ana.headers,
    )
    assert response.status_code == 201
    log = (await client.get("/api/outfits/wear-log", params={"user_id": ana.id}, headers=ana.headers)).json()
    assert sorted(entry["item_id"] for entry in log) == sorted(worn)
    after = await suggestions(client, ana, count=1)
    assert id_sets(after)[0] != set(worn), [(o["explanation"], o["parts"]) for o in after["outfits"]]


@pytest.mark.parametrize("signal", ["love", ""])
async def test_unknown_signal_is_422(client: httpx.AsyncClient, signal: str) -> None:
    ana = await create_user(client)
    response = await client.post(
        "/api/outfits/feedback",
        json={"item_ids": [1], "signal": signal},
        params={"user_id": ana.id},
        headers=ana.headers,
    )
    assert response.status_code == 422


async def test_collage_is_a_captioned_jpeg_flat_lay(client: httpx.AsyncClient) -> None:
    from io import BytesIO

    from PIL import Image

    ana = await create_user(client)
    ids = await stock(client, ana)
    outfit = [ids["shoes-black-boot.jpg"], ids["tshirt-grey.jpg"], ids["pants-jeans.jpg"]]
    response = await client.get(
        "/api/outfits/collage",
        params={"user_id": ana.id, "item_ids": outfit, "occasion": "weekend", "temperature_c": 12},
        headers=ana.headers,
    )
    assert response.status_code == 200 and response.headers["content-type"] == "image/jpeg"
    assert len(response.content) <= 300_000
    with Image.open(BytesIO(response.content)) as picture:
        assert picture.format == "JPEG" and max(picture.size) <= 1200 and picture.height > picture.width
    unknown = await client.get(
        "/api/outfits/collage",
        params={"user_id": ana.id, "item_ids": outfit, "occasion": "quidditch"},
        headers=ana.headers,
    )
    assert unknown.status_code == 422 and unknown.json()["error"] == "unknown_occasion"
