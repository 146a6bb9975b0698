"""Beam search over the slots with the whole beam held as arrays: one numpy step per slot, not one object per
partial outfit.

It keeps the same partial outfits, in the same order, with the same cut as growing each partial outfit in turn
(tests/styling/reference_search.py does it that way; the tests compare the two on the same commit).
"""

from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from app.styling.context import TORSO
from app.styling.features import Array
from app.styling.garments import MID, accessory_kind, covers, garment
from app.styling.items import WardrobeItem
from app.styling.rules import ACCESSORY_WARMTH, MAX_ACCESSORY_WARMTH, WARM_ACCESSORIES, WARM_COAT, warmth_of
from app.styling.scoring import VECTOR, partial_context
from app.vision.taxonomy import normalise_type

Index = NDArray[np.intp]
Scalar = TypeVar("Scalar", bound=np.generic)
BEAM = 50
TORSO_SLOTS = frozenset({"top", "layer", "one-piece", "outerwear", "tailored"})
NO_LAYER = -1  # garments.garment(item).layer is None (bottoms, shoes, accessories)


@dataclass
class Slot:
    """One slot's candidates and what the search reads about each, as arrays."""

    items: list[WardrobeItem]
    unary: Array  # (candidates, len(scoring.VECTOR)): scoring.unary_vector of each candidate
    rows: Index  # the candidates' rows in the request's table of items (search.Table)
    ids: Index = field(init=False)
    layers: Index = field(init=False)  # garments.garment(item).layer, NO_LAYER for none
    kinds: NDArray[np.str_] = field(init=False)  # accessory kind
    warmth: Array = field(init=False)  # rules.warmth_of
    warm_kinds: NDArray[np.str_] = field(init=False)  # the accessory kind when it keeps the cold out, else ""
    insulating: Array = field(init=False)  # the tagged warmth context.insulation_of reads (nan where it reads none)
    light_cover: NDArray[np.bool_] = field(init=False)  # a coat or jacket too light to go without a knit in a frost

    def __post_init__(self) -> None:
        layers = [garment(item).layer for item in self.items]
        self.ids = np.array([item.id for item in self.items], dtype=np.intp)
        self.layers = np.array([NO_LAYER if layer is None else layer for layer in layers], dtype=np.intp)
        self.kinds = np.array([accessory_kind(item) for item in self.items], dtype=np.str_)
        self.warmth = np.array([warmth_of(item) for item in self.items], dtype=np.float64)
        self.warm_kinds = np.array([_warm_kind(item) for item in self.items], dtype=np.str_)
        self.insulating = np.array(
            [item.warmth if item.category in TORSO and item.warmth else np.nan for item in self.items], dtype=np.float64
        )
        self.light_cover = np.array([_light_cover(item) for item in self.items], dtype=bool)


def _light_cover(item: WardrobeItem) -> bool:
    """What rules.weather_problems asks a knit under below FROST_C: a coat or jacket under WARM_COAT."""
    return item.category == "outerwear" and covers(garment(item)) and warmth_of(item) < WARM_COAT


def _warm_kind(item: WardrobeItem) -> str:
    """What rules.accessory_warmth counts for this item: its kind when it is a warm accessory."""
    return accessory_kind(item) if item.type and normalise_type(item.type) in WARM_ACCESSORIES else ""


@dataclass(frozen=True)
class Beam:
    """Partial outfits, one row each: picks[row, n] indexes slot n's candidates (-1 while that slot is empty)."""

    picks: Index  # (states, slots)
    pair_sum: Array
    pair_min: Array  # the weakest pair so far (inf before the second pick)
    unary_sum: Array  # (states, len(scoring.VECTOR)): the picks' unary vectors summed

    def value(self, weakest_weight: float) -> Array:
        """compatibility.outfit_parts plus the context parts score() gives these picks (bounded, the occasion's
        rewards shared), so the ranking of partial outfits matches the final score's."""
        return self.pairs_value(weakest_weight) + partial_context(self.unary_sum)

    def pairs_value(self, weakest_weight: float) -> Array:
        """compatibility.outfit_parts of the picks (0 below two picks)."""
        n = (self.picks >= 0).sum(1)
        pairs = np.maximum(n * (n - 1) / 2, 1.0)
        with np.errstate(invalid="ignore"):  # inf pair_min below two picks; those rows have no pair part
            full = self.pair_sum / pairs + weakest_weight * self.pair_min
        return np.where(n >= 2, full, 0.0)

    def take(self, rows: Index) -> "Beam":
        return Beam(self.picks[rows], self.pair_sum[rows], self.pair_min[rows], self.unary_sum[rows])


