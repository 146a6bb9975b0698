"""The outfit search as it was written first: one object per partial outfit, grown and ranked one by one.

The reference the fast path (app/styling/search.py with beam.py) must agree with: the same pruning, beam and
pool of candidate outfits, computed the plain way. Everything before and after that (grouping, the hard-rule
filter, the final logit, ranking, diversity, score) is search.py's own, through search._suggest_with, so a rule
changed there changes both paths alike; a change to how the beam grows must be made here too.
"""

from dataclasses import dataclass, field
from functools import partial

import numpy as np

from app.styling.beam import BEAM, TORSO_SLOTS, Index
from app.styling.compatibility import PairModel, load_model, pair_logits
from app.styling.context import StyleContext, dresses_up, insulation_of
from app.styling.features import Array, ItemFeatures, item_features
from app.styling.garments import MID, accessory_kind, covers, garment
from app.styling.items import FeedbackStats, Suggestions, WardrobeItem
from app.styling.rules import (
    FROST_C,
    WARM_COAT,
    accessory_warmth,
    outfit_problems,
    torso_warmth,
    warmth_needed,
    warmth_of,
)
from app.styling.scoring import VECTOR, has_weather, partial_context, partial_weather, unary, unary_vector
from app.styling.search import (
    OPTIONAL,
    PRUNE_TO,
    SAMPLE,
    Again,
    Candidate,
    Pool,
    _final_logit,
    _needs_outerwear,
    _suggest_with,
    beam_shapes,
)


def _unary(items: list[WardrobeItem], context: StyleContext, feedback: FeedbackStats) -> Array:
    return np.array([sum(unary(item, context, feedback).values()) for item in items])


def _vectors(items: list[WardrobeItem], context: StyleContext, feedback: FeedbackStats) -> list[Array]:
    return [np.array(unary_vector(unary(item, context, feedback), item, context)) for item in items]


@dataclass
class Slot:
    items: list[WardrobeItem]
    features: ItemFeatures
    unary: list[Array]  # scoring.unary_vector per candidate
    layers: list[int | None] = field(default_factory=list)  # garments.garment(item).layer, per candidate
    kinds: list[str] = field(default_factory=list)  # accessory kind per candidate
    warmth: list[int] = field(default_factory=list)  # rules.warmth_of per candidate

    def __post_init__(self) -> None:
        self.layers = [garment(item).layer for item in self.items]
        self.kinds = [accessory_kind(item) for item in self.items]
        self.warmth = [warmth_of(item) for item in self.items]


@dataclass(frozen=True)
class State:
    picks: tuple[tuple[str, int], ...]  # (slot, index into that slot's candidates)
    pair_sum: float
    pair_min: float  # the weakest pair so far (inf before the second pick)
    unary_sum: Array  # the picks' unary vectors summed
    weakest_weight: float

    @property
    def value(self) -> float:
        """What compatibility.outfit_parts and the bounded context parts give these picks, as score() does."""
        return self.pairs_value + float(partial_context(self.unary_sum[None, :])[0])

    @property
    def pairs_value(self) -> float:
        n = len(self.picks)
        if n < 2:
            return 0.0
        return self.pair_sum / (n * (n - 1) / 2) + self.weakest_weight * self.pair_min


def _prune(groups: dict[str, list[WardrobeItem]], context: StyleContext, feedback: FeedbackStats) -> dict[str, Slot]:
    """Keep each slot's best PRUNE_TO items by own score plus mean compatibility with a sample of partners."""
    model = load_model()
    features = {slot: item_features(items, dressed_up=dresses_up(context)) for slot, items in groups.items()}
    unaries = {slot: _unary(items, context, feedback) for slot, items in groups.items()}
    vectors = {slot: _vectors(items, context, feedback) for slot, items in groups.items()}
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
        slots[slot] = Slot([items[i] for i in keep], _take(features[slot], keep), [vectors[slot][i] for i in keep])
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
        top = next(i for s, i in state.picks if s == "top")
        ok &= slots["top"].layers[top] != MID
    if slot in ("outerwear", "tailored"):
        layers = {slots[s].layers[i] for s, i in state.picks}
        ok &= np.array([layer not in layers for layer in slots[slot].layers])
    if slot == "accessory2":
        first = [i for s, i in state.picks if s == "accessory"]
        kind = slots["accessory"].kinds[first[0]] if first else None
        ok &= bool(first) & (np.arange(len(ok)) > (first[0] if first else 0))
        ok &= np.array([other != kind for other in slots[slot].kinds])
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
    if _needs_outerwear(context) and "outerwear" in slots:
        shape = (*shape, "outerwear")  # rain or cold: outerwear is part of the outfit, not an option
    names = list(dict.fromkeys(s for s in (*shape, *OPTIONAL[shape[0]]) if s in slots))
    model = load_model()
    # _expand only reads (earlier slot, later slot) blocks, so half the blocks are never computed.
    pairs = {
        (a, b): pair_logits(slots[a].features, slots[b].features, model)
        for n, a in enumerate(names)
        for b in names[n + 1 :]
    }
    beam = [State((), 0.0, np.inf, np.zeros(len(VECTOR)), model.weakest_pair)]
    need = warmth_needed(context.temperature_c)
    frost = context.temperature_c is not None and context.temperature_c < FROST_C
    last_torso = max((n for n, s in enumerate(names) if s in TORSO_SLOTS), default=-1)
    for n, slot in enumerate(names):
        grown = _expand(beam, slot, slots, pairs)
        if slot not in shape:
            grown += beam  # optional slots may stay empty
            grown = [state for state in grown if _has_anchors(state, slot, slots, context)]
        done = n >= last_torso
        later = names[n + 1 :]
        rank = partial(_rank, slots=slots, later=later, need=need, frost=frost, context=context, complete=done)
        beam = sorted(grown, key=rank)[:BEAM]
    return beam


