"""Answers led by the knowledge base (dress codes, fit, care, packing, shopping) and the conversational
ones (greeting, off-topic redirect, clarifying questions), still tied to the user's own items."""

from collections import Counter

from app.assistant.context import Grounding
from app.assistant.local import knowledge
from app.assistant.local.phrasing import describe_all, formality, join, slot, tip, warmth
from app.styling import WardrobeItem

UPLOAD_HINT = "Upload photos of your clothes and I'll answer with your own items."
CODE_MIN_FORMALITY = {
    "white tie": 5, "black tie": 5, "business formal": 4, "cocktail": 4, "semi-formal": 4, "business casual": 3,
    "smart casual": 2, "casual": 1,
}  # fmt: skip
SLOT_TARGETS = {"top": 3, "bottom": 2, "shoes": 1, "outerwear": 1}  # a balanced wardrobe's rough ratio
CLIMATE_WARMTH = {"warm": 1, "mild": 3, "cold": 5}
NEUTRALS = ("navy", "white", "grey", "black", "camel", "beige")


def knowledge_tips(g: Grounding, limit: int = 2) -> str:
    return " ".join(tip(section) for section in g.knowledge[:limit])


def _one_per_slot(items: list[WardrobeItem], limit: int = 4) -> list[WardrobeItem]:
    chosen: dict[str, WardrobeItem] = {}
    for item in items:
        chosen.setdefault(slot(item), item)
    return list(chosen.values())[:limit]


def dress_code(g: Grounding) -> str:
    code = g.entities.dress_code
    section = knowledge.retrieve(f" {code} ", "dress_code", limit=1) if code else list(g.knowledge[:1])
    if not section:
        return clarify(g)
    parts = [f"{section[0].title}: {tip(section[0], 3)}"]
    needed = CODE_MIN_FORMALITY.get(code or section[0].title.lower(), 3)
    fitting = sorted((item for item in g.wardrobe if formality(item) >= needed), key=lambda i: (-formality(i), i.id))
    if fitting:
        parts.append(f"From your wardrobe, {describe_all(_one_per_slot(fitting))} fit that level.")
    elif g.wardrobe:
        parts.append(
            "Nothing in your wardrobe is quite that formal yet; that's a gap worth filling if it comes up often."
        )
    else:
        parts.append(UPLOAD_HINT)
    return " ".join(parts)


def _about_items(g: Grounding) -> list[WardrobeItem]:
    """The owned items a fit or care question is about: the reference, else those of the named types."""
    if g.entities.item_ids:
        return [g.by_id[i] for i in g.entities.item_ids[:2]]
    named = [g.by_id[i] for m in g.entities.mentions for i in m.candidates[:2]]
    return list(dict.fromkeys(named))[:2]


def _knowledge_for(g: Grounding, items: list[WardrobeItem], intent: str) -> list[knowledge.Section]:
    words = " ".join((item.type or "").replace("-", " ") for item in items)
    return knowledge.retrieve(f"{g.text} {words} ", intent, limit=2) or list(g.knowledge[:2])


def fit(g: Grounding) -> str:
    about = _about_items(g)
    sections = _knowledge_for(g, about, "fit")
    parts = [tip(section) for section in sections]
    if about:
        parts.append(f"That applies to {describe_all(about)}: check it against a mirror in daylight.")
    return " ".join(parts) or clarify(g)


def fabric_care(g: Grounding) -> str:
    about = _about_items(g)
    sections = _knowledge_for(g, about, "fabric_care")
    parts = [f"For {describe_all(about)}:"] if about else []
    parts += [tip(section, 3) for section in sections]
    return " ".join(parts) if sections else clarify(g)


def _climate(g: Grounding) -> str:
    temperature = g.entities.temperature_c
    if (
        g.entities.occasion == "beach"
        or g.entities.season == "summer"
        or (temperature is not None and temperature >= 22)
    ):
        return "warm"
    if g.entities.season == "winter" or (temperature is not None and temperature < 10):
        return "cold"
    return "mild"


def _pick(g: Grounding, slot_name: str, count: int, climate: str) -> list[WardrobeItem]:
    pool = [item for item in g.wardrobe if slot(item) == slot_name]
    target = CLIMATE_WARMTH[climate]  # the warmth (1-5) that suits the trip's weather best
    return sorted(pool, key=lambda item: (abs(warmth(item) - target), item.id))[:count]


def packing(g: Grounding) -> str:
    days = g.entities.trip_days or 5
    climate = _climate(g)
    assumed = "" if g.entities.trip_days else " (I assumed about five days; tell me if it's longer)"
    plan = {"tops": _pick(g, "top", min(days, 5), climate), "bottoms": _pick(g, "bottom", 2 + (days > 4), climate)}
    plan["shoes"] = _pick(g, "shoes", 2, climate)
    if climate != "warm" or g.entities.rain:
        plan["a layer"] = _pick(g, "outerwear", 1, climate)
    if not g.wardrobe:
        return f"For a {days}-day trip{assumed}: {knowledge_tips(g)} {UPLOAD_HINT}"
    lines = [f"{label}: {describe_all(items)}" for label, items in plan.items() if items]
    gaps = [label for label, items in plan.items() if not items]
    parts = [f"For a {days}-day {climate}-weather trip{assumed}, pack " + "; ".join(lines) + "."]
    if gaps:
        parts.append(f"Your wardrobe has nothing for {join(gaps)}, so borrow or buy before you go.")
    parts.append(knowledge_tips(g, limit=1))
    return " ".join(parts)


