"""The stylist's rules behind seasons, warmth, formality and style (app/vision/knowledge.py): one test per rule."""

import pytest

from app.vision.knowledge import (
    FORMALITY_RANGE,
    SEASONS_OF_TYPE,
    STYLE_OF_TYPE,
    formality_of,
    formality_within,
    seasons_of,
    style_of,
    warmth_of,
)
from app.vision.taxonomy import SHOE_KIND_OF_TYPE, TYPES, is_open_shoe, parent_type, shoe_kind


def test_every_type_has_seasons_a_formality_range_and_a_style_rule() -> None:
    assert set(SEASONS_OF_TYPE) == set(TYPES)
    assert set(FORMALITY_RANGE) == set(TYPES)
    assert set(STYLE_OF_TYPE) == set(TYPES)


@pytest.mark.parametrize("garment", ["shorts", "t-shirt", "tank-top", "sandals", "flip-flops"])
def test_shorts_tees_and_sandals_always_include_summer(garment: str) -> None:
    assert "summer" in seasons_of(garment)


@pytest.mark.parametrize("garment", ["coat", "puffer", "sweater", "cardigan"])
def test_coats_and_knits_are_fall_or_winter(garment: str) -> None:
    assert {"fall", "winter"} & set(seasons_of(garment))
    assert garment == "cardigan" or "summer" not in seasons_of(garment)


def test_open_shoes_are_never_winter() -> None:
    for garment in (t for t in TYPES if is_open_shoe(t)):
        if garment != "slippers":  # worn indoors all year
            assert "winter" not in seasons_of(garment), garment


def test_a_beanie_is_never_summer_only() -> None:
    assert seasons_of("beanie") != ["summer"]
    assert "summer" not in seasons_of("beanie")


def test_no_type_is_a_single_season_so_a_mixed_wardrobe_never_reads_as_one() -> None:
    single = [garment for garment, seasons in SEASONS_OF_TYPE.items() if len(seasons) < 2]
    assert single == []


def test_unknown_types_rule_no_season_out() -> None:
    assert seasons_of("space-suit") == ["spring", "summer", "fall", "winter"]
    assert seasons_of(None) == ["spring", "summer", "fall", "winter"]


def test_each_types_own_formality_lies_in_its_range() -> None:
    for garment, (_, formality, _) in TYPES.items():
        low, high = FORMALITY_RANGE[garment]
        assert low <= formality <= high, garment


@pytest.mark.parametrize("style", ["casual", "smart-casual", "formal", "sporty", "ethnic", None])
def test_joggers_are_never_3_and_jeans_never_4(style: str | None) -> None:
    assert formality_of("joggers", style) in (1, 2)
    assert formality_of("jeans", style) in (1, 2, 3)


def test_a_formality_from_elsewhere_is_kept_within_the_types_range() -> None:
    assert formality_within("jeans", 5) == 3 and formality_within("joggers", 3) == 2
    assert formality_within("blazer", 4) == 4 and formality_within("space-suit", 5) == 5


def test_formality_follows_the_style_within_the_type() -> None:
    assert formality_of("shirt", "formal") == 4
    assert formality_of("shirt", "smart-casual") == 3
    assert formality_of("shirt", "casual") == 2
    assert formality_of("t-shirt", "formal") == 2  # a tee is never formal, whatever the model says
    assert formality_of("tie", "casual") == 4
    assert formality_of("blazer", "formal") == 4
    assert formality_of("unknown-thing", "casual") is None


def test_sportswear_reads_sporty() -> None:
    assert style_of("joggers", "casual") == "sporty"
    assert style_of("joggers", "formal") == "sporty"
    assert style_of("leggings", None) == "sporty"
    assert style_of("hoodie", "sporty") == "sporty"


def test_tailoring_reads_formal() -> None:
    assert style_of("blazer", "sporty") == "formal"
    assert style_of("formal-shoes", "casual") == "formal"
    assert style_of("tie", "casual") == "formal"


def test_a_plain_shirt_or_skirt_reads_smart_casual_and_a_printed_one_casual() -> None:
    assert style_of("shirt", "casual", "solid") == "smart-casual"  # an oxford shirt
    assert style_of("skirt", "casual", "solid") == "smart-casual"  # a pencil skirt
    assert style_of("shirt", "casual", "checked") == "casual"
    assert style_of("shirt", "formal", "solid") == "formal"


def test_a_plain_knit_or_sheath_dress_is_never_sporty() -> None:
    assert style_of("sweater", "sporty", "solid") == "smart-casual"
    assert style_of("dress", "sporty", "solid") == "smart-casual"


def test_jeans_and_tees_are_never_formal() -> None:
    assert style_of("jeans", "formal") == "casual"
    assert style_of("t-shirt", "formal") == "casual"


def test_an_unknown_type_keeps_the_models_style() -> None:
    assert style_of("space-suit", "sporty") == "sporty"


def test_warmth_is_the_types() -> None:
    assert warmth_of("coat") == 5 and warmth_of("sandals") == 1 and warmth_of("nothing") is None


def test_shoe_kinds_and_openness() -> None:
    assert shoe_kind("flip-flops") == "sandals"
    assert shoe_kind("loafers") == "formal"
    assert shoe_kind("Formal Shoes") == "formal"
    assert shoe_kind("jeans") is None
    assert is_open_shoe("sandals") and not is_open_shoe("boots")
    assert all(TYPES[garment][0] == "shoes" for garment in SHOE_KIND_OF_TYPE)


def test_fine_types_keep_their_parents_slot() -> None:
    for garment in TYPES:
        parent = parent_type(garment)
        assert parent in TYPES, garment
        assert TYPES[parent][0] == TYPES[garment][0] or garment == "cardigan", garment
