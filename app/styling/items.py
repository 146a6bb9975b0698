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
    embedding: NDArray[np.float32] | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class FeedbackStats:
    """What the user's likes, dislikes and wears taught us; built by the service from its rows."""

    item_affinity: Mapping[int, float] = field(default_factory=lambda: _EMPTY)  # >0 liked/worn, <0 disliked
    pair_affinity: Mapping[tuple[int, int], float] = field(default_factory=dict)  # key (min_id, max_id)


@dataclass(frozen=True)
class Outfit:
    items: tuple[WardrobeItem, ...]
    score: float  # 0..1
    parts: Mapping[str, float]  # each rule's contribution, see compatibility.PARTS
    explanation: str


@dataclass
class Suggestions:
    outfits: list[Outfit] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # e.g. "shoes": what to add for a first outfit
    unclassified: int = 0  # items whose type is unknown and so fit no slot
