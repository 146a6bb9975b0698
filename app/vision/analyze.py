"""The image engine's entry point: a decoded photo in, plain tags out. No web or database imports."""

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from app.vision.colours import ColourShare, dominant_colours
from app.vision.features import color_features
from app.vision.model import ModelOutput, VisionModel
from app.vision.similarity import signature
from app.vision.taxonomy import WARMTH_RANGE_C, base_formality, base_warmth, category_of

ANALYSIS_SIDE = 320  # the training photos were at most 256 px; analysing more pixels only costs time
COLOUR_HEAD_TRUST = 0.5  # below this the measured clusters name the colour on their own
SEASON_SHARE = 0.2  # a season is listed when the head gives it at least this probability
STYLE_NAMES = {"casual": "casual", "formal": "formal", "sports": "sporty", "ethnic": "ethnic"}
STYLE_FORMALITY_SHIFT = {"formal": 1, "sporty": -1}
SEASON_WARMTH_SHIFT = {"winter": 1, "summer": -1}


@dataclass(frozen=True)
class ItemAnalysis:
    colors: list[ColourShare]
    type: str | None = None
    category: str | None = None
    pattern: str | None = None
    style: str | None = None
    formality: int | None = None  # 1 (gym, beach) .. 5 (black tie)
    seasons: list[str] = field(default_factory=list)
    warmth: int | None = None  # 1 (vest, sandals) .. 5 (winter coat)
    confidence: dict[str, float] = field(default_factory=dict)
    model_version: str = "colours-only"
    backend: str = "local"
    embedding: NDArray[np.float32] | None = field(default=None, repr=False, compare=False)
    signature: NDArray[np.float32] | None = field(default=None, repr=False, compare=False)  # see similarity.py

    @property
    def primary_color(self) -> str | None:
        return self.colors[0].name if self.colors else None

    @property
    def secondary_color(self) -> str | None:
        return self.colors[1].name if len(self.colors) > 1 else None

    def to_tags(self) -> dict[str, Any]:
        """The stored `tags`: the original service's keys first, then everything else (not the embedding)."""
        low, high = WARMTH_RANGE_C[self.warmth] if self.warmth else (None, None)
        return {
            "type": self.type,
            "primary_color": self.primary_color,
            "secondary_color": self.secondary_color,
            "style": self.style,
            "category": self.category,
            "pattern": self.pattern,
            "colors": [asdict(colour) for colour in self.colors],
            "color_family": self.colors[0].family if self.colors else None,
            "formality": self.formality,
            "seasons": self.seasons,
            "warmth": self.warmth,
            "comfort_min_c": low,
            "comfort_max_c": high,
            "confidence": self.confidence,
            "model_version": self.model_version,
            "backend": self.backend,
        }


class ImageAnalyzer(Protocol):
    """Anything that turns an upright RGB photo into an ItemAnalysis (local model, remote LLM)."""

    def analyze(self, image: Image.Image) -> ItemAnalysis: ...


def _clip(value: int) -> int:
    return max(1, min(5, value))


def _seasons(output: ModelOutput) -> list[str]:
    ranked = sorted(output.season.probabilities.items(), key=lambda kv: -kv[1])
    return [season for season, p in ranked if p >= SEASON_SHARE] or [ranked[0][0]]


def derived_formality(garment_type: str | None, style: str | None) -> int | None:
    base = base_formality(garment_type)
    return _clip(base + STYLE_FORMALITY_SHIFT.get(style or "", 0)) if base else None


def derived_warmth(garment_type: str | None, seasons: list[str]) -> int | None:
    base = base_warmth(garment_type)
    if base is None:
        return None
    only = seasons[0] if len(seasons) == 1 else ""
    return _clip(base + SEASON_WARMTH_SHIFT.get(only, 0))


def best_type_in(output: ModelOutput, category: str) -> str:
    """The likeliest type of the likeliest slot: the slot sums many types' evidence, so it is decided first."""
    candidates = {t: p for t, p in output.garment_type.probabilities.items() if category_of(t) == category}
    return max(candidates, key=lambda t: candidates[t]) if candidates else output.garment_type.label


def analysis_copy(image: Image.Image) -> Image.Image:
    """A copy at most ANALYSIS_SIDE px: box-average by a whole factor first (cheap), then bicubic."""
    small = image.convert("RGB")
    factor = max(1, max(small.size) // ANALYSIS_SIDE)
    small = small.reduce(factor) if factor > 1 else small.copy()
    small.thumbnail((ANALYSIS_SIDE, ANALYSIS_SIDE), Image.Resampling.BICUBIC)
    return small


class LocalAnalyzer:
    """The trained ONNX model for type/pattern/style/season/colour family, plus measured colours."""

    def __init__(self, model: VisionModel) -> None:
        self.model = model

    @classmethod
    def load(cls, model_dir: Path, *, threads: int = 2) -> "LocalAnalyzer":
        return cls(VisionModel.load(model_dir, threads=threads))

    def analyze(self, image: Image.Image) -> ItemAnalysis:
        small = analysis_copy(image)
        output = self.model.predict(small)
        trusted_family = output.color.label if output.color.confidence >= COLOUR_HEAD_TRUST else None
        style = STYLE_NAMES.get(output.style.label, output.style.label)
        seasons = _seasons(output)
        category = output.category.label
        garment_type = best_type_in(output, category)
        return ItemAnalysis(
            colors=dominant_colours(small, primary_family=trusted_family),
            type=garment_type,
            category=category,
            pattern=output.pattern.label,
            style=style,
            formality=derived_formality(garment_type, style),
            seasons=seasons,
            warmth=derived_warmth(garment_type, seasons),
            confidence={
                "type": round(output.garment_type.confidence, 3),
                "category": round(output.category.confidence, 3),
                "pattern": round(output.pattern.confidence, 3),
                "style": round(output.style.confidence, 3),
                "season": round(output.season.confidence, 3),
                "color_family": round(output.color.confidence, 3),
            },
            model_version=output.model_version,
            embedding=output.embedding,
            signature=signature(output.embedding, color_features(small)),
        )
