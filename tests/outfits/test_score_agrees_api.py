"""The shown score agrees with the explanation: a stated clash or broken soft rule lowers it, through the API,
and rating an outfit returns the score its suggestion showed, in the suggestions' order."""

import httpx

from app.styling.scoring import FLAWED_SCALE
from tests.factories import create_user
from tests.outfits.test_rules_api import rate, suggest, wardrobe

CASUAL = {"occasion": "casual", "temperature_c": 20}


async def test_a_stated_flaw_lowers_the_shown_score(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    ids = await wardrobe(client, ana, ["hoodie", "joggers", "t-shirt", "jeans", "sneakers", "formal-shoes", "shorts"])
    lounging = await rate(client, ana, [ids["hoodie"], ids["joggers"], ids["sneakers"]], **CASUAL)
    clash = await rate(client, ana, [ids["t-shirt"], ids["shorts"], ids["formal-shoes"]], **CASUAL)
    clean = await rate(client, ana, [ids["t-shirt"], ids["jeans"], ids["sneakers"]], **CASUAL)
    assert "loungewear" in lounging["explanation"] and "mixes dressy and casual" in clash["explanation"]
    assert "; but" not in clean["explanation"], clean["explanation"]
    for flawed in (lounging, clash):
        assert flawed["score"] <= FLAWED_SCALE < clean["score"], (flawed, clean)
    body = await suggest(client, ana, **CASUAL)
    shown = [outfit["score"] for outfit in body["outfits"]]
    assert shown == sorted(shown, reverse=True)
    for outfit in body["outfits"]:
        rated = await rate(client, ana, [item["id"] for item in outfit["items"]], **CASUAL)
        assert rated["score"] == outfit["score"] and rated["explanation"] == outfit["explanation"]
        if "; but" in outfit["explanation"]:
            assert outfit["score"] <= FLAWED_SCALE, outfit
