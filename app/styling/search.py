"""Outfit search: prune each slot, score the pair blocks once, beam-search the slots, pick diverse outfits.

Cost grows with the wardrobe only through one pass over the items (features and unary scores, once per item
however many slots it fills) and one thin pair block against a small reference sample of each main slot;
everything after works on at most PRUNE_TO candidates per slot, and the beam (beam.py) holds its partial
outfits as arrays.
"""

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from app.styling.beam import (
    TORSO_SLOTS,
    Index,
    Search,
    Slot,
    best,
    concat,
    expand,
    has_anchors,
    hopeless,
    insulation,
    start,
)
from app.styling.certainty import is_safe, is_sure
from app.styling.compatibility import PairModel, load_model, mean_pair_logits, pair_logits
from app.styling.context import StyleContext, dresses_up, refined
from app.styling.explain import soft_faults
from app.styling.features import Array, ItemFeatures, item_features
from app.styling.garments import MID, TAILORED, covers, garment
from app.styling.items import FeedbackStats, Outfit, Suggestions, Violation, WardrobeItem
from app.styling.rules import COLD_C, FROST_C, breakage, item_problems, outfit_problems, warmth_needed
from app.styling.scoring import (
    VECTOR,
    context_parts,
    has_weather,
    partial_weather,
    score,
    soft_rule_costs,
    unary,
    unary_vector,
)

SHAPES: tuple[tuple[str, ...], ...] = (("top", "bottom", "shoes"), ("one-piece", "shoes"))
OPTIONAL = {
    "top": ("layer", "outerwear", "tailored", "accessory", "accessory2"),
    "one-piece": ("outerwear", "tailored", "accessory", "accessory2"),
}
PRUNE_TO = 14  # candidates per slot after pruning
SAMPLE = 24  # reference partners per slot used to judge an item's versatility before pruning
MAX_SHARE = 0.4  # an item (other than an anchor) may appear in at most this share of the suggestions
MAX_OVERLAP = 0.6  # two suggestions sharing more than this share of their items are near-duplicates


def _slot_of(item: WardrobeItem) -> list[str]:
    if item.category == "top" and garment(item).layer == MID:  # a knit is a top on its own or over a base top
        return ["top", "layer"]
    return ["accessory", "accessory2"] if item.category == "accessory" else [str(item.category)]


def _group(items: Sequence[WardrobeItem], context: StyleContext) -> dict[str, list[WardrobeItem]]:
    groups: dict[str, list[WardrobeItem]] = {}
    under_a_coat = _needs_outerwear(context)  # a blazer under the coat: only searched when a coat is needed
    for item in items:
        if item.category and item.id not in context.exclude_ids:
            tailored = under_a_coat and item.category == "outerwear" and garment(item).layer == TAILORED
            for slot in [*_slot_of(item), *(["tailored"] if tailored else [])]:
                groups.setdefault(slot, []).append(item)
    return groups


def _needs_outerwear(context: StyleContext) -> bool:
    return context.rain or (context.temperature_c is not None and context.temperature_c < COLD_C)


def _filter(
    groups: dict[str, list[WardrobeItem]], context: StyleContext, *, guesses: bool = False
) -> tuple[dict[str, list[WardrobeItem]], list[str]]:
    """Drop the items a hard rule forbids today. A required slot that only rule-breakers could fill keeps its
    least-bad items, and the fix ("no flat closed shoes for rain: add boots or sneakers") is reported instead.
    With `guesses`, unsure pieces stay beside the sure ones (the guess look in _suggest_with)."""
    problems = {item.id: item_problems(item, context) for slot in groups.values() for item in slot}
    clean = {
        slot: [i for i in slot_items if not problems[i.id] or i.id in context.anchor_ids]
        for slot, slot_items in groups.items()
    }
    clean = {slot: slot_items for slot, slot_items in clean.items() if slot_items}
    # In rain or cold the outer layer is a coat or jacket when the wardrobe has one: a blazer goes under it (the
    # `tailored` slot), not in its place (a blazer over a knit at a 5 °C winter wedding is dressed for indoors).
    if _needs_outerwear(context) and any(covers(garment(i)) for i in clean.get("outerwear", [])):
        clean["outerwear"] = [i for i in clean["outerwear"] if covers(garment(i)) or i.id in context.anchor_ids]
    clean = {slot: _sure_first(slot_items, context, guesses) for slot, slot_items in clean.items()}
    if any(all(slot in clean for slot in shape) for shape in SHAPES):
        return clean, []
    shape = min(SHAPES, key=lambda sh: (not all(s in groups for s in sh), sum(s not in clean for s in sh)))
    unmet: list[str] = []
    for slot in shape:
        if slot not in clean and slot in groups:
            fewest = min(len(problems[i.id]) for i in groups[slot])
            clean[slot] = _sure_first([i for i in groups[slot] if len(problems[i.id]) == fewest], context, guesses)
            unmet += [p.fix or p.message for i in clean[slot] for p in problems[i.id]]
    return clean, list(dict.fromkeys(unmet))


