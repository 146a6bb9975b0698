"""Resolve what a question points at to real wardrobe ids: "#12", "my navy blazer", "the last thing I
uploaded", or "it" meaning the item the previous answer was about."""

import re
from collections.abc import Sequence
from dataclasses import replace

from app.assistant.local.entities import (
    COLOUR_FAMILY,
    COLOUR_VOCABULARY,
    EXPLICIT_ID,
    LAST_UPLOAD,
    SAME_TYPE,
    TYPE_VOCABULARY,
    Entities,
    Mention,
    extract,
    mask_dress_codes,
    normalise,
)
from app.styling import WardrobeItem
from app.vision.taxonomy import category_of, normalise_type

DETERMINER = re.compile(r"\b(?:my|the|this|that|these|those|our)\s+(?:[a-z'\-]+\s+){0,2}$")
PRONOUN = re.compile(
    r"\b(?:with|wear|style|wash|pair|match|about|is|does|can|iron|dry|clean|store|tailor|keep|love|do)"
    r" (?:it|this|that|them|these)\b(?! (?:rain|snow|go(?:ing)? to|be\b|supposed|cold|hot|warm|freez|mean))"
    r"|\b(?:this|that) one\b|\bit (?:go|goes|work|works|look|looks|suit|suits|fit|fits)\b"
)
CITED = re.compile(r"#(\d{1,9})\b")


def _type_key(garment_type: str | None) -> str:
    key = normalise_type(garment_type or "")
    return SAME_TYPE.get(key, key)


def _colour_match(item: WardrobeItem, colour: str) -> bool:
    family = COLOUR_FAMILY.get(colour)
    return colour in item.colour_names or (family is not None and family in item.colour_families[:1])


def _candidates(wardrobe: Sequence[WardrobeItem], garment: str, colour: str | None) -> tuple[int, ...]:
    if garment.startswith("category:") or garment == "top":
        slot = garment.removeprefix("category:")
        pool = [item for item in wardrobe if (item.category or category_of(item.type)) == slot]
    else:
        pool = [item for item in wardrobe if _type_key(item.type) == _type_key(garment)]
    if colour:
        pool = [item for item in pool if _colour_match(item, colour)]
    return tuple(item.id for item in pool)


def find_mentions(text: str, wardrobe: Sequence[WardrobeItem]) -> list[tuple[Mention, bool]]:
    """Each garment named, with the colour just before it and whether it was said as "my/the ..." (owned)."""
    colours = COLOUR_VOCABULARY.spans(text)
    found = []
    for start, _end, garment in TYPE_VOCABULARY.spans(text):
        # A colour counts for this garment when at most one word ("wool", "linen") stands between them.
        colour = next((c for s, e, c in colours if e <= start and len(text[e:start].split()) <= 1), None)
        head = min([s for s, e, c in colours if c == colour and e <= start] or [start])
        owned = DETERMINER.search(text[:head]) is not None
        kind = garment.removeprefix("category:")
        mention = Mention(
            type=None if garment.startswith("category:") else garment,
            category=kind if garment.startswith("category:") else category_of(garment),
            colour=colour,
            candidates=_candidates(wardrobe, garment, colour),
        )
        found.append((mention, owned))
    return found


def previous_ids(answers: Sequence[str], known: set[int]) -> list[int]:
    """Ids cited in the latest earlier answer that cited any, first mention first."""
    for text in reversed(answers):
        ids = [int(m) for m in CITED.findall(text) if int(m) in known]
        if ids:
            return list(dict.fromkeys(ids))
    return []


def resolve(
    text: str, wardrobe: Sequence[WardrobeItem], earlier_answers: Sequence[str]
) -> tuple[tuple[int, ...], tuple[int, ...], tuple[Mention, ...]]:
    """(resolved ids, ambiguous candidates, mentions). Explicit ids and "last upload" win over descriptions."""
    known = {item.id for item in wardrobe}
    resolved = [int(m) for m in EXPLICIT_ID.findall(text) if int(m) in known]
    if wardrobe and LAST_UPLOAD.search(text):
        resolved.append(wardrobe[0].id)
    ambiguous: list[int] = []
    mentions = find_mentions(text, wardrobe)
    for mention, owned in mentions:
        if not owned or not mention.candidates:
            continue
        if len(mention.candidates) == 1:
            resolved.append(mention.candidates[0])
        else:
            ambiguous.extend(mention.candidates)
    if not resolved and not ambiguous and PRONOUN.search(text):
        resolved.extend(previous_ids(earlier_answers, known)[:1])
    return tuple(dict.fromkeys(resolved)), tuple(dict.fromkeys(ambiguous)), tuple(m for m, _ in mentions)


def understand(question: str, wardrobe: Sequence[WardrobeItem], earlier_answers: Sequence[str]) -> Entities:
    """All entities of a question, references resolved against this wardrobe."""
    text = normalise(question)
    ids, ambiguous, mentions = resolve(mask_dress_codes(text), wardrobe, earlier_answers)
    return replace(extract(text), item_ids=ids, ambiguous=ambiguous, mentions=mentions)
