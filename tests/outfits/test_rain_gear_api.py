"""Through the API: what a stylist sends out into the rain. Sleeveless outerwear (a gilet) is the outer layer but
no rain cover; heels and heeled boots stay home while flat closed shoes can go, and go flagged when none can; a user's
correction to a finer kind (`leather-jacket`, `gilet`) is what the rules read."""

import httpx
from fastapi import FastAPI

from tests.factories import create_user
from tests.outfits.test_rules_api import suggest, types_of, wardrobe
from tests.outfits.test_type_candidates_api import SURE, Told
from tests.outfits.test_type_candidates_api import wardrobe as told_wardrobe


async def test_a_gilet_is_not_the_rain_cover(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    await wardrobe(client, ana, ["shirt", "jeans", "boots", "gilet"])
    body = await suggest(client, ana, temperature_c=5, rain=True, occasion="work")
    assert "no outerwear for rain: add a raincoat or a jacket" in body["unmet"]
    for outfit in body["outfits"]:
        assert "no coat or jacket in the rain" in [rule["message"] for rule in outfit["broken_rules"]]
        assert outfit["score"] < 0.1


async def test_the_jacket_goes_out_in_the_rain_not_the_gilet(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    await wardrobe(client, ana, ["shirt", "jeans", "boots", "gilet", "jacket"])
    body = await suggest(client, ana, temperature_c=5, rain=True, occasion="work")
    assert body["unmet"] == []
    for outfit in body["outfits"]:  # a gilet is the outer layer over a shirt or a knit, never under a jacket
        assert "jacket" in types_of(outfit) and "gilet" not in types_of(outfit) and outfit["broken_rules"] == []


async def test_heels_and_heeled_boots_stay_home_in_the_rain(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    await wardrobe(client, ana, ["dress", "heels", "heeled-boots", "boots", "coat"])
    body = await suggest(client, ana, temperature_c=12, rain=True, occasion="dinner")
    assert body["unmet"] == []
    for outfit in body["outfits"]:
        kinds = types_of(outfit)
        assert "boots" in kinds and not {"heels", "heeled-boots"} & set(kinds), kinds


async def test_no_flat_closed_shoes_for_the_rain_says_add_boots(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    await wardrobe(client, ana, ["dress", "heeled-boots", "coat"])
    body = await suggest(client, ana, temperature_c=12, rain=True, occasion="dinner")
    assert body["unmet"] == ["no flat closed shoes for rain: add boots or sneakers"]
    for outfit in body["outfits"]:
        assert [rule["message"] for rule in outfit["broken_rules"]] == ["heeled boots in the rain (not flat shoes)"]
        assert outfit["score"] < 0.1 and "breaks a rule" in outfit["explanation"]


BIKER_AS_BLAZER: Told = ("blazer", [("blazer", 0.9), ("jacket", 0.1)])
BIKER_AS_SHIRT: Told = ("shirt", [("shirt", 0.6), ("blazer", 0.3)])


async def test_a_corrected_finer_kind_is_what_the_rules_read(app: FastAPI, client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    plan: list[Told] = [
        ("t-shirt", [("t-shirt", SURE)]), ("jeans", [("jeans", SURE)]), ("boots", [("boots", SURE)]),
        BIKER_AS_BLAZER, BIKER_AS_SHIRT,
    ]  # fmt: skip
    ids = await told_wardrobe(app, client, ana, plan)
    for biker in ids[3:]:
        patched = await client.patch(
            f"/api/images/{ana.id}/{biker}", json={"type": "leather-jacket"}, headers=ana.headers
        )
        tags = patched.json()["tags"]
        assert (tags["type"], tags["category"], tags["type_candidates"]) == ("leather-jacket", "outerwear", [])
        assert tags["style"] != "formal"  # a biker jacket, not the blazer it was taken for
    body = await suggest(client, ana, temperature_c=12, rain=True)
    assert body["unmet"] == []
    for outfit in body["outfits"]:
        assert outfit["broken_rules"] == [] and "leather-jacket" in types_of(outfit), outfit


async def test_unsure_dress_shoes_that_may_be_heeled_boots_stay_home_and_shoes_are_named_as_seen(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    """Heeled ankle boots the image engine calls formal shoes (63% sure, maybe boots): sure boots go out in the rain,
    named as the user sees them ("black boots for the rain"), never "closed boots" or "dress shoes"."""
    ana = await create_user(client)
    plan: list[Told] = [
        ("formal-shoes", [("formal-shoes", 0.63), ("boots", 0.16)]),
        ("boots", [("boots", SURE)]),
        ("shirt", [("shirt", SURE)]),
        ("trousers", [("trousers", SURE)]),
        ("jacket", [("jacket", SURE)]),
    ]
    dress_shoes, boots, *_ = await told_wardrobe(app, client, ana, plan, [0.63, SURE, SURE, SURE, SURE])
    body = await suggest(client, ana, temperature_c=10, rain=True, occasion="work")
    for outfit in body["outfits"]:
        ids = {item["id"] for item in outfit["items"]}
        assert boots in ids and dress_shoes not in ids, outfit
        shoes = next(item for item in outfit["items"] if item["id"] == boots)
        assert f"{shoes['name']} for the rain" in outfit["explanation"], outfit["explanation"]
        assert "closed boots" not in outfit["explanation"] and "dress shoes" not in outfit["explanation"]
