"""The image engine's entry point: a decoded photo in, plain tags out. No web or database imports."""

from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from app.vision.candidates import TypeCandidate, type_candidates
from app.vision.colours import ColourShare, dominant_colours
from app.vision.confidence import ConfidenceCalibration
from app.vision.cutout import cutout_webp
from app.vision.features import as_rgb, color_features
from app.vision.garment_colour import ColourHead, garment_colour_features
from app.vision.knowledge import formality_of, seasons_of, style_of, warmth_of
from app.vision.mask import GarmentMask, GarmentMasker
from app.vision.model import ModelOutput, VisionModel
from app.vision.similarity import signature
from app.vision.taxonomy import TYPE_OF_SHOE_KIND, WARMTH_RANGE_C, category_of
from app.vision.version import rules_digest

ANALYSIS_SIDE = 320  # the training photos were at most 256 px; analysing more pixels only costs time
COLOUR_HEAD_TRUST = 0.5  # below this the measured clusters name the colour on their own
# A field whose calibrated confidence is below this is listed in `needs_review`: a client should ask
# the user rather than act on it. Calibrated (app/vision/confidence.py), 0.6 means the same for every field:
# expected to be wrong at least 40% of the time. On the held-out half of the home photos (`python -m eval.vision`,
# table in docs/model-card.md) it asks about 3% of types (the rest right 91%), 10% of patterns (86%), 35% of shoe
# kinds (68%) and 40% of colour families (85%; the asked ones right 49%).
REVIEW_THRESHOLD = 0.6
SECOND_COLOUR_CANDIDATE = 0.25  # a second colour family is offered when the head gives it this much
REVIEWED_FIELDS = ("type", "category", "color_family", "pattern", "style", "shoe_kind")
GARMENT_MASKS = ("learned", "fallback")  # the mask model's own, or the centre prior for an implausible one
STYLE_NAMES = {"casual": "casual", "formal": "formal", "sports": "sporty", "ethnic": "ethnic"}


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
    confidence: dict[str, float] = field(default_factory=dict)  # calibrated (app/vision/confidence.py)
    model_version: str = "colours-only"
    backend: str = "local"
    embedding: NDArray[np.float32] | None = field(default=None, repr=False, compare=False)
    signature: NDArray[np.float32] | None = field(default=None, repr=False, compare=False)  # see similarity.py
    color_candidates: list[str] = field(default_factory=list)  # colour families, likeliest first (1 or 2)
    type_candidates: list[TypeCandidate] = field(default_factory=list)  # the type, then what else it may be
    # The learned mask at the analysis size; the cut-out is made from it after the upload answers (cutout.py).
    garment: GarmentMask | None = field(default=None, repr=False, compare=False)
    # The same fields' confidences before calibration: what training/confidence.py fits the maps on.
    raw_confidence: dict[str, float] = field(default_factory=dict, repr=False, compare=False)

    @property
    def needs_review(self) -> list[str]:
        """Fields too unsure to act on without asking the user (below REVIEW_THRESHOLD)."""
        return [name for name in REVIEWED_FIELDS if self.confidence.get(name, 1.0) < REVIEW_THRESHOLD]

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
            "color_candidates": self.color_candidates or ([self.colors[0].family] if self.colors else []),
            "type_candidates": [asdict(candidate) for candidate in self.type_candidates],
            "confidence": self.confidence,
            "needs_review": self.needs_review,
            "model_version": self.model_version,
            "backend": self.backend,
            "garment_mask": self.garment_mask,
        }

    @property
    def garment_mask(self) -> str | None:
        """`learned` when the mask drove colours and cut-out, `fallback` when it was implausible (mask.py)."""
        if self.garment is None:
            return None
        return "fallback" if self.garment.fallback else "learned"  # one of GARMENT_MASKS


class ImageAnalyzer(Protocol):
    """Anything that turns an upright RGB photo into an ItemAnalysis (local model, remote LLM)."""

    def analyze(self, image: Image.Image) -> ItemAnalysis: ...

    def cutout(self, image: Image.Image, *, category: str | None = None) -> bytes | None:
        """The garment of this photo on a transparent background (WebP), or None without a mask model.

        `category` is the slot its analysis gave (the stored tags' `category`); without it the type is predicted
        again to find it.
        """
        ...


def best_type_in(output: ModelOutput, category: str) -> str:
    """The likeliest type of the likeliest slot: the slot sums many types' evidence, so it is decided first."""
    candidates = {t: p for t, p in output.garment_type.probabilities.items() if category_of(t) == category}
    return max(candidates, key=lambda t: candidates[t]) if candidates else output.garment_type.label


