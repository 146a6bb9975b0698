"""Outfit search: prune each slot, score slot-by-slot pair blocks once, beam-search the slots, pick diverse outfits.

Cost grows with the wardrobe only through one pass over the items (unary scores) and one thin pair block per
slot against a small reference sample; everything after works on at most PRUNE_TO candidates per slot.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from app.styling.compatibility import PairModel, load_model, pair_logits
from app.styling.context import StyleContext, repeat_cost, weather_fit
from app.styling.features import Array, ItemFeatures, item_features
from app.styling.items import FeedbackStats, Suggestions, WardrobeItem
from app.styling.scoring import combination_feedback, score, unary

Index = NDArray[np.intp]

SHAPES: tuple[tuple[str, ...], ...] = (("top", "bottom", "shoes"), ("one-piece", "shoes"))
OPTIONAL = {
    "top": ("layer", "outerwear", "accessory", "accessory2"),
    "one-piece": ("outerwear", "accessory", "accessory2"),
}
LAYER_TYPES = frozenset({"sweater", "hoodie", "longsleeve"})  # worn over a base top
BASE_TOPS = frozenset({"t-shirt", "shirt", "blouse", "polo", "tank-top", "undershirt", "top"})
PRUNE_TO = 14  # candidates per slot after pruning
SAMPLE = 24  # reference partners per slot used to judge an item's versatility before pruning
BEAM = 50
MAX_SHARE = 0.4  # an item (other than an anchor) may appear in at most this share of the suggestions
MAX_OVERLAP = 0.6  # two suggestions sharing more than this share of their items are near-duplicates


@dataclass
class Slot:
    items: list[WardrobeItem]
    features: ItemFeatures
    unary: Array


@dataclass(frozen=True)
class State:
    picks: tuple[tuple[str, int], ...]  # (slot, index into that slot's candidates)
    pair_sum: float
    pair_min: float  # the weakest pair so far (inf before the second pick)
    unary_sum: float
    weakest_weight: float

    @property
    def value(self) -> float:
        """What compatibility.outfit_parts and the unary parts give for these picks, so ranking matches score()."""
        n = len(self.picks)
        if n < 2:
            return self.unary_sum
        return self.pair_sum / (n * (n - 1) / 2) + self.weakest_weight * self.pair_min + self.unary_sum


def _slot_of(item: WardrobeItem) -> list[str]:
    if item.category == "top" and item.type in LAYER_TYPES:
        return ["top", "layer"]
    return ["accessory", "accessory2"] if item.category == "accessory" else [str(item.category)]


def _group(items: Sequence[WardrobeItem], context: StyleContext) -> dict[str, list[WardrobeItem]]:
    groups: dict[str, list[WardrobeItem]] = {}
    for item in items:
        if item.category and item.id not in context.exclude_ids:
            for slot in _slot_of(item):
                groups.setdefault(slot, []).append(item)
    return groups


def _missing(groups: dict[str, list[WardrobeItem]]) -> list[str]:
    """The smallest set of slots to fill before any outfit shape is complete."""
    gaps = [[slot for slot in shape if slot not in groups] for shape in SHAPES]
    return min(gaps, key=len)  # ties go to the first shape: separates are the commoner wardrobe


def _unary(items: list[WardrobeItem], context: StyleContext, feedback: FeedbackStats) -> Array:
    return np.array([sum(unary(item, context, feedback).values()) for item in items])


def _prune(groups: dict[str, list[WardrobeItem]], context: StyleContext, feedback: FeedbackStats) -> dict[str, Slot]:
    """Keep each slot's best PRUNE_TO items by own score plus mean compatibility with a sample of partners."""
    model = load_model()
    features = {slot: item_features(items) for slot, items in groups.items()}
    unaries = {slot: _unary(items, context, feedback) for slot, items in groups.items()}
    samples = {slot: np.argsort(-unaries[slot], kind="stable")[:SAMPLE] for slot in groups}
    slots = {}
    for slot, items in groups.items():
        keep = np.arange(len(items))
        anchors = [n for n, item in enumerate(items) if item.id in context.anchor_ids]
        if anchors and slot != "accessory2":  # the second accessory stays free to complement an anchored one
            keep = np.array(anchors)
        elif len(items) > PRUNE_TO:
            fit: Array = unaries[slot] + _versatility(features, samples, slot, model)
            keep = np.argsort(-fit, kind="stable")[:PRUNE_TO]
        slots[slot] = Slot([items[i] for i in keep], _take(features[slot], keep), unaries[slot][keep])
    return slots


def _versatility(features: dict[str, ItemFeatures], samples: dict[str, Index], slot: str, model: PairModel) -> Array:
    partners = [other for other in ("top", "bottom", "shoes", "one-piece") if other in features and other != slot]
    scores = [pair_logits(features[slot], _take(features[o], samples[o]), model).mean(1) for o in partners]
    return np.mean(scores, axis=0) if scores else np.zeros(len(features[slot].hue))


def _take(features: ItemFeatures, rows: Index) -> ItemFeatures:
    return ItemFeatures(**{name: getattr(features, name)[rows] for name in features.__dataclass_fields__})


