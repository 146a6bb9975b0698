"""Casual days with a social expectation: the phrases people use get the meal-out dress codes, plain "casual"
ranks what a person wears in public above loungewear, and head-to-toe white is not offered unless asked."""

import pytest

from app.styling import StyleContext, WardrobeItem, parse_preferences, score, suggest
from app.styling.dress_codes import occasion_problem
from app.styling.occasions import resolve_occasion


@pytest.mark.parametrize(
    ("text", "occasion"),
    [
        ("Sunday lunch with my parents", "lunch"),  # the meal-out code by day (session 9)
        ("brunch", "lunch"),
        ("lunch with friends", "lunch"),
        ("drinks with friends", "dinner"),
        ("birthday party", "party"),
        ("casual lunch", "casual"),  # said casual: the casual code, which still ranks lounging last
    ],
)
def test_social_phrases_get_their_dress_code(text: str, occasion: str) -> None:
    assert resolve_occasion(text) == occasion


def make(item_id: int, kind: str, category: str, hex_: str, family: str, **extra: object) -> WardrobeItem:
    return WardrobeItem(
        item_id,
        kind,
        category,
        (family,),
        colour_hexes=(hex_,),
        colour_shares=(1.0,),
        **extra,  # type: ignore[arg-type]
    )


def lounge_wardrobe() -> list[WardrobeItem]:
    return [
        make(1, "hoodie", "top", "#808080", "grey", style="sporty", formality=1, warmth=3),
        make(2, "joggers", "bottom", "#808080", "grey", style="sporty", formality=1),
        make(3, "t-shirt", "top", "#1F2A44", "navy", style="casual", formality=1),
        make(4, "jeans", "bottom", "#4A6A8A", "blue", style="casual", formality=2),
        make(5, "sneakers", "shoes", "#F8F8F6", "white", style="casual", formality=1),
    ]


def test_casual_ranks_clothes_for_going_out_above_loungewear() -> None:
    context = StyleContext(occasion="casual", temperature_c=18)
    result = suggest(lounge_wardrobe(), context, count=4)
    first = {item.type for item in result.outfits[0].items}
    assert not {"hoodie", "joggers"} <= first, first
    lounging = score([lounge_wardrobe()[i] for i in (0, 1, 4)], context)
    out = score([lounge_wardrobe()[i] for i in (2, 3, 4)], context)
    assert lounging.score < out.score and "loungewear" in lounging.explanation


def test_a_hoodie_and_joggers_are_not_lunch_with_the_family() -> None:
    context = StyleContext(occasion=resolve_occasion("Sunday lunch with my parents"), temperature_c=18)
    for outfit in suggest(lounge_wardrobe(), context, count=4).outfits:
        assert not {"hoodie", "joggers"} & {item.type for item in outfit.items}


def test_caps_come_off_at_the_table() -> None:
    cap = make(9, "cap", "accessory", "#1F2A44", "navy")
    assert occasion_problem(cap, resolve_occasion("brunch")) is not None
    assert occasion_problem(cap, "casual") is None


def white_wardrobe() -> list[WardrobeItem]:
    return [
        make(1, "t-shirt", "top", "#FAFAFA", "white", formality=1),
        make(2, "jeans", "bottom", "#F4F4F2", "white", formality=2),
        make(3, "sneakers", "shoes", "#FFFFFF", "white", formality=1),
        make(4, "shirt", "top", "#A7C7E7", "blue", formality=3),
        make(5, "jeans", "bottom", "#2E4A6A", "blue", formality=2),
    ]


def test_head_to_toe_white_is_not_the_first_suggestion_unless_asked() -> None:
    context = StyleContext(occasion="casual", temperature_c=22)
    all_white = score(white_wardrobe()[:3], context)
    assert "all white" in all_white.explanation
    first = suggest(white_wardrobe(), context, count=3).outfits[0]
    assert {item.id for item in first.items if item.category in ("top", "bottom")} != {1, 2}
    asked = StyleContext(occasion="casual", temperature_c=22, preferences=parse_preferences("I love white"))
    assert "all white" not in score(white_wardrobe()[:3], asked).explanation