def _gap(g: Grounding) -> tuple[str, str]:
    """(slot to buy for, reason) from slot counts against a balanced ratio."""
    counts = Counter(slot(item) for item in g.wardrobe)
    missing = [name for name in ("shoes", "bottom", "top", "outerwear") if not counts[name]]
    if missing:
        return missing[0], f"you have no {missing[0] if missing[0] == 'shoes' else missing[0] + 's'} yet"
    ratio = min(SLOT_TARGETS, key=lambda name: (counts[name] / SLOT_TARGETS[name], name))
    plural = ratio if ratio == "shoes" else f"{ratio}s"
    return ratio, f"{plural} are your thinnest slot for how often outfits need them ({counts[ratio]} owned)"


def _best_neutral(g: Grounding) -> str:
    owned = Counter(c for item in g.wardrobe for c in item.colour_names[:1])
    for colour in NEUTRALS:
        section = knowledge.colour_section(colour)
        score = sum(owned[c] for c in section.pairs) if section else 0
        owned[f"score:{colour}"] = score
    return max(NEUTRALS, key=lambda colour: (owned[f"score:{colour}"], -NEUTRALS.index(colour)))


def shopping(g: Grounding) -> str:
    if not g.wardrobe:
        return f"{tip(knowledge.find('Versatile first pieces') or g.knowledge[0], 2)} {UPLOAD_HINT}"
    wanted, reason = _gap(g)
    colour = _best_neutral(g)
    section = knowledge.colour_section(colour)
    friendly = [item for item in g.wardrobe if section and set(item.colour_names[:1]) & set(section.pairs)]
    friendly = [item for item in friendly if slot(item) != wanted][:3]
    parts = []
    owned = [g.by_id[i] for m in g.entities.mentions if m.type for i in m.candidates][:2]
    if owned:
        parts.append(f"You already own {describe_all(owned)}, so another one adds less than filling a gap.")
    parts.append(f"Your next buy: something for the {wanted} slot in {colour}, because {reason}.")
    if friendly:
        parts.append(f"In {colour} it would go with {describe_all(friendly)}.")
    if not any(formality(item) >= 4 for item in g.wardrobe):
        parts.append("After that, one smarter piece (a blazer or leather shoes) would cover formal occasions.")
    parts.append(knowledge_tips(g, limit=1))
    return " ".join(part for part in parts if part)


def greeting(g: Grounding) -> str:
    if g.text.strip().startswith(("thanks", "thank you", "cheers")):
        return "You're welcome! Ask me any time about outfits, colours, fit, care or packing."
    owned = f"I can see {len(g.wardrobe)} items in your wardrobe." if g.wardrobe else UPLOAD_HINT
    return (
        f"Hi! I'm your stylist. {owned} Ask me what to wear for an occasion or the weather, what goes with one "
        "of your pieces, colours, dress codes, fit, fabric care, packing or what to buy next."
    )


def off_topic(g: Grounding) -> str:
    return (
        "I'm a stylist, so I can only help with clothes, outfits and your wardrobe, not with that. "
        "Try asking what to wear tomorrow, what goes with one of your items, or how to pack for a trip."
    )


def which_item(g: Grounding) -> str:
    options = [g.by_id[i] for i in g.entities.ambiguous[:4]]
    return f"Which one do you mean: {describe_all(options, 'or')}?"


def clarify(g: Grounding) -> str:
    if g.entities.item_types or g.intent not in ("clarify", "off_topic"):
        return 'Which item do you mean? Name it (for example "my navy blazer") or use the number shown with it.'
    return (
        "Happy to help. What would you like: an outfit for a particular occasion or weather, ideas for one "
        "of your items, or colour advice?"
    )


def general_colour(g: Grounding) -> str:
    """A colour question without a named colour (undertones, how many colours): knowledge plus owned examples."""
    sections = list(g.knowledge[:1]) or knowledge.retrieve(g.text, "colour", limit=1)
    if not sections:
        return clarify(g)
    named = [c for c in knowledge.COLOUR_WORDS if f" {c}" in sections[0].body.lower()]
    examples = [item for item in g.wardrobe if set(item.colour_names[:1]) & set(named)][:3]
    parts = [tip(sections[0], 3)]
    if examples:
        parts.append(f"From your wardrobe, {describe_all(examples)} fit that.")
    return " ".join(parts)


def unowned_pairing(g: Grounding, target: str | None) -> str:
    """ "What goes with a camel coat?" when no such item is uploaded: colour advice plus owned partners."""
    colours = list(g.entities.colours)
    if not colours and not g.entities.mentions:
        return clarify(g)
    section = knowledge.colour_section(colours[0]) if colours else None
    friendly = [
        item
        for item in g.wardrobe
        if section and set(item.colour_names[:1]) & set(section.pairs) and (not target or slot(item) == target)
    ][:3]
    parts = [tip(section, 2)] if section else [knowledge_tips(g, 1)]
    if friendly:
        parts.append(f"From your wardrobe, try {describe_all(friendly, 'or')}.")
    elif not g.wardrobe:
        parts.append(UPLOAD_HINT)
    return " ".join(part for part in parts if part)
