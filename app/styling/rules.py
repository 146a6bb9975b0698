"""Hard rules: what a stylist never lets out of the door. A rule says "no" with a reason; it is not a penalty.

Three families, each data plus one small check:
- structure: one pair of shoes, a top and a bottom or a one-piece (never both), at most one of each accessory
  kind, torso layers in a wearable order and count;
- weather: below COLD_C outerwear (below FROST_C a warm coat or a knit under the jacket), below 15 °C enough warmth
  (WARMTH_NEED), in rain outerwear and closed shoes,
  from HOT_C no coats, knits or winter accessories, in the cold no shorts or open shoes;
- dress codes per occasion (dress_codes.py): what is never acceptable, and for the gym what is expected.
The search filters with these; "rate my outfit" reports them; `Violation.fix` says what to add when the
wardrobe itself cannot satisfy a rule.
"""

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from app.styling.context import StyleContext
from app.styling.dress_codes import DRESS_CODES, expectation_problems, occasion_problem, uncovered_knits
from app.styling.garments import (
    BASE,
    GARMENTS,
    MID,
    OUTER,
    TAILORED,
    Garment,
    accessory_kind,
    covers,
    garment,
    type_words,
)
from app.styling.items import Violation, WardrobeItem
from app.styling.occasions import WEDDINGS
from app.vision.taxonomy import normalise_type

COLD_C = 10.0  # below this an outfit needs outerwear
HOT_C = 25.0  # from this on: no coats, knits or winter accessories
CHILLY_C = 12.0  # below this: no shorts, no open-toed shoes
FREEZING_C = 0.0  # below this: no heels or ballet flats either (ice and snow)
# Below this a light coat or jacket (warmth under WARM_COAT) needs a knit under it: a blazer is tailoring, not
# insulation, so a shirt under a blazer under a jacket at 2 °C is dressed for the office, not for the walk there.
FROST_C = 5.0
WARM_COAT = 5
# Accessories that keep the cold out add to the torso's warmth (a scarf and gloves over a jacket and a knit).
WARM_ACCESSORIES = frozenset({"scarf", "muffler", "gloves", "beanie"})
ACCESSORY_WARMTH = 0.5  # per warm accessory kind, at most MAX_ACCESSORY_WARMTH in all
MAX_ACCESSORY_WARMTH = 1.0
# Below each temperature the torso needs at least this warmth: the warmest layer + half a point per extra layer.
WARMTH_NEED: tuple[tuple[float, float], ...] = ((0.0, 5.5), (5.0, 5.0), (10.0, 4.0), (15.0, 3.0))
STRUCTURE = "structure"
# Formality clashes a stylist names at once: (dressy kinds, casual kinds). Refused where the occasion has a
# smart-ish dress code; elsewhere they cost CLASH_COST each (scoring.py), so they rank below coherent outfits.
DRESS_SHOES = frozenset({"formal-shoes", "oxfords", "heels", "pumps"})
LOUNGE_BOTTOMS = frozenset({"joggers", "track-pants", "sweatpants"})
CLASHES: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (DRESS_SHOES, LOUNGE_BOTTOMS | {"shorts"}),
    (DRESS_SHOES, frozenset({"hoodie", "sweatshirt"})),
    (frozenset({"tie"}), frozenset({"t-shirt", "tank-top", "hoodie", "sweatshirt", "polo", "shorts"}) | LOUNGE_BOTTOMS),
    (frozenset({"blazer", "waistcoat"}), LOUNGE_BOTTOMS),
)
# In public on a casual day: a sweatshirt or hoodie with lounge bottoms is loungewear (home, the gym, a flight), and
# head-to-toe white a statement nobody asked for. Soft rules: they cost (scoring.soft_rule_costs), never refuse.
LOUNGE_TOPS = frozenset({"hoodie", "sweatshirt"})
LOUNGE_OCCASIONS = frozenset({"casual"})
WHITE_FAMILIES = frozenset({"white"})
GARMENT_SLOTS = frozenset({"top", "bottom", "one-piece", "outerwear"})  # what "head to toe" counts
CLASH_IS_A_RULE = frozenset(
    {
        "work",
        "interview",
        "relaxed-interview",
        "wedding-guest",
        "day-wedding",
        "formal",
        "funeral",
        "date",
        "dinner",
        "lunch",
        "party",
    }
)


def warmth_of(item: WardrobeItem) -> int:
    """The kind's warmth when we know the kind (a corrected type must not keep its old tags' warmth)."""
    known = _known_warmth(item.type)
    if known is not None:
        return known
    return item.warmth if item.warmth is not None else garment(item).warmth


