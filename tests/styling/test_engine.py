"""Outfit engine: shapes, each rule's direction, context, feedback, diversity, search scaling helpers."""

import json
from pathlib import Path

import numpy as np
import pytest

from app.styling import (
    FeedbackStats,
    StyleContext,
    WardrobeItem,
    parse_context,
    parse_preferences,
    score,
    suggest,
)
from app.styling.compatibility import (
    WEIGHTS_PATH,
    PairModel,
    load_model,
    outfit_parts,
    pair_logits,
    prior_model,
    read_model,
)
from app.styling.features import GARMENT_TYPES, UNKNOWN_TYPE, item_features


def make(item_id: int, kind: str, category: str, hex_: str = "#808080", **extra: object) -> WardrobeItem:
    return WardrobeItem(item_id, kind, category, colour_hexes=(hex_,), colour_shares=(1.0,), **extra)  # type: ignore[arg-type]


def wardrobe() -> list[WardrobeItem]:
    return [
        make(1, "t-shirt", "top", "#F8F8F6", formality=1),
        make(2, "shirt", "top", "#A7C7E7", formality=3),
        make(3, "sweater", "top", "#1F2A44", formality=2, warmth=4),
        make(4, "jeans", "bottom", "#4A6A8A", formality=2),
        make(5, "trousers", "bottom", "#D9C8A9", formality=3),
        make(6, "skirt", "bottom", "#111111", formality=3),
        make(7, "sneakers", "shoes", "#F8F8F6", formality=1),
        make(8, "loafers", "shoes", "#7B4B2A", formality=3),
        make(9, "dress", "one-piece", "#7A1F2B", formality=3),
        make(10, "blazer", "outerwear", "#1F2A44", formality=4, warmth=3),
        make(11, "bag", "accessory", "#7B4B2A"),
    ]


def categories(items: tuple[WardrobeItem, ...]) -> list[str]:
    return [str(i.category) for i in items]


def test_shapes_and_slot_rules() -> None:
    result = suggest(wardrobe(), count=8)
    assert result.outfits
    for outfit in result.outfits:
        cats = categories(outfit.items)
        core = sorted(c for c in cats if c in ("top", "bottom", "one-piece", "shoes"))
        assert core in (["bottom", "shoes", "top"], ["bottom", "shoes", "top", "top"], ["one-piece", "shoes"])
        assert not ("one-piece" in cats and "bottom" in cats)  # never a dress plus a skirt
        assert cats.count("outerwear") <= 1 and cats.count("accessory") <= 2
        assert len({i.id for i in outfit.items}) == len(outfit.items)
        assert 0 <= outfit.score <= 1 and outfit.explanation and "colour_harmony" in outfit.parts


def test_layering_only_over_a_base_top() -> None:
    items = [make(1, "t-shirt", "top", warmth=1), make(3, "sweater", "top", warmth=4), make(4, "jeans", "bottom")]
    items += [make(7, "sneakers", "shoes")]
    cold = suggest(items, StyleContext(temperature_c=2), count=5)
    layered = [o for o in cold.outfits if categories(o.items).count("top") == 2]
    assert layered, "a sweater over a t-shirt should be offered in the cold"
    for outfit in layered:
        assert {i.type for i in outfit.items if i.category == "top"} == {"t-shirt", "sweater"}


def test_colour_rules_move_the_score() -> None:
    tonal = score([make(1, "t-shirt", "top", "#1F2A44"), make(2, "trousers", "bottom", "#2A3550")])
    clash = score([make(1, "t-shirt", "top", "#F28C28"), make(2, "trousers", "bottom", "#D1348C")])
    assert tonal.parts["colour_harmony"] > clash.parts["colour_harmony"]


def test_formality_and_pattern_rules_move_the_score() -> None:
    even = score([make(1, "shirt", "top", formality=4), make(2, "trousers", "bottom", formality=4)])
    odd = score([make(1, "shirt", "top", formality=1), make(2, "trousers", "bottom", formality=5)])
    assert even.parts["formality"] > odd.parts["formality"]
    one = score([make(1, "shirt", "top", pattern="striped"), make(2, "trousers", "bottom", pattern="solid")])
    two = score([make(1, "shirt", "top", pattern="striped"), make(2, "trousers", "bottom", pattern="floral")])
    assert one.parts["pattern_mix"] > two.parts["pattern_mix"]


