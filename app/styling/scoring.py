"""An outfit's score: calibrated compatibility plus the request's context, each part named."""

import math
from collections.abc import Mapping, Sequence

import numpy as np

from app.styling.compatibility import COMPATIBILITY_PARTS, load_model, outfit_parts
from app.styling.context import (
    StyleContext,
    occasion_fit,
    preference_fit,
    repeat_cost,
    rotation_cost,
    weather_fit,
)
from app.styling.explain import explain
from app.styling.features import item_features
from app.styling.items import FeedbackStats, Outfit, WardrobeItem

CONTEXT_PARTS = ("occasion", "weather", "preferences", "feedback", "rotation")
PARTS = COMPATIBILITY_PARTS + CONTEXT_PARTS
FEEDBACK_WEIGHT = 0.5
COMBINATION_WEIGHT = 2.0


def item_feedback(item: WardrobeItem, feedback: FeedbackStats) -> float:
    return FEEDBACK_WEIGHT * math.tanh(feedback.item_affinity.get(item.id, 0.0))


def combination_feedback(items: Sequence[WardrobeItem], feedback: FeedbackStats) -> float:
    """What the user said about these pieces *together*: the mean over the outfit's pairs, so liking or disliking
    a whole outfit moves it by up to COMBINATION_WEIGHT whatever its size (a single piece's feedback is capped
    lower: one disliked outfit should not bury every other outfit its shoes go with)."""
    pairs = [(min(a.id, b.id), max(a.id, b.id)) for n, a in enumerate(items) for b in items[n + 1 :]]
    if not pairs:
        return 0.0
    return COMBINATION_WEIGHT * sum(math.tanh(feedback.pair_affinity.get(pair, 0.0)) for pair in pairs) / len(pairs)


def unary(item: WardrobeItem, context: StyleContext, feedback: FeedbackStats) -> dict[str, float]:
    """The per-item context parts (summed over an outfit's items)."""
    return {
        "occasion": occasion_fit(item, context.occasion),
        "preferences": preference_fit(item, context.preferences),
        "feedback": item_feedback(item, feedback),
        "rotation": rotation_cost(item, context),
    }


def context_parts(items: Sequence[WardrobeItem], context: StyleContext, feedback: FeedbackStats) -> dict[str, float]:
    parts = dict.fromkeys(CONTEXT_PARTS, 0.0)
    for item in items:
        for name, value in unary(item, context, feedback).items():
            parts[name] += value
    parts["feedback"] += combination_feedback(items, feedback)
    parts["weather"] = weather_fit(items, context)
    parts["rotation"] += repeat_cost(items, context)
    return parts


def to_score(bias: float, parts: Mapping[str, float]) -> float:
    return 1.0 / (1.0 + math.exp(-(bias + sum(parts.values()))))


def score(
    items: Sequence[WardrobeItem], context: StyleContext = StyleContext(), feedback: FeedbackStats = FeedbackStats()
) -> Outfit:
    """Score any set of items as one outfit: the same parts the search uses, and an explanation."""
    items = tuple(items)
    model = load_model()
    parts = outfit_parts(item_features(items), model) if items else dict.fromkeys(COMPATIBILITY_PARTS, 0.0)
    parts.update(context_parts(items, context, feedback))
    parts = {name: round(float(np.float64(value)), 4) for name, value in parts.items()}
    return Outfit(
        items=items, score=round(to_score(model.bias, parts), 4), parts=parts, explanation=explain(items, parts)
    )