@lru_cache(maxsize=1024)
def _known_warmth(garment_type: str | None) -> int | None:
    kind = GARMENTS.get(normalise_type(garment_type)) if garment_type else None
    return kind.warmth if kind else None


def accessory_warmth(items: Sequence[WardrobeItem]) -> float:
    """What a scarf, gloves and a warm hat add to the torso's warmth (a cap or sunglasses add nothing)."""
    kinds = {accessory_kind(i) for i in items if i.type and normalise_type(i.type) in WARM_ACCESSORIES}
    return min(ACCESSORY_WARMTH * len(kinds), MAX_ACCESSORY_WARMTH)


def torso_warmth(layer_warmths: Sequence[float], accessories: float = 0.0) -> float:
    """The warmest layer + half a point per extra layer + warm accessories: what WARMTH_NEED is compared with."""
    if not layer_warmths:
        return 0.0
    return max(layer_warmths) + 0.5 * (len(layer_warmths) - 1) + accessories


def warmth_needed(temperature_c: float | None) -> float | None:
    if temperature_c is None:
        return None
    return next((need for below, need in WARMTH_NEED if temperature_c < below), None)


# What shoes need in the rain, each a field of the garment table with what a pair without it is: closed (no
# sandals or ballet flats) and flat (no heels, pumps or heeled boots). A pair that lacks one stays home while the
# wardrobe has shoes with both; otherwise it goes, flagged with RAIN_SHOES_FIX.
RAIN_SHOES: tuple[tuple[str, str], ...] = (("closed", "not closed shoes"), ("flat", "not flat shoes"))
RAIN_SHOES_FIX = "no flat closed shoes for rain: add boots or sneakers"


def _rain_shoe_problem(item: WardrobeItem, kind: Garment) -> Violation | None:
    lacking = next((what for need, what in RAIN_SHOES if not getattr(kind, need)), None)
    if lacking is None:
        return None
    return Violation(
        "rain", f"{type_words(item.type) if item.type else 'shoes'} in the rain ({lacking})", RAIN_SHOES_FIX
    )


def _weather_problem(item: WardrobeItem, context: StyleContext) -> Violation | None:
    kind, temperature = garment(item), context.temperature_c
    if context.rain and item.category == "shoes" and (problem := _rain_shoe_problem(item, kind)):
        return problem
    if temperature is None:
        return None
    if temperature < CHILLY_C:
        if item.category == "shoes" and (kind.open_toe or (temperature < FREEZING_C and not kind.closed)):
            return Violation(
                "cold",
                f"{item.type or 'open shoes'} at {temperature:g} °C (not closed shoes)",
                "no closed shoes for the cold: add boots or sneakers",
            )
        if item.type == "shorts" or kind.beachwear:
            return Violation(
                "cold", f"{item.type} at {temperature:g} °C", "nothing long enough for the cold: add trousers or jeans"
            )
    if temperature >= HOT_C:
        if kind.knit or kind.winter:
            return Violation(
                "heat",
                f"a {item.type or 'knit'} at {temperature:g} °C",
                "nothing light enough for the heat: add a t-shirt or a linen shirt",
            )
        if item.category == "outerwear" and warmth_of(item) >= 4:
            return Violation("heat", f"a {item.type or 'coat'} at {temperature:g} °C", "")
        if kind.heavy:
            return Violation(
                "heat",
                f"{type_words(item.type)} at {temperature:g} °C (a heavy cloth)",
                "nothing light enough for the heat: add chinos, linen trousers or a skirt",
            )
    return None  # fmt: skip


def item_problems(item: WardrobeItem, context: StyleContext) -> list[Violation]:
    """The rules this one item breaks in this context, whatever it is worn with."""
    family = item.colour_families[0] if item.colour_families else None
    key = (item.type, item.category, item.style, family, item.warmth, item.formality, item.pattern)
    return list(_problems_of(key, context.occasion, context.temperature_c, context.rain))


@lru_cache(maxsize=8192)
def _problems_of(
    key: tuple[str | None, str | None, str | None, str | None, int | None, int | None, str | None],
    occasion: str | None,
    temperature_c: float | None,
    rain: bool,
) -> tuple[Violation, ...]:
    """Cached on what the rules read: a wardrobe has many items of one kind, colour and style."""
    garment_type, category, style, family, warmth, formality, pattern = key
    item = WardrobeItem(
        0, garment_type, category, (family,) if family else (), style=style, warmth=warmth, formality=formality,
        pattern=pattern,
    )  # fmt: skip
    context = StyleContext(occasion=occasion, temperature_c=temperature_c, rain=rain)
    found = [_weather_problem(item, context), occasion_problem(item, occasion)]
    return tuple(problem for problem in found if problem is not None)