def test_weather_occasion_and_preferences_move_the_score() -> None:
    shorts = [make(1, "t-shirt", "top", warmth=1), make(2, "shorts", "bottom", warmth=1), make(3, "sandals", "shoes")]
    assert (
        score(shorts, StyleContext(temperature_c=3, rain=True)).parts["weather"]
        < score(shorts, StyleContext(temperature_c=28)).parts["weather"]
    )
    formal = [make(1, "shirt", "top", formality=4), make(2, "trousers", "bottom", formality=4)]
    casual = [make(1, "t-shirt", "top", formality=1), make(2, "shorts", "bottom", formality=1)]
    interview = StyleContext(occasion="interview")
    assert score(formal, interview).score > score(casual, interview).score
    hates_jeans = StyleContext(preferences=parse_preferences("hate skinny jeans"))
    jeans = [make(1, "t-shirt", "top"), make(2, "jeans", "bottom")]
    assert score(jeans, hates_jeans).parts["preferences"] < 0 < score(jeans, hates_jeans).parts["style"] + 1


def test_preferences_parsing() -> None:
    prefs = parse_preferences("minimal, navy and camel, no neon, hate skinny jeans, love loafers")
    assert {"navy", "camel"} <= prefs.liked_colours and "neon" in prefs.disliked_colours
    assert "jeans" in prefs.disliked_types and "loafers" in prefs.liked_types
    assert "minimal" in prefs.liked_styles
    assert parse_preferences(None) == parse_preferences("")


def test_context_parsing() -> None:
    context = parse_context("What should I wear to the office tomorrow? 12 degrees and rainy")
    assert (context.occasion, context.temperature_c, context.rain) == ("work", 12.0, True)
    assert parse_context("a winter wedding, it will be cold").season == "winter"
    assert parse_context("a winter wedding, it will be cold").occasion == "wedding-guest"
    assert parse_context("hot day").temperature_c == 30.0 and parse_context("50F night out").occasion == "party"


def test_anchor_exclude_and_recently_worn() -> None:
    anchored = suggest(wardrobe(), StyleContext(anchor_ids=frozenset({4})), count=4)
    assert anchored.outfits and all(4 in {i.id for i in o.items} for o in anchored.outfits)
    excluded = suggest(wardrobe(), StyleContext(exclude_ids=frozenset({7, 8})), count=4)
    assert excluded.outfits == [] and excluded.missing == ["shoes"]
    base = suggest(wardrobe(), count=1).outfits[0]
    worn = {i.id: 0 for i in base.items if i.category != "shoes"}
    rotated = suggest(wardrobe(), StyleContext(worn_days_ago=worn), count=1).outfits[0]
    assert {i.id for i in rotated.items} != {i.id for i in base.items}
    assert score(base.items, StyleContext(worn_days_ago=worn)).parts["rotation"] < 0


def test_repeating_an_outfit_costs_more_than_reusing_a_piece() -> None:
    outfit = [make(1, "t-shirt", "top"), make(4, "jeans", "bottom"), make(7, "sneakers", "shoes")]
    nothing_worn = score(outfit).parts["rotation"]
    same_day = score(outfit, StyleContext(worn_days_ago={1: 0, 4: 0, 7: 0})).parts["rotation"]
    apart = score(outfit, StyleContext(worn_days_ago={1: 0, 4: 1, 7: 2})).parts["rotation"]
    week_ago = score(outfit, StyleContext(worn_days_ago={1: 7, 4: 7, 7: 7})).parts["rotation"]
    assert nothing_worn == 0 == week_ago
    assert same_day == pytest.approx(-3.0 - 2.0)  # three pieces worn today, and all their pairs together
    assert same_day < apart < 0 and apart == pytest.approx(-1.0 - 6 / 7 - 5 / 7, abs=1e-3)


def test_disliking_an_outfit_sinks_that_combination_and_only_weakly_its_pairs() -> None:
    outfit = [make(1, "t-shirt", "top"), make(4, "jeans", "bottom"), make(7, "sneakers", "shoes")]
    sharing_shoes = [make(2, "shirt", "top"), make(5, "trousers", "bottom"), make(7, "sneakers", "shoes")]
    sharing_two = [make(2, "shirt", "top"), make(4, "jeans", "bottom"), make(7, "sneakers", "shoes")]
    disliked = FeedbackStats(
        item_affinity={1: -0.25, 4: -0.25, 7: -0.25},
        pair_affinity={(1, 4): -1.0, (1, 7): -1.0, (4, 7): -1.0},
        combinations={frozenset({1, 4, 7}): -1.0},
    )
    whole = score(outfit, feedback=disliked).parts["feedback"]
    assert whole == pytest.approx(-3 * 0.5 * np.tanh(0.25) - 3 * np.tanh(1) - 0.5 * np.tanh(1), abs=1e-4)
    assert whole < -2.5  # one dislike is enough to sink the very outfit
    assert score(sharing_shoes, feedback=disliked).parts["feedback"] == pytest.approx(-0.5 * np.tanh(0.25), abs=1e-4)
    two = score(sharing_two, feedback=disliked).parts["feedback"]
    assert -0.5 < two < 0  # two of its pieces together: a weak echo, not a verdict
    with_a_hat = [*outfit, make(12, "hat", "accessory")]
    assert score(with_a_hat, feedback=disliked).parts["feedback"] < -2.5  # the same outfit plus a hat


