"""The shown score agrees with the explanation: a stated clash or broken soft rule lowers it, through the API,
and rating an outfit returns the score its suggestion showed, in the suggestions' order."""

from typing import Any

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


async def test_rating_the_top_suggestion_beats_a_broken_outfit_which_names_its_rules(client: httpx.AsyncClient) -> None:
    """Issue 14: a dress + sport shorts + sandals + a coat at 30 °C (0.408) beat a proper work outfit (0.327)."""
    ana = await create_user(client)
    kinds = ["shirt", "trousers", "formal-shoes", "dress", "shorts", "sandals", "coat", "t-shirt", "sneakers"]
    ids = await wardrobe(client, ana, kinds)
    days: list[dict[str, Any]] = [
        {"occasion": "work", "temperature_c": 30},
        {"occasion": "wedding", "temperature_c": 24},
    ]
    for context in days:
        top = (await suggest(client, ana, **context))["outfits"][0]
        rated_top = await rate(client, ana, [item["id"] for item in top["items"]], **context)
        broken = await rate(client, ana, [ids[k] for k in ("dress", "shorts", "sandals", "coat")], **context)
        assert rated_top["score"] == top["score"] and rated_top["broken_rules"] == []
        assert broken["score"] < 0.05 < rated_top["score"], (broken, rated_top)
        named = " ".join(rule["message"] for rule in broken["broken_rules"])
        assert "a one-piece with a bottom" in named, named
        if context["temperature_c"] >= 25:
            assert "coat at 30 °C" in named, named
        assert "breaks a rule" in broken["explanation"], broken["explanation"]
    doubled = [ids[k] for k in ("shirt", "t-shirt", "trousers", "shorts", "sneakers")]
    two_of_each = await rate(client, ana, doubled, occasion="casual", temperature_c=20)
    messages = " ".join(rule["message"] for rule in two_of_each["broken_rules"])
    assert two_of_each["score"] < 0.05 and "two bottoms" in messages and "two base tops" in messages, messages
    shoes_only = await rate(client, ana, [ids["sneakers"]], occasion="casual", temperature_c=20)
    assert shoes_only["score"] < 0.05
    assert "no top and bottom or one-piece" in " ".join(rule["message"] for rule in shoes_only["broken_rules"])
