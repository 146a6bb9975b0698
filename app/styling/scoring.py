"""An outfit's score: calibrated compatibility plus the request's context, each part named."""

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np
from numpy.typing import NDArray

from app.styling.compatibility import COMPATIBILITY_PARTS, load_model, outfit_parts
from app.styling.context import (
    WEATHER_TERMS,
    StyleContext,
    dresses_up,
    judged_at,
    occasion_cost,
    occasion_fit,
    occasion_part,
    preference_fit,
    refined,
    repeat_cost,
    rotation_cost,
    shared_rewards,
    suits_occasion,
    weather_fit,
    weather_terms,
    weather_value,
)
from app.styling.explain import criticisms, explain
from app.styling.features import BOLD_PATTERNS, STYLING_SLOTS, ItemFeatures, item_features, styled_up
from app.styling.items import FeedbackStats, Outfit, Violation, WardrobeItem
from app.styling.rules import (
    CLASH_IS_A_RULE,
    formality_clashes,
    lounging,
    office_shoes_with_a_dress,
    outfit_problems,
    sombre_by_day,
    unasked_white,
)

CONTEXT_PARTS = ("occasion", "weather", "preferences", "feedback", "rotation")
PARTS = (*COMPATIBILITY_PARTS, *CONTEXT_PARTS, "rules")
FEEDBACK_WEIGHT = 0.5  # one piece's own feedback
COMBINATION_WEIGHT = 3.0  # this very combination liked or disliked
PAIR_WEIGHT = 0.5  # pairs of it seen in other liked or disliked outfits: a weak echo
SAME_COMBINATION = 0.75  # Jaccard overlap from which an outfit counts as the one that was judged
# Preferences and history reorder acceptable outfits; they never rescue a broken one (RULE_COST is larger).
BOUNDS = {"preferences": (-1.5, 1.5), "feedback": (-3.5, 3.5), "rotation": (-5.0, 0.0)}
# The occasion part saturates (smoothly, so each off piece still costs something): a clean outfit a little
# under-dressed for the day must not score like one that breaks a rule; the dress code's "no"s are rules.
OCCASION_SCALE = 2.5
# An outfit its own explanation criticises ("but mixes dressy and casual pieces") never shows above this share
# of what its parts give (0.99 -> 0.74): a near-perfect score beside a stated flaw contradicts itself. Having
# been worn recently is no flaw of the outfit (its cost is in `rotation`).
FLAWED_SCALE = 0.75
NOT_A_FLAW = frozenset({"rotation"})
RULE_COST = 6.0  # per broken rule, in logit units: a broken outfit scores near 0
STRUCTURE_COST = 10.0  # an impossible combination (two pairs of shoes, a dress with trousers)
CLASH_COST = 1.5  # formal shoes with shorts on a casual day: allowed, but below every coherent outfit
LOUNGE_COST = 1.5  # a hoodie with joggers on a casual day out: below what a person wears in public
# Head-to-toe white, unless white is a colour the person said they like: more than the tonal bonus three white
# pieces earn in colour_harmony (about 2 logits), so it ranks below the same pieces with one colour in them.
ALL_WHITE_COST = 2.5
SOMBRE_COST = 1.0  # head-to-toe black at a day wedding: a soft cost, below all white (the bride's colour)
DRESS_SHOES_COST = 1.0  # loafers or brogues under a dress at a wedding: below the same dress with heels or flats


def item_feedback(item: WardrobeItem, feedback: FeedbackStats) -> float:
    return FEEDBACK_WEIGHT * math.tanh(feedback.item_affinity.get(item.id, 0.0))


def _same_combination(ids: frozenset[int], judged: frozenset[int]) -> bool:
    return judged <= ids or len(ids & judged) / len(ids | judged) >= SAME_COMBINATION


