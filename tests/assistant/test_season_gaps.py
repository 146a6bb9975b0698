""" "What am I missing for summer (spring, autumn)?" is judged for that season, in every language: a wardrobe with
no shorts, skirt or sandals is told so; before, every season but winter got the capsule answer ("nothing is
missing: your coat...")."""

import pytest

from app.assistant.languages import detect
from tests.assistant.wardrobe import WARDROBE, converse, item

SUMMERLESS = WARDROBE  # sweaters, jeans, trousers, a coat: nothing for the heat
SUMMER_READY = (
    *WARDROBE,
    item(40, "t-shirt", "top", "white", "white", style="casual", formality=1, warmth=1),
    item(41, "shorts", "bottom", "navy", "navy", style="casual", formality=1, warmth=1),
    item(42, "sandals", "shoes", "tan", "brown", style="casual", formality=1, warmth=1),
    item(43, "hat", "accessory", "straw", "beige", style="casual", formality=1, warmth=1),
    item(44, "cardigan", "top", "cream", "white", style="casual", formality=2, warmth=3),
)


@pytest.mark.parametrize(
    ("question", "shorts", "sandals"),
    [
        ("What am I missing for summer?", "shorts", "sandals"),
        ("Qu'est-ce qui me manque pour l'été ?", "short", "sandales"),
        ("Was fehlt mir für den Sommer?", "Shorts", "Sandalen"),
        ("¿Qué me falta para el verano?", "pantalones cortos", "sandalias"),
        ("Cosa mi manca per l'estate?", "pantaloncini", "sandali"),
        ("O que me falta para o verão?", "shorts", "sandálias"),
    ],
)
def test_a_summer_gap_names_the_summer_pieces_missing(question: str, shorts: str, sandals: str) -> None:
    (answer,) = converse(question, wardrobe=SUMMERLESS)
    assert answer.intent == "gap", answer.text
    assert shorts in answer.text and sandals in answer.text, answer.text
    assert 7 not in answer.referenced_item_ids, "the winter coat is no answer to summer"
    assert detect(answer.text) == detect(question)


def test_a_wardrobe_ready_for_summer_is_told_so_with_its_summer_pieces() -> None:
    (answer,) = converse("What am I missing for summer?", wardrobe=SUMMER_READY)
    assert "Nothing essential is missing for summer" in answer.text, answer.text
    assert {40, 41} <= set(answer.referenced_item_ids)


def test_autumn_asks_for_a_light_jacket_and_a_knit_not_a_sun_hat() -> None:
    no_layers = tuple(entry for entry in WARDROBE if entry.category != "outerwear")
    (answer,) = converse("What am I missing for autumn?", wardrobe=no_layers)
    assert "autumn" in answer.text and "light jacket or trench" in answer.text, answer.text
    assert "sun hat" not in answer.text
