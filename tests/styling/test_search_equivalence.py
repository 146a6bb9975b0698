"""The fast search (features once per item, pair blocks sliced from one block, the beam as arrays) returns what
the plain search of tests/styling/reference_search.py returns on the same commit: the same outfits in the same
order, the same scores, parts, explanations and broken rules, for every kind of day and request."""

import dataclasses
import random

import pytest

from app.styling import FeedbackStats, StyleContext, Suggestions, WardrobeItem, parse_preferences, suggest
from app.styling.search import SHAPES, _beam, _filter, _group, _pair_blocks, _prune
from app.vision.taxonomy import TYPES
from bench.outfits import wardrobe as bench_wardrobe
from tests.styling import reference_search as reference
from tests.styling.reference_search import reference_suggest

FAMILIES = ("black", "white", "navy", "grey", "beige", "brown", "red", "green", "blue", "pink", "yellow")


def wardrobe(size: int, seed: int) -> list[WardrobeItem]:
    """The benchmark's random wardrobe, with colour families so the colour rules (funeral, preferences) bite."""
    rng = random.Random(seed)
    return [
        dataclasses.replace(item, colour_families=(rng.choice(FAMILIES),), colour_names=())
        for item in bench_wardrobe(size, seed)
    ]


def feedback_for(items: list[WardrobeItem], seed: int) -> FeedbackStats:
    rng = random.Random(seed)
    ids = [item.id for item in items]
    liked = rng.sample(ids, min(len(ids), 12))
    pairs = {(min(a, b), max(a, b)): rng.uniform(-2, 2) for a, b in zip(liked, reversed(liked), strict=True) if a != b}
    return FeedbackStats(
        item_affinity={i: rng.uniform(-2, 2) for i in liked},
        pair_affinity=pairs,
        combinations={frozenset(liked[:4]): -2.0, frozenset(liked[4:7]): 1.5},
    )


CONTEXTS = {
    "work, 14 °C": StyleContext(occasion="work", temperature_c=14),
    "rainy 4 °C commute": StyleContext(occasion="work", temperature_c=4, rain=True),
    "heat, casual": StyleContext(occasion="casual", temperature_c=31, season="summer"),
    "gym": StyleContext(occasion="gym", temperature_c=18),
    "freezing date": StyleContext(occasion="date", temperature_c=-4, season="winter"),
    "funeral": StyleContext(occasion="funeral", temperature_c=9),
    "interview": StyleContext(occasion="interview"),
    "no context": StyleContext(),
    "preferences": StyleContext(
        temperature_c=16, preferences=parse_preferences("navy and beige, no red, hate sneakers, love loafers")
    ),
}


def anchored(items: list[WardrobeItem], seed: int) -> StyleContext:
    """Anchors (a top and an accessory), exclusions and recent wear: the request-level constraints."""
    rng = random.Random(seed)
    top = next(i.id for i in items if i.category == "top")
    accessory = next(i.id for i in items if i.category == "accessory")
    worn = {i.id: rng.randrange(8) for i in rng.sample(items, min(len(items), 20))}
    excluded = frozenset(i.id for i in rng.sample(items, min(len(items), 5))) - {top, accessory}
    return StyleContext(
        temperature_c=7, anchor_ids=frozenset({top, accessory}), exclude_ids=excluded, worn_days_ago=worn
    )


def comparable(result: Suggestions) -> tuple[object, ...]:
    outfits = [
        ([i.id for i in o.items], round(o.score, 9), {k: round(v, 9) for k, v in o.parts.items()}, o.explanation)
        for o in result.outfits
    ]
    problems = [o.problems for o in result.outfits]
    return outfits, problems, result.unmet, result.missing, result.unclassified


def assert_same(items: list[WardrobeItem], context: StyleContext, feedback: FeedbackStats = FeedbackStats()) -> None:
    fast = suggest(items, context, feedback, count=10)
    assert fast.outfits, "an equivalence check on an empty answer shows nothing"
    assert comparable(fast) == comparable(reference_suggest(items, context, feedback, count=10))


@pytest.mark.parametrize("name", CONTEXTS)
@pytest.mark.parametrize("size", [40, 160])
def test_fast_search_matches_the_reference(size: int, name: str) -> None:
    items = wardrobe(size, seed=size)
    assert_same(items, CONTEXTS[name])