def combination_feedback(items: Sequence[WardrobeItem], feedback: FeedbackStats) -> float:
    """What the user said about these pieces *together*. Liking or disliking this very outfit (or one it
    contains) moves it by up to COMBINATION_WEIGHT; pairs of it that were in other judged outfits only echo
    weakly (PAIR_WEIGHT shared over the pairs), so one disliked outfit does not bury every outfit its shoes
    go with."""
    ids = frozenset(item.id for item in items)
    judged = [a for combo, a in feedback.combinations.items() if _same_combination(ids, combo)]
    whole = max(judged, key=abs, default=0.0)
    pairs = [(min(a.id, b.id), max(a.id, b.id)) for n, a in enumerate(items) for b in items[n + 1 :]]
    echo = sum(math.tanh(feedback.pair_affinity.get(pair, 0.0)) for pair in pairs) / len(pairs) if pairs else 0.0
    return COMBINATION_WEIGHT * math.tanh(whole) + PAIR_WEIGHT * echo


def clash_cost(items: Sequence[WardrobeItem], context: StyleContext) -> float:
    """Where a clash is not a broken rule (a casual day) it still costs, in the formality part."""
    if context.occasion in CLASH_IS_A_RULE:
        return 0.0  # counted as a broken rule instead
    return -CLASH_COST * min(len(formality_clashes(items)), 2)


def soft_rule_costs(items: Sequence[WardrobeItem], context: StyleContext) -> dict[str, float]:
    """What the soft rules cost, by the part they belong to: a formality clash on a casual day, loungewear in
    public, loafers under a dress at a wedding, head-to-toe white or black; and what a dress dressed up by its heels
    gets back (styled_dress_credit). The search adds the same, so its ranking is the scores' order."""
    return {
        "formality": clash_cost(items, context),
        "occasion": -LOUNGE_COST * bool(lounging(items, context))
        - DRESS_SHOES_COST * bool(office_shoes_with_a_dress(items, context))
        + styled_dress_credit(items, context),
        "colour_harmony": -ALL_WHITE_COST * unasked_white(items, context) - SOMBRE_COST * sombre_by_day(items, context),
    }


def styled_dress_credit(items: Sequence[WardrobeItem], context: StyleContext) -> float:
    """What the occasion gives back to a dress that the pieces worn with it dress up (features.styled_up: heels, a
    blazer, a clutch), where the occasion admits dressy pieces: its cost judged at the lifted formality, and no longer
    casual in style once lifted. The formality pair feature already lifts it; without this the same dress + heels
    were "less dressed than usual at a wedding" (occasion part -1.3) beside a true "fits the dress code". Only a
    plain dress: a print (a floral sundress) reads day wear whatever it is worn with (features.BOLD_PATTERNS)."""
    if not dresses_up(context):
        return 0.0
    dressiest = max((i.formality or 0 for i in items if i.category in STYLING_SLOTS), default=0)
    credit = 0.0
    for item in items:
        if item.category != "one-piece" or item.formality is None or item.pattern in BOLD_PATTERNS:
            continue
        lift = min(styled_up(item), max(dressiest - item.formality, 0))
        if lift:
            style = None if item.style == "casual" else item.style
            lifted = replace(item, formality=item.formality + lift, style=style)
            occasion = judged_at(item, context)
            credit += occasion_cost(lifted, occasion) - occasion_cost(item, occasion)
    return credit


def rules_cost(problems: Sequence[Violation]) -> float:
    return -sum(STRUCTURE_COST if problem.structural else RULE_COST for problem in problems)


def unary(item: WardrobeItem, context: StyleContext, feedback: FeedbackStats) -> dict[str, float]:
    """The per-item context parts (summed over an outfit's items)."""
    return {
        "occasion": occasion_fit(item, judged_at(item, context)),
        "preferences": preference_fit(item, context.preferences),
        "feedback": item_feedback(item, feedback),
        "rotation": rotation_cost(item, context),
    }


# What the beam sums per partial outfit (unary_vector of each item), so it ranks partial outfits by the bounded
# context parts the final score gives them (partial_context), not by the per-piece sum: until session 9 each
# suiting piece added SUIT_REWARD there while the final score counts their share (context.occasion_part).
# The weather part's per-item terms follow (context.WEATHER_TERMS), so the beam ranks partial outfits by the weather
# too (partial_weather): until session 10 it counted only once outfits were complete, after the cut.
VECTOR = ("occasion", "suiting", "styled", "preferences", "feedback", "rotation", *WEATHER_TERMS)
WEATHER_AT = VECTOR.index(WEATHER_TERMS[0])