def start(slots: int) -> Beam:
    return Beam(np.full((1, slots), -1, dtype=np.intp), np.zeros(1), np.full(1, np.inf), np.zeros((1, len(VECTOR))))


def concat(first: Beam, second: Beam) -> Beam:
    return Beam(*(np.concatenate([getattr(first, k), getattr(second, k)]) for k in Beam.__dataclass_fields__))


@dataclass(frozen=True)
class Search:
    """One shape's slots in search order, their candidates and the pair blocks between them."""

    names: list[str]
    slots: dict[str, Slot]
    pairs: dict[tuple[str, str], Array]  # (earlier slot, later slot) -> pair logits

    def column(self, beam: Beam, n: int, values: NDArray[Scalar]) -> tuple[NDArray[np.bool_], NDArray[Scalar]]:
        """Whether slot n is filled in each row, and its candidate's value (or row) there; candidate 0's where empty."""
        picked = beam.picks[:, n] >= 0
        return picked, values[np.where(picked, beam.picks[:, n], 0)]


def expand(beam: Beam, n: int, search: Search) -> Beam:
    """Every allowed candidate of slot n added to every partial outfit, row by row in candidate order."""
    name = search.names[n]
    slot = search.slots[name]
    add = np.zeros((len(beam.picks), len(slot.items)))
    low = np.full_like(add, np.inf)
    for earlier in range(n):  # in pick order, so the pair sums add up in the same order as one by one
        picked, rows = search.column(beam, earlier, search.pairs[(search.names[earlier], name)])
        add = add + np.where(picked[:, None], rows, 0.0)
        low = np.where(picked[:, None], np.minimum(low, rows), low)
    states, candidates = np.nonzero(allowed(beam, n, search))
    picks = beam.picks[states].copy()
    picks[:, n] = candidates
    return Beam(
        picks,
        beam.pair_sum[states] + add[states, candidates],
        np.minimum(beam.pair_min[states], low[states, candidates]),
        beam.unary_sum[states] + slot.unary[candidates],
    )


def allowed(beam: Beam, n: int, search: Search) -> NDArray[np.bool_]:
    """Which candidates of slot n may join each partial outfit (no item twice, layers only over base tops)."""
    name, names = search.names[n], search.names
    slot = search.slots[name]
    ok = np.ones((len(beam.picks), len(slot.items)), dtype=bool)
    for earlier in range(n):
        picked, ids = search.column(beam, earlier, search.slots[names[earlier]].ids)
        ok &= ~(picked[:, None] & (ids[:, None] == slot.ids[None, :]))
        if name in ("outerwear", "tailored"):
            layers = search.column(beam, earlier, search.slots[names[earlier]].layers)[1]
            ok &= ~(picked[:, None] & (layers[:, None] == slot.layers[None, :]))
    if name == "layer":
        top = search.column(beam, names.index("top"), search.slots["top"].layers)[1]
        ok &= (top != MID)[:, None]
    if name == "accessory2":
        first = names.index("accessory") if "accessory" in names else None
        if first is None:
            return np.zeros_like(ok)
        picked, kinds = search.column(beam, first, search.slots["accessory"].kinds)
        after = np.arange(len(slot.items))[None, :] > beam.picks[:, first][:, None]
        ok &= picked[:, None] & after & (slot.kinds[None, :] != kinds[:, None])
    return ok


