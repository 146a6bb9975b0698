"""Answers built from the grounding: every sentence comes from the question, the wardrobe or the knowledge
base, and every owned item is named with its id ("your navy blazer (#12)") so grounding can be checked."""

from collections.abc import Callable

from app.assistant.context import Grounding
from app.assistant.local import advice, intents
from app.assistant.local.knowledge import colour_section
from app.assistant.local.phrasing import (
    describe,
    describe_all,
    formality,
    item_name,
    join,
    preference_note,
    reason_of,
    situation,
    slot,
    tip,
    verb,
    warmth,
)
from app.styling import WardrobeItem

OCCASION_FORMALITY = {
    "interview": 4, "wedding": 4, "funeral": 4, "graduation": 3, "theatre": 3, "work": 3, "dinner": 3,
    "date": 3, "party": 2, "brunch": 2, "travel": 1, "weekend": 1, "festival": 1, "hiking": 1, "gym": 1,
    "beach": 1,
}  # fmt: skip
CODE_FORMALITY = {
    "white tie": 5, "black tie": 5, "business formal": 4, "cocktail": 4, "semi-formal": 4, "business casual": 3,
    "smart casual": 2, "casual": 1,
}  # fmt: skip
COVER_BELOW_C = 15  # add a coat or jacket below this temperature, or in rain


def _outerwear_for(g: Grounding, chosen: list[WardrobeItem]) -> WardrobeItem | None:
    """The warmest-fitting layer to add when it is cold or wet and the outfit has none."""
    temperature = g.entities.temperature_c
    needs_cover = g.entities.rain or (temperature is not None and temperature < COVER_BELOW_C)
    if not needs_cover or any(slot(item) == "outerwear" for item in chosen):
        return None
    layers = [item for item in g.wardrobe if slot(item) == "outerwear"]
    return max(layers, key=lambda item: (warmth(item), -item.id), default=None)


def outfit(g: Grounding) -> str:
    where = situation(g.entities)
    lead = f"For {where}" if where else "For today"
    if not g.wardrobe:
        return f"{lead}: {advice.knowledge_tips(g)} {advice.UPLOAD_HINT}"
    if not g.outfits:
        gaps = join(list(g.missing)) or "enough classified items"
        return f"I can't build a complete outfit yet: your wardrobe has no {gaps}. {advice.knowledge_tips(g)}"
    best = [g.by_id[i] for i in g.outfits[0].item_ids if i in g.by_id]
    parts = [f"{lead}, I'd wear {describe_all(best)}."]
    layer = _outerwear_for(g, best)
    if layer is not None:
        parts.append(f"Add {describe(layer)} on top against the {'rain' if g.entities.rain else 'cold'}.")
    if g.outfits[0].explanation:
        parts.append(f"Why: {reason_of(g.outfits[0].explanation)}.")
    parts.append(_formality_gap(g, best))
    if len(g.outfits) > 1:
        other = [g.by_id[i] for i in g.outfits[1].item_ids if i in g.by_id]
        parts.append(f"Another option: {describe_all(other)}.")
    parts.append(advice.knowledge_tips(g, limit=1))
    parts.append(preference_note(g.preferences))
    return " ".join(part for part in parts if part)


def _formality_gap(g: Grounding, chosen: list[WardrobeItem]) -> str:
    """Say so when the wardrobe cannot reach the occasion's formality, instead of passing jeans off as black tie."""
    needed = CODE_FORMALITY.get(g.entities.dress_code or "") or OCCASION_FORMALITY.get(g.entities.occasion or "")
    if not needed or not chosen or max(formality(item) for item in chosen) >= needed - 1:
        return ""
    return (
        f"Honestly, this is more casual than {situation(g.entities)} calls for (about {needed}/5 on formality); "
        "your wardrobe has nothing dressier yet, so consider borrowing or buying one smart piece."
    )


def _anchor(g: Grounding) -> WardrobeItem | None:
    """The owned item the question is about: a resolved reference, else a description only one item fits."""
    if g.entities.item_ids:
        return g.by_id[g.entities.item_ids[0]]
    single = [m.candidates[0] for m in g.entities.mentions if len(m.candidates) == 1]
    return g.by_id[single[0]] if single else None


def _partners(g: Grounding, anchor: WardrobeItem, target: str | None, limit: int = 3) -> list[WardrobeItem]:
    """Owned items in colours that sit well with the anchor's colour, other slots, in a target slot if asked."""
    colour = anchor.colour_names[0] if anchor.colour_names else None
    section = colour_section(colour) if colour else None
    friendly = set(section.pairs) if section else set()
    pool = [item for item in g.wardrobe if item.id != anchor.id and slot(item) != slot(anchor)]
    if target:
        pool = [item for item in pool if slot(item) == target]
    scored = [(0 if set(item.colour_names[:1]) & friendly else 1, item.id, item) for item in pool]
    return [item for _, _, item in sorted(scored)[:limit]]


def _target_slot(g: Grounding, anchor: WardrobeItem | None) -> str | None:
    """The slot asked for: "what *shoes* go with my trousers" -> shoes."""
    for mention in g.entities.mentions:
        if mention.category and (
            anchor is None or (anchor.id not in mention.candidates and mention.category != slot(anchor))
        ):
            return mention.category
    return None


