"""Hard rules lean on pieces whose kind is sure: an item the image engine is unsure of fills a slot only when no
sure item can (certainty.SURE_KIND, search._sure_first), and a user's correction makes a kind sure."""

from dataclasses import replace

import pytest

from app.styling import StyleContext, WardrobeItem, suggest
from app.styling.certainty import RISKY_CHANCE, SURE_KIND, breaking_chance, is_safe, is_sure
from app.wardrobe.service import kind_certainty


def make(item_id: int, kind: str, category: str, hex_: str, certainty: float | None = None) -> WardrobeItem:
    return WardrobeItem(item_id, kind, category, colour_hexes=(hex_,), colour_shares=(1.0,), certainty=certainty)


def city_wardrobe(unsure: float | None) -> list[WardrobeItem]:
    return [
        make(1, "t-shirt", "top", "#F8F8F6"),
        make(2, "shirt", "top", "#A7C7E7"),
        make(3, "t-shirt", "top", "#C8C8C8", certainty=unsure),  # may be a coat
        make(4, "jeans", "bottom", "#4A6A8A"),
        make(5, "trousers", "bottom", "#D9C8A9"),
        make(6, "boots", "shoes", "#7B4B2A"),
        make(7, "sneakers", "shoes", "#F8F8F6", certainty=unsure),  # may be sandals
        make(8, "jacket", "outerwear", "#333333"),
        make(9, "jacket", "outerwear", "#1F2A44", certainty=unsure),  # may be a shirt
    ]


def used_ids(unsure: float | None) -> set[int]:
    result = suggest(city_wardrobe(unsure), StyleContext(temperature_c=8, rain=True), count=8)
    assert result.outfits and not result.unmet
    return {item.id for outfit in result.outfits for item in outfit.items}


def test_unsure_pieces_stay_out_while_sure_ones_can_meet_the_rules() -> None:
    assert {3, 7, 9} <= used_ids(None)  # told nothing about certainty, the engine uses every piece
    assert not {3, 7, 9} & used_ids(0.5)


def test_an_unsure_piece_still_fills_a_slot_nothing_sure_can() -> None:
    items = [item for item in city_wardrobe(0.5) if item.id not in (6, 8)]  # only the unsure shoes and jacket
    result = suggest(items, StyleContext(temperature_c=8, rain=True), count=3)
    assert result.outfits and not result.unmet
    assert all({7, 9} <= {item.id for item in outfit.items} for outfit in result.outfits)


def test_sure_is_the_calibrated_confidence_or_the_users_word() -> None:
    assert is_sure(make(1, "top", "top", "#000000")) and is_sure(make(1, "top", "top", "#000000", SURE_KIND))
    assert not is_sure(make(1, "top", "top", "#000000", SURE_KIND - 0.01))
    tags = {"confidence": {"type": 0.55, "category": 0.8, "pattern": 0.1}}
    assert kind_certainty(tags, {}) == 0.55  # the lower of type and category; other fields do not count
    assert kind_certainty(tags, {"type": "coat"}) is None  # the user said what it is
    assert kind_certainty(tags, {"category": "top"}) == 0.55
    assert kind_certainty({}, {}) is None


# What else an item may be (the image engine's type candidates): an item whose plausible other kinds would break a
# rule of the day is avoided while a safe one can take its place (certainty.breaking_chance, RISKY_CHANCE).


def test_the_breaking_chance_counts_only_other_kinds_that_break_a_rule_today() -> None:
    sandals = WardrobeItem(1, "sandals", "shoes", alternatives=(("flip-flops", 0.45), ("flats", 0.2)))
    assert breaking_chance(sandals, StyleContext(occasion="date")) == pytest.approx(0.45)  # flats are fine
    assert breaking_chance(sandals, StyleContext(occasion="casual")) == 0.0
    assert breaking_chance(sandals, StyleContext(occasion="beach")) == pytest.approx(0.2)  # ballet flats stay home
    assert breaking_chance(sandals, StyleContext(temperature_c=20, rain=True)) == 0.0  # sandals already break it
    pants = WardrobeItem(2, "pants", "bottom", alternatives=(("jeans", 0.3), ("trousers", 0.6)))
    assert not is_safe(pants, StyleContext(occasion="funeral")) and is_safe(pants, StyleContext(occasion="work"))
    just_under = WardrobeItem(2, "pants", "bottom", alternatives=(("jeans", RISKY_CHANCE - 0.01),))
    assert is_safe(just_under, StyleContext(occasion="funeral"))