@pytest.mark.parametrize("name", ["work, 14 °C", "rainy 4 °C commute", "freezing date"])
def test_fast_search_matches_the_reference_on_a_pruned_wardrobe(name: str) -> None:
    assert_same(wardrobe(600, seed=3), CONTEXTS[name])


@pytest.mark.parametrize("size", [40, 600])
def test_feedback_anchors_exclusions_and_wear_match_the_reference(size: int) -> None:
    items = wardrobe(size, seed=7)
    assert_same(items, anchored(items, seed=7), feedback_for(items, seed=7))


def test_a_wardrobe_that_cannot_satisfy_the_rain_matches_the_reference() -> None:
    """No closed shoes: the best outfits that keep the other rules, each carrying what it breaks."""
    items = [i for i in wardrobe(160, seed=11) if i.category != "shoes" or i.type in ("sandals", "flip-flops")]
    context = CONTEXTS["rainy 4 °C commute"]
    assert_same(items, context)
    assert suggest(items, context).unmet


def layered(size: int, seed: int) -> list[WardrobeItem]:
    """A few of each torso layer, two blazers among them: a cold day searches a blazer under the coat."""
    kinds = [("t-shirt", "top"), ("shirt", "top"), ("sweater", "top"), ("cardigan", "top"), ("jeans", "bottom")]
    kinds += [("trousers", "bottom"), ("boots", "shoes"), ("loafers", "shoes"), ("blazer", "outerwear")]
    kinds += [("blazer", "outerwear"), ("coat", "outerwear"), ("scarf", "accessory"), ("beanie", "accessory")]
    base = bench_wardrobe(len(kinds), seed)
    return [dataclasses.replace(item, type=k, category=c) for item, (k, c) in zip(base, kinds, strict=True)][:size]


@pytest.mark.parametrize(
    ("name", "items"),
    [
        ("freezing date", wardrobe(600, seed=5)),
        ("rainy 4 °C commute", wardrobe(600, seed=5)),
        ("heat, casual", wardrobe(600, seed=5)),
        ("freezing date", layered(13, seed=5)),
        ("funeral", layered(13, seed=6)),
    ],
)
def test_the_beam_keeps_the_same_partial_outfits_in_the_same_order(name: str, items: list[WardrobeItem]) -> None:
    """Slot by slot, not only the answer: the same candidates survive pruning and the same beam comes out."""
    context, feedback = CONTEXTS[name], FeedbackStats()
    groups, _ = _filter(_group(items, context), context)
    slots, table = _prune(groups, context, feedback)
    plain = reference._prune(groups, context, feedback)
    assert {s: [i.id for i in slot.items] for s, slot in slots.items()} == {
        s: [i.id for i in slot.items] for s, slot in plain.items()
    }
    blocks = _pair_blocks(slots, table)
    for shape in SHAPES:
        fast, states = _beam(shape, slots, context, blocks), reference._beam(shape, plain, context)
        assert len(fast) == len(states) > 0
        assert [picks for picks, _ in fast] == [state.picks for state in states]
        assert [value for _, value in fast] == pytest.approx([s.pairs_value for s in states], abs=1e-9)


def small_random(seed: int) -> tuple[list[WardrobeItem], StyleContext, int]:
    """1-16 items of any kinds, any occasion and weather, anchors and exclusions: the edges of the search."""
    rng = random.Random(seed)
    items = []
    for item in bench_wardrobe(rng.randint(1, 16), seed):
        kind = rng.choice(list(TYPES))
        family = (rng.choice(FAMILIES),)
        items.append(dataclasses.replace(item, type=kind, category=TYPES[kind][0], colour_families=family))
    ids = [item.id for item in items]
    context = StyleContext(
        occasion=rng.choice([None, "work", "gym", "beach", "funeral", "date", "interview", "wedding-guest"]),
        temperature_c=rng.choice([None, -5, 3, 8, 14, 22, 30]),
        rain=rng.random() < 0.3,
        anchor_ids=frozenset(rng.sample(ids, rng.randint(0, min(2, len(ids))))),
        exclude_ids=frozenset(rng.sample(ids, rng.randint(0, min(2, len(ids))))),
    )
    return items, context, rng.choice([1, 3, 10])


def test_small_random_wardrobes_match_the_reference() -> None:
    answered = 0
    for seed in range(120):
        items, context, count = small_random(seed)
        fast = suggest(items, context, count=count)
        assert comparable(fast) == comparable(reference_suggest(items, context, count=count)), seed
        answered += bool(fast.outfits)
    assert answered > 30  # enough of them reach the beam
