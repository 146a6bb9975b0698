"""Calibrated confidence: each field's reported confidence mapped so that it matches how often it is right.

The heads' temperatures (fitted on training rows the backbone had seen) leave the fields' confidences too high on
new photos, and derived fields (style after the type's rules, seasons and formality from the type) have no
probability of their own. `training/confidence.py` fits one increasing map per field on half of the
validation photos (`models/confidence.json`, listed in the manifest, so a refit changes the model version); the
other half reports the calibration error (`python -m eval.vision`). A map only rescales the reported confidence,
so it changes which fields are asked about (`needs_review`) but never which answer is given.
"""

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

EPSILON = 1e-3  # confidences are clipped to [EPSILON, 1 - EPSILON] before the logit (a rule's 1.0 stays finite)


def logit(p: float) -> float:
    p = min(max(p, EPSILON), 1.0 - EPSILON)
    return math.log(p / (1.0 - p))


@dataclass(frozen=True)
class LogitMap:
    """Platt scaling on the logit of a confidence: sigmoid(slope * logit(p) + offset), slope > 0."""

    slope: float
    offset: float

    def __call__(self, p: float) -> float:
        return 1.0 / (1.0 + math.exp(-min(max(self.slope * logit(p) + self.offset, -30.0), 30.0)))

    def spec(self) -> dict[str, object]:
        return {"platt": [round(self.slope, 6), round(self.offset, 6)]}


@dataclass(frozen=True)
class StepMap:
    """Isotonic regression: accuracy at each knot of the raw confidence, linear between knots (non-decreasing)."""

    x: tuple[float, ...]
    y: tuple[float, ...]

    def __call__(self, p: float) -> float:
        return float(np.interp(p, self.x, self.y))

    def spec(self) -> dict[str, object]:
        return {"isotonic": {"x": [round(v, 4) for v in self.x], "y": [round(v, 4) for v in self.y]}}


def map_of(spec: dict[str, Any]) -> LogitMap | StepMap:
    if "platt" in spec:
        slope, offset = (float(v) for v in spec["platt"])
        return LogitMap(slope, offset)
    knots = spec["isotonic"]
    return StepMap(tuple(float(v) for v in knots["x"]), tuple(float(v) for v in knots["y"]))


@dataclass(frozen=True)
class ConfidenceCalibration:
    maps: dict[str, LogitMap | StepMap]  # by field (the keys of ItemAnalysis.confidence)

    @classmethod
    def load(cls, path: Path) -> "ConfidenceCalibration":
        return cls({name: map_of(spec) for name, spec in json.loads(path.read_text())["maps"].items()})

    def apply(self, confidence: dict[str, float]) -> dict[str, float]:
        """Each field's calibrated confidence (rounded as stored); a field without a map is kept as it is."""
        return {name: round(self.maps[name](p), 3) if name in self.maps else p for name, p in confidence.items()}


def as_json(maps: dict[str, LogitMap | StepMap], note: str) -> str:
    body = {"note": note, "maps": {name: m.spec() for name, m in sorted(maps.items())}}
    return json.dumps(body, indent=1) + "\n"