def _allowed(state: State, slot: str, slots: dict[str, Slot]) -> Array:
    """Which candidates of `slot` may join this partial outfit (no item twice, layers only over base tops)."""
    ok = np.ones(len(slots[slot].items), dtype=bool)
    chosen = {slots[s].items[i].id for s, i in state.picks}
    ok &= np.array([item.id not in chosen for item in slots[slot].items])
    if slot == "layer":
        top = next(slots[s].items[i] for s, i in state.picks if s == "top")
        ok &= top.type in BASE_TOPS
    if slot == "accessory2":
        first = [i for s, i in state.picks if s == "accessory"]
        ok &= bool(first) & (np.arange(len(ok)) > (first[0] if first else 0))
    return ok


def _expand(beam: list[State], slot: str, slots: dict[str, Slot], pairs: dict[tuple[str, str], Array]) -> list[State]:
    grown = []
    for state in beam:
        with_picks = [pairs[(s, slot)][i] for s, i in state.picks]
        add = sum(with_picks, start=np.zeros(len(slots[slot].items)))
        low = np.min(with_picks, axis=0) if with_picks else np.full(len(slots[slot].items), np.inf)
        for index in np.flatnonzero(_allowed(state, slot, slots)):
            grown.append(
                State(
                    picks=(*state.picks, (slot, int(index))),
                    pair_sum=state.pair_sum + add[index],
                    pair_min=min(state.pair_min, float(low[index])),
                    unary_sum=state.unary_sum + slots[slot].unary[index],
                    weakest_weight=state.weakest_weight,
                )
            )
    return grown


def _beam(shape: tuple[str, ...], slots: dict[str, Slot], context: StyleContext) -> list[State]:
    names = [s for s in (*shape, *OPTIONAL[shape[0]]) if s in slots]
    model = load_model()
    # _expand only reads (earlier slot, later slot) blocks, so half the blocks are never computed.
    pairs = {
        (a, b): pair_logits(slots[a].features, slots[b].features, model)
        for n, a in enumerate(names)
        for b in names[n + 1 :]
    }
    beam = [State((), 0.0, np.inf, 0.0, model.weakest_pair)]
    for slot in names:
        grown = _expand(beam, slot, slots, pairs)
        if slot not in shape:
            grown += beam  # optional slots may stay empty
            grown = [state for state in grown if _has_anchors(state, slot, slots, context)]
        beam = sorted(grown, key=lambda state: -state.value)[:BEAM]
    return beam


def _has_anchors(state: State, slot: str, slots: dict[str, Slot], context: StyleContext) -> bool:
    """An anchor that could fill this optional slot must be in the outfit by now (here or in an earlier slot)."""
    if not context.anchor_ids:
        return True
    wanted = {item.id for item in slots[slot].items} & context.anchor_ids
    return wanted <= {slots[s].items[i].id for s, i in state.picks}


def _final_logit(
    items: tuple[WardrobeItem, ...], state: State, context: StyleContext, feedback: FeedbackStats
) -> float:
    return (
        state.value + weather_fit(items, context) + repeat_cost(items, context) + combination_feedback(items, feedback)
    )


def _diverse(
    ranked: list[tuple[WardrobeItem, ...]], count: int, anchors: frozenset[int]
) -> list[tuple[WardrobeItem, ...]]:
    """Greedy: best first, skipping near-duplicates and items already shown in too many suggestions."""
    cap, uses, chosen = max(1, math.ceil(count * MAX_SHARE)), dict[int, int](), list[set[int]]()
    picked = []
    for items in ranked:
        ids = {item.id for item in items}
        if any(uses.get(i, 0) >= cap for i in ids - anchors):
            continue
        if any(len(ids & other) / len(ids | other) > MAX_OVERLAP for other in chosen):
            continue
        picked.append(items)
        chosen.append(ids)
        for i in ids:
            uses[i] = uses.get(i, 0) + 1
        if len(picked) == count:
            break
    return picked


def suggest(
    items: list[WardrobeItem],
    context: StyleContext = StyleContext(),
    feedback: FeedbackStats = FeedbackStats(),
    *,
    count: int = 5,
) -> Suggestions:
    """The best `count` diverse outfits from the wardrobe, or the slots to fill when none is complete."""
    result = Suggestions(unclassified=sum(1 for item in items if not item.category))
    groups = _group(items, context)
    shapes = [shape for shape in SHAPES if all(slot in groups for slot in shape)]
    if not shapes:
        result.missing = _missing(groups)
        return result
    slots = _prune(groups, context, feedback)
    pool: dict[frozenset[int], tuple[float, tuple[WardrobeItem, ...]]] = {}
    for shape in shapes:
        for state in _beam(shape, slots, context):
            outfit = tuple(slots[s].items[i] for s, i in state.picks)
            ids = frozenset(item.id for item in outfit)
            if len(state.picks) >= len(shape) and context.anchor_ids <= ids:
                pool[ids] = (_final_logit(outfit, state, context, feedback), outfit)
    ranked = [outfit for _, outfit in sorted(pool.values(), key=lambda entry: -entry[0])]
    result.outfits = [score(outfit, context, feedback) for outfit in _diverse(ranked, count, context.anchor_ids)]
    return result
