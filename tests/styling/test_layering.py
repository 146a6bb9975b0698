"""Layering as a stylist layers: a gilet is worn over a shirt or a knit as the outer layer, never with a coat,
and it is no rain or cold cover on its own."""

import pytest

from app.styling import StyleContext, WardrobeItem, suggest
from app.styling.garments import GARMENTS, LIKE_TYPE, OUTER, covers
from app.styling.rules import outfit_problems
from app.vision.taxonomy import category_of

GILETS = ("gilet", "vest", "body-warmer", "puffer-vest")


def item(item_id: int, kind: str, family: str = "navy") -> WardrobeItem:
    return WardrobeItem(item_id, kind, category_of(LIKE_TYPE.get(kind, kind)), (family,), style="casual")


MILD = StyleContext(occasion="casual", temperature_c=13)


@pytest.mark.parametrize("gilet", GILETS)
def test_a_gilet_over_a_knit_is_an_outfit(gilet: str) -> None:
    outfit = [item(1, "sweater"), item(2, "jeans"), item(3, "boots"), item(4, gilet)]
    assert outfit_problems(outfit, MILD) == []
    layered = [item(5, "shirt"), *outfit]  # a shirt, a knit over it, the gilet on top
    assert outfit_problems(layered, MILD) == []


@pytest.mark.parametrize("gilet", GILETS)
def test_a_gilet_with_a_coat_is_not(gilet: str) -> None:
    outfit = [item(1, "sweater"), item(2, "jeans"), item(3, "boots"), item(4, gilet), item(5, "coat")]
    assert f"a {gilet.replace('-', ' ')} with a coat" in [p.message for p in outfit_problems(outfit, MILD)]


@pytest.mark.parametrize("gilet", GILETS)
def test_a_gilet_is_the_outer_layer_but_no_cover(gilet: str) -> None:
    assert GARMENTS[gilet].layer == OUTER and not covers(GARMENTS[gilet])
    cold = [p.message for p in outfit_problems([item(1, "sweater"), item(2, "jeans"), item(3, "boots"),
                                                item(4, gilet)], StyleContext(temperature_c=6))]  # fmt: skip
    assert "no outerwear at 6 °C" in cold


def test_the_search_puts_the_gilet_over_the_sweater() -> None:
    """ "What goes with my gilet?" with a sweater as the only top: the gilet goes over it."""
    wardrobe = [item(1, "sweater", "grey"), item(2, "jeans", "blue"), item(3, "boots", "brown"), item(4, "gilet")]
    context = StyleContext(occasion="casual", temperature_c=13, anchor_ids=frozenset({4}))
    result = suggest(wardrobe, context, count=3)
    assert result.outfits and result.unmet == []
    assert all({1, 4} <= {i.id for i in outfit.items} and outfit.problems == () for outfit in result.outfits)