def _rank(
    state: State,
    slots: dict[str, Slot],
    later: list[str],
    need: float | None,
    frost: bool,
    context: StyleContext,
    complete: bool,
) -> tuple[bool, float]:
    """Best value (with the weather part a partial outfit already has) first; outfits that the slots still to come
    can make warm enough for the day before the rest."""
    value = state.value
    if has_weather(context):
        insulation = insulation_of([slots[s].items[i] for s, i in state.picks if s in TORSO_SLOTS])
        rows = np.array([np.nan if insulation is None else insulation])
        value += float(partial_weather(state.unary_sum[None, :], rows, context, complete=complete)[0])
    return (_hopeless(state, slots, later, need, frost, complete), -value)


def _hopeless(
    state: State, slots: dict[str, Slot], later: list[str], need: float | None, frost: bool, done: bool
) -> bool:
    """Refused by the weather whatever comes later: once every torso layer is chosen, not warm enough; in a frost, a
    light jacket with no knit when no knit can follow."""
    if need is not None and done:
        layers = [slots[s].warmth[i] for s, i in state.picks if s in TORSO_SLOTS]
        worn = [slots[s].items[i] for s, i in state.picks if s.startswith("accessory")]
        if torso_warmth(layers, accessory_warmth(worn) if worn else 0.0) < need:
            return True
    if not frost or "layer" in later:
        return False
    picked = [slots[s].items[i] for s, i in state.picks]
    light = any(i.category == "outerwear" and covers(garment(i)) and warmth_of(i) < WARM_COAT for i in picked)
    return light and not any(garment(i).layer == MID for i in picked)


def _has_anchors(state: State, slot: str, slots: dict[str, Slot], context: StyleContext) -> bool:
    """An anchor that could fill this optional slot must be in the outfit by now (here or in an earlier slot)."""
    if not context.anchor_ids:
        return True
    wanted = {item.id for item in slots[slot].items} & context.anchor_ids
    return wanted <= {slots[s].items[i].id for s, i in state.picks}


def reference_suggest(
    items: list[WardrobeItem],
    context: StyleContext = StyleContext(),
    feedback: FeedbackStats = FeedbackStats(),
    *,
    count: int = 5,
) -> Suggestions:
    """search.suggest with the plain search finding the candidate outfits."""
    return _suggest_with(_plain_pool, items, context, feedback, count=count)


def _plain_pool(
    shapes: list[tuple[str, ...]], groups: dict[str, list[WardrobeItem]], context: StyleContext, feedback: FeedbackStats
) -> tuple[Pool, Again]:
    pruned = _prune(groups, context, feedback)

    def beams(avoid: frozenset[int]) -> Pool:
        slots = _without(pruned, avoid)
        pool: Pool = {}
        for shape in beam_shapes(shapes, slots, context):
            for state in _beam(shape, slots, context):
                outfit = tuple(slots[s].items[i] for s, i in state.picks)
                ids = frozenset(item.id for item in outfit)
                if len(state.picks) >= len(shape) and context.anchor_ids <= ids and ids not in pool:
                    logit = _final_logit(outfit, state.pairs_value, context, feedback)
                    pool[ids] = Candidate(outfit, outfit_problems(outfit, context), logit)
        return pool

    return beams(frozenset()), beams


def _without(slots: dict[str, Slot], avoid: frozenset[int]) -> dict[str, Slot]:
    """The pruned slots without these items; a slot they would empty keeps its candidates (as search.without)."""
    kept = {}
    for name, slot in slots.items():
        keep = [n for n, item in enumerate(slot.items) if item.id not in avoid]
        if not keep or len(keep) == len(slot.items):
            kept[name] = slot
        else:
            index = np.array(keep, dtype=np.intp)
            kept[name] = Slot([slot.items[n] for n in keep], _take(slot.features, index), [slot.unary[n] for n in keep])
    return kept