# A finer head's verdict replaces the coarse type only when it is at least this sure (calibrated).
FINE_TYPE_TRUST = 0.75


@dataclass(frozen=True)
class TypeVerdict:
    garment_type: str
    confidence: float  # probability of this exact type: coarse type x finer head
    shoe_kind: float | None = None  # confidence of the shoe-kind head, for shoes


def refine_type(output: ModelOutput, category: str) -> TypeVerdict:
    """The coarse type of the likeliest slot, made finer by the extra heads (shoe kind, jeans vs joggers, ...)."""
    coarse = best_type_in(output, category)
    coarse_p = output.garment_type.probabilities.get(coarse, output.garment_type.confidence)
    if category == "shoes" and "shoe_kind" in output.extra:
        kind = output.extra["shoe_kind"]
        # The slot is summed over every shoe type, so its probability, not one shoe type's, backs the kind.
        return TypeVerdict(TYPE_OF_SHOE_KIND[kind.label], output.category.confidence * kind.confidence, kind.confidence)
    finer = output.extra.get(f"{coarse}_kind")
    if finer is not None and finer.confidence >= FINE_TYPE_TRUST:
        return TypeVerdict(finer.label, coarse_p * finer.confidence)
    return TypeVerdict(coarse, coarse_p)


def colour_candidates(family_probabilities: dict[str, float], colours: list[ColourShare]) -> list[str]:
    """The named colour's family, and a second one when the photo is genuinely ambiguous (navy/black)."""
    ranked = sorted(family_probabilities.items(), key=lambda kv: -kv[1])
    first = colours[0].family if colours else ranked[0][0]
    others = [family for family, p in ranked if family != first and p >= SECOND_COLOUR_CANDIDATE]
    return [first, *others[:1]]


# The modules whose rule tables turn model outputs into tags: a change to any table changes the tags, so it
# changes the version that re-analysis compares (the model files alone would not show it). app/vision/version.py.
ANALYSER_MODULES = (
    "app.vision.analyze", "app.vision.candidates", "app.vision.colours", "app.vision.cutout", "app.vision.features",
    "app.vision.garment_colour", "app.vision.knowledge", "app.vision.mask", "app.vision.similarity",
    "app.vision.taxonomy",
)  # fmt: skip
# Bump when a change of logic alters the tags without any table showing it (the tables are hashed already).
RULES_REVISION = 1


@cache
def analyser_digest() -> str:
    """A short hash of the analyser's rule tables and thresholds, computed once per process."""
    return rules_digest(ANALYSER_MODULES)


