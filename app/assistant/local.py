"""A small offline stylist: answers from the question's keywords, the user's preferences and wardrobe.

It is deliberately modest (the conversation issue brings intents, entities and a knowledge base), but it
never returns canned text that ignores the question: every answer is built from what was asked and owned.
"""

import re
from dataclasses import dataclass, field

from app.styling import WardrobeItem, suggest
from app.vision.colours import PALETTE

BACKEND = "local"

OCCASION_TIPS = {
    "interview": "For an interview, dress one step more formal than the company's daily dress code: "
    "a tailored jacket, a crisp shirt or fine knit, dark trousers or a knee-length skirt, clean leather shoes.",
    "wedding": "As a wedding guest, avoid white and anything that competes with the couple; "
    "a dress or suit in a colour with some life, and shoes you can stand in for hours.",
    "work": "For work, a neat base of neutrals (navy, grey, camel, white) with one accent keeps you polished.",
    "office": "For the office, a neat base of neutrals (navy, grey, camel, white) with one accent keeps you polished.",
    "date": "For a date, wear something you feel like yourself in, with one standout piece.",
    "party": "For a party, one statement piece (colour, shine or print) and calm basics around it.",
    "gym": "For the gym, breathable technical fabrics and proper trainers; leave cotton for the walk home.",
    "travel": "For travel, comfortable layers in colours that all combine, and shoes you can walk in all day.",
}
WEATHER_TIPS = {
    "rain": "If rain is expected, a water-resistant jacket and shoes that cope with puddles.",
    "cold": "In the cold, layer: a thin base, a warm knit and a coat, rather than one bulky piece.",
    "hot": "In the heat, loose natural fabrics (linen, cotton) in light colours.",
}
_COLOUR_NAMES = sorted({name for name, _, _ in PALETTE}, key=len, reverse=True)
_WORD = re.compile(r"[a-z]+")


@dataclass
class Answer:
    text: str
    referenced_item_ids: list[int] = field(default_factory=list)
    backend: str = BACKEND


def _describe(item: WardrobeItem) -> str:
    colour = item.colour_names[0] if item.colour_names else ""
    return f"your {colour} {item.type or 'item'} (#{item.id})".replace("  ", " ")


def _mentioned_colours(text: str) -> list[str]:
    return [name for name in _COLOUR_NAMES if re.search(rf"\b{re.escape(name)}\b", text)]


def _tips(words: set[str]) -> list[str]:
    tips = [tip for key, tip in OCCASION_TIPS.items() if key in words]
    if words & {"rain", "raining", "rainy", "wet"}:
        tips.append(WEATHER_TIPS["rain"])
    if words & {"cold", "winter", "freezing", "chilly"}:
        tips.append(WEATHER_TIPS["cold"])
    if words & {"hot", "summer", "heat", "warm"}:
        tips.append(WEATHER_TIPS["hot"])
    return tips[:2]


def answer(question: str, *, style_preferences: str | None, wardrobe: list[WardrobeItem]) -> Answer:
    text = question.lower()
    words = set(_WORD.findall(text))
    parts = _tips(words)
    referenced: list[int] = []
    colours = _mentioned_colours(text)
    matching = [item for item in wardrobe if set(item.colour_names) & set(colours)]
    if matching:
        parts.append(f"In {', '.join(colours)} you own " + ", ".join(_describe(i) for i in matching[:4]) + ".")
        referenced += [item.id for item in matching[:4]]
    suggestions = suggest(wardrobe, count=1)
    if suggestions.outfits and words & {"wear", "outfit", "combine", "match", "goes", "style"}:
        outfit = suggestions.outfits[0]
        parts.append("From your wardrobe: " + ", ".join(_describe(i) for i in outfit.items) + ".")
        referenced += [item.id for item in outfit.items if item.id not in referenced]
    if not wardrobe:
        parts.append("Upload photos of your clothes and I can answer with your own items.")
    if style_preferences:
        parts.append(f"Keeping to your stated taste ({style_preferences.strip()[:120]}).")
    if not parts:
        parts.append(
            f'I could not find an occasion, weather or colour in "{question.strip()[:80]}"; tell me where you '
            "are going or which item you want to style, and I will build the answer from your wardrobe."
        )
    return Answer(text=" ".join(parts), referenced_item_ids=referenced)
