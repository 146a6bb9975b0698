"""In the heat the legs are judged by the cloth (session 11): a wardrobe with no shorts wears its light trousers,
chinos or jeans at 28-32 °C; only heavy cloth (wool, corduroy, leather: `garments.Garment.heavy`) stays home."""

import httpx
import pytest

from app.styling.garments import GARMENTS
from tests.assistant.wardrobe import converse, item
from tests.factories import create_user
from tests.outfits.test_rules_api import suggest, types_of, wardrobe

HEAVY = sorted(kind for kind, garment in GARMENTS.items() if garment.heavy)


@pytest.mark.parametrize("temperature", [28, 32])
async def test_no_shorts_at_28_degrees_wears_light_trousers(client: httpx.AsyncClient, temperature: int) -> None:
    ana = await create_user(client)
    await wardrobe(client, ana, ["shirt", "t-shirt", "chinos", "corduroys", "sneakers"])
    body = await suggest(client, ana, temperature_c=temperature, occasion="work")
    assert body["unmet"] == [], body["unmet"]
    for outfit in body["outfits"]:
        assert "chinos" in types_of(outfit) and outfit["broken_rules"] == [], outfit


@pytest.mark.parametrize("heavy", HEAVY)
async def test_heavy_cloth_is_refused_in_the_heat_and_named(client: httpx.AsyncClient, heavy: str) -> None:
    ana = await create_user(client)
    await wardrobe(client, ana, ["t-shirt", heavy, "sneakers"])
    body = await suggest(client, ana, temperature_c=30)
    assert "nothing light enough for the heat: add chinos, linen trousers or a skirt" in body["unmet"], body
    assert all(outfit["score"] < 0.1 for outfit in body["outfits"])


WITHOUT_SHORTS = (  # Ben's kind of wardrobe: shirts and tees, trousers and jeans, no shorts at all
    item(1, "shirt", "top", "light blue", "blue", style="formal", formality=3, warmth=2),
    item(2, "t-shirt", "top", "grey", "grey", style="casual", formality=1, warmth=1),
    item(3, "trousers", "bottom", "grey", "grey", style="formal", formality=4, warmth=3),
    item(4, "jeans", "bottom", "denim blue", "blue", style="casual", formality=2, warmth=3),
    item(5, "sneakers", "shoes", "white", "white", style="casual", formality=1, warmth=2),
    item(6, "formal-shoes", "shoes", "black", "black", style="formal", formality=4, warmth=2),
)


QUESTIONS = ["what should I wear at 28 degrees?", "what should I wear to the office, 30 degrees?"]


@pytest.mark.parametrize("question", QUESTIONS)
def test_the_assistant_dresses_a_wardrobe_without_shorts_in_the_heat(question: str) -> None:
    (answer,) = converse(question, wardrobe=WITHOUT_SHORTS)
    assert "can't put a complete outfit together" not in answer.text, answer.text
    assert {3, 4} & set(answer.referenced_item_ids), answer.text
