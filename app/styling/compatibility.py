"""How well garments go together: named pair rules with weights calibrated on real worn outfits.

Each pair of items gets a weighted sum of pair features (features.py) plus a learned type affinity (how much
more often people wear, say, heels with a skirt than chance would give). An outfit's compatibility is the mean
over its pairs plus `weakest_pair` times its worst pair: one piece that goes with nothing spoils the rest.
Features are grouped into the parts a person can name; the weights come from models/outfit_weights.json
(eval/outfits.py fits them) and fall back to the stylist priors below.
"""

import json
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from app.styling.features import (
    COLOUR_FAMILIES,
    GARMENT_TYPES,
    UNKNOWN_FAMILY,
    UNKNOWN_TYPE,
    Array,
    ItemFeatures,
    pair_features,
)

WEIGHTS_PATH = Path(__file__).resolve().parents[2] / "models" / "outfit_weights.json"

# Which named part each pair feature belongs to. `type_affinity` reads the learned table of type pairs.
PART_OF_FEATURE = {
    "tone_close": "colour_harmony",
    "light_contrast": "colour_harmony",
    "neutral_base": "colour_harmony",
    "hue_harmony": "colour_harmony",
    "near_hue_clash": "colour_harmony",
    "two_loud": "colour_harmony",
    "hist_overlap": "colour_harmony",
    "formality_gap": "formality",
    "style_match": "style",
    "bold_clash": "pattern_mix",
    "embedding_cos": "learned_compatibility",
    "type_affinity": "learned_compatibility",
    "colour_affinity": "colour_harmony",
}
COMPATIBILITY_PARTS = ("colour_harmony", "formality", "style", "pattern_mix", "learned_compatibility")

# Stylist priors: (weight, sign the data may not flip). 0 sign = the data decides the direction. The fit
# shrinks towards these, so a rule the data cannot see keeps a textbook strength instead of vanishing.
PRIORS: dict[str, tuple[float, int]] = {
    "tone_close": (0.5, 1),
    "light_contrast": (0.0, 0),
    "neutral_base": (0.5, 1),
    "hue_harmony": (0.4, 1),
    "near_hue_clash": (-0.6, -1),
    "two_loud": (-0.4, -1),
    "hist_overlap": (0.3, 1),
    "formality_gap": (-1.5, -1),
    "style_match": (0.5, 1),
    "bold_clash": (-1.0, -1),
    "embedding_cos": (0.0, 0),
    "type_affinity": (1.0, 1),
    "colour_affinity": (1.0, 1),
}
TYPE_TABLE_SIZE = UNKNOWN_TYPE + 1  # the last row and column (unknown types) stay zero
COLOUR_TABLE_SIZE = UNKNOWN_FAMILY + 1


@dataclass(frozen=True)
class PairModel:
    weights: dict[str, float]
    type_affinity: Array = field(default_factory=lambda: np.zeros((TYPE_TABLE_SIZE, TYPE_TABLE_SIZE)))
    # how much more often two main colour families are worn together than chance (eval/outfits_fit.py)
    colour_affinity: Array = field(default_factory=lambda: np.zeros((COLOUR_TABLE_SIZE, COLOUR_TABLE_SIZE)))
    weakest_pair: float = 0.0
    bias: float = 0.0
    source: str = "priors"

    def to_json(self, extra: dict[str, object]) -> str:
        body = {
            "bias": self.bias,
            "weakest_pair": self.weakest_pair,
            "weights": self.weights,
            "type_affinity": _affinity_entries(self.type_affinity, GARMENT_TYPES),
            "colour_affinity": _affinity_entries(self.colour_affinity, COLOUR_FAMILIES),
            **extra,
        }
        return json.dumps(body, indent=1)


def _affinity_entries(table: Array, names: tuple[str, ...]) -> dict[str, float]:
    """The symmetric table as readable "name|name": value entries, each pair once, zeros left out."""
    rows, cols = np.nonzero(np.triu(np.round(table, 4)))
    return {f"{names[r]}|{names[c]}": round(float(table[r, c]), 4) for r, c in zip(rows, cols, strict=True)}


