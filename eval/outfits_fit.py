"""Fit the compatibility weights on real worn outfits vs the same outfits with one garment swapped (numpy only).

Two things are learned from the training outfits. The type-affinity table: how much more (or less) often two
garment types are worn together than their frequencies alone would give, as a log lift shrunk towards zero
for rare pairs. Then the weights: each outfit becomes the mean over its pairs of items of every named pair
feature (type affinity included), and a pairwise logistic ranker (real outfit above its swap) sets the
weights, regularised towards the stylist priors, with the sign of each textbook rule held (projected
gradient): the data may weaken a rule to RULE_FLOOR of its prior, not remove it or turn it around.
"""

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from app.styling import WardrobeItem
from app.styling.compatibility import COLOUR_TABLE_SIZE, PRIORS, TYPE_TABLE_SIZE, PairModel, outfit_parts
from app.styling.features import GARMENT_TYPES, UNKNOWN_FAMILY, UNKNOWN_TYPE, Array, item_features, pair_features
from app.vision.taxonomy import TYPES
from eval.outfits_data import WornOutfit

SWAPPABLE = ("top", "bottom", "one-piece", "outerwear", "shoes")
NAMES = tuple(PRIORS)
RULE_FLOOR = 0.25
AFFINITY_PSEUDO_COUNT = 3.0  # pairs seen fewer times than this stay close to "no preference"
_CATEGORY_OF_ROW = np.array([TYPES[name][0] for name in GARMENT_TYPES] + ["unknown"])
_SAME_CATEGORY = _CATEGORY_OF_ROW[:, None] == _CATEGORY_OF_ROW[None, :]


def type_affinity(outfits: Sequence[WornOutfit]) -> Array:
    """Shrunk log lift per pair of types: log((worn together + m) / (expected by chance + m)).

    Expected = outfits with type a * outfits with type b / outfits; m = AFFINITY_PSEUDO_COUNT.
    """
    outfit_counts = np.zeros(TYPE_TABLE_SIZE)
    together = np.zeros((TYPE_TABLE_SIZE, TYPE_TABLE_SIZE))
    for outfit in outfits:
        # Only human-labelled types teach the table: the analyser's guess on a generic "shoes" mask is noise.
        types = item_features([i for i in outfit.items if i.id not in outfit.guessed_types]).garment_type
        outfit_counts[np.unique(types)] += 1
        first, second = np.triu_indices(len(types), k=1)
        np.add.at(together, (types[first], types[second]), 1)
    together = together + together.T - np.diag(np.diag(together))  # symmetric, same-type pairs counted once
    expected = np.outer(outfit_counts, outfit_counts) / max(len(outfits), 1)
    table: Array = np.log((together + AFFINITY_PSEUDO_COUNT) / (expected + AFFINITY_PSEUDO_COUNT))
    table[UNKNOWN_TYPE, :] = table[:, UNKNOWN_TYPE] = 0.0
    # Two items of one slot (a sweater over a shirt, two bags) are the search's structural call, not a
    # learned one: the masks rarely show a covered layer, so the data would wrongly teach "never layer".
    table[_SAME_CATEGORY] = 0.0
    return table


def colour_affinity(outfits: Sequence[WornOutfit], pseudo: float = AFFINITY_PSEUDO_COUNT) -> Array:
    """Shrunk log lift per pair of main colour families worn together (black with white, navy with beige...).

    Counted like the type table: outfits with family a and family b together vs chance. The diagonal (two
    pieces of one family) stays 0: tonal dressing is the `tone_close` rule's call.
    """
    families = [item_features(outfit.items).colour_family.tolist() for outfit in outfits]
    table = lift_table(families, COLOUR_TABLE_SIZE, pseudo)
    table[UNKNOWN_FAMILY, :] = table[:, UNKNOWN_FAMILY] = 0.0
    return table


def lift_table(outfits: Sequence[Sequence[int]], size: int, pseudo: float = AFFINITY_PSEUDO_COUNT) -> Array:
    """Shrunk log lift of two labels appearing in one outfit, vs their frequencies (labels: row indices)."""
    counts, together = np.zeros(size), np.zeros((size, size))
    for labels in outfits:
        present = np.unique(labels)
        counts[present] += 1
        rows, cols = np.meshgrid(present, present)
        together[rows, cols] += 1
    expected = np.outer(counts, counts) / max(len(outfits), 1)
    table: Array = np.log((together + pseudo) / (expected + pseudo))
    np.fill_diagonal(table, 0.0)
    return table


NO_COLOUR_TABLE = np.zeros((COLOUR_TABLE_SIZE, COLOUR_TABLE_SIZE))