def _sure_first(items: list[WardrobeItem], context: StyleContext, guesses: bool = False) -> list[WardrobeItem]:
    """Items whose kind the image engine is unsure of, or that may well be a kind today's rules refuse ("sandals"
    that may be flip-flops on a date), fill a slot only when no sure and safe item can: an outfit that meets the
    rules on the engine's guess ("a top" that may be a coat) is no outfit a stylist would sign. With `guesses`,
    safe but unsure items count as sure."""
    tiers = [_reliance(item, context) for item in items]
    if guesses:
        tiers = [0 if tier == 1 else tier for tier in tiers]
    best = min(tiers, default=0)
    return [item for item, tier in zip(items, tiers, strict=True) if tier <= best]


def _reliance(item: WardrobeItem, context: StyleContext) -> int:
    """0: the rules may lean on it (sure and safe, or an anchor); 1: safe but unsure; 2: may break a rule today."""
    if item.id in context.anchor_ids:
        return 0
    if not is_safe(item, context):
        return 2
    return 0 if is_sure(item) else 1


def _missing(groups: dict[str, list[WardrobeItem]]) -> list[str]:
    """The smallest set of slots to fill before any outfit shape is complete."""
    gaps = [[slot for slot in shape if slot not in groups] for shape in SHAPES]
    return min(gaps, key=len)  # ties go to the first shape: separates are the commoner wardrobe


@dataclass(frozen=True)
class Table:
    """Every candidate of the request once (an item may fill several slots), with its features and own score."""

    items: list[WardrobeItem]
    features: ItemFeatures
    parts: list[dict[str, float]]  # scoring.unary of each item
    unary: Array  # their sums (what pruning ranks an item by)
    vectors: Array  # scoring.unary_vector of each item (what the beam sums)
    rows: dict[str, Index]  # slot -> rows of its candidates, in the slot's order

    def take(self, rows: Index) -> ItemFeatures:
        return _take(self.features, rows)


def _table(groups: dict[str, list[WardrobeItem]], context: StyleContext, feedback: FeedbackStats) -> Table:
    row_of: dict[int, int] = {}  # by identity: the slots hold the same item objects
    unique: list[WardrobeItem] = []
    for item in (item for group in groups.values() for item in group):
        if id(item) not in row_of:
            row_of[id(item)] = len(unique)
            unique.append(item)
    rows = {slot: np.array([row_of[id(item)] for item in group], dtype=np.intp) for slot, group in groups.items()}
    parts = [unary(item, context, feedback) for item in unique]
    vectors = np.array([unary_vector(p, item, context) for p, item in zip(parts, unique, strict=True)])
    sums = np.array([sum(p.values()) for p in parts])
    features = item_features(unique, dressed_up=dresses_up(context))
    return Table(unique, features, parts, sums, vectors.reshape(len(unique), len(VECTOR)), rows)


def _prune(
    groups: dict[str, list[WardrobeItem]], context: StyleContext, feedback: FeedbackStats
) -> tuple[dict[str, Slot], Table]:
    """Keep each slot's best PRUNE_TO items by own score plus mean compatibility with a sample of partners."""
    table = _table(groups, context, feedback)
    samples = {slot: rows[np.argsort(-table.unary[rows], kind="stable")[:SAMPLE]] for slot, rows in table.rows.items()}
    versatility = _versatility(table, samples, load_model())
    slots = {}
    for slot, items in groups.items():
        rows, keep = table.rows[slot], np.arange(len(items))
        anchors = [n for n, item in enumerate(items) if item.id in context.anchor_ids]
        if anchors and slot != "accessory2":  # the second accessory stays free to complement an anchored one
            keep = np.array(anchors)
        elif len(items) > PRUNE_TO:
            fit: Array = table.unary[rows] + versatility(slot)
            keep = np.argsort(-fit, kind="stable")[:PRUNE_TO]
        slots[slot] = Slot([items[i] for i in keep], table.vectors[rows[keep]], rows[keep])
    return slots, table


