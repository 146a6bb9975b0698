"""The image engine's entry point: a decoded photo in, plain tags out. No web or database imports."""

from dataclasses import asdict, dataclass, field
from typing import Any

from PIL import Image

from app.vision.colours import ColourShare, dominant_colours

MODEL_VERSION = "colours-0.1"


@dataclass(frozen=True)
class ItemAnalysis:
    colors: list[ColourShare]
    type: str | None = None  # None until a garment classifier is installed: unknown, not guessed
    category: str | None = None
    pattern: str | None = None
    style: str | None = None
    confidence: dict[str, float] = field(default_factory=dict)
    model_version: str = MODEL_VERSION

    @property
    def primary_color(self) -> str | None:
        return self.colors[0].name if self.colors else None

    @property
    def secondary_color(self) -> str | None:
        return self.colors[1].name if len(self.colors) > 1 else None

    def to_tags(self) -> dict[str, Any]:
        """The stored `tags`: the original service's keys first, then everything else."""
        return {
            "type": self.type,
            "primary_color": self.primary_color,
            "secondary_color": self.secondary_color,
            "style": self.style,
            "category": self.category,
            "pattern": self.pattern,
            "colors": [asdict(colour) for colour in self.colors],
            "confidence": self.confidence,
            "model_version": self.model_version,
        }


def analyze(image: Image.Image) -> ItemAnalysis:
    colours = dominant_colours(image)
    return ItemAnalysis(colors=colours, confidence={"primary_color": float(colours[0].share)})
