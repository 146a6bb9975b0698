"""The rain's rules read like a stylist's: a coat made for rain is preferred to one that merely covers; sleeveless
outerwear is no cover; shoes in the rain are closed and flat, as the garment table says."""

from app.styling import StyleContext, WardrobeItem
from app.styling.context import weather_fit
from app.styling.garments import GARMENTS, LIKE_TYPE, OUTER
from app.styling.rules import RAIN_SHOES, RAIN_SHOES_FIX, item_problems, outfit_problems
from app.vision.taxonomy import TYPES, category_of


def item(item_id: int, kind: str, style: str | None = None, formality: int | None = None) -> WardrobeItem:
    category = category_of(LIKE_TYPE.get(kind, kind))
    return WardrobeItem(item_id, kind, category, ("navy",), style=style, formality=formality)


RAIN = StyleContext(temperature_c=12, rain=True)
BASE = [item(1, "shirt"), item(2, "jeans"), item(3, "boots")]


def test_a_raincoat_is_preferred_to_a_jacket_in_the_rain() -> None:
    assert weather_fit([*BASE, item(4, "raincoat")], RAIN) > weather_fit([*BASE, item(4, "jacket")], RAIN)
    assert weather_fit([*BASE, item(4, "jacket")], RAIN) > weather_fit([*BASE, item(4, "gilet")], RAIN)


def test_sleeveless_outerwear_is_no_rain_cover() -> None:
    for kind in ("gilet", "vest", "body-warmer", "puffer-vest"):
        assert GARMENTS[kind].sleeveless, kind
        problems = [p.message for p in outfit_problems([*BASE, item(4, kind)], RAIN)]
        assert "no coat or jacket in the rain" in problems, kind


def test_rain_shoes_read_the_garment_table() -> None:
    for kind, garment in GARMENTS.items():
        if category_of(LIKE_TYPE.get(kind, kind)) != "shoes":
            continue
        refused = [p.fix for p in item_problems(item(3, kind), RAIN)]
        fit = all(getattr(garment, need) for need, _ in RAIN_SHOES)
        assert (RAIN_SHOES_FIX in refused) != fit, (kind, refused)


def test_every_finer_kind_a_correction_may_name_has_a_taxonomy_row() -> None:
    for kind, garment in GARMENTS.items():
        row = LIKE_TYPE.get(kind, kind)
        assert row in TYPES, kind
        if garment.layer == OUTER:
            assert TYPES[row][0] == "outerwear", kind
