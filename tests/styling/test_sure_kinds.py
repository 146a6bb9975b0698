"""Hard rules lean on pieces whose kind is sure: an item the image engine is unsure of fills a slot only when no
sure item can (rules.SURE_KIND, search._sure_first), and a user's correction makes a kind sure."""

from app.styling import StyleContext, WardrobeItem, suggest
from app.styling.rules import SURE_KIND, is_sure
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