PARTNERS = ("top", "bottom", "shoes", "one-piece")


def _versatility(table: Table, samples: dict[str, Index], model: PairModel) -> Callable[[str], Array]:
    """Per slot, each candidate's mean pair logit with each other main slot's sample, averaged over those slots;
    each item's mean against each sample computed once, however many slots the item fills."""
    means = {
        slot: mean_pair_logits(table.features, table.take(samples[slot]), model) for slot in PARTNERS if slot in samples
    }

    def versatility(slot: str) -> Array:
        scores = [mean[table.rows[slot]] for other, mean in means.items() if other != slot]
        return np.mean(scores, axis=0) if scores else np.zeros(len(table.rows[slot]))

    return versatility


def _take(features: ItemFeatures, rows: Index) -> ItemFeatures:
    return ItemFeatures(**{name: getattr(features, name)[rows] for name in features.__dataclass_fields__})


def _pair_blocks(slots: dict[str, Slot], table: Table) -> dict[tuple[str, str], Array]:
    """Pair logits between every two slots' candidates, sliced from one block over all the kept candidates."""
    rows = np.unique(np.concatenate([slot.rows for slot in slots.values()]))
    features = table.take(rows)
    block = pair_logits(features, features, load_model())
    where = {name: np.searchsorted(rows, slot.rows) for name, slot in slots.items()}
    return {(a, b): block[np.ix_(where[a], where[b])] for a in slots for b in slots if a != b}


def _beam(
    shape: tuple[str, ...], slots: dict[str, Slot], context: StyleContext, blocks: dict[tuple[str, str], Array]
) -> list[tuple[tuple[tuple[str, int], ...], float]]:
    """The beam's outfits for one shape: (picks as (slot, candidate index), the compatibility value of the picks)."""
    if _needs_outerwear(context) and "outerwear" in slots:
        shape = (*shape, "outerwear")  # rain or cold: outerwear is part of the outfit, not an option
    names = list(dict.fromkeys(s for s in (*shape, *OPTIONAL[shape[0]]) if s in slots))
    search = Search(names, slots, blocks)
    weakest = load_model().weakest_pair
    need = warmth_needed(context.temperature_c)
    frost = context.temperature_c is not None and context.temperature_c < FROST_C
    last_torso = max((n for n, s in enumerate(names) if s in TORSO_SLOTS), default=-1)
    beam, weather = start(len(names)), has_weather(context)
    for n, slot in enumerate(names):
        grown = expand(beam, n, search)
        if slot not in shape:
            grown = concat(grown, beam)  # optional slots may stay empty
            if context.anchor_ids:
                grown = grown.take(np.flatnonzero(has_anchors(grown, n, search, context.anchor_ids)))
        too_cold = hopeless(grown, n, search, need, frost)  # rows that can still meet the weather first
        value = grown.value(weakest)
        if weather:
            value = value + partial_weather(
                grown.unary_sum, insulation(grown, search), context, complete=n >= last_torso
            )
        beam = best(grown, value, too_cold)
    pairs_only = beam.pairs_value(weakest)
    return [
        (tuple((names[n], int(i)) for n, i in enumerate(picks) if i >= 0), float(value))
        for picks, value in zip(beam.picks, pairs_only, strict=True)
    ]


def _final_logit(
    items: tuple[WardrobeItem, ...],
    pairs_only: float,
    context: StyleContext,
    feedback: FeedbackStats,
    unaries: list[dict[str, float]] | None = None,
) -> float:
    """The beam's compatibility value with the context parts recomputed for the whole outfit (bounded, and
    with the outfit-level terms: weather, the combination's feedback, repeats), as score() computes them."""
    parts = context_parts(items, context, feedback, unaries=unaries)
    return pairs_only + sum(parts.values()) + sum(soft_rule_costs(items, context).values())


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