def outfit_vector(items: Sequence[WardrobeItem], affinity: Array, colours: Array = NO_COLOUR_TABLE) -> Array:
    """Mean over the outfit's pairs of items of every named pair feature, in NAMES order."""
    features = item_features(items)
    upper = np.triu_indices(len(items), k=1)
    named = pair_features(features, features)
    named["type_affinity"] = affinity[features.garment_type[:, None], features.garment_type[None, :]]
    named["colour_affinity"] = colours[features.colour_family[:, None], features.colour_family[None, :]]
    return np.array([named[name][upper].mean() for name in NAMES])


def slot_pool(outfits: Sequence[WornOutfit]) -> dict[str, list[tuple[int, WardrobeItem]]]:
    """Swappable garments by slot, each with the index of the outfit it came from."""
    pool: dict[str, list[tuple[int, WardrobeItem]]] = {}
    for index, outfit in enumerate(outfits):
        for item in outfit.items:
            if item.category in SWAPPABLE:
                pool.setdefault(str(item.category), []).append((index, item))
    return pool


def swapped(
    outfits: Sequence[WornOutfit], index: int, position: int, pool: dict[str, list[tuple[int, WardrobeItem]]], k: int
) -> list[tuple[WardrobeItem, ...]]:
    """k copies of outfit `index` with item `position` replaced by a same-slot garment from other outfits."""
    items = outfits[index].items
    others = [item for source, item in pool[str(items[position].category)] if source != index]
    rng = random.Random(f"{outfits[index].photo}:{position}")  # fixed negatives: same numbers every run
    return [(*items[:position], other, *items[position + 1 :]) for other in rng.sample(others, min(k, len(others)))]


def ranking_pairs(
    outfits: Sequence[WornOutfit], negatives: int, affinity: Array, colours: Array = NO_COLOUR_TABLE
) -> tuple[Array, Array]:
    """(real vectors, swapped vectors) aligned row by row, negatives per swappable garment."""
    pool = slot_pool(outfits)
    real_rows, fake_rows = [], []
    for index, outfit in enumerate(outfits):
        if len(outfit.items) < 2:
            continue
        real = outfit_vector(outfit.items, affinity, colours)
        for position, item in enumerate(outfit.items):
            if item.category not in SWAPPABLE:
                continue
            for fake in swapped(outfits, index, position, pool, negatives):
                real_rows.append(real)
                fake_rows.append(outfit_vector(fake, affinity, colours))
    return np.array(real_rows), np.array(fake_rows)


@dataclass(frozen=True)
class FitConfig:
    rule_strength: float = 0.1  # pull towards the priors (per standardised unit)
    weakest_pair: float = 0.0  # weight of the outfit's worst pair next to the mean over pairs
    steps: int = 1500
    learning_rate: float = 0.5


def fit(real: Array, fake: Array, config: FitConfig) -> Array:
    """Weights (in NAMES order) maximising P(real ranked above swap)."""
    diff = real - fake
    scale = diff.std(0) + 1e-6
    x = diff / scale
    prior = np.array([PRIORS[name][0] for name in NAMES])
    signs = np.array([PRIORS[name][1] for name in NAMES])
    prior_std = prior * scale
    floor = RULE_FLOOR * np.abs(prior_std)  # a stylist rule the data cannot see keeps part of its strength
    u, velocity = prior_std.copy(), np.zeros_like(prior_std)
    for _ in range(config.steps):
        margin = x @ u
        grad = -(x * (1 / (1 + np.exp(margin)))[:, None]).mean(0) + 2 * config.rule_strength * (u - prior_std)
        velocity = 0.9 * velocity - config.learning_rate * grad
        u = u + velocity
        u = np.where(signs != 0, signs * np.maximum(signs * u, floor), u)  # hold each rule's direction
    weights: NDArray[np.float64] = u / scale
    return weights


def to_model(
    weights: Array,
    affinity: Array,
    weakest_pair: float,
    outfits: Sequence[WornOutfit],
    colours: Array = NO_COLOUR_TABLE,
) -> PairModel:
    """The fitted model, its bias set so that a typical real outfit scores about 0.5."""
    named = {name: float(w) for name, w in zip(NAMES, weights, strict=True)}
    model = PairModel(
        weights=named, type_affinity=affinity, colour_affinity=colours, weakest_pair=weakest_pair, source="fitted"
    )
    totals = [sum(outfit_parts(item_features(o.items), model).values()) for o in outfits if len(o.items) > 1]
    return replace(model, bias=-float(np.median(totals)))
