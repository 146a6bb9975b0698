"""Outfits from slot rules and colour harmony. Plain data in, plain data out; no web or database imports."""

import itertools
from dataclasses import dataclass, field

from app.styling.items import WardrobeItem

NEUTRAL_FAMILIES = frozenset({"black", "white", "grey", "navy", "beige", "brown"})
SHAPES: tuple[tuple[str, ...], ...] = (("top", "bottom", "shoes"), ("one-piece", "shoes"))
_PER_SLOT = 25  # candidates per slot kept for the exhaustive pass; the outfit issue replaces this search
_MAX_REUSE = 2  # an item may appear in at most this many suggestions


@dataclass(frozen=True)
class Outfit:
    items: tuple[WardrobeItem, ...]
    score: float
    explanation: str


@dataclass
class Suggestions:
    outfits: list[Outfit] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # e.g. "shoes": what to add for a first outfit
    unclassified: int = 0  # items whose type is unknown and so fit no slot


def _colour_score(items: tuple[WardrobeItem, ...]) -> tuple[float, str]:
    accents = {item.colour_families[0] for item in items if item.colour_families} - NEUTRAL_FAMILIES
    if not accents:
        return 1.0, "all neutrals, which always work together"
    if len(accents) == 1:
        return 0.9, f"neutrals anchored by one {next(iter(accents))} accent"
    if len(accents) == 2:
        return 0.6, f"two accent colours ({' and '.join(sorted(accents))})"
    return 0.3, f"{len(accents)} competing accent colours"


def _style_score(items: tuple[WardrobeItem, ...]) -> tuple[float, str]:
    styles = {item.style for item in items if item.style}
    if len(styles) == 1:
        return 1.0, f"a consistent {next(iter(styles))} style"
    if not styles:
        return 0.7, ""
    return 0.5, "mixed styles"


def score(items: tuple[WardrobeItem, ...]) -> Outfit:
    colour, colour_reason = _colour_score(items)
    style, style_reason = _style_score(items)
    total = round(0.7 * colour + 0.3 * style, 3)
    names = " + ".join(f"{(item.colour_names or ('',))[0]} {item.type}".strip() for item in items)
    reasons = ", ".join(reason for reason in (colour_reason, style_reason) if reason)
    return Outfit(items=items, score=total, explanation=f"{names}: {reasons}.")


def _by_slot(items: list[WardrobeItem]) -> dict[str, list[WardrobeItem]]:
    slots: dict[str, list[WardrobeItem]] = {}
    for item in items:
        if item.category:
            slots.setdefault(item.category, []).append(item)
    return slots


def _missing(slots: dict[str, list[WardrobeItem]]) -> list[str]:
    """The smallest set of slots to fill before any outfit shape is complete."""
    gaps = [[slot for slot in shape if slot not in slots] for shape in SHAPES]
    return min(gaps, key=len)  # ties go to the first shape: separates are the commoner wardrobe


def suggest(items: list[WardrobeItem], *, count: int = 5) -> Suggestions:
    slots = _by_slot(items)
    result = Suggestions(unclassified=sum(1 for item in items if not item.category))
    candidates = [
        score(combo)
        for shape in SHAPES
        if all(slot in slots for slot in shape)
        for combo in itertools.product(*(slots[slot][:_PER_SLOT] for slot in shape))
    ]
    if not candidates:
        result.missing = _missing(slots)
        return result
    uses: dict[int, int] = {}
    for outfit in sorted(candidates, key=lambda o: (-o.score, [i.id for i in o.items])):
        if any(uses.get(item.id, 0) >= _MAX_REUSE for item in outfit.items):
            continue  # diversity: do not show the same jeans in every suggestion
        result.outfits.append(outfit)
        for item in outfit.items:
            uses[item.id] = uses.get(item.id, 0) + 1
        if len(result.outfits) == count:
            break
    return result