def hopeless(beam: Beam, n: int, search: Search, need: float | None, frost: bool) -> NDArray[np.bool_]:
    """Rows ranked after the rest at step n, because the weather rules will refuse them whatever comes later: once
    every torso slot is chosen, under `need`; in a frost, from the step it is picked, a light jacket with no knit
    when no knit slot follows. So a cut keeps the rows that can still meet the weather: a red coat that needs no
    knit was cut at the coat step for eight jackets that all needed one, and every outfit came back flagged."""
    later = search.names[n + 1 :]
    out = np.zeros(len(beam.picks), dtype=bool)
    if need is not None and not any(name in TORSO_SLOTS for name in later):
        out |= torso_warmth(beam, search) < need
    if frost and "layer" not in later:
        light = np.zeros_like(out)
        knit = np.zeros_like(out)
        for m, name in enumerate(search.names[: n + 1]):
            picked, covers_lightly = search.column(beam, m, search.slots[name].light_cover)
            light |= picked & covers_lightly
            picked, layer = search.column(beam, m, search.slots[name].layers)
            knit |= picked & (layer == MID)
        out |= light & ~knit
    return out


def torso_warmth(beam: Beam, search: Search) -> Array:
    """rules.torso_warmth of each row: the warmest torso layer plus half a point per extra layer, plus a scarf."""
    warmest = np.full(len(beam.picks), -np.inf)
    layers = np.zeros(len(beam.picks))
    seen: list[NDArray[np.str_]] = []
    accessories = np.zeros(len(beam.picks))
    for n, name in enumerate(search.names):
        if name in TORSO_SLOTS:
            picked, warmth = search.column(beam, n, search.slots[name].warmth)
            warmest = np.where(picked, np.maximum(warmest, warmth), warmest)
            layers += picked
        elif name.startswith("accessory"):
            picked, kinds = search.column(beam, n, search.slots[name].warm_kinds)
            kinds[~picked] = ""
            new = (kinds != "") & np.logical_and.reduce([kinds != other for other in seen] or [np.ones_like(picked)])
            accessories += new
            seen.append(kinds)
    extra = np.minimum(ACCESSORY_WARMTH * accessories, MAX_ACCESSORY_WARMTH)
    with np.errstate(invalid="ignore"):
        return np.where(layers > 0, warmest + 0.5 * (layers - 1) + extra, 0.0)


def insulation(beam: Beam, search: Search) -> Array:
    """context.insulation_of each row: the warmest tagged torso layer plus half a point per extra one (nan: none)."""
    warmest = np.full(len(beam.picks), -np.inf)
    layers = np.zeros(len(beam.picks))
    for n, name in enumerate(search.names):
        if name in TORSO_SLOTS:
            picked, warmth = search.column(beam, n, search.slots[name].insulating)
            counted = picked & ~np.isnan(warmth)
            warmest = np.where(counted, np.maximum(warmest, np.where(counted, warmth, -np.inf)), warmest)
            layers += counted
    return np.where(layers > 0, warmest + 0.5 * (layers - 1), np.nan)


def has_anchors(beam: Beam, n: int, search: Search, anchors: frozenset[int]) -> NDArray[np.bool_]:
    """An anchor that could fill slot n must be in the outfit by now (in slot n or an earlier one)."""
    ok = np.ones(len(beam.picks), dtype=bool)
    wanted = set(search.slots[search.names[n]].ids.tolist()) & anchors
    for anchor in wanted:
        found = np.zeros_like(ok)
        for earlier in range(n + 1):
            picked, ids = search.column(beam, earlier, search.slots[search.names[earlier]].ids)
            found |= picked & (ids == anchor)
        ok &= found
    return ok


def best(beam: Beam, value: Array, too_cold: NDArray[np.bool_]) -> Beam:
    """The BEAM best rows: warm enough first, then by value; ties keep their order (a stable sort)."""
    order = np.argsort(-value, kind="stable")
    order = order[np.argsort(too_cold[order], kind="stable")]
    return beam.take(order[:BEAM])