def _structure(items: Sequence[WardrobeItem]) -> list[Violation]:
    pieces = list(items)
    slots = Counter(item.category for item in pieces)
    problems = []
    if len({item.id for item in pieces}) != len(pieces):
        problems.append("the same item twice")
    if slots["shoes"] != 1:
        problems.append("no shoes" if not slots["shoes"] else f"{slots['shoes']} pairs of shoes")
    if slots["one-piece"] and slots["bottom"]:
        problems.append("a one-piece with a bottom")
    if slots["one-piece"] > 1 or slots["bottom"] > 1:
        problems.append("two bottoms" if slots["bottom"] > 1 else "two one-pieces")
    if not slots["one-piece"] and not (slots["top"] and slots["bottom"]):
        problems.append("no top and bottom or one-piece")
    problems += _layers(pieces)
    kinds = Counter(accessory_kind(item) for item in pieces if item.category == "accessory")
    problems += [f"{count} of one accessory kind ({kind})" for kind, count in kinds.items() if count > 1]
    return [Violation(STRUCTURE, problem) for problem in problems]


def _layers(items: Sequence[WardrobeItem]) -> list[str]:
    """At most one garment per torso layer, and a mid layer only over a base top or on its own. A gilet is the
    outer layer (over a knit, not under a coat), so a gilet with a coat is named as such, not as two coats."""
    pieces = [item for item in items if item.category in ("top", "outerwear")]
    torso = [garment(item).layer for item in pieces]
    layers = Counter(layer for layer in torso if layer is not None)
    gilet = next((item for item in pieces if garment(item).sleeveless), None)
    outer = f"a {type_words(gilet.type)} with a coat" if gilet else "two coats"
    names = {BASE: "two base tops", MID: "two mid layers", TAILORED: "two blazers", OUTER: outer}
    problems = [names[layer] for layer, count in layers.items() if count > 1]
    if len(torso) > 4:
        problems.append(f"{len(torso)} torso layers")
    return problems


def weather_problems(items: Sequence[WardrobeItem], context: StyleContext) -> list[Violation]:
    pieces = list(items)
    cover = [item for item in pieces if item.category == "outerwear" and covers(garment(item))]
    problems = []
    if context.rain and not cover:
        problems.append(
            Violation("rain", "no coat or jacket in the rain", "no outerwear for rain: add a raincoat or a jacket")
        )
    temperature = context.temperature_c
    # In the cold a coat or jacket, or at least a blazer over a knit: a blazer over a shirt is not outerwear.
    torso_layers = {garment(item).layer for item in pieces if item.category in ("top", "outerwear")}
    covered = bool(cover) or {TAILORED, MID} <= torso_layers
    if temperature is not None and temperature < COLD_C and not covered:
        problems.append(
            Violation(
                "cold", f"no outerwear at {temperature:g} °C", "no outerwear for the cold: add a coat or a jacket"
            )
        )
    if temperature is not None and temperature < FROST_C and covered and MID not in torso_layers:
        coats = [warmth_of(i) for i in cover]
        if max(coats, default=0) < WARM_COAT:
            problems.append(
                Violation(
                    "cold",
                    f"no knit under a light jacket at {temperature:g} °C",
                    "nothing warm enough: add a sweater or a warmer coat",
                )
            )
    need = warmth_needed(temperature)
    torso = [warmth_of(i) for i in pieces if i.category in ("top", "one-piece", "outerwear")]
    if need is not None and torso and torso_warmth(torso, accessory_warmth(pieces)) < need:
        problems.append(
            Violation(
                "cold", f"not warm enough for {temperature:g} °C", "nothing warm enough: add a sweater or a warmer coat"
            )
        )
    return problems  # fmt: skip


def formality_clashes(items: Sequence[WardrobeItem]) -> list[str]:
    """Pairs that mix dressy and casual the way no stylist would: "formal-shoes with shorts"."""
    types = [normalise_type(item.type) for item in items if item.type]
    found = []
    for dressy, casual in CLASHES:
        found += [f"{type_words(a)} with {type_words(b)}" for a in types if a in dressy for b in types if b in casual]
    return found


def loungewear(items: Sequence[WardrobeItem]) -> list[str]:
    """ "hoodie with joggers": a lounge top with lounge bottoms."""
    types = [normalise_type(item.type) for item in items if item.type]
    tops = [a for a in types if a in LOUNGE_TOPS]
    return [f"{type_words(a)} with {type_words(b)}" for a in tops for b in types if b in LOUNGE_BOTTOMS]