def _shown_order(
    ranked: list[tuple[WardrobeItem, ...]],
    count: int,
    anchors: frozenset[int],
    scorer: Callable[[tuple[WardrobeItem, ...]], Outfit],
) -> list[Outfit]:
    """The best `count` diverse outfits by their shown score. A stated flaw lowers a score (scoring.FLAWED_SCALE),
    so when a first pick has one, the next best are scored too and may take its place: the list is in the order
    of the scores it shows, which are what rating the same items returns."""
    picked = _diverse(ranked, count, anchors)
    scored = {_key(items): scorer(items) for items in picked}
    if any(outfit.flaws for outfit in scored.values()):
        for items in _diverse(ranked, 2 * count, anchors):
            if _key(items) not in scored:
                scored[_key(items)] = scorer(items)
        by_score = sorted(scored.values(), key=lambda outfit: -outfit.score)
        picked = _diverse([outfit.items for outfit in by_score], count, anchors)
    return sorted((scored[_key(items)] for items in picked), key=lambda outfit: -outfit.score)


def _key(items: tuple[WardrobeItem, ...]) -> frozenset[int]:
    return frozenset(item.id for item in items)


def suggest(
    items: list[WardrobeItem],
    context: StyleContext = StyleContext(),
    feedback: FeedbackStats = FeedbackStats(),
    *,
    count: int = 5,
) -> Suggestions:
    """The best `count` diverse outfits that break no hard rule; when the wardrobe cannot satisfy a rule, the
    best outfits that satisfy the others, each carrying what it breaks, and `unmet` saying what to add."""
    return _suggest_with(_pool, items, context, feedback, count=count)


@dataclass(frozen=True)
class Candidate:
    """A complete outfit from the beam, judged: its broken rules and its final logit."""

    items: tuple[WardrobeItem, ...]
    problems: list[Violation]
    logit: float
    table: Table | None = None  # where the search computed the items' features and unary parts once
    rows: tuple[int, ...] = ()  # the items' rows there

    @property
    def breakage(self) -> tuple[int, int]:
        """How many rules it breaks, then how many of those are not the weather's (which yield first)."""
        return breakage(self.problems)

    def scored(self, context: StyleContext, feedback: FeedbackStats) -> Outfit:
        """score() of these items (the same parts and words), from the table when there is one."""
        if self.table is None:
            return score(self.items, context, feedback)
        features = self.table.take(np.array(self.rows, dtype=np.intp))
        unaries = [self.table.parts[row] for row in self.rows]
        return score(self.items, context, feedback, features=features, unaries=unaries)


Pool = dict[frozenset[int], Candidate]
Again = Callable[[frozenset[int]], Pool]  # the same pruned slots' beams without these items (each slot keeps one)
PoolOf = Callable[
    [list[tuple[str, ...]], dict[str, list[WardrobeItem]], StyleContext, FeedbackStats], tuple[Pool, Again]
]


def _suggest_with(
    pool_of: PoolOf, items: list[WardrobeItem], context: StyleContext, feedback: FeedbackStats, *, count: int
) -> Suggestions:
    """suggest() with the finding of candidate outfits passed in: tests/styling/reference_search.py passes the
    plain search, so both share everything before and after it."""
    context = refined(context)
    result = Suggestions(unclassified=sum(1 for item in items if not item.category))
    groups = _group(items, context)
    if not any(all(slot in groups for slot in shape) for shape in SHAPES):
        result.missing = _missing(groups)
        return result
    grouped = groups
    groups, unmet = _filter(grouped, context)
    shapes = [shape for shape in SHAPES if all(slot in groups for slot in shape)]
    pool, again = pool_of(shapes, groups, context, feedback)
    best, fewest = _best(pool)
    if fewest[0]:  # the guess look: no outfit of sure pieces meets every rule; may an unsure piece meet it?
        guessed, guessed_unmet = _filter(grouped, context, guesses=True)
        if guessed != groups:
            guess_shapes = [shape for shape in SHAPES if all(slot in guessed for slot in shape)]
            guess_pool, guess_again = pool_of(guess_shapes, guessed, context, feedback)
            guess_best, guess_fewest = _best(guess_pool)
            if guess_fewest < fewest:
                pool, again, best, fewest, unmet = guess_pool, guess_again, guess_best, guess_fewest, guessed_unmet
    scorer = _scorer(pool, context, feedback)  # reads `pool` when called, so it sees a second look's outfits too
    shown = _shown_order([entry.items for entry in best], count, context.anchor_ids, scorer)
    crowding = _over_used(shown, count, context) if not fewest[0] else frozenset()
    if crowding:  # the beam's outfits crowd on a few strong pieces: the next best without them
        pool |= {ids: entry for ids, entry in again(crowding).items() if ids not in pool}
        best, fewest = _best(pool)
        shown = _shown_order([entry.items for entry in best], count, context.anchor_ids, scorer)
    if fewest[0]:  # nothing in the wardrobe satisfies every rule today: say what is missing
        unmet += [p.fix or p.message for p in best[0].problems]
    result.outfits = shown
    result.unmet = list(dict.fromkeys(unmet))
    return result


