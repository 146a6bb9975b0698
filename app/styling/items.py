"""The plain data the outfit engine takes and returns."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
from numpy.typing import NDArray

SLOTS = ("top", "layer", "bottom", "one-piece", "outerwear", "shoes", "accessory")
_EMPTY: Mapping[int, float] = MappingProxyType({})


@dataclass(frozen=True)
class WardrobeItem:
    id: int
    type: str | None
    category: str | None  # top, bottom, one-piece, outerwear, shoes, accessory
    colour_families: tuple[str, ...] = ()  # largest colour first
    colour_names: tuple[str, ...] = ()
    style: str | None = None
    pattern: str | None = None
    formality: int | None = None  # 1..5
    warmth: int | None = None  # 1..5
    seasons: tuple[str, ...] = ()
    colour_hexes: tuple[str, ...] = ()  # measured colours, "#RRGGBB", same order as names
    colour_shares: tuple[float, ...] = ()
    # The image engine's calibrated confidence in what the item is (the lower of type and category); None when
    # the user set the type or nobody measured it. Hard rules lean on sure kinds first (certainty.is_sure).
    certainty: float | None = None
    # What else the image engine says it may be: (type, probability) of kinds other than `type`, likeliest first
    # (tags' `type_candidates`); () when the user set the type. The rules avoid an item whose plausible other
    # kind would break a rule of the day while a safe item can take its place (certainty.breaking_chance).
    alternatives: tuple[tuple[str, float], ...] = ()
    embedding: NDArray[np.float32] | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class Violation:
    """A hard rule an outfit breaks: the rule's family, what is wrong, and what to add when nothing fits."""

    rule: str  # "structure", "rain", "cold", "heat", or the occasion
    message: str  # e.g. "sandals in the rain (not closed shoes)"
    fix: str = ""  # e.g. "no flat closed shoes for rain: add boots or sneakers"

    @property
    def structural(self) -> bool:
        return self.rule == "structure"


@dataclass(frozen=True)
class FeedbackStats:
    """What the user's likes, dislikes and wears taught us; built by the service from its rows."""

    item_affinity: Mapping[int, float] = field(default_factory=lambda: _EMPTY)  # >0 liked/worn, <0 disliked
    pair_affinity: Mapping[tuple[int, int], float] = field(default_factory=dict)  # key (min_id, max_id)
    combinations: Mapping[frozenset[int], float] = field(default_factory=dict)  # whole outfits liked (+)/disliked (-)


@dataclass(frozen=True)
class Outfit:
    items: tuple[WardrobeItem, ...]
    score: float  # 0..1
    parts: Mapping[str, float]  # each rule's contribution, see compatibility.PARTS
    explanation: str
    problems: tuple[Violation, ...] = ()  # hard rules it breaks (only when the wardrobe leaves no choice)
    flaws: tuple[str, ...] = ()  # what the explanation holds against it (a clash, loungewear, the weather...)


@dataclass
class Suggestions:
    outfits: list[Outfit] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # e.g. "shoes": what to add for a first outfit
    unmet: list[str] = field(default_factory=list)  # hard rules no outfit could satisfy, with what to add
    unclassified: int = 0  # items whose type is unknown and so fit no slot