def all_white(items: Sequence[WardrobeItem]) -> bool:
    """Every garment (not shoes or accessories) white, at least two of them."""
    families = [i.colour_families[0] for i in items if i.category in GARMENT_SLOTS and i.colour_families]
    garments = sum(1 for i in items if i.category in GARMENT_SLOTS)
    return garments >= 2 and len(families) == garments and all(family in WHITE_FAMILIES for family in families)


def lounging(items: Sequence[WardrobeItem], context: StyleContext) -> list[str]:
    """The loungewear pairs of this outfit where the occasion means being seen in public."""
    return loungewear(items) if context.occasion in LOUNGE_OCCASIONS else []


def unasked_white(items: Sequence[WardrobeItem], context: StyleContext) -> bool:
    return all_white(items) and not (WHITE_FAMILIES & context.preferences.liked_colours)


# Head-to-toe black reads sombre at a wedding by day (a garden, a beach, the afternoon): guests wear colour or light
# tones there; by evening, black is as right as anything. A piece of colour, or a user who likes black, lifts it.
SOMBRE_BY_DAY = frozenset({"day-wedding"})


def all_black(items: Sequence[WardrobeItem]) -> bool:
    """Every garment and the shoes black: nothing of another colour anywhere but the accessories."""
    worn = [i for i in items if i.category in GARMENT_SLOTS | {"shoes"}]
    garments = [i for i in worn if i.category in GARMENT_SLOTS]
    return bool(garments) and all(i.colour_families[:1] == ("black",) for i in worn)


def sombre_by_day(items: Sequence[WardrobeItem], context: StyleContext) -> bool:
    return context.occasion in SOMBRE_BY_DAY and all_black(items) and "black" not in context.preferences.liked_colours


# Under a dress or a skirt at a wedding the shoes are heels, flats or sandals: loafers, brogues or men's dress shoes
# read office there, and boots read winter (below CHILLY_C they are what a winter wedding wears). With trousers they
# are fine. A soft rule: dana's June garden wedding was topped with a navy dress and black loafers.
OFFICE_SHOES = frozenset({"loafers", "formal-shoes", "oxfords", "brogues", "derbies", "boots", "ankle-boots"})
WINTER_BOOTS = frozenset({"boots", "ankle-boots"})
SKIRTED = frozenset({"dress", "jumpsuit", "skirt"})


def office_shoes_with_a_dress(items: Sequence[WardrobeItem], context: StyleContext) -> str | None:
    """ "loafers with a dress" when the outfit wears them at a wedding, else None."""
    if context.occasion not in WEDDINGS or not any(normalise_type(i.type) in SKIRTED for i in items if i.type):
        return None
    cold = context.temperature_c is not None and context.temperature_c < CHILLY_C
    for item in items:
        kind = normalise_type(item.type) if item.type else None
        if item.category == "shoes" and kind in OFFICE_SHOES and not (cold and kind in WINTER_BOOTS):
            dressed = next(normalise_type(i.type) for i in items if i.type and normalise_type(i.type) in SKIRTED)
            return f"{type_words(item.type)} with a {dressed}"
    return None


# When the wardrobe cannot meet every rule, the weather's rules yield first: an umbrella or a coat over the arm
# helps in the rain, nothing helps sneakers at a wedding or a missing shoe.
YIELDING_RULES = frozenset({"rain", "cold", "heat"})


def breakage(problems: Sequence[Violation]) -> tuple[int, int]:
    """How badly an outfit breaks the rules, to compare two that both do: how many, then how many that do not yield."""
    return len(problems), sum(1 for problem in problems if problem.rule not in YIELDING_RULES)


def outfit_problems(items: Sequence[WardrobeItem], context: StyleContext) -> list[Violation]:
    """Every hard rule this outfit breaks (structure first), or [] when a stylist would let it out."""
    found = _structure(items) + weather_problems(items, context)
    if context.occasion in CLASH_IS_A_RULE:
        where = DRESS_CODES[context.occasion].where
        found += [
            Violation(context.occasion, f"{clash} {where} (mixes dressy and casual)")
            for clash in formality_clashes(items)
        ]
    found += expectation_problems(items, context.occasion, context.occasion_said)
    found += uncovered_knits(items, context.occasion)
    for item in items:
        found += item_problems(item, context)
    unique: dict[str, Violation] = {}
    for problem in found:
        unique.setdefault(problem.message, problem)
    return list(unique.values())


__all__ = ["DRESS_CODES", "Violation", "item_problems", "office_shoes_with_a_dress", "outfit_problems"]