def date_wardrobe(sandals_may_be: tuple[tuple[str, float], ...]) -> list[WardrobeItem]:
    return [
        make(1, "blouse", "top", "#F8F8F6"),
        make(2, "skirt", "bottom", "#1F2A44"),
        make(3, "dress", "one-piece", "#7B1F3A"),
        replace(make(4, "sandals", "shoes", "#D9C8A9", certainty=0.95), alternatives=sandals_may_be),
        make(5, "heels", "shoes", "#111111"),
    ]


def test_shoes_that_may_be_flip_flops_stay_home_on_a_date_while_sure_ones_can_go() -> None:
    def used(alternatives: tuple[tuple[str, float], ...], occasion: str) -> set[int]:
        result = suggest(date_wardrobe(alternatives), StyleContext(occasion=occasion, temperature_c=22), count=6)
        assert result.outfits and not result.unmet
        return {item.id for outfit in result.outfits for item in outfit.items}

    assert 4 in used((), "date")  # sure sandals go on a date
    assert 4 not in used((("flip-flops", 0.48),), "date")
    assert 4 in used((("flip-flops", 0.48),), "casual")  # flip-flops are fine on a casual day
    assert 4 in used((("flip-flops", RISKY_CHANCE - 0.05),), "date")


def test_risky_shoes_still_go_when_nothing_safe_can() -> None:
    items = [item for item in date_wardrobe((("flip-flops", 0.48),)) if item.id != 5]
    result = suggest(items, StyleContext(occasion="date", temperature_c=22), count=3)
    assert result.outfits and not result.unmet
    assert all(4 in {item.id for item in outfit.items} for outfit in result.outfits)


def test_rain_cover_that_rests_on_a_guess_says_so() -> None:
    items = [item for item in city_wardrobe(0.5) if item.id not in (6, 8)]  # only the unsure shoes and jacket
    for outfit in suggest(items, StyleContext(temperature_c=8, rain=True), count=3).outfits:
        assert "the cover for the rain rests on a guess: the jacket (50% sure), confirm its type" in outfit.flaws
        shoes = "the closed shoes for the rain rest on a guess: the sneakers (50% sure), confirm their type"
        assert shoes in outfit.flaws
        assert outfit.score <= 0.75
    sure = suggest(city_wardrobe(0.5), StyleContext(temperature_c=8, rain=True), count=3).outfits
    assert sure and not any("guess" in flaw for outfit in sure for flaw in outfit.flaws)


def test_the_guess_look_takes_an_unsure_coat_when_no_sure_piece_meets_the_cold() -> None:
    """A sure light jacket and a coat the image engine is 65% sure of, at 2 °C: sure pieces alone break the frost
    rule, so the coat goes, named as a guess, rather than every outfit flagged "add a warmer coat"."""
    items = [
        WardrobeItem(1, "shirt", "top", colour_hexes=("#F8F8F6",), colour_shares=(1.0,)),
        WardrobeItem(2, "jeans", "bottom", colour_hexes=("#1F2A44",), colour_shares=(1.0,)),
        WardrobeItem(3, "boots", "shoes", colour_hexes=("#333333",), colour_shares=(1.0,)),
        WardrobeItem(4, "jacket", "outerwear", colour_hexes=("#555555",), colour_shares=(1.0,), certainty=0.95),
        WardrobeItem(5, "coat", "outerwear", colour_hexes=("#222222",), colour_shares=(1.0,), certainty=0.65),
    ]
    result = suggest(items, StyleContext(occasion="casual", temperature_c=2), count=3)
    assert result.unmet == [] and result.outfits
    for outfit in result.outfits:
        assert 5 in {item.id for item in outfit.items} and not outfit.problems
        assert "the cover for the cold rests on a guess: the coat (65% sure)" in outfit.explanation
        assert outfit.score <= 0.75
    warm = suggest(items, StyleContext(occasion="casual", temperature_c=14), count=3)  # the jacket is enough
    assert all(5 not in {item.id for item in outfit.items} for outfit in warm.outfits)
