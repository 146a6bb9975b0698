"""The grounded context, built once per question and shared by every backend.

It holds what the question is about (intent, entities with references resolved to real ids), the user's
preferences, the last turns, a compact wardrobe summary, knowledge sections, and — when the question is
about what to wear or what goes with what — candidate outfits from the outfit engine.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from app import styling
from app.assistant.base import ConversationContext, Turn
from app.assistant.local import intents
from app.assistant.local.entities import Entities, normalise
from app.assistant.local.knowledge import Section, retrieve
from app.assistant.local.references import understand
from app.styling import WardrobeItem

OUTFIT_INTENTS = frozenset({intents.OUTFIT, intents.PAIRING, intents.PACKING})
CANDIDATES = 3
# Our occasions and dress codes in the outfit engine's vocabulary (its formality ranges), used only when its
# own parser found no occasion in the question.
ENGINE_OCCASION = {
    "interview": "interview", "wedding": "wedding-guest", "funeral": "funeral", "work": "work", "date": "date",
    "party": "party", "dinner": "date", "brunch": "casual", "gym": "gym", "beach": "casual", "travel": "travel",
    "weekend": "casual", "festival": "casual", "hiking": "casual", "graduation": "work", "theatre": "date",
    "white tie": "wedding-guest", "black tie": "wedding-guest", "cocktail": "party", "business formal": "interview",
    "semi-formal": "work", "business casual": "work", "smart casual": "date", "casual": "casual",
}  # fmt: skip
SUMMARY_LIMIT = 80  # items sent to a remote model; referenced and outfit items always go first


@dataclass(frozen=True)
class CandidateOutfit:
    item_ids: tuple[int, ...]
    score: float
    explanation: str


@dataclass(frozen=True)
class Grounding:
    question: str
    text: str  # normalised question, what the matchers read
    intent: str
    entities: Entities
    preferences: str | None
    turns: tuple[Turn, ...]
    wardrobe: tuple[WardrobeItem, ...]
    by_id: Mapping[int, WardrobeItem]
    outfits: tuple[CandidateOutfit, ...]
    missing: tuple[str, ...]  # outfit slots the wardrobe lacks, when no outfit could be made
    knowledge: tuple[Section, ...]
    worn_days_ago: Mapping[int, int]


def _style_context(context: ConversationContext, entities: Entities, anchors: Sequence[int]) -> styling.StyleContext:
    """The outfit engine's StyleContext, from its own parser plus what our extraction found."""
    parsed = styling.parse_context(context.question)
    changes: dict[str, Any] = {
        "anchor_ids": frozenset(anchors),
        "worn_days_ago": dict(context.worn_days_ago),
        "preferences": styling.parse_preferences(context.style_preferences),
    }
    ours = entities.dress_code or entities.occasion
    if parsed.occasion is None and ours in ENGINE_OCCASION:
        changes["occasion"] = ENGINE_OCCASION[ours]
    if parsed.temperature_c is None and entities.temperature_c is not None:
        changes["temperature_c"] = entities.temperature_c
    if entities.rain:
        changes["rain"] = True
    if parsed.season is None and entities.season:
        changes["season"] = entities.season
    return replace(parsed, **changes)


def candidate_outfits(
    context: ConversationContext, entities: Entities, anchors: Sequence[int]
) -> tuple[tuple[CandidateOutfit, ...], tuple[str, ...]]:
    """The engine's best outfits for the question (each holds the anchors), or the slots the wardrobe lacks."""
    style = _style_context(context, entities, anchors)
    result = styling.suggest(list(context.wardrobe), style, context.feedback, count=CANDIDATES)
    found = tuple(
        CandidateOutfit(tuple(item.id for item in o.items), round(o.score, 3), o.explanation) for o in result.outfits
    )
    return found, tuple(result.missing)


def _weather_words(entities: Entities) -> str:
    """A number says "hot" or "cold" to a person; spell it out so the weather sections are found too."""
    temperature = entities.temperature_c
    if temperature is None:
        return ""
    return " hot " if temperature >= 25 else " cold " if temperature <= 8 else ""


def build(context: ConversationContext) -> Grounding:
    """Understand the question against this wardrobe and gather everything an answer may use."""
    earlier = [turn.answer for turn in context.recent_turns]
    entities = understand(context.question, context.wardrobe, earlier)
    text = normalise(context.question)
    intent = intents.classify(text, entities)
    outfits: tuple[CandidateOutfit, ...] = ()
    missing: tuple[str, ...] = ()
    if intent in OUTFIT_INTENTS and context.wardrobe:
        outfits, missing = candidate_outfits(context, entities, entities.item_ids[:1])
    return Grounding(
        question=context.question,
        text=text,
        intent=intent,
        entities=entities,
        preferences=(context.style_preferences or "").strip() or None,
        turns=context.recent_turns,
        wardrobe=context.wardrobe,
        by_id={item.id: item for item in context.wardrobe},
        outfits=outfits,
        missing=missing,
        knowledge=tuple(retrieve(text + _weather_words(entities), intent)),
        worn_days_ago=context.worn_days_ago,
    )


def item_summary(item: WardrobeItem) -> dict[str, Any]:
    """One item as compact plain data for a prompt: only the tags that are known."""
    fields: dict[str, Any] = {"id": item.id, "type": item.type, "slot": item.category}
    fields["colours"] = list(item.colour_names or item.colour_families)
    for name in ("style", "pattern", "formality", "warmth"):
        if getattr(item, name) is not None:
            fields[name] = getattr(item, name)
    if item.seasons:
        fields["seasons"] = list(item.seasons)
    return fields


def wardrobe_summary(grounding: Grounding, limit: int = SUMMARY_LIMIT) -> list[dict[str, Any]]:
    """Items most relevant first (referenced, then in candidate outfits), then newest uploads."""
    first = [*grounding.entities.item_ids, *grounding.entities.ambiguous]
    first += [item_id for outfit in grounding.outfits for item_id in outfit.item_ids]
    order = list(dict.fromkeys([*first, *(item.id for item in grounding.wardrobe)]))
    return [item_summary(grounding.by_id[item_id]) for item_id in order[:limit] if item_id in grounding.by_id]
