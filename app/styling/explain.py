"""One line a person understands: what the outfit is, and the strongest reasons for and against it."""

from collections.abc import Mapping, Sequence

from app.styling.items import WardrobeItem

PRAISE = {
    "colour_harmony": "colours that work together",
    "formality": "one level of dress throughout",
    "style": "a consistent style",
    "pattern_mix": "patterns kept in check",
    "learned_compatibility": "a pairing like outfits people actually wear",
    "occasion": "right for the occasion",
    "weather": "suits the weather",
    "preferences": "matches your taste",
    "feedback": "pieces you have liked before",
}
CRITIQUE = {
    "colour_harmony": "the colours compete",
    "formality": "mixes dressy and casual pieces",
    "style": "mixed styles",
    "pattern_mix": "more than one bold pattern",
    "learned_compatibility": "an unusual pairing",
    "occasion": "off for the occasion",
    "weather": "not ideal for the weather",
    "preferences": "includes something you said you dislike",
    "feedback": "includes pieces you disliked",
    "rotation": "worn recently",
}
_NOTABLE = 0.05  # parts smaller than this (logit units) are not worth a reader's attention


def describe(item: WardrobeItem) -> str:
    colour = item.colour_names[0] if item.colour_names else ""
    return f"{colour} {item.type or item.category or 'item'}".strip()


def explain(items: Sequence[WardrobeItem], parts: Mapping[str, float]) -> str:
    names = " + ".join(describe(item) for item in items)
    ranked = sorted(parts.items(), key=lambda kv: kv[1])
    good = [PRAISE[n] for n, v in reversed(ranked) if v > _NOTABLE and n in PRAISE][:2]
    bad = [CRITIQUE[n] for n, v in ranked if v < -_NOTABLE and n in CRITIQUE][:1]
    reasons = ", ".join(good) or "a workable combination"
    return f"{names}: {reasons}" + (f"; but {bad[0]}." if bad else ".")
