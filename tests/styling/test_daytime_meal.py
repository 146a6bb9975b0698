"""A meal out by day (a Saturday lunch, brunch) is the dinner code without the evening: heels and an evening dress
cost a little there (bounded, never refused), so day shoes come first, while the same pieces may lead at dinner."""

import pytest

from app.styling import StyleContext, WardrobeItem, score, suggest
from app.styling.occasions import resolve_occasion


def piece(item_id: int, kind: str, category: str, family: str, style: str, formality: int) -> WardrobeItem:
    return WardrobeItem(item_id, kind, category, (family,), style=style, formality=formality)


DRESS = piece(1, "dress", "one-piece", "black", "formal", 4)
HEELS = piece(2, "heels", "shoes", "black", "formal", 4)
WARDROBE = [
    DRESS, HEELS,
    piece(3, "shirt", "top", "blue", "smart-casual", 3), piece(4, "trousers", "bottom", "beige", "smart-casual", 3),
    piece(5, "loafers", "shoes", "brown", "smart-casual", 3), piece(6, "shirt", "top", "green", "casual", 2),
    piece(7, "trousers", "bottom", "white", "casual", 2), piece(8, "sneakers", "shoes", "white", "casual", 1),
]  # fmt: skip


@pytest.mark.parametrize("said", ["saturday lunch", "brunch", "lunch with friends", "casual day out"])
def test_a_day_out_starts_with_day_shoes(said: str) -> None:
    occasion = "casual" if said == "casual day out" else resolve_occasion(said)
    assert occasion in ("lunch", "casual")
    first = suggest(WARDROBE, StyleContext(occasion=occasion, temperature_c=24), count=3).outfits[0]
    assert HEELS not in first.items and DRESS not in first.items, first.items


def test_heels_at_lunch_cost_a_little_and_are_not_refused() -> None:
    lunch, dinner = StyleContext(occasion="lunch", temperature_c=24), StyleContext(occasion="dinner", temperature_c=24)
    at_lunch, at_dinner = score([DRESS, HEELS], lunch), score([DRESS, HEELS], dinner)
    assert at_lunch.problems == () and at_lunch.score < at_dinner.score
    assert at_lunch.parts["occasion"] > -2.0  # bounded: two pieces a step dressy, not a broken rule


def test_at_dinner_the_dress_and_heels_may_lead() -> None:
    first = suggest(WARDROBE, StyleContext(occasion="dinner", temperature_c=24), count=3).outfits[0]
    assert first.items == (DRESS, HEELS), first.items


@pytest.mark.parametrize("said", ["business lunch", "working lunch", "lunch meeting", "lunch of work tomorrow"])
def test_a_lunch_for_work_is_dressed_for_work(said: str) -> None:
    assert resolve_occasion(said) == "work"  # "lunch of work": how the Romance glosses say "pranzo di lavoro"
