"""Fit the compatibility weights on real worn outfits vs the same outfits with one garment swapped (numpy only).

Each outfit becomes a feature vector: the mean over its pairs of items of every pair feature, plus the
symmetrised colour-histogram outer products behind the learned bilinear term. The model is a pairwise
logistic ranker (real outfit above its swap), regularised towards the stylist priors, with the sign of
each textbook rule held (projected gradient): the data may weaken a rule to RULE_FLOOR of its prior,
not remove it or turn it around.
"""

import random
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from app.styling import WardrobeItem
from app.styling.compatibility import PRIORS, PairModel
from app.styling.features import HIST_BINS, Array, item_features, pair_features
from eval.outfits_data import WornOutfit

SWAPPABLE = ("top", "bottom", "one-piece", "outerwear", "shoes")
NAMES = tuple(PRIORS)
UPPER = np.triu_indices(HIST_BINS)
RULE_FLOOR = 0.25


def outfit_vector(items: Sequence[WardrobeItem]) -> Array:
    """Mean pair features (named ones, then the upper triangle of the histogram outer product)."""
    features = item_features(items)
    upper = np.triu_indices(len(items), k=1)
    named = [pair_features(features, features)[name][upper].mean() for name in NAMES]
    left, right = features.hist[upper[0]], features.hist[upper[1]]
    outer = left[:, :, None] * right[:, None, :]
    outer = outer + np.swapaxes(outer, 1, 2)  # symmetric W: w_kl multiplies h_ik h_jl + h_il h_jk
    outer[:, np.arange(HIST_BINS), np.arange(HIST_BINS)] /= 2
    return np.concatenate([named, outer.mean(0)[UPPER]])


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


def ranking_pairs(outfits: Sequence[WornOutfit], negatives: int) -> tuple[Array, Array]:
    """(real vectors, swapped vectors) aligned row by row, negatives per swappable garment."""
    pool = slot_pool(outfits)
    real_rows, fake_rows = [], []
    for index, outfit in enumerate(outfits):
        if len(outfit.items) < 2:
            continue
        real = outfit_vector(outfit.items)
        for position, item in enumerate(outfit.items):
            if item.category not in SWAPPABLE:
                continue
            for fake in swapped(outfits, index, position, pool, negatives):
                real_rows.append(real)
                fake_rows.append(outfit_vector(fake))
    return np.array(real_rows), np.array(fake_rows)


@dataclass(frozen=True)
class FitConfig:
    rule_strength: float = 0.1  # pull towards the priors (per standardised unit)
    bilinear_strength: float = 0.1  # ridge on the learned histogram term
    steps: int = 1500
    learning_rate: float = 0.5


def fit(real: Array, fake: Array, config: FitConfig) -> Array:
    """Weights (named features, then histogram upper triangle) maximising P(real ranked above swap)."""
    diff = real - fake
    n_named = len(NAMES)
    scale = diff.std(0) + 1e-6
    # Rare histogram bins have tiny spread; standardising them alone would let their weights explode.
    scale[n_named:] = np.maximum(scale[n_named:], np.median(scale[n_named:]))
    x = diff / scale
    prior = np.zeros(x.shape[1])
    prior[:n_named] = [PRIORS[name][0] for name in NAMES]
    prior_std = prior * scale
    strength = np.full(x.shape[1], config.bilinear_strength)
    strength[:n_named] = config.rule_strength
    signs = np.zeros(x.shape[1])
    signs[:n_named] = [PRIORS[name][1] for name in NAMES]
    floor = RULE_FLOOR * np.abs(prior_std)  # a stylist rule the data cannot see keeps part of its strength
    u, velocity = prior_std.copy(), np.zeros_like(prior_std)
    for _ in range(config.steps):
        margin = x @ u
        grad = -(x * (1 / (1 + np.exp(margin)))[:, None]).mean(0) + 2 * strength * (u - prior_std)
        velocity = 0.9 * velocity - config.learning_rate * grad
        u = u + velocity
        u = np.where(signs != 0, signs * np.maximum(signs * u, floor), u)  # hold each rule's direction
    weights: NDArray[np.float64] = u / scale
    return weights


def to_model(weights: Array, vectors: Array) -> PairModel:
    named = {name: float(w) for name, w in zip(NAMES, weights[: len(NAMES)], strict=True)}
    bilinear = np.zeros((HIST_BINS, HIST_BINS))
    bilinear[UPPER] = weights[len(NAMES) :]
    bilinear = np.triu(bilinear) + np.triu(bilinear, 1).T
    bias = -float(np.median(vectors @ weights))  # centre: a typical outfit scores about 0.5
    return PairModel(weights=named, hist_bilinear=bilinear, bias=bias, source="fitted")


def model_weights(model: PairModel) -> Array:
    """The inverse of to_model (without the bias): a model as one weight vector."""
    return np.concatenate([[model.weights[name] for name in NAMES], model.hist_bilinear[UPPER]])