def _best(pool: Pool) -> tuple[list[Candidate], tuple[int, int]]:
    """The outfits that break the fewest rules (the weather's yielding first), best final logit first."""
    fewest = min((entry.breakage for entry in pool.values()), default=(0, 0))
    return sorted((e for e in pool.values() if e.breakage == fewest), key=lambda entry: -entry.logit), fewest


def _scorer(pool: Pool, context: StyleContext, feedback: FeedbackStats) -> Callable[[tuple[WardrobeItem, ...]], Outfit]:
    """score() of a pool's outfit, each scored once however often the shown order asks (a second look asks again)."""
    scored: dict[frozenset[int], Outfit] = {}

    def scorer(items: tuple[WardrobeItem, ...]) -> Outfit:
        key = _key(items)
        if key not in scored:
            scored[key] = pool[key].scored(context, feedback)
        return scored[key]

    return scorer


def _over_used(shown: list[Outfit], count: int, context: StyleContext) -> frozenset[int]:
    """When fewer than `count` outfits could be shown, or one breaks a soft rule (loungewear, a clash, all white),
    the pieces that reached the share cap (MAX_SHARE): the diversity rule turned the next outfits that hold them
    away, and the beam may hold little else."""
    soft = any(soft_faults(outfit.items, context) for outfit in shown)
    if len(shown) >= count and not soft:
        return frozenset()
    cap = max(1, math.ceil(count * MAX_SHARE))
    uses = Counter(item.id for outfit in shown for item in outfit.items)
    return frozenset(item_id for item_id, n in uses.items() if n >= cap) - context.anchor_ids


def beam_shapes(
    shapes: list[tuple[str, ...]], slots: Mapping[str, object], context: StyleContext
) -> list[tuple[str, ...]]:
    """The shapes to run the beam for. Below FROST_C a light jacket needs a knit under it, but the beam ranks
    partial outfits before their layers are all chosen, and keeps the 50 best: a knit that costs a little (a casual
    sweater at work) was cut before the jacket came, and every outfit kept broke the rule (session 7: "add a
    sweater" to a wardrobe with one). So the knit is also tried as a required layer; its outfits join the pool."""
    frost = context.temperature_c is not None and context.temperature_c < FROST_C
    if not frost or "layer" not in slots:
        return shapes
    return [*shapes, *((*shape, "layer") for shape in shapes if "layer" in OPTIONAL[shape[0]])]


def without(slots: dict[str, Slot], avoid: frozenset[int]) -> dict[str, Slot]:
    """The pruned slots without these items; a slot they would empty keeps its candidates."""
    kept = {}
    for name, slot in slots.items():
        keep = [n for n, item in enumerate(slot.items) if item.id not in avoid]
        if not keep or len(keep) == len(slot.items):
            kept[name] = slot
        else:
            kept[name] = Slot([slot.items[n] for n in keep], slot.unary[keep], slot.rows[keep])
    return kept


def _pool(
    shapes: list[tuple[str, ...]], groups: dict[str, list[WardrobeItem]], context: StyleContext, feedback: FeedbackStats
) -> tuple[Pool, Again]:
    """Every shape's beam, as outfits that hold the anchors, each once (the first shape's copy wins); and the same
    for the pruned slots without some items (the table and pruning are not recomputed)."""
    pruned, table = _prune(groups, context, feedback)

    def beams(avoid: frozenset[int]) -> Pool:
        slots = without(pruned, avoid)
        blocks = _pair_blocks(slots, table)
        pool: Pool = {}
        for shape in beam_shapes(shapes, slots, context):
            for picks, pairs_only in _beam(shape, slots, context, blocks):
                rows = tuple(int(slots[s].rows[i]) for s, i in picks)
                outfit = tuple(table.items[row] for row in rows)
                ids = frozenset(item.id for item in outfit)
                if len(picks) >= len(shape) and context.anchor_ids <= ids and ids not in pool:
                    unaries = [table.parts[row] for row in rows]
                    logit = _final_logit(outfit, pairs_only, context, feedback, unaries)
                    pool[ids] = Candidate(outfit, outfit_problems(outfit, context), logit, table, rows)
        return pool

    return beams(frozenset()), beams
