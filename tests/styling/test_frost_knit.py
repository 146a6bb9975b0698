"""Below FROST_C a light jacket needs a knit under it; the search finds the outfit with the wardrobe's knit even when
that knit costs a little (a casual sweater at work), instead of flagging every outfit "add a sweater"."""

import pytest

from app.styling import StyleContext, WardrobeItem, suggest
from tests.styling.reference_search import reference_suggest

FAMILIES = ("white", "blue", "grey", "black", "navy", "beige", "brown", "green")


def make(
    item_id: int, kind: str, category: str, family: str, style: str = "formal", formality: int = 4
) -> WardrobeItem:
    return WardrobeItem(item_id, kind, category, (family,), style=style, formality=formality)


def office_wardrobe() -> list[WardrobeItem]:
    """Many shirts and one casual sweater: the beam's 50 best partial outfits are shirt + jacket + blazer ones."""
    items = [make(n, "shirt", "top", FAMILIES[n % len(FAMILIES)]) for n in range(1, 9)]
    items += [make(10 + n, "trousers", "bottom", family) for n, family in enumerate(("black", "grey", "navy"))]
    items += [make(20, "formal-shoes", "shoes", "black"), make(21, "formal-shoes", "shoes", "brown")]
    items += [make(30, "blazer", "outerwear", "navy")]
    items += [make(31 + n, "jacket", "outerwear", family, "casual", 2) for n, family in enumerate(("black", "grey"))]
    items += [make(40, "sweater", "top", "red", "casual", 2)]
    items += [make(50, "belt", "accessory", "black"), make(51, "watch", "accessory", "grey")]
    return items


@pytest.mark.parametrize("search", [suggest, reference_suggest])
@pytest.mark.parametrize(("temperature", "rain"), [(2.0, False), (4.0, True), (-1.0, False)])
def test_the_one_knit_is_found_below_frost(search: object, temperature: float, rain: bool) -> None:
    context = StyleContext(occasion="work", temperature_c=temperature, rain=rain)
    result = search(office_wardrobe(), context, count=3)  # type: ignore[operator]
    assert result.unmet == [], result.unmet  # was "nothing warm enough: add a sweater or a warmer coat"
    assert result.outfits
    for outfit in result.outfits:
        assert outfit.problems == ()
        assert 40 in {item.id for item in outfit.items}  # the sweater: nothing else makes the cover warm enough


def test_above_frost_nothing_is_required_of_the_knit() -> None:
    result = suggest(office_wardrobe(), StyleContext(occasion="work", temperature_c=7.0), count=3)
    assert result.unmet == []
    assert any(40 not in {item.id for item in outfit.items} for outfit in result.outfits)


def bank_wardrobe(coat: str) -> list[WardrobeItem]:
    """A warm red coat among eight dressier light jackets and two blazers, no knit: at the coat step the beam's 50
    best rows were all jacket rows, and every one broke the frost rule once the blazer came (session 11)."""
    items = [make(1 + n, "shirt", "top", family) for n, family in enumerate(FAMILIES[:6])]
    items += [make(10 + n, "trousers", "bottom", family) for n, family in enumerate(FAMILIES[1:6])]
    items += [make(20 + n, "formal-shoes", "shoes", family) for n, family in enumerate(("black", "brown", "grey"))]
    items += [WardrobeItem(30, coat, "outerwear", ("red",), style="formal", formality=4, warmth=5)]
    jackets = ("navy", "black", "grey", "brown", "navy", "black", "beige", "blue")
    items += [
        WardrobeItem(40 + n, "jacket", "outerwear", (family,), style="formal", formality=4, warmth=4)
        for n, family in enumerate(jackets)
    ]
    items += [make(60, "blazer", "outerwear", "navy"), make(61, "blazer", "outerwear", "black")]
    return items


@pytest.mark.parametrize("search", [suggest, reference_suggest])
@pytest.mark.parametrize("coat", ["coat", "puffer"])
def test_the_beam_keeps_the_coat_that_needs_no_knit(search: object, coat: str) -> None:
    result = search(bank_wardrobe(coat), StyleContext(occasion="interview", temperature_c=1), count=3)  # type: ignore[operator]
    assert result.unmet == [], result.unmet
    assert result.outfits and all(30 in {item.id for item in o.items} and not o.problems for o in result.outfits)
