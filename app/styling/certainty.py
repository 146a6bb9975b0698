"""What the hard rules may lean on: how sure the image engine is of an item's kind, and what else it may be.

The rules (rules.py) read types, so a coat the image engine calls a shirt satisfies "a top" and `sandals` that may be
flip-flops go on a date. Two lines decide, both the image engine's calibrated probabilities (docs/outfits.md):
- SURE_KIND: an item whose kind is less sure than this fills a slot only when nothing sure can (search._sure_first);
- RISKY_CHANCE: an item whose other plausible kinds (its type candidates) reach this chance of breaking a rule of the
  day is kept out while a safe item can take its place.
When the wardrobe leaves no choice the piece still goes, and the outfit says so (risk_notes, guess_notes).
"""

from collections.abc import Sequence

from app.styling.context import StyleContext
from app.styling.garments import garment, type_words
from app.styling.items import Violation, WardrobeItem
from app.styling.rules import RAIN_SHOES, item_problems, weather_problems
from app.vision.knowledge import formality_of
from app.vision.taxonomy import category_of

# A piece whose kind the image engine is less sure of than this (calibrated type/category confidence) is not
# the one a hard rule leans on while a sure piece can fill its place: a "jacket" at 0.6 may be a shirt, "closed
# shoes" at 0.5 may be sandals. From docs/model-card.md's accuracy-vs-confidence table (home photos): tags at
# 0.7 and above are right 94% (type) and 97% (category) of the time, those below 45-62%; REVIEW_THRESHOLD (0.6)
# is where the app asks the user, this is where a rule stops trusting the answer.
SURE_KIND = 0.7
# The same line seen from the other side: an item whose other plausible kinds (the image engine's type candidates,
# e.g. `sandals` that may be flip-flops, `pants` that may be jeans) together reach this chance of breaking a rule of
# the day is not relied on while an item without that risk can take its place (search._sure_first): a rule is met
# on an item only when it is at least SURE_KIND likely to be a kind that meets it.
RISKY_CHANCE = round(1 - SURE_KIND, 9)  # 0.3 (rounded: 1 - 0.7 is 0.30000000000000004 in floats)


def is_sure(item: WardrobeItem) -> bool:
    """Whether the rules may rely on this item's kind (the user set it, or the image engine is sure of it)."""
    return item.certainty is None or item.certainty >= SURE_KIND


def breaking_chance(item: WardrobeItem, context: StyleContext) -> float:
    """The chance that the item is another kind that breaks an item rule of the day its own kind does not."""
    return sum(p for _, p, _ in breaking_kinds(item, context))


def breaking_kinds(item: WardrobeItem, context: StyleContext) -> list[tuple[str, float, Violation]]:
    """(kind, probability, the rule it would break) for each other kind the item may be that breaks a rule today."""
    if not item.alternatives:
        return []
    own = item_problems(item, context)
    found = []
    for kind, p in item.alternatives:
        problems = item_problems(_read_as(item, kind), context)
        if len(problems) > len(own):
            found.append((kind, p, problems[-1]))
    return found


def risk_notes(items: Sequence[WardrobeItem], context: StyleContext) -> list[str]:
    """What a person should know about the risky items an outfit holds (used only when nothing safe could go):
    "the sandals may be flip-flops (48%): flip-flops on a date (beachwear)"."""
    notes = []
    for item in items:
        kinds = breaking_kinds(item, context)
        if sum(p for _, p, _ in kinds) >= RISKY_CHANCE:
            kind, p, problem = max(kinds, key=lambda found: found[1])
            notes.append(f"the {type_words(item.type)} may be {type_words(kind)} ({p:.0%}): {problem.message}")
    return notes


def guess_notes(items: Sequence[WardrobeItem], context: StyleContext) -> list[str]:
    """Weather cover that rests on a piece whose kind is a guess (below SURE_KIND; the search uses one only when
    nothing sure can cover): "the cover for the rain rests on a guess: the jacket (48% sure), confirm its type"."""
    notes = []
    for item in items:
        if not is_sure(item) and (cover := _cover_of(item, items, context)):
            pair = item.category == "shoes"  # "the sneakers ... confirm their type", as a person says it
            notes.append(
                f"{cover} {'rest' if pair else 'rests'} on a guess: the {type_words(item.type)} "
                f"({item.certainty or 0:.0%} sure), confirm {'their' if pair else 'its'} type"
            )
    return notes


def _cover_of(item: WardrobeItem, items: Sequence[WardrobeItem], context: StyleContext) -> str | None:
    """The weather rule this item is what meets, if any (without it the outfit would break it)."""
    if context.rain and item.category == "shoes" and all(getattr(garment(item), need) for need, _ in RAIN_SHOES):
        return "the closed shoes for the rain"
    if item.category != "outerwear":
        return None
    met = {problem.message for problem in weather_problems(items, context)}
    lost = [p for p in weather_problems([i for i in items if i is not item], context) if p.message not in met]
    if not lost:
        return None
    return "the cover for the rain" if any(p.rule == "rain" for p in lost) else "the cover for the cold"


def is_safe(item: WardrobeItem, context: StyleContext) -> bool:
    return breaking_chance(item, context) < RISKY_CHANCE


def _read_as(item: WardrobeItem, garment_type: str) -> WardrobeItem:
    """The item as the other kind it may be: that kind's slot, warmth and formality, its own colours and style."""
    return WardrobeItem(
        item.id, garment_type, category_of(garment_type) or item.category, item.colour_families,
        style=item.style, pattern=item.pattern, formality=formality_of(garment_type, item.style),
    )  # fmt: skip
