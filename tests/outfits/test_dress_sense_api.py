"""Dress sense through the API: beach shoes, casual-looking tops at an interview, prints at a wedding,
formality clashes (refused where a dress code demands, down-ranked elsewhere) and explanations that are true."""

from typing import Any

import httpx

from tests.factories import Account, create_user
from tests.outfits.test_rules_api import rate, suggest, types_of, wardrobe


async def correct(client: httpx.AsyncClient, account: Account, item_id: int, **fields: str) -> None:
    response = await client.patch(f"/api/images/{account.id}/{item_id}", json=fields, headers=account.headers)
    assert response.status_code == 200, response.text


def ids_of(outfit: dict[str, Any]) -> set[int]:
    return {item["id"] for item in outfit["items"]}


async def test_the_beach_gets_beach_shoes_and_says_so_when_there_are_none(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    await wardrobe(client, ana, ["t-shirt", "shorts", "flats", "sandals", "sneakers"])
    body = await suggest(client, ana, occasion="beach", temperature_c=29)
    assert body["unmet"] == []
    assert all("flats" not in types_of(outfit) for outfit in body["outfits"])
    bea = await create_user(client, "bea")
    await wardrobe(client, bea, ["t-shirt", "shorts", "flats", "heels"])
    lacking = await suggest(client, bea, occasion="seaside", temperature_c=29)
    assert any("sandals, flip-flops or sneakers" in unmet for unmet in lacking["unmet"]), lacking["unmet"]
    assert all(outfit["score"] < 0.05 and outfit["broken_rules"] for outfit in lacking["outfits"])


async def test_an_interview_refuses_a_casual_top_and_a_wedding_a_graphic_print(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    ids = await wardrobe(client, ana, ["top", "shirt", "trousers", "formal-shoes"])
    await correct(client, ana, ids["top"], style="casual")
    body = await suggest(client, ana, occasion="interview")
    assert all("top" not in types_of(outfit) for outfit in body["outfits"]), body["outfits"]
    rated = await rate(client, ana, [ids["top"], ids["trousers"], ids["formal-shoes"]], occasion="interview")
    assert "too casual" in " ".join(rule["message"] for rule in rated["broken_rules"])
    await correct(client, ana, ids["shirt"], pattern="graphic")
    wedding = await rate(client, ana, [ids["shirt"], ids["trousers"], ids["formal-shoes"]], occasion="wedding")
    assert "a graphic print" in " ".join(rule["message"] for rule in wedding["broken_rules"])
    assert wedding["score"] < 0.05


async def test_a_formality_clash_is_refused_on_a_date_and_ranks_last_on_a_casual_day(
    client: httpx.AsyncClient,
) -> None:
    ana = await create_user(client)
    ids = await wardrobe(client, ana, ["shirt", "shorts", "jeans", "formal-shoes", "sneakers"])
    clash = [ids["shirt"], ids["shorts"], ids["formal-shoes"]]
    date = await rate(client, ana, clash, occasion="date", temperature_c=24)
    assert "formal-shoes with shorts" in " ".join(rule["message"] for rule in date["broken_rules"])
    casual = await rate(client, ana, clash, occasion="casual", temperature_c=24)
    coherent = await rate(
        client, ana, [ids["shirt"], ids["shorts"], ids["sneakers"]], occasion="casual", temperature_c=24
    )
    assert casual["broken_rules"] == [] and casual["score"] < coherent["score"]
    assert "mixes dressy and casual pieces (formal-shoes with shorts)" in casual["explanation"]
    body = await suggest(client, ana, occasion="casual", temperature_c=24, count=6)
    ranked = [ids_of(outfit) for outfit in body["outfits"]]
    assert set(clash) not in ranked[:-1], ranked  # shown, if at all, after every coherent outfit
    first = body["outfits"][0]
    assert "mixes dressy and casual" not in first["explanation"]
    again = await rate(client, ana, sorted(ids_of(first)), occasion="casual", temperature_c=24)
    assert again["score"] == first["score"]  # rate-my-outfit agrees with the ranking