def pairing(g: Grounding) -> str:
    anchor = _anchor(g)
    target = _target_slot(g, anchor)
    if anchor is None:
        return advice.unowned_pairing(g, target)
    together = [
        [g.by_id[i] for i in outfit.item_ids if i != anchor.id and i in g.by_id]
        for outfit in g.outfits
        if anchor.id in outfit.item_ids
    ]
    if target:
        together = [[item for item in combo if slot(item) == target] for combo in together]
    parts = []
    if together and together[0]:
        goes = verb(anchor, "goes", "go")
        parts.append(f"{describe(anchor).capitalize()} {goes} well with {describe_all(together[0])}.")
    partners = [item for item in _partners(g, anchor, target) if not together or item not in together[0]]
    if partners:
        works = verb(anchor, "works", "work")
        lead = (
            f"{verb(anchor, 'It', 'They')} also {works} with"
            if parts
            else f"{describe(anchor).capitalize()} {works} with"
        )
        parts.append(f"{lead} {describe_all(partners[:3], 'or')}.")
    if not parts:
        parts.append(f"I found nothing in your wardrobe to pair with {describe(anchor)} yet.")
    colour = anchor.colour_names[0] if anchor.colour_names else None
    section = colour_section(colour) if colour else None
    if section:
        parts.append(tip(section, 1))
    parts.append(preference_note(g.preferences))
    return " ".join(part for part in parts if part)


def colour(g: Grounding) -> str:
    colours = list(g.entities.colours)
    if not colours:
        return advice.general_colour(g)
    section = colour_section(colours[0])
    parts = []
    if len(colours) >= 2 and section:
        verdict = "Yes" if colours[1] in section.pairs else "They can"
        reason = "it's a reliable pairing" if verdict == "Yes" else "keep one of them small or muted"
        parts.append(f"{verdict}: {colours[0]} and {colours[1]} — {reason}.")
    if section:
        parts.append(tip(section, 2))
        friendly = [item for item in g.wardrobe if set(item.colour_names[:1]) & set(section.pairs)]
        own = [item for item in g.wardrobe if colours[0] in item.colour_names[:1]]
        if own:
            parts.append(f"In {colours[0]} you own {describe_all(own[:3])}.")
        if friendly:
            parts.append(f"Pieces of yours in colours that suit it: {describe_all(friendly[:3])}.")
    if not g.wardrobe:
        parts.append(advice.UPLOAD_HINT)
    return " ".join(parts)


def _fits_occasion(g: Grounding, item: WardrobeItem) -> str:
    needed = CODE_FORMALITY.get(g.entities.dress_code or "") or OCCASION_FORMALITY.get(g.entities.occasion or "")
    if not needed:
        return ""
    have = formality(item)
    where = situation(g.entities)
    if have >= needed - 1 and (have <= needed + 1 or needed >= 4):
        return f"Yes, {verb(item, 'it suits', 'they suit')} {where}: its formality ({have}/5) is about right."
    if have < needed:
        return f"For {where} it is on the casual side ({have}/5 where about {needed}/5 is expected)."
    return f"For {where} it may look overdressed ({have}/5 where about {needed}/5 is usual)."


def item(g: Grounding) -> str:
    anchor = _anchor(g)
    if anchor is None:
        return advice.clarify(g)
    facts = [f"a {anchor.style} piece" if anchor.style else "", f"formality {formality(anchor)}/5"]
    facts += [f"warmth {warmth(anchor)}/5"]
    if anchor.pattern:
        facts.append(f"{anchor.pattern} pattern")
    if anchor.seasons:
        facts.append("for " + join(["autumn" if s == "fall" else s for s in anchor.seasons]))
    tagged = verb(anchor, "is", "are")
    parts = [
        f"{describe(anchor).capitalize()} {tagged} tagged as {item_name(anchor)}: {join([f for f in facts if f])}."
    ]
    parts.append(_fits_occasion(g, anchor))
    partners = _partners(g, anchor, None, limit=2)
    if partners:
        parts.append(f"{verb(anchor, 'It pairs', 'They pair')} well with {describe_all(partners)}.")
    return " ".join(part for part in parts if part)


COMPOSERS: dict[str, Callable[[Grounding], str]] = {
    intents.OUTFIT: outfit,
    intents.PAIRING: pairing,
    intents.COLOUR: colour,
    intents.ITEM: item,
    intents.DRESS_CODE: advice.dress_code,
    intents.FIT: advice.fit,
    intents.CARE: advice.fabric_care,
    intents.PACKING: advice.packing,
    intents.SHOPPING: advice.shopping,
    intents.GREETING: advice.greeting,
    intents.OFF_TOPIC: advice.off_topic,
    intents.CLARIFY: advice.clarify,
}
# Fit and care advice applies to every item a description fits, so only these need the one item.
NEEDS_ONE_ITEM = frozenset({intents.PAIRING, intents.ITEM, intents.OUTFIT})


def compose(g: Grounding) -> tuple[str, str]:
    """(intent actually answered, text). An ambiguous reference gets one clarifying question instead."""
    if g.entities.ambiguous and not g.entities.item_ids and g.intent in NEEDS_ONE_ITEM:
        return intents.CLARIFY, advice.which_item(g)
    text = COMPOSERS[g.intent](g)
    return g.intent, " ".join(text.split())
