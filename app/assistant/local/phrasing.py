"""Small wording helpers shared by the composers: how an item is named, lists, the situation, tips."""

import re
from collections.abc import Iterable, Sequence

from app.assistant.local.entities import Entities
from app.assistant.local.knowledge import Section
from app.styling import WardrobeItem
from app.vision.taxonomy import base_formality, base_warmth

SENTENCE = re.compile(r"(?<=[.!?])\s+")


def item_name(item: WardrobeItem) -> str:
    colour = item.colour_names[0] if item.colour_names else (item.colour_families[0] if item.colour_families else "")
    garment = item.type or item.category or "item"
    garment = garment if garment == "t-shirt" else garment.replace("-", " ")
    return f"{colour} {garment}".strip()


def describe(item: WardrobeItem) -> str:
    """How answers name an owned item: "your navy blazer (#12)"; the id is what grounding checks."""
    return f"your {item_name(item)} (#{item.id})"


def join(parts: Sequence[str], word: str = "and") -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {word} {parts[-1]}"


def describe_all(items: Iterable[WardrobeItem], word: str = "and") -> str:
    return join([describe(item) for item in items], word)


OCCASION_PHRASES = {
    "work": "work", "travel": "a travel day", "weekend": "the weekend", "gym": "the gym", "beach": "the beach",
    "hiking": "a hike", "brunch": "brunch", "dinner": "dinner", "theatre": "the theatre",
}  # fmt: skip


def situation(entities: Entities) -> str:
    """ "a wedding (black tie) at 12 °C with rain", "30 °C", from whatever the question gave."""
    occasion = entities.occasion
    bits = []
    if occasion:
        bits.append(OCCASION_PHRASES.get(occasion) or f"{'an' if occasion[0] in 'aeiou' else 'a'} {occasion}")
    if entities.dress_code:
        bits.append(f"({entities.dress_code})" if bits else f"a {entities.dress_code} dress code")
    if entities.temperature_c is not None:
        bits.append(f"{'at ' if bits else ''}{entities.temperature_c:g} °C")
    if entities.rain:
        bits.append("with rain" if bits else "rain")
    if entities.season and entities.temperature_c is None:
        bits.append(f"{'in ' if bits else ''}{'autumn' if entities.season == 'fall' else entities.season}")
    return " ".join(bits)


def tip(section: Section, sentences: int = 2, min_chars: int = 80) -> str:
    """The section's first sentences, more when they are too short to say anything on their own."""
    parts = SENTENCE.split(section.body)
    count = sentences
    while count < len(parts) and len(" ".join(parts[:count])) < min_chars:
        count += 1
    return " ".join(parts[:count])


def formality(item: WardrobeItem) -> int:
    return item.formality or base_formality(item.type) or 2


def warmth(item: WardrobeItem) -> int:
    return item.warmth or base_warmth(item.type) or 2


def slot(item: WardrobeItem) -> str:
    return item.category or "other"


def preference_note(preferences: str | None) -> str:
    if not preferences:
        return ""
    short = preferences if len(preferences) <= 100 else preferences[:97].rstrip() + "..."
    return f"I kept your stated taste in mind ({short})."


def is_plural(item: WardrobeItem) -> bool:
    """Jeans, trousers, sneakers: garments English treats as plural ("your jeans go with...")."""
    return (item.type or "").endswith("s")


def verb(item: WardrobeItem, singular: str, plural: str) -> str:
    return plural if is_plural(item) else singular


def reason_of(explanation: str) -> str:
    """The outfit engine's explanation without its leading list of items ("a + b + c: reasons")."""
    head, colon, rest = explanation.partition(": ")
    return (rest if colon and "+" in head else explanation).strip().rstrip(".")
