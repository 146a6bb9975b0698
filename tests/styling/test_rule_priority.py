"""When the wardrobe cannot meet every rule, the weather yields before the dress code (rules.breakage)."""

import pytest

from app.styling import StyleContext, WardrobeItem, suggest
from app.styling.items import Violation
from app.styling.rules import breakage


def make(item_id: int, kind: str, category: str, hex_: str, **extra: object) -> WardrobeItem:
    return WardrobeItem(item_id, kind, category, colour_hexes=(hex_,), colour_shares=(1.0,), **extra)  # type: ignore[arg-type]


def no_dressy_closed_shoes() -> list[WardrobeItem]:
    """Loud heels (open: wrong in the rain) and neat navy sneakers (wrong at a wedding): one rule must give."""
    return [
        make(1, "shirt", "top", "#F8F8F6", formality=3),
        make(2, "trousers", "bottom", "#1F2A44", formality=4),
        make(3, "heels", "shoes", "#E0218A", formality=4, pattern="animal"),
        make(4, "sneakers", "shoes", "#1F2A44", style="smart-casual"),
        make(5, "jacket", "outerwear", "#333333", warmth=4),
        make(6, "dress", "one-piece", "#1F2A44", formality=4),
    ]


@pytest.mark.parametrize("occasion", ["wedding-guest", "interview", "funeral"])
def test_the_dress_code_holds_and_the_rain_gives(occasion: str) -> None:
    result = suggest(no_dressy_closed_shoes(), StyleContext(occasion=occasion, temperature_c=14, rain=True), count=3)
    assert "no flat closed shoes for rain: add boots or sneakers" in result.unmet
    for outfit in result.outfits:
        assert [problem.rule for problem in outfit.problems] == ["rain"], outfit.problems
        assert outfit.score < 0.1


def test_breakage_counts_the_rules_that_do_not_yield() -> None:
    rain, code = Violation("rain", "sandals in the rain"), Violation("interview", "sneakers at an interview")
    assert breakage([rain]) < breakage([code]) < breakage([rain, rain])