def test_a_liked_item_is_not_hidden_by_one_dislike() -> None:
    liked_then_disliked = FeedbackStats(
        item_affinity={7: 1.0 - 0.25}, combinations={frozenset({7}): 1.0, frozenset({1, 4, 7}): -1.0}
    )
    other = [make(2, "shirt", "top"), make(5, "trousers", "bottom"), make(7, "sneakers", "shoes")]
    assert score(other, feedback=liked_then_disliked).parts["feedback"] > 0


def test_feedback_changes_ranking() -> None:
    first = suggest(wardrobe(), count=1).outfits[0]
    disliked = FeedbackStats(item_affinity={i.id: -3.0 for i in first.items if i.category != "shoes"})
    assert {i.id for i in suggest(wardrobe(), feedback=disliked, count=1).outfits[0].items} != {
        i.id for i in first.items
    }
    pair = FeedbackStats(pair_affinity={(4, 5): 0.0, (2, 6): 3.0})
    liked = score([wardrobe()[1], wardrobe()[5]], feedback=pair)
    assert liked.parts["feedback"] > 0


def test_suggestions_are_diverse_and_scores_match_score() -> None:
    result = suggest(wardrobe(), count=5)
    for item in wardrobe():
        assert sum(item in o.items for o in result.outfits) <= 2
    for outfit in result.outfits:
        assert abs(score(outfit.items).score - outfit.score) < 1e-3
    assert [o.score for o in result.outfits] == sorted((o.score for o in result.outfits), reverse=True)


def test_honest_missing_output() -> None:
    result = suggest([make(1, "t-shirt", "top"), make(2, "sneakers", "shoes")])
    assert result.outfits == [] and result.missing == ["bottom"]
    assert suggest([]).missing == ["one-piece", "shoes"]


def test_weights_file_loads() -> None:
    assert WEIGHTS_PATH.exists()
    model = read_model(WEIGHTS_PATH)
    assert model.weights["formality_gap"] <= 0 and model.weights["bold_clash"] <= 0
    assert model.weights["type_affinity"] > 0 and model.weakest_pair >= 0
    assert np.allclose(model.type_affinity, model.type_affinity.T) and model.type_affinity.any()
    assert not model.type_affinity[UNKNOWN_TYPE].any()
    assert load_model() is load_model()  # read once, then cached


def test_type_affinity_round_trips_and_rejects_unknown_types(tmp_path: Path) -> None:
    table = np.zeros_like(prior_model().type_affinity)
    dress, heels = GARMENT_TYPES.index("dress"), GARMENT_TYPES.index("heels")
    table[dress, heels] = table[heels, dress] = 0.8
    model = PairModel(weights=prior_model().weights, type_affinity=table, weakest_pair=0.5, bias=-0.2)
    path = tmp_path / "weights.json"
    path.write_text(model.to_json({}))
    assert json.loads(path.read_text())["type_affinity"] == {"dress|heels": 0.8}
    again = read_model(path)
    assert np.array_equal(again.type_affinity, table) and again.weakest_pair == 0.5
    path.write_text(model.to_json({}).replace("dress|heels", "dress|spacesuit"))
    with pytest.raises(ValueError, match="spacesuit"):
        read_model(path)


def test_type_affinity_and_weakest_pair_move_the_score() -> None:
    table = np.zeros_like(prior_model().type_affinity)
    dress, heels = GARMENT_TYPES.index("dress"), GARMENT_TYPES.index("heels")
    table[dress, heels] = table[heels, dress] = 1.0
    weights = {**prior_model().weights, "type_affinity": 1.0}
    mean_only, with_weakest = PairModel(weights, table), PairModel(weights, table, weakest_pair=1.0)
    outfit = [make(1, "dress", "one-piece"), make(2, "heels", "shoes"), make(3, "bag", "accessory")]
    other = [make(1, "dress", "one-piece"), make(2, "sneakers", "shoes"), make(3, "bag", "accessory")]
    parts = outfit_parts(item_features(outfit), mean_only)
    assert parts["learned_compatibility"] - outfit_parts(item_features(other), mean_only)["learned_compatibility"] > 0.3
    # The weakest pair adds its own logit once more: parts sum to mean + weight * min over pairs.
    pairs = pair_logits(item_features(outfit), item_features(outfit), mean_only)[np.triu_indices(3, k=1)]
    total = sum(outfit_parts(item_features(outfit), with_weakest).values())
    assert total == pytest.approx(pairs.mean() + pairs.min())


def test_embedding_similarity_feeds_learned_part() -> None:
    vector = np.ones(1280, dtype=np.float32) / np.sqrt(1280)
    with_emb = [make(1, "shirt", "top", embedding=vector), make(2, "trousers", "bottom", embedding=vector)]
    assert "learned_compatibility" in score(with_emb).parts