def analysis_copy(image: Image.Image) -> Image.Image:
    """A copy at most ANALYSIS_SIDE px: box-average by a whole factor first (cheap), then bicubic."""
    small = image if image.mode == "RGB" else image.convert("RGB")  # convert() would copy an RGB photo whole
    factor = max(1, max(small.size) // ANALYSIS_SIDE)
    small = small.reduce(factor) if factor > 1 else small.copy()
    small.thumbnail((ANALYSIS_SIDE, ANALYSIS_SIDE), Image.Resampling.BICUBIC)
    return small


def _whole_photo_colours(output: ModelOutput, small: Image.Image) -> NDArray[np.float32]:
    """What the heads already computed for this photo (a second pass cost ~5 ms), else computed here."""
    return output.color_features if output.color_features is not None else color_features(small)


def style_confidence(output: ModelOutput, garment_type: str, pattern: str, style: str | None) -> float:
    """The head's probability of every style it could have said that the type's rules turn into this one."""
    return sum(
        p
        for label, p in output.style.probabilities.items()
        if style_of(garment_type, STYLE_NAMES.get(label, label), pattern) == style
    )


def formality_confidence(output: ModelOutput, verdict: TypeVerdict, pattern: str, formality: int | None) -> float:
    """The type's confidence times the style head's probability of a style giving the same formality."""
    same = sum(
        p
        for label, p in output.style.probabilities.items()
        if formality_of(verdict.garment_type, style_of(verdict.garment_type, STYLE_NAMES.get(label, label), pattern))
        == formality
    )
    return verdict.confidence * same


class LocalAnalyzer:
    """The trained ONNX model for type/pattern/style/season/colour family, plus measured colours."""

    def __init__(
        self,
        model: VisionModel,
        masker: GarmentMasker | None = None,
        colour_head: ColourHead | None = None,
        calibration: ConfidenceCalibration | None = None,
    ) -> None:
        self.model = model
        self.masker = masker
        self.colour_head = colour_head
        self.calibration = calibration

    @classmethod
    def load(cls, model_dir: Path, *, threads: int = 2) -> "LocalAnalyzer":
        model = VisionModel.load(model_dir, threads=threads)
        spec = model.manifest.get("mask")
        masker = GarmentMasker.load(model.checked_file(spec["file"]), spec["side"], threads=threads) if spec else None
        colour_spec = model.manifest.get("garment_colour")
        colour_head = ColourHead.load(model.checked_file(colour_spec["file"]), colour_spec) if colour_spec else None
        spec = model.manifest.get("confidence")
        calibration = ConfidenceCalibration.load(model.checked_file(spec["file"])) if spec else None
        return cls(model, masker, colour_head, calibration)

    @property
    def model_version(self) -> str:
        """The shipped model files and the analyser's rule tables (what re-analysis compares)."""
        return f"{self.model.model_version}+a{analyser_digest()}"

    def garment(self, small: Image.Image, category: str | None = None) -> GarmentMask | None:
        """The mask of the analysis-size photo; the category (top, bottom, ...) lets it drop another garment."""
        if self.masker is None:
            return None
        return self.masker(np.asarray(as_rgb(small)), category=category)

    def cutout(self, image: Image.Image, *, category: str | None = None) -> bytes | None:
        """As an upload makes it from its analysis (for items whose cut-out is missing). With the analysis's
        category the type prediction (~9 ms of CPU) is not run again: the mask needs only the slot."""
        if self.masker is None:
            return None
        small = analysis_copy(image)
        garment = self.garment(small, category or self.model.predict(small).category.label)
        return cutout_webp(image, garment) if garment is not None else None

    def colour_family(self, small: Image.Image, output: ModelOutput, garment: GarmentMask | None) -> dict[str, float]:
        """Family probabilities: the garment-pixel head when shipped and the mask found the garment, else
        the whole-photo colour head (a fallback mask is a guess at the garment's pixels, not a finding)."""
        if self.colour_head is None or garment is None or not garment.colour_from_mask:
            return output.color.probabilities
        return self.colour_head.probabilities(output.embedding, garment_colour_features(small, garment.mask))

    def analyze(self, image: Image.Image) -> ItemAnalysis:
        small = analysis_copy(image)
        output = self.model.predict(small)
        garment = self.garment(small, output.category.label)
        families = self.colour_family(small, output, garment)
        family, family_p = max(families.items(), key=lambda kv: kv[1])
        # The garment-pixel head always names the family (clusters alone: 0.45 on home photos); the
        # older whole-photo head only when it is sure.
        learned = self.colour_head is not None and garment is not None and garment.colour_from_mask
        trusted_family = family if learned or family_p >= COLOUR_HEAD_TRUST else None
        colours = dominant_colours(small, primary_family=trusted_family, mask=garment.mask if garment else None)
        category = output.category.label
        verdict = refine_type(output, category)
        garment_type = verdict.garment_type
        pattern = output.pattern.label
        # Seasons, warmth and formality come from what the type is (app/vision/knowledge.py); the
        # catalogue-trained heads are skewed (Fall on 65% of rows, "sporty" knits) and only propose.
        style = style_of(garment_type, STYLE_NAMES.get(output.style.label, output.style.label), pattern)
        formality = formality_of(garment_type, style)
        raw = {
            "type": round(verdict.confidence, 3),
            "category": round(output.category.confidence, 3),
            "pattern": round(output.pattern.confidence, 3),
            "style": round(style_confidence(output, garment_type, pattern, style), 3),
            "season": round(verdict.confidence, 3),  # seasons follow from the type
            "formality": round(formality_confidence(output, verdict, pattern, formality), 3),
            "color_family": round(families.get(colours[0].family, family_p) if colours else family_p, 3),
            **({"shoe_kind": round(verdict.shoe_kind, 3)} if verdict.shoe_kind is not None else {}),
        }
        return ItemAnalysis(
            colors=colours,
            color_candidates=colour_candidates(families, colours),
            type_candidates=type_candidates(output, garment_type),
            garment=garment,
            type=garment_type,
            category=category,
            pattern=pattern,
            style=style,
            formality=formality,
            seasons=seasons_of(garment_type),
            warmth=warmth_of(garment_type),
            confidence=self.calibration.apply(raw) if self.calibration else raw,
            raw_confidence=raw,
            model_version=self.model_version,
            embedding=output.embedding,
            signature=signature(output.embedding, _whole_photo_colours(output, small)),
        )
