"""A wedding by day is dressed down from one in the evening: the vocabulary hears the time of day, and a floral
day dress is a day wedding's outfit, while the smart code (no jeans, tees or sneakers) still holds."""

import pytest

from app.styling import StyleContext, WardrobeItem, score, suggest
from app.styling.dress_codes import occasion_problem
from app.styling.occasions import resolve_occasion


@pytest.mark.parametrize(
    ("text", "occasion"),
    [
        ("garden wedding", "day-wedding"),
        ("wedding in the afternoon", "day-wedding"),
        ("beach wedding", "day-wedding"),
        ("my cousin's wedding, outdoors in the afternoon", "day-wedding"),
        ("is my floral dress ok for a garden wedding in july", "day-wedding"),
        ("evening wedding", "wedding-guest"),
        ("evening garden wedding", "wedding-guest"),  # dressed for the latest part of the day
        ("wedding reception in the evening", "wedding-guest"),
        ("black tie wedding", "formal"),
        ("wedding", "wedding-guest"),
        ("friend's wedding in June", "wedding-guest"),
    ],
)
def test_the_time_of_day_sets_the_wedding_code(text: str, occasion: str) -> None:
    assert resolve_occasion(text) == occasion


def piece(
    item_id: int, kind: str, category: str, family: str, style: str, formality: int, **tags: object
) -> WardrobeItem:
    return WardrobeItem(item_id, kind, category, (family,), style=style, formality=formality, **tags)  # type: ignore[arg-type]


DAY_DRESS = piece(1, "dress", "one-piece", "pink", "casual", 2, pattern="floral", warmth=1, seasons=("summer",))
SANDALS = piece(2, "sandals", "shoes", "beige", "smart-casual", 3)  # dressy sandals
DAY = StyleContext(occasion="day-wedding", temperature_c=24)
EVENING = StyleContext(occasion="wedding-guest", occasion_said="evening wedding")


def test_a_floral_day_dress_is_a_day_weddings_outfit() -> None:
    outfit = score([DAY_DRESS, SANDALS], DAY)
    assert outfit.problems == () and outfit.flaws == () and outfit.parts["occasion"] >= 0.0, outfit
    assert outfit.score > 0.5


def test_in_the_evening_the_same_dress_is_under_dressed() -> None:
    outfit = score([DAY_DRESS, piece(3, "heels", "shoes", "black", "formal", 4)], EVENING)
    assert outfit.parts["occasion"] < 0.0 and "less dressed than usual at a wedding" in outfit.flaws


@pytest.mark.parametrize("kind", ["jeans", "t-shirt", "sneakers", "hoodie"])
def test_the_day_wedding_keeps_the_smart_code(kind: str) -> None:
    category = {"jeans": "bottom", "sneakers": "shoes"}.get(kind, "top")
    assert occasion_problem(piece(4, kind, category, "navy", "casual", 2), "day-wedding") is not None


def test_the_search_offers_the_day_dress_at_a_garden_wedding() -> None:
    casual = [("jeans", "bottom"), ("t-shirt", "top"), ("sneakers", "shoes")]
    wardrobe = [
        DAY_DRESS,
        SANDALS,
        *(piece(5 + n, kind, slot, "white", "casual", 1) for n, (kind, slot) in enumerate(casual)),
    ]
    result = suggest(wardrobe, StyleContext(occasion=resolve_occasion("garden wedding"), temperature_c=24), count=3)
    assert result.unmet == [] and result.outfits[0].items == (DAY_DRESS, SANDALS), result.outfits
