"""One line a person understands: what the outfit is, and the strongest reasons for and against it."""

from collections.abc import Mapping, Sequence

from app.styling.certainty import guess_notes, risk_notes
from app.styling.context import (
    DARK_FAMILIES,
    DARK_PIECES,
    OCCASIONS,
    StyleContext,
    dresses_up,
    formality_range,
    judged_at,
    weather_complaint,
)
from app.styling.dress_codes import DRESS_CODES
from app.styling.features import lifted_gap
from app.styling.garments import covers, garment, type_words
from app.styling.items import Violation, WardrobeItem
from app.styling.rules import (
    CLASH_IS_A_RULE,
    COLD_C,
    HOT_C,
    formality_clashes,
    lounging,
    office_shoes_with_a_dress,
    sombre_by_day,
    unasked_white,
)

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
# A criticism is named only when it costs enough to move the ranking: a white shirt with jeans and sneakers
# has a slight formality gap (-0.1) and is not "mixing dressy and casual".
_CLEARLY_OFF = 0.3
_NOTABLE_AGAINST = {"weather": 0.5, "rotation": 0.3}


def describe(item: WardrobeItem) -> str:
    return item_name(item.colour_names[0] if item.colour_names else None, item.type or item.category)


def item_name(colour: str | None, kind: str | None) -> str:
    """An item in words, colour then kind ("black formal shoes"): outfits and wardrobe items say it alike."""
    return f"{colour or ''} {type_words(kind or 'item')}".strip()


def explain(
    items: Sequence[WardrobeItem],
    parts: Mapping[str, float],
    problems: Sequence[Violation] = (),
    context: StyleContext | None = None,
    *,
    critiques: Sequence[tuple[str, str]] | None = None,
) -> str:
    """What the outfit is, the hard rule that decided (or the one it breaks), then the strongest reasons.
    `critiques` are criticisms(items, parts, context) when the caller (scoring.score) has them already."""
    names = " + ".join(describe(item) for item in items)
    if problems:
        broken = "; ".join(problem.message for problem in problems[:3])
        return f"{names}: breaks a rule ({broken}), the best the wardrobe allows today."
    context = context or StyleContext()
    critiques = criticisms(items, parts, context) if critiques is None else critiques
    held = {part for part, _ in critiques}  # a part held against the outfit is not also praised
    ranked = sorted(parts.items(), key=lambda kv: kv[1])
    good = [
        PRAISE[n] for n, v in reversed(ranked) if v > _NOTABLE and n in PRAISE and n != "occasion" and n not in held
    ][:2]
    bad = [reason for _, reason in critiques][:1]
    code = DRESS_CODES.get(context.occasion or "")
    decided = [*_weather_notes(items, context), *([f"fits the dress code {code.where}"] if code else [])]
    reasons = ", ".join(decided + good) or "a workable combination"
    return f"{names}: {reasons}" + (f"; but {bad[0]}." if bad else ".")


def soft_faults(items: Sequence[WardrobeItem], context: StyleContext) -> dict[str, str]:
    """The soft rules this outfit breaks, by the part that pays for them (scoring.soft_rule_costs), in words."""
    faults = {}
    if context.occasion not in CLASH_IS_A_RULE and (clashes := formality_clashes(items)):
        faults["formality"] = f"{CRITIQUE['formality']} ({clashes[0]})"
    if lounge := lounging(items, context):
        faults["occasion"] = f"loungewear ({lounge[0]}) {DRESS_CODES[str(context.occasion)].where}"
    elif office := office_shoes_with_a_dress(items, context):
        faults["occasion"] = f"{office} reads office {DRESS_CODES[str(context.occasion)].where}"
    if unasked_white(items, context):
        faults["colour_harmony"] = "all white, head to toe"
    elif sombre_by_day(items, context):
        faults["colour_harmony"] = "head-to-toe black reads sombre at a wedding by day"
    return faults