def unary_vector(parts: Mapping[str, float], item: WardrobeItem, context: StyleContext) -> list[float]:
    """unary() of an item as the beam sums it, with whether its style suits the occasion and whether it has one."""
    suiting, styled = float(suits_occasion(item, judged_at(item, context))), float(bool(item.style))
    own = [parts["occasion"], suiting, styled, parts["preferences"], parts["feedback"], parts["rotation"]]
    return own + weather_terms(item, context)


def has_weather(context: StyleContext) -> bool:
    return context.temperature_c is not None or context.rain or bool(context.season)


def partial_weather(
    sums: NDArray[np.float64], insulation: NDArray[np.float64], context: StyleContext, *, complete: bool
) -> NDArray[np.float64]:
    """The weather part of partial outfits (rows of summed unary vectors, their insulation): context.weather_value,
    with only the over-warmth counted until every torso layer is chosen (`complete`)."""
    return weather_value(sums[:, WEATHER_AT:], insulation, context, complete=complete)


def partial_context(sums: NDArray[np.float64]) -> NDArray[np.float64]:
    """context_parts of each partial outfit (rows of summed unary vectors) without the outfit-level terms (weather,
    the combination's feedback, repeats): the occasion's rewards shared and saturated, the other parts bounded."""
    occasion = shared_rewards(sums[:, 0], sums[:, 1], sums[:, 2])
    value = OCCASION_SCALE * np.tanh(occasion / OCCASION_SCALE)
    for column, name in ((3, "preferences"), (4, "feedback"), (5, "rotation")):
        low, high = BOUNDS[name]
        value = value + np.clip(sums[:, column], low, high)
    return np.asarray(value, dtype=np.float64)


def context_parts(
    items: Sequence[WardrobeItem],
    context: StyleContext,
    feedback: FeedbackStats,
    *,
    unaries: Sequence[Mapping[str, float]] | None = None,
) -> dict[str, float]:
    """The context parts of the outfit; `unaries` are unary() of each item when the caller has them already."""
    parts = dict.fromkeys(CONTEXT_PARTS, 0.0)
    for item_parts in [unary(item, context, feedback) for item in items] if unaries is None else unaries:
        for name, value in item_parts.items():
            parts[name] += value
    parts["occasion"] = occasion_part(items, context, parts["occasion"])
    parts["feedback"] += combination_feedback(items, feedback)
    parts["weather"] = weather_fit(items, context)
    parts["rotation"] += repeat_cost(items, context)
    for name, (low, high) in BOUNDS.items():
        parts[name] = min(max(parts[name], low), high)
    parts["occasion"] = OCCASION_SCALE * math.tanh(parts["occasion"] / OCCASION_SCALE)
    return parts


def to_score(bias: float, parts: Mapping[str, float]) -> float:
    return 1.0 / (1.0 + math.exp(-(bias + sum(parts.values()))))


def score(
    items: Sequence[WardrobeItem],
    context: StyleContext = StyleContext(),
    feedback: FeedbackStats = FeedbackStats(),
    *,
    features: ItemFeatures | None = None,
    unaries: Sequence[Mapping[str, float]] | None = None,
) -> Outfit:
    """Score any set of items as one outfit: the same parts the search uses, and an explanation. The search
    passes the items' features and unary parts, which it computed once per item for the whole request."""
    items, context = tuple(items), refined(context)
    model = load_model()
    features = item_features(items, dressed_up=dresses_up(context)) if features is None else features
    parts = outfit_parts(features, model) if items else dict.fromkeys(COMPATIBILITY_PARTS, 0.0)
    parts.update(context_parts(items, context, feedback, unaries=unaries))
    for name, cost in soft_rule_costs(items, context).items():
        parts[name] += cost
    problems = tuple(outfit_problems(items, context))
    parts["rules"] = rules_cost(problems)
    parts = {name: round(float(np.float64(value)), 4) for name, value in parts.items()}
    critiques = () if problems else criticisms(items, parts, context)
    flaws = tuple(reason for part, reason in critiques if part not in NOT_A_FLAW)
    return Outfit(
        items=items,
        score=round(to_score(model.bias, parts) * (FLAWED_SCALE if flaws else 1.0), 4),
        parts=parts,
        explanation=explain(items, parts, problems, context, critiques=critiques),
        problems=problems,
        flaws=flaws,
    )