def _affinity_table(entries: dict[str, float], path: Path, names: tuple[str, ...], what: str) -> Array:
    table = np.zeros((len(names) + 1, len(names) + 1))  # the last row and column (unknown) stay zero
    for key, value in entries.items():
        pair = key.split("|")
        if len(pair) != 2 or not set(pair) <= set(names):
            raise ValueError(f"{path}: {what} key {key!r} is not two known names joined by '|'")
        first, second = (names.index(name) for name in pair)
        table[first, second] = table[second, first] = float(value)
    return table


def prior_model() -> PairModel:
    return PairModel(weights={name: weight for name, (weight, _) in PRIORS.items()})


def read_model(path: Path) -> PairModel:
    body = json.loads(path.read_text())
    weights = {name: float(body["weights"].get(name, prior)) for name, (prior, _) in PRIORS.items()}
    return PairModel(
        weights=weights,
        type_affinity=_affinity_table(body.get("type_affinity", {}), path, GARMENT_TYPES, "type_affinity"),
        colour_affinity=_affinity_table(body.get("colour_affinity", {}), path, COLOUR_FAMILIES, "colour_affinity"),
        weakest_pair=float(body.get("weakest_pair", 0.0)),
        bias=float(body["bias"]),
        source=str(path),
    )


@lru_cache(maxsize=1)
def load_model() -> PairModel:
    """The calibrated weights, read once on first use (never at import); the priors when the file is absent."""
    return read_model(WEIGHTS_PATH) if WEIGHTS_PATH.exists() else prior_model()


def pair_parts(a: ItemFeatures, b: ItemFeatures, model: PairModel) -> dict[str, Array]:
    """Each compatibility part's contribution (logit units) for every pair (a_i, b_j)."""
    parts = {part: np.zeros((len(a.hue), len(b.hue))) for part in COMPATIBILITY_PARTS}
    for name, values in pair_features(a, b).items():
        parts[PART_OF_FEATURE[name]] += model.weights[name] * values
    affinity = model.type_affinity[a.garment_type[:, None], b.garment_type[None, :]]
    parts["learned_compatibility"] += model.weights["type_affinity"] * affinity
    colours = model.colour_affinity[a.colour_family[:, None], b.colour_family[None, :]]
    parts["colour_harmony"] += model.weights["colour_affinity"] * colours
    return parts


def pair_logits(a: ItemFeatures, b: ItemFeatures, model: PairModel) -> Array:
    return sum(pair_parts(a, b, model).values(), start=np.zeros((len(a.hue), len(b.hue))))


def mean_pair_logits(a: ItemFeatures, b: ItemFeatures, model: PairModel) -> Array:
    """pair_logits(a, b, model).mean(1) (equal up to float rounding), with the embedding cosine taken against b's
    mean embedding: the cosine is linear in b, and the wide product against every b was most of the cost."""
    logits = pair_logits(_without_embedding(a), _without_embedding(b), model).mean(1)
    return logits + model.weights["embedding_cos"] * (a.embedding @ b.embedding.mean(0))  # type: ignore[no-any-return]


def _without_embedding(features: ItemFeatures) -> ItemFeatures:
    return replace(features, embedding=np.zeros((len(features.hue), 0)))  # every cosine is then 0


def outfit_parts(features: ItemFeatures, model: PairModel) -> dict[str, float]:
    """Each part's mean over the outfit's pairs plus its share of the weakest pair (zero for a single item).

    The parts sum to mean(pair logits) + weakest_pair * min(pair logits), the same value the search ranks by.
    """
    upper = np.triu_indices(len(features.hue), k=1)
    if not len(upper[0]):
        return dict.fromkeys(COMPATIBILITY_PARTS, 0.0)
    parts = {part: values[upper] for part, values in pair_parts(features, features, model).items()}
    weakest = int(np.argmin(sum(parts.values())))
    return {part: float(values.mean() + model.weakest_pair * values[weakest]) for part, values in parts.items()}
