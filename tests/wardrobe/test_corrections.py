"""Tag corrections speak the engines' vocabulary and keep every derived field consistent (issue 11, item 11)."""

from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import update

from app.styling.garments import GARMENTS
from app.vision.colours import PALETTE
from app.vision.knowledge import formality_of, seasons_of, warmth_of
from app.vision.taxonomy import TYPES
from app.wardrobe.models import WardrobeImage
from tests.factories import Account, create_user, jpeg, upload

PALETTE_ENTRY = {name: {"name": name, "hex": hex_value, "family": family} for name, hex_value, family in PALETTE}


async def outfit_items(client: httpx.AsyncClient, account: Account) -> dict[str, int]:
    """A top, a bottom and shoes, their types pinned so an outfit exists whatever the model guessed."""
    ids = {}
    for kind, colour in (("t-shirt", (31, 42, 68)), ("jeans", (60, 90, 140)), ("sneakers", (240, 240, 240))):
        image = (await upload(client, account, jpeg(colour), filename=f"{kind}.jpg")).json()
        url = f"/api/images/{account.id}/{image['id']}"
        assert (await client.patch(url, json={"type": kind}, headers=account.headers)).status_code == 200
        ids[kind] = image["id"]
    return ids


async def correct(client: httpx.AsyncClient, account: Account, image_id: int, **changes: Any) -> httpx.Response:
    return await client.patch(f"/api/images/{account.id}/{image_id}", json=changes, headers=account.headers)


async def assert_engines_answer(client: httpx.AsyncClient, account: Account, ids: dict[str, int]) -> None:
    params = {"user_id": account.id}
    suggestions = await client.get("/api/outfits/suggestions", params=params, headers=account.headers)
    assert suggestions.status_code == 200, suggestions.text
    assert suggestions.json()["outfits"], suggestions.json()
    matched = await client.get("/api/conversations/match-styles/", params=params, headers=account.headers)
    assert matched.status_code == 200, matched.text
    body = {"item_ids": list(ids.values())}
    scored = await client.post("/api/outfits/score", json=body, params=params, headers=account.headers)
    assert scored.status_code == 200, scored.text
    question: dict[str, str | int] = {"user_id": account.id, "question": "What should I wear with my grey t-shirt?"}
    answered = await client.post("/api/conversations/", params=question, headers=account.headers)
    assert answered.status_code == 200, answered.text


async def test_unknown_type_is_422_listing_the_taxonomy(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    image = (await upload(client, ana, jpeg())).json()
    response = await correct(client, ana, image["id"], type="banana")
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "banana" in detail and all(kind in detail for kind in [*TYPES, *GARMENTS])
    assert (await correct(client, ana, image["id"], type="T Shirt")).json()["tags"]["type"] == "t-shirt"


async def test_colour_outside_the_palette_is_422_and_spellings_map_to_it(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    image = (await upload(client, ana, jpeg())).json()
    refused = await correct(client, ana, image["id"], primary_color="indigo")
    assert refused.status_code == 422
    assert all(name in refused.json()["detail"] for name, _, _ in PALETTE)
    for spelled, name in (("Gray", "grey"), ("light-gray", "light grey"), ("NAVY", "navy")):
        if name not in PALETTE_ENTRY:
            continue
        response = await correct(client, ana, image["id"], primary_color=spelled)
        assert response.status_code == 200, response.text
        assert response.json()["tags"]["primary_color"] == name
        assert response.json()["corrections"] == {"primary_color": name}


async def test_a_corrected_colour_updates_colors_hex_and_family_and_the_engines_answer(
    client: httpx.AsyncClient,
) -> None:
    """`{"primary_color": "grey"}` made every outfit, score and assistant call answer 500 (an empty hex)."""
    ana = await create_user(client)
    ids = await outfit_items(client, ana)
    measured = (await client.get(f"/api/images/{ana.id}/{ids['t-shirt']}", headers=ana.headers)).json()["tags"]
    target = next(name for name in ("grey", "burgundy", "olive") if name != measured["primary_color"])
    response = await correct(client, ana, ids["t-shirt"], primary_color=target, secondary_color="white")
    assert response.status_code == 200, response.text
    tags = response.json()["tags"]
    first, second = tags["colors"][0], tags["colors"][1]
    assert {k: first[k] for k in ("name", "hex", "family")} == PALETTE_ENTRY[target]
    assert {k: second[k] for k in ("name", "hex", "family")} == PALETTE_ENTRY["white"]
    assert first["share"] == measured["colors"][0]["share"]
    assert (tags["primary_color"], tags["secondary_color"]) == (target, "white")
    assert tags["color_family"] == PALETTE_ENTRY[target]["family"]
    assert [c["name"] for c in tags["colors"]].count(target) == 1
    await assert_engines_answer(client, ana, ids)

    cleared = await correct(client, ana, ids["t-shirt"], primary_color=None, secondary_color=None)
    assert cleared.json()["tags"]["colors"] == measured["colors"]  # the measurement comes back whole
    assert cleared.json()["tags"]["color_family"] == measured["color_family"]


async def test_a_corrected_type_brings_its_category_seasons_warmth_and_formality(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    image = (await upload(client, ana, jpeg())).json()
    tags = (await correct(client, ana, image["id"], type="coat")).json()["tags"]
    assert tags["category"] == "outerwear"
    assert tags["seasons"] == seasons_of("coat") and tags["warmth"] == warmth_of("coat")
    assert tags["formality"] == formality_of("coat", tags["style"])
    body = (await correct(client, ana, image["id"], type="sandals", style="casual")).json()
    assert body["tags"]["category"] == "shoes" and body["tags"]["warmth"] == warmth_of("sandals")
    assert body["tags"]["formality"] == formality_of("sandals", "casual")
    assert body["corrections"] == {"type": "sandals", "style": "casual"}  # only what the user said
    assert (await correct(client, ana, image["id"], style="party")).status_code == 422
    assert (await correct(client, ana, image["id"], pattern="paisley-ish")).status_code == 422


async def test_a_corrected_type_clears_the_analysers_other_candidates(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    image = (await upload(client, ana, jpeg())).json()
    analysed = image["tags"]["type_candidates"]
    assert analysed and analysed[0]["type"] == image["tags"]["type"]  # the stored type first, then what else
    tags = (await correct(client, ana, image["id"], type="coat")).json()["tags"]
    assert tags["type_candidates"] == []  # the user said what it is
    assert (await correct(client, ana, image["id"], type=None)).json()["tags"]["type_candidates"] == analysed


async def test_corrections_stored_before_they_were_checked_never_break_the_engines(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    ana = await create_user(client)
    ids = await outfit_items(client, ana)
    legacy = {"type": "t-shirt", "primary_color": "indigo", "secondary_color": "", "style": "banana"}
    async with app.state.session_factory() as session, session.begin():
        await session.execute(
            update(WardrobeImage).where(WardrobeImage.id == ids["t-shirt"]).values(corrections=legacy)
        )
    item = await client.get(f"/api/images/{ana.id}/{ids['t-shirt']}", headers=ana.headers)
    assert item.status_code == 200, item.text
    assert item.json()["tags"]["style"] != "banana" and item.json()["tags"]["primary_color"] != "indigo"
    assert item.json()["corrections"] == legacy  # refused values are not applied, and still shown for what they are
    await assert_engines_answer(client, ana, ids)