def criticisms(
    items: Sequence[WardrobeItem], parts: Mapping[str, float], context: StyleContext
) -> list[tuple[str, str]]:
    """(part, reason) for everything the explanation holds against this outfit: the soft rules it breaks, then
    each part that is clearly off, worst first."""
    faults = soft_faults(items, context)
    # a rule it may break on the likelier other kind, or meets only on a guess
    unsure = [("rules", note) for note in [*risk_notes(items, context), *guess_notes(items, context)]]
    ranked = sorted(parts.items(), key=lambda kv: kv[1])
    off = [
        (n, _critique(n, items, context))
        for n, v in ranked
        if v < -_NOTABLE_AGAINST.get(n, _CLEARLY_OFF) and n not in faults
    ]
    return [*unsure, *faults.items(), *((n, reason) for n, reason in off if reason)]


def _critique(part: str, items: Sequence[WardrobeItem], context: StyleContext) -> str | None:
    """The criticism for a part, naming what is off where we can ("formal-shoes with shorts")."""
    if part == "formality" and (clashes := formality_clashes(items)):
        return f"{CRITIQUE[part]} ({clashes[0]})"
    if part == "formality":
        pairs = [(a, b) for n, a in enumerate(items) for b in items[n + 1 :] if a.formality and b.formality]
        if pairs:  # the two pieces furthest apart, each judged with what dresses it up (a dress with heels is not)
            a, b = max(pairs, key=lambda pair: lifted_gap(*pair, dressed_up=dresses_up(context)))
            low, high = sorted((a, b), key=lambda i: i.formality or 0)
            return f"{CRITIQUE[part]} ({_a(low.style or 'casual', low.type)} with {_a('', high.type)})"
    if part == "occasion" and context.occasion in OCCASIONS:
        return _occasion_critique(items, context)
    if part == "weather":
        return weather_complaint(items, context) or CRITIQUE[part]
    return CRITIQUE.get(part)


def _a(adjective: str, garment_type: str | None) -> str:
    """ "a casual jacket", but "light trousers": pairs (trousers, jeans, sneakers) take no article."""
    words = type_words(garment_type)
    plural = words.endswith("s") and not words.endswith("ss")
    return f"{'' if plural else 'a '}{adjective} {words}".replace("  ", " ").strip()


def _occasion_critique(items: Sequence[WardrobeItem], context: StyleContext) -> str:
    occasion = str(context.occasion)
    code = DRESS_CODES.get(occasion)
    where = code.where if code else f"for {occasion}"
    worn = [item for item in items if item.formality is not None and item.category != "accessory"]
    ranges = [(item.formality or 0, *formality_range(item, str(judged_at(item, context)))) for item in worn]
    under, over = sum(level < low for level, low, _ in ranges), sum(level > high for level, _, high in ranges)
    if ranges and under > over:
        return f"less dressed than usual {where}"
    if over:
        return f"dressier than usual {where}"
    off = next((item for item in items if item.style in OCCASIONS[str(judged_at(item, context))][3]), None)
    if off:
        return f"{_a(off.style or '', off.type)} {where}"
    light = [i for i in items if occasion == "funeral" and i.category in DARK_PIECES and i.colour_families[:1]]
    pale = next((i for i in light if i.colour_families[0] not in DARK_FAMILIES), None)
    return f"{_a('light', pale.type)} {where}" if pale else CRITIQUE["occasion"]


def _weather_notes(items: Sequence[WardrobeItem], context: StyleContext) -> list[str]:
    """The weather rule this outfit satisfies, in words: what decided it today."""
    outer = next((item for item in items if item.category == "outerwear" and covers(garment(item))), None)
    shoes = next((item for item in items if item.category == "shoes"), None)
    temperature = context.temperature_c
    if context.rain and outer and shoes:
        return [f"{describe(outer)} and {describe(shoes)} for the rain"]  # as the user sees them: "black boots"
    if temperature is not None and temperature < COLD_C:
        # the coat that meets the cold rule, not the blazer under it
        outerwear = [item for item in items if item.category == "outerwear"]
        layer = next((item for item in outerwear if covers(garment(item))), outerwear[0] if outerwear else None)
        return [f"{describe(layer)} for {temperature:g} °C"] if layer else []
    if temperature is not None and temperature >= HOT_C:
        return [f"light layers for {temperature:g} °C"]
    return []
