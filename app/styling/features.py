"""Numbers the compatibility rules read, computed once per item and then for whole slot-by-slot blocks of pairs.

Every pair feature is either a product of per-item vectors (a matrix product) or a difference of per-item
scalars (a broadcast), so scoring all pairs between two slots is a few numpy operations, never a Python loop.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from app.styling.garments import garment_of
from app.styling.items import WardrobeItem
from app.vision.colours import PALETTE, hex_to_rgb, rgb_to_lab
from app.vision.taxonomy import TYPES, normalise_type

Array = NDArray[np.float64]

# A colour family's typical shade, for items whose measured colours were not passed in (user corrections).
FAMILY_HEX = {
    "black": "#111111", "white": "#F8F8F6", "grey": "#808080", "navy": "#1F2A44", "blue": "#2F5DA8",
    "brown": "#7B4B2A", "beige": "#D9C8A9", "red": "#C8102E", "pink": "#F4A7B9", "purple": "#6A3D9A",
    "green": "#2E8B57", "yellow": "#F5D547", "orange": "#F28C28", "metallic": "#B5B7BB",
}  # fmt: skip
NAME_HEX = {name: value for name, value, _ in PALETTE}
NEUTRAL_CHROMA = 15.0  # below this CIELAB chroma a colour reads as a neutral (black, white, grey, greige)
NEUTRAL_L_EDGES = (30.0, 55.0, 80.0)  # dark / mid-dark / mid-light / light neutrals
HUE_SECTORS = 6
HIST_BINS = len(NEUTRAL_L_EDGES) + 1 + 2 * HUE_SECTORS  # neutrals by lightness + (hue sector x dark/light)
BOLD_PATTERNS = frozenset({"striped", "checked", "dotted", "floral", "animal", "graphic"})
SMALL_SCALE = frozenset({"shoes", "accessory"})  # a print on a bag or shoe reads at another scale
STYLES = ("casual", "formal", "sporty", "ethnic", "smart-casual")
COLOUR_FAMILIES = tuple(sorted({family for _, _, family in PALETTE}))  # rows of the learned colour table
UNKNOWN_FAMILY = len(COLOUR_FAMILIES)
GARMENT_TYPES = tuple(TYPES)  # rows of the learned type-affinity table; one extra row for unknown types
UNKNOWN_TYPE = len(GARMENT_TYPES)
DEFAULT_FORMALITY = 3.0


@dataclass(frozen=True)
class ItemFeatures:
    """Per-item arrays (one row per item) that the pair features combine."""

    lab: Array  # (n, 3) primary colour in CIELAB
    lightness: Array  # primary colour L*
    chroma: Array  # 0..1, how far the primary colour is from a neutral
    hue: Array  # radians, primary colour
    hist: Array  # (n, HIST_BINS) share-weighted colour histogram over all measured colours
    formality: Array
    style: Array  # (n, len(STYLES)) one-hot; all zero when unknown
    bold: Array  # 1 for a bold print at garment scale, 0.5 on shoes/accessories
    embedding: Array  # (n, d) L2-normalised, zero rows when unknown
    garment_type: NDArray[np.intp]  # index into GARMENT_TYPES, UNKNOWN_TYPE when not one of ours
    colour_family: NDArray[np.intp]  # main colour's index into COLOUR_FAMILIES, UNKNOWN_FAMILY when none
    styled_up: Array  # formality levels the pieces worn with it may lift this one by (garments.Garment.styled_up)
    styling: Array  # 1 for what styles a piece up or down (shoes, outerwear, accessories), else 0


def _colours(item: WardrobeItem) -> list[tuple[str, float]]:
    """(hex, share) of the item's colours: measured when known, else named, else the family's typical shade."""
    if item.colour_hexes:
        shares = item.colour_shares or (1.0,) * len(item.colour_hexes)
        return list(zip(item.colour_hexes, shares, strict=False))
    named = [
        NAME_HEX.get(n) or FAMILY_HEX.get(f) for n, f in zip(item.colour_names, item.colour_families, strict=False)
    ]
    named += [FAMILY_HEX.get(f) for f in item.colour_families[len(named) :]]
    known = [h for h in named if h]
    return [(h, 1.0 / len(known)) for h in known] or [("#808080", 1.0)]


def _hist_bins(labs: Array) -> NDArray[np.intp]:
    chroma = np.hypot(labs[:, 1], labs[:, 2])
    neutral = np.searchsorted(NEUTRAL_L_EDGES, labs[:, 0])
    sector = ((np.arctan2(labs[:, 2], labs[:, 1]) % (2 * np.pi)) / (2 * np.pi) * HUE_SECTORS).astype(np.intp)
    chromatic = len(NEUTRAL_L_EDGES) + 1 + 2 * (sector % HUE_SECTORS) + (labs[:, 0] >= 50)
    return np.where(chroma < NEUTRAL_CHROMA, neutral, chromatic)


def _colour_arrays(items: Sequence[WardrobeItem]) -> tuple[Array, Array]:
    """Primary colour CIELAB (n, 3) and share-weighted histograms (n, HIST_BINS), all colours converted at once."""
    owners, hexes, shares = [], [], []
    for row, item in enumerate(items):
        for value, share in _colours(item):
            owners.append(row)
            hexes.append(hex_to_rgb(value))
            shares.append(share)
    labs = rgb_to_lab(np.array(hexes, dtype=np.float64).reshape(-1, 3))
    hist = np.zeros((len(items), HIST_BINS))
    np.add.at(hist, (np.array(owners, dtype=np.intp), _hist_bins(labs)), np.array(shares))
    first = np.searchsorted(np.array(owners), np.arange(len(items)))  # each item's colours are listed largest first
    return labs[first] if len(items) else np.zeros((0, 3)), hist / np.maximum(hist.sum(1, keepdims=True), 1e-9)


def _type_index(garment_type: str | None) -> int:
    name = normalise_type(garment_type) if garment_type else ""
    return GARMENT_TYPES.index(name) if name in TYPES else UNKNOWN_TYPE


def item_features(
    items: Sequence[WardrobeItem], embedding_dim: int = 1280, *, dressed_up: bool = False
) -> ItemFeatures:
    """`dressed_up`: the occasion lets what a dress is worn with lift it (context.dresses_up)."""
    n = len(items)
    labs, hists = _colour_arrays(items)
    style, embedding = np.zeros((n, len(STYLES))), np.zeros((n, embedding_dim))
    for row, item in enumerate(items):
        if item.style in STYLES:
            style[row, STYLES.index(item.style)] = 1.0
        if item.embedding is not None and len(item.embedding) == embedding_dim:
            embedding[row] = item.embedding
    chroma = np.hypot(labs[:, 1], labs[:, 2])
    bold = [(0.5 if i.category in SMALL_SCALE else 1.0) if i.pattern in BOLD_PATTERNS else 0.0 for i in items]
    return ItemFeatures(
        lab=labs,
        lightness=labs[:, 0],
        chroma=np.clip((chroma - NEUTRAL_CHROMA) / 30.0, 0.0, 1.0),
        hue=np.arctan2(labs[:, 2], labs[:, 1]),
        hist=hists,
        formality=np.array([i.formality if i.formality else DEFAULT_FORMALITY for i in items], dtype=np.float64),
        style=style,
        bold=np.array(bold, dtype=np.float64),
        embedding=embedding,
        garment_type=np.array([_type_index(i.type) for i in items], dtype=np.intp),
        colour_family=np.array([_family_index(i) for i in items], dtype=np.intp),
        styled_up=np.array([styled_up(i) if dressed_up else 0 for i in items], dtype=np.float64),
        styling=np.array([float(i.category in STYLING_SLOTS) for i in items]),
    )


STYLING_SLOTS = frozenset({"shoes", "outerwear", "accessory"})  # what dresses a dress up (heels, a blazer, a clutch)


def styled_up(item: WardrobeItem) -> int:
    """How many levels the pieces worn with this item may lift its formality: a plain dress goes to a wedding with
    heels; a sporty or graphic one stays what it is."""
    if item.style == "sporty" or item.pattern == "graphic":
        return 0
    return garment_of(item.type, item.category).styled_up


def lifted_gap(a: WardrobeItem, b: WardrobeItem, *, dressed_up: bool) -> float:
    """_formality_gap for one pair: the levels between two pieces once each is lifted by the other."""
    fa, fb = a.formality or DEFAULT_FORMALITY, b.formality or DEFAULT_FORMALITY
    up = fb - fa
    lift_a = min(max(up, 0), styled_up(a) * (b.category in STYLING_SLOTS) * dressed_up)
    lift_b = min(max(-up, 0), styled_up(b) * (a.category in STYLING_SLOTS) * dressed_up)
    return float(abs(up - lift_a + lift_b))


def _formality_gap(a: ItemFeatures, b: ItemFeatures) -> Array:
    """Levels apart, each side lifted first by what it is worn with (a casual dress with heels is dressed up)."""
    up = b.formality[None, :] - a.formality[:, None]  # how far b is above a
    lift_a = np.minimum(np.clip(up, 0, None), a.styled_up[:, None] * b.styling[None, :])
    lift_b = np.minimum(np.clip(-up, 0, None), b.styled_up[None, :] * a.styling[:, None])
    return np.abs(up - lift_a + lift_b)


def _family_index(item: WardrobeItem) -> int:
    family = item.colour_families[0] if item.colour_families else ""
    return COLOUR_FAMILIES.index(family) if family in COLOUR_FAMILIES else UNKNOWN_FAMILY


def _hue_term(a: ItemFeatures, b: ItemFeatures, k: int) -> Array:
    """chroma_i * chroma_j * cos(k * hue difference), as one matrix product."""
    left = a.chroma[:, None] * np.stack([np.cos(k * a.hue), np.sin(k * a.hue)], 1)
    right = b.chroma[:, None] * np.stack([np.cos(k * b.hue), np.sin(k * b.hue)], 1)
    return left @ right.T  # type: ignore[no-any-return]


def _delta_e(a: ItemFeatures, b: ItemFeatures) -> Array:
    """CIE76 distance of the primary colours: enough to say "these two are the same tone"."""
    return np.sqrt(np.clip(((a.lab[:, None, :] - b.lab[None, :, :]) ** 2).sum(-1), 0, None))  # type: ignore[no-any-return]


def pair_features(a: ItemFeatures, b: ItemFeatures) -> dict[str, Array]:
    """Every pair feature for all (a_i, b_j): name -> (len(a), len(b)) matrix."""
    light_gap = np.abs(a.lightness[:, None] - b.lightness[None, :]) / 100.0
    style_known = a.style.sum(1)[:, None] * b.style.sum(1)[None, :]
    return {
        "tone_close": np.exp(-((_delta_e(a, b) / 25.0) ** 2)),  # tonal / monochrome dressing
        "light_contrast": light_gap,
        "neutral_base": 1.0 - np.minimum.outer(a.chroma, b.chroma),  # at least one of the two is a neutral
        "hue_harmony": _hue_term(a, b, 2),  # + analogous or complementary, - hues about 90 degrees apart
        "near_hue_clash": np.clip(-_hue_term(a, b, 3), 0, None) * np.clip(_hue_term(a, b, 1), 0, None),
        "two_loud": np.outer(a.chroma, b.chroma),
        "hist_overlap": np.minimum(a.hist[:, None, :], b.hist[None, :, :]).sum(-1),
        # One level apart is ordinary (jeans with a t-shirt); each level beyond that reads as a mix.
        "formality_gap": np.clip(_formality_gap(a, b) - 1.0, 0.0, None) / 3.0,
        "style_match": a.style @ b.style.T + 0.5 * (1 - style_known),
        "bold_clash": np.outer(a.bold, b.bold),
        "embedding_cos": a.embedding @ b.embedding.T,
    }
