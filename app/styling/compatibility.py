"""How well garments go together: named pair rules with weights calibrated on real worn outfits.

An outfit's compatibility is the mean, over its pairs of items, of a weighted sum of pair features
(features.py). Features are grouped into the parts a person can name; the weights come from
models/outfit_weights.json (eval/outfits.py fits them) and fall back to the stylist priors below.
"""

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from app.styling.features import HIST_BINS, Array, ItemFeatures, pair_features

WEIGHTS_PATH = Path(__file__).resolve().parents[2] / "models" / "outfit_weights.json"

# Which named part each pair feature belongs to. `hist_bilinear` is the learned colour-histogram term.
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
    "hist_bilinear": "learned_compatibility",
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
}


@dataclass(frozen=True)
class PairModel:
    weights: dict[str, float]
    hist_bilinear: Array = field(default_factory=lambda: np.zeros((HIST_BINS, HIST_BINS)))
    bias: float = 0.0
    source: str = "priors"

    def to_json(self, extra: dict[str, object]) -> str:
        body = {
            "bias": self.bias,
            "weights": self.weights,
            "hist_bilinear": np.round(self.hist_bilinear, 5).tolist(),
            **extra,
        }
        return json.dumps(body, indent=1)


def prior_model() -> PairModel:
    return PairModel(weights={name: weight for name, (weight, _) in PRIORS.items()})


def read_model(path: Path) -> PairModel:
    body = json.loads(path.read_text())
    weights = {name: float(body["weights"].get(name, prior)) for name, (prior, _) in PRIORS.items()}
    bilinear = np.asarray(body["hist_bilinear"], dtype=np.float64)
    if bilinear.shape != (HIST_BINS, HIST_BINS):
        raise ValueError(f"{path}: hist_bilinear must be {HIST_BINS}x{HIST_BINS}, got {bilinear.shape}")
    return PairModel(weights=weights, hist_bilinear=bilinear, bias=float(body["bias"]), source=str(path))


@lru_cache(maxsize=1)
def load_model() -> PairModel:
    """The calibrated weights, read once on first use (never at import); the priors when the file is absent."""
    return read_model(WEIGHTS_PATH) if WEIGHTS_PATH.exists() else prior_model()


def pair_parts(a: ItemFeatures, b: ItemFeatures, model: PairModel) -> dict[str, Array]:
    """Each compatibility part's contribution (logit units) for every pair (a_i, b_j)."""
    parts = {part: np.zeros((len(a.hue), len(b.hue))) for part in COMPATIBILITY_PARTS}
    for name, values in pair_features(a, b).items():
        parts[PART_OF_FEATURE[name]] += model.weights[name] * values
    parts["learned_compatibility"] += (a.hist @ model.hist_bilinear) @ b.hist.T
    return parts


def pair_logits(a: ItemFeatures, b: ItemFeatures, model: PairModel) -> Array:
    return sum(pair_parts(a, b, model).values(), start=np.zeros((len(a.hue), len(b.hue))))


def outfit_parts(features: ItemFeatures, model: PairModel) -> dict[str, float]:
    """Mean contribution of each part over the outfit's pairs of items (zero for a single item)."""
    n = len(features.hue)
    upper = np.triu(np.ones((n, n), dtype=bool), k=1)
    if not upper.any():
        return dict.fromkeys(COMPATIBILITY_PARTS, 0.0)
    return {part: float(values[upper].mean()) for part, values in pair_parts(features, features, model).items()}
