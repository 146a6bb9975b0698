"""The calibration behind models/outfit_weights.json: the type-affinity table and the ranker fit."""

import numpy as np

from app.styling import WardrobeItem
from app.styling.compatibility import PRIORS
from app.styling.features import GARMENT_TYPES
from eval.outfits_data import WornOutfit
from eval.outfits_fit import NAMES, FitConfig, fit, ranking_pairs, type_affinity

CATEGORY = {"dress": "one-piece", "heels": "shoes", "sneakers": "shoes", "bag": "accessory", "blouse": "top"}
CATEGORY |= {"jeans": "bottom", "skirt": "bottom"}


def outfit(number: int, *types: str, colours: tuple[str, ...] = (), families: tuple[str, ...] = ()) -> WornOutfit:
    hexes = colours or ("#808080",) * len(types)
    named = families or ("grey",) * len(types)
    items = tuple(
        WardrobeItem(number * 10 + n, kind, CATEGORY[kind], (family,), colour_hexes=(hex_,), colour_shares=(1.0,))
        for n, (kind, hex_, family) in enumerate(zip(types, hexes, named, strict=True))
    )
    return WornOutfit(photo=f"photo-{number}.jpg", items=items)


def cell(table: np.ndarray, first: str, second: str) -> float:
    return float(table[GARMENT_TYPES.index(first), GARMENT_TYPES.index(second)])


def test_type_affinity_learns_what_is_worn_together() -> None:
    worn = [outfit(n, "dress", "heels", "bag") for n in range(12)]
    worn += [outfit(20 + n, "blouse", "jeans", "sneakers") for n in range(12)]
    worn += [outfit(40, "dress", "sneakers"), outfit(41, "blouse", "skirt", "heels", "bag", "bag")]
    table = type_affinity(worn)
    assert np.allclose(table, table.T)
    assert cell(table, "dress", "heels") > 0.3 > 0 > cell(table, "dress", "sneakers")
    assert cell(table, "jeans", "sneakers") > cell(table, "jeans", "heels")
    assert cell(table, "bag", "bag") == 0 == cell(table, "heels", "sneakers")  # same slot: the search decides
    assert cell(table, "coat", "boots") == 0  # never seen: no opinion
    assert abs(cell(table, "skirt", "heels")) < abs(cell(table, "dress", "heels"))  # one sighting is shrunk


def test_ranker_learns_the_affinity_direction_from_real_vs_swapped() -> None:
    worn = [outfit(n, "dress", "heels") for n in range(20)]
    worn += [outfit(30 + n, "blouse", "jeans", "sneakers") for n in range(20)]
    table = type_affinity(worn)
    real, fake = ranking_pairs(worn, negatives=2, affinity=table)
    assert len(real) == len(fake) > 0
    weights = fit(real, fake, FitConfig(rule_strength=0.01, steps=300))
    assert weights[NAMES.index("type_affinity")] > 1.5 * PRIORS["type_affinity"][0]  # the data raised it


def test_colour_affinity_learns_which_colour_families_are_worn_together() -> None:
    from app.styling.features import COLOUR_FAMILIES
    from eval.outfits_fit import colour_affinity

    worn = [outfit(n, "blouse", "jeans", "sneakers", families=("white", "navy", "navy")) for n in range(12)]
    worn += [outfit(20 + n, "dress", "heels", families=("red", "black")) for n in range(12)]
    worn += [outfit(40, "blouse", "skirt", "heels", families=("red", "green", "white"))]
    table = colour_affinity(worn)
    family = COLOUR_FAMILIES.index
    assert np.allclose(table, table.T)
    assert table[family("navy"), family("white")] > 0.3
    assert table[family("red"), family("white")] < table[family("red"), family("black")]
    assert table[family("black"), family("black")] == 0  # tonal dressing is tone_close's call
    assert table[family("brown"), family("beige")] == 0  # never seen: no opinion


def test_polyvore_table_fills_types_it_has_no_category_for() -> None:
    from eval.polyvore_taste import fill_missing_types

    table = np.zeros((len(GARMENT_TYPES) + 1, len(GARMENT_TYPES) + 1))
    jeans, trousers, sneakers = (GARMENT_TYPES.index(name) for name in ("jeans", "trousers", "sneakers"))
    table[jeans, sneakers] = table[sneakers, jeans] = 0.6
    table[trousers, sneakers] = table[sneakers, trousers] = 0.2
    filled = fill_missing_types(table)
    assert np.isclose(cell(filled, "pants", "sneakers"), 0.4)  # the coarse type: the mean of its finer ones
    assert np.isclose(cell(filled, "leggings", "sneakers"), 0.4)  # a fine type: its coarse parent's row
    assert cell(filled, "pants", "jeans") == 0  # same slot stays the search's call
