"""Planners that call the outfit engine: outfit requests, pairings, revisions of the last suggestion, packing.

Everything the question says reaches the engine or the filter in front of it: occasion, temperature (wind takes
a few degrees off), rain, activity (no skirt, dress or heels on a bike; no heels or thin soles for a walking
day), hot days with cool evenings (a light layer, no coat), and what the thread asked to leave out.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from app import styling
from app.assistant.local import kinds as k
from app.assistant.local.knowledge import colour_section
from app.assistant.local.plan import Ask, Plan, effective_temperature, formality, planner, warmth
from app.assistant.local.plan_accessories import accessory_advice
from app.assistant.local.plan_codes import black_tie, evening_code
from app.assistant.local.refs import RELATED, of_kind, resolve
from app.assistant.local.slots import Slots
from app.assistant.local.state import absent_from_last, left_out, wanted, whole_outfit
from app.styling import WardrobeItem
from app.styling.context import OCCASIONS, refined
from app.styling.dress_codes import DRESSED_CODES, occasion_problem
from app.styling.garments import garment as garment_of_kind
from app.styling.garments import is_sporty
from app.styling.items import Violation
from app.styling.occasions import WEDDINGS
from app.styling.rules import HOT_C, STRUCTURE, YIELDING_RULES, outfit_problems
from app.vision.taxonomy import WARMTH_RANGE_C, base_formality

NEUTRALS = frozenset({"black", "white", "grey", "charcoal", "light grey", "navy", "beige", "cream", "ivory", "stone",
                      "camel", "tan", "denim blue", "khaki", "brown"})  # fmt: skip
NOT_FOR_CYCLING = frozenset({"skirt", "dress", "heels", "jumpsuit"})
NOT_FOR_WALKING = frozenset({"heels", "formal-shoes", "sandals", "flats"})
OPEN_SHOES = frozenset({"sandals", "flats"})
NOT_FOR_WIND = frozenset({"skirt", "dress"})
# A deck is wet, moves and is climbed about: flat closed soles, nothing long or loose
NOT_ON_DECK = frozenset(
    {"heels", "sandals", "flip-flops", "slides", "flats", "formal-shoes", "skirt", "dress", "jumpsuit"}
)
HEAVY = frozenset({"coat", "boots"})
RAIN_COVER = ("trench", "coat", "jacket", "puffer", "outerwear")
LIGHT_LAYERS = frozenset({"blazer", "cardigan"})  # worn over an outfit, but no protection from cold or rain
PALE = frozenset({"white", "ivory", "cream"})  # what keeps rain off, best first; a blazer or cardigan does not
COVER_BELOW_C = 16.0
WINDY_COVER_BELOW_C = 22.0  # wind below this (felt): a layer against it
EVENING_COAT_BELOW_C = 10.0  # an evening said to drop below this needs a warm coat, not the lightest layer


def cold_evening(s: Slots, temperature: float | None) -> bool:
    """ "And in the evening it drops to 4": a cool evening said in degrees cold enough for a coat; a cool evening
    after a warm day ("hot days, cool evenings") is not, and keeps to a light layer."""
    return s.day_and_evening and temperature is not None and temperature < EVENING_COAT_BELOW_C


WITHOUT = re.compile(r"\bwithout\b|\bleave (?:out|off)\b|\b(?:skip|ditch|lose|drop) the\b|\bminus the\b")
SMARTER = {None: "work", "casual": "work", "work": "interview", "date": "party", "dinner": "party", "lunch": "dinner",
           "travel": "casual"}  # fmt: skip
# "something less formal" steps down from the thread's occasion, not to a t-shirt: a wedding stays dressed up
LESS_FORMAL = {"interview": "work", "formal": "party", "wedding-guest": "party", "day-wedding": "dinner",
               "funeral": "funeral", "party": "dinner", "work": "casual", "dinner": "casual",
               "lunch": "casual", "date": "casual"}  # fmt: skip


def _ruled_out(item: WardrobeItem, s: Slots, temperature: float | None) -> bool:
    """Whether the situation rules this item out before the engine sees it (a stylist's hard no)."""
    kind, slot = item.type or "", item.category or ""
    colour = item.colour_names[0] if item.colour_names else ""
    cold = temperature is not None and temperature < 14
    unknown_weather = temperature is None and s.season is None  # no day given: nothing only summer can wear
    rules = (
        s.cycling and kind in NOT_FOR_CYCLING,  # no skirt, dress or heels on a bike
        s.walking and kind in NOT_FOR_WALKING,  # thin soles and heels on a long walk
        s.rain and kind in OPEN_SHOES,
        s.rain and kind == "shorts" and (temperature is None or temperature < 24),
        s.rain and slot in ("bottom", "one-piece") and colour in PALE,  # mud and splashes
        s.wind and kind in NOT_FOR_WIND,
        s.on_water and kind in NOT_ON_DECK,
        cold and slot in ("bottom", "shoes", "one-piece") and (kind in ("shorts", "sandals") or warmth(item) <= 1),
        temperature is not None and temperature < 10 and slot in ("top", "bottom", "one-piece")
        and warmth(item) <= (1 if slot == "top" else 2),
        s.day_and_evening and kind in HEAVY and not cold_evening(s, temperature),
        temperature is not None and temperature >= 25 and (kind in HEAVY or warmth(item) >= 4),
        temperature is not None and temperature >= 22 and kind in COLD_ACCESSORIES,  # no scarf at 30 °C
        temperature is not None and temperature < COAT_BELOW_C and slot == "outerwear" and kind not in LIGHT_LAYERS
        and warmth(item) <= 3,  # a denim jacket or a trench at 2 °C: only a coat or a puffer goes on top
        temperature is None and s.season == "summer" and slot in ("top", "bottom", "one-piece") and warmth(item) >= 4,
        unknown_weather and s.occasion != "beach" and set(item.seasons or ("?",)) <= {"summer"},
        temperature is not None and slot in WORN and temperature > WARMTH_RANGE_C[min(warmth(item), 5)][1] + 2
        and not (slot == "shoes" and warmth(item) <= 2)  # canvas sneakers are what a hot city day is walked in
        and slot != "bottom",  # legs feel the heat by the cloth: only a heavy one stays home (garments.heavy)
        temperature is not None and temperature >= HOT_C and slot == "bottom" and garment_of_kind(item).heavy,
        s.season == "winter" and bool(item.seasons) and "winter" not in item.seasons and warmth(item) <= 1,
        _out_of_season(item, s.season),
        s.occasion in SOMBRE_OCCASIONS and slot in ("top", "bottom", "one-piece", "shoes") and is_loud(item),
        s.occasion == "funeral" and not mourning_accent(item),
        _warm_by_the_sea(s) and (kind in HEAVY or kind in COLD_ACCESSORIES or kind in ("heels", "formal-shoes")
                                 or (slot in WORN and warmth(item) >= 4)),
    )  # fmt: skip
    return any(rules)


COLD_ACCESSORIES = frozenset({"scarf", "beanie", "gloves", "hat-winter", "earmuffs"})
WORN = frozenset({"top", "bottom", "one-piece", "shoes"})  # what is worn all day; a coat comes off indoors
WALKING_ORDER = {"sneakers": 0, "boots": 1, "loafers": 2, "flats": 3}  # kindest to feet first; others after
COMFORT = re.compile(r"\bcomf\w*|\bcomfortable\b")  # the comfiest shoes are the ones you walk in all day
SWAP_SLOT = re.compile(r"\b(?:swap|change|switch|replace|trade)\b")  # "can I swap the shoes?": that slot, not all
ON_THE_FEET = re.compile(r"\b(?:on (?:my|your|the) feet|footwear)\b")
SOMBRE_OCCASIONS = frozenset({"interview", "funeral"})
LOUD_COLOURS = frozenset(
    {"red", "fuchsia", "orange", "coral", "yellow", "mustard", "turquoise", "pink", "gold", "silver"}
)
LOUD_PATTERNS = frozenset({"floral", "animal", "graphic", "dotted"})


# At a funeral the one accent people look at, the tie (or a scarf worn with it), stays black, navy or grey
MOURNING_ACCENTS = frozenset({"tie", "bow-tie", "pocket-square"})
MOURNING_COLOURS = frozenset({"black", "navy", "charcoal", "grey", "dark grey"})


def mourning_accent(item: WardrobeItem) -> bool:
    """Whether a tie is dark enough for a funeral (anything that is not a tie passes)."""
    colour = item.colour_names[0] if item.colour_names else "black"
    plain = item.pattern in (None, "plain", "solid")
    return item.type not in MOURNING_ACCENTS or (colour in MOURNING_COLOURS and plain)


def is_loud(item: WardrobeItem) -> bool:
    """A piece that makes the outfit about itself: a bright colour or a bold print (fine for a party)."""
    colour = item.colour_names[0] if item.colour_names else ""
    return colour in LOUD_COLOURS or item.pattern in LOUD_PATTERNS


WARM_HALF, COLD_HALF = frozenset({"spring", "summer"}), frozenset({"fall", "winter"})


def _out_of_season(item: WardrobeItem, season: str | None) -> bool:
    """A piece tagged only for the other half of the year: sandals in November, a puffer in July."""
    seasons = set(item.seasons)
    if not season or not seasons or season in seasons:
        return False
    return (season in COLD_HALF and seasons <= WARM_HALF) or (season == "summer" and seasons <= COLD_HALF)


def _blocked(ask: Ask) -> set[int]:
    temperature = effective_temperature(ask.slots)
    blocked = {item.id for item in ask.wardrobe if _ruled_out(item, ask.slots, temperature)}
    blocked |= _off_the_trail(ask, blocked)
    blocked |= _light_by_the_sea(ask, blocked) | _snow_shoes(ask, blocked)
    blocked |= _rain_shoes(ask, blocked)
    return blocked | _underdressed(ask, blocked)


def _rain_shoes(ask: Ask, blocked: set[int]) -> set[int]:
    """Rain: shoes made for the wet (the garment table's `rain_ready`, boots) whenever the wardrobe has a pair the
    occasion allows; loafers and dress shoes soak through and spot. With none that fits, the closed shoes stay."""
    if not ask.slots.rain:
        return set()
    occasion = OCCASIONS.get(ask.slots.occasion or "")
    shoes = [i for i in ask.wardrobe if i.category == "shoes" and i.id not in blocked]
    # the dress code's least formal level, or the smartest closed pair owned when none reaches it: boots as smart
    # as the loafers beat the loafers at an interview in the rain
    closed = [formality(i) for i in shoes if garment_of_kind(i).closed]
    lowest = min(occasion[0], max(closed, default=occasion[0])) if occasion else 1
    ready = [i for i in shoes if garment_of_kind(i).rain_ready and formality(i) >= lowest and not is_sporty(i)]
    if not ready:
        return set()
    return {i.id for i in shoes if not garment_of_kind(i).rain_ready}


def _snow_shoes(ask: Ask, blocked: set[int]) -> set[int]:
    """Snow or a freeze: boots, whenever the wardrobe has a pair; loafers and sneakers slip and soak."""
    temperature = effective_temperature(ask.slots)
    snowy = re.search(r"\bsnow\w*|\bslush\w*|\bice\b|\bicy\b", ask.u.text) or (
        temperature is not None and temperature <= 0
    )
    shoes = [i for i in ask.wardrobe if i.category == "shoes" and i.id not in blocked]
    if not snowy or not any(i.type == "boots" for i in shoes):
        return set()
    return {i.id for i in shoes if i.type != "boots"}


SEA_SHOES = frozenset({"sandals", "flats", "flip-flops", "espadrilles", "loafers"})


SAND_SHOES = frozenset({"sandals", "flats", "flip-flops", "espadrilles"})  # heels sink, boots and loafers fill


def _light_by_the_sea(ask: Ask, blocked: set[int]) -> set[int]:
    """A drink on the beach on a warm day: jeans and sneakers give way to light trousers, shorts or a dress and to
    sandals or flats, whenever the wardrobe has them; with nothing lighter they stay. A wedding on the sand in the
    warm half of the year the same, with flat or open shoes only (the dress code then picks between them)."""
    if ask.slots.event == "beach" and ask.slots.season in (None, "summer", "spring"):
        return _on_the_sand(ask, blocked)
    if not _warm_by_the_sea(ask.slots):
        return set()
    return _heavier_than_needed(ask, blocked, light_legs=True, shoe_kinds=SEA_SHOES)


def _on_the_sand(ask: Ask, blocked: set[int]) -> set[int]:
    temperature = effective_temperature(ask.slots)
    hot = temperature is None or temperature >= 20  # the heat of the day: light legs, whenever there are some
    return _heavier_than_needed(ask, blocked, light_legs=hot, shoe_kinds=SAND_SHOES)


def _heavier_than_needed(ask: Ask, blocked: set[int], *, light_legs: bool, shoe_kinds: frozenset[str]) -> set[int]:
    """Warm legs when light ones are owned (if `light_legs`), and shoes not of `shoe_kinds` when some are."""
    free = [i for i in ask.wardrobe if i.id not in blocked]
    out: set[int] = set()
    legs = [i for i in free if i.category in ("bottom", "one-piece")]
    if light_legs and any(warmth(i) <= 2 for i in legs):
        out |= {i.id for i in legs if warmth(i) >= 3}
    shoes = [i for i in free if i.category == "shoes"]
    if any(i.type in shoe_kinds for i in shoes):
        out |= {i.id for i in shoes if i.type not in shoe_kinds}
    return out


def is_trail_shoe(item: WardrobeItem) -> bool:
    """Boots made for paths and mud (hiking boots), not a smart Chelsea boot."""
    return item.type == "boots" and (item.style == "sporty" or formality(item) <= 2)


def _off_the_trail(ask: Ask, blocked: set[int]) -> set[int]:
    """Outdoors (a hike, the hills): no dress or skirt, and boots made for it beat sneakers and smart shoes whenever
    they can be worn."""
    if ask.slots.occasion != "outdoor":
        return set()
    off = {i.id for i in ask.wardrobe if i.category == "one-piece" or i.type == "skirt"}  # a dress on a trail: no
    shoes = [i for i in ask.wardrobe if i.category == "shoes" and i.id not in blocked]
    if any(is_trail_shoe(i) for i in shoes):
        off |= {i.id for i in shoes if not is_trail_shoe(i)}
    return off


def _underdressed(ask: Ask, blocked: set[int]) -> set[int]:
    """At an occasion that asks for dress (an interview, work, a wedding), the most casual pieces (a hoodie,
    joggers) are out whenever the same slot has something a step smarter; with nothing better they stay."""
    occasion = ask.slots.occasion
    if occasion not in OCCASIONS or OCCASIONS[occasion][0] < 3:
        return _sportswear_out(ask, blocked)
    out: set[int] = set()
    for slot in ("top", "bottom", "shoes", "one-piece"):
        pieces = [i for i in ask.wardrobe if i.category == slot and i.id not in blocked]
        if any(formality(i) >= 2 for i in pieces):
            out |= {i.id for i in pieces if formality(i) <= 1}
    return out


SPORTSWEAR_FITS = frozenset({"gym", "outdoor", "travel", "beach"})  # where a hoodie and joggers are the point


def _sportswear_out(ask: Ask, blocked: set[int]) -> set[int]:
    """Sportswear is for sport: at a lunch, a brunch, a party or an ordinary day out, a hoodie, joggers or running
    shoes are out whenever the same slot has a piece that is not sportswear; a hike, the gym, a flight or the
    beach keep them, and a bike ride, a long walk or a day on a boat keeps the trainers (grippy, flat, wet-proof)."""
    s = ask.slots
    journey = s.occasion == "travel" and ask.u.kind != k.PACKING  # a suitcase is worn at the destination too
    if s.occasion in SPORTSWEAR_FITS - {"travel"} or journey:
        return set()
    out: set[int] = set()
    for slot in ("top", "bottom") if s.cycling or s.walking or s.on_water else ("top", "bottom", "shoes"):
        pieces = [i for i in ask.wardrobe if i.category == slot and i.id not in blocked]
        if any(not is_sporty(i) for i in pieces):
            out |= {i.id for i in pieces if is_sporty(i)}
    return out


def needs_cover(ask: Ask) -> bool:
    temperature = effective_temperature(ask.slots)
    winter = temperature is None and ask.slots.season == "winter"  # "a wedding in December": a coat over it
    # a windy evening cools whatever the day was; a windy summer afternoon needs no coat
    windy = ask.slots.wind and (ask.slots.evening or (temperature is not None and temperature < WINDY_COVER_BELOW_C))
    return (
        ask.slots.rain
        or ask.slots.day_and_evening
        or windy
        or winter
        or (temperature is not None and temperature < COVER_BELOW_C)
    )


def cover_for(ask: Ask, chosen: Sequence[WardrobeItem], exclude: Iterable[int] = ()) -> WardrobeItem | None:
    """The layer to add when it is cold, wet or the evening turns cool, and the outfit has none."""
    if not needs_cover(ask) or any(item.category == "outerwear" and item.type not in LIGHT_LAYERS for item in chosen):
        return None
    # never "add the blazer" it already has, nor the coat the user turned down earlier in the thread
    skip = set(exclude) | _blocked(ask) | {item.id for item in chosen} | ask.state.excluded
    layers = [item for item in ask.wardrobe if item.category == "outerwear" and item.id not in skip]
    if ask.slots.rain:  # a cardigan "against the rain" keeps nothing off: no layer unless it is cold too
        temperature = effective_temperature(ask.slots)
        cold = temperature is not None and temperature < COVER_BELOW_C
        layers = [item for item in layers if item.type in RAIN_COVER] or (layers if cold else [])
    elif ask.slots.wind:  # a blazer or a cardigan lets the wind through: a jacket, a trench or a coat first
        layers = [item for item in layers if item.type in RAIN_COVER] or layers
    level = sum(formality(item) for item in chosen) / max(len(chosen), 1)
    cool_only = ask.slots.day_and_evening and not cold_evening(ask.slots, effective_temperature(ask.slots))
    if cool_only:  # the lightest layer, at the outfit's level: a jacket at a barbecue, not a blazer
        return min(layers, key=lambda item: (warmth(item), abs(formality(item) - level), item.id), default=None)
    temperature = effective_temperature(ask.slots)
    need = styling.context.target_warmth(temperature) if temperature is not None else 4.0
    return min(
        layers, key=lambda item: (abs(warmth(item) - need - 0.5), abs(formality(item) - level), item.id), default=None
    )


def _warm_by_the_sea(s: Slots) -> bool:
    """Drinks or a day on the beach with no weather said: a warm-weather occasion, dressed light."""
    return s.occasion == "beach" and s.temperature_c is None and s.season in (None, "summer", "spring")


# Light, summery colours a stylist reaches for by the sea; a bounded preference, never a rule
BEACH_KINDS = frozenset({"sandals", "flats", "dress", "shorts", "skirt", "polo"})  # open shoes, light pieces
BEACH_COLOURS = frozenset({"white", "cream", "ivory", "beige", "stone", "light blue", "blush", "tan", "denim blue"})


def _by_the_sea(ask: Ask, changes: dict[str, object]) -> dict[str, object]:
    if not _warm_by_the_sea(ask.slots) or "preferences" in changes:
        return changes
    said = styling.parse_preferences(ask.context.style_preferences)
    light = BEACH_COLOURS - said.disliked_colours
    preferences = replace(
        said,
        liked_colours=said.liked_colours if said.liked_colours else said.liked_colours | light,
        liked_types=said.liked_types | (BEACH_KINDS - said.disliked_types),
    )
    return {"season": "summer", "preferences": preferences, **changes}


def suggest(
    ask: Ask,
    *,
    anchors: Sequence[int] = (),
    exclude: Iterable[int] = (),
    count: int = 3,
    **changes: object,
) -> styling.Suggestions:
    excluded = frozenset(exclude) | frozenset(_blocked(ask) - set(anchors)) | ask.state.excluded
    changes = _by_the_sea(ask, changes)
    style = ask.style(anchor_ids=frozenset(anchors), exclude_ids=excluded - set(anchors), **changes)
    result = styling.suggest(list(ask.wardrobe), style, ask.context.feedback, count=count)
    if any(_all_pale(outfit) for outfit in result.outfits):  # one more outfit to take its place, only then
        result = styling.suggest(list(ask.wardrobe), style, ask.context.feedback, count=count + 1)
    # stable: the engine's order, with head-to-toe white behind the others
    return replace(result, outfits=sorted(result.outfits, key=_all_pale)[:count])


def _all_pale(outfit: styling.Outfit) -> bool:
    """White top, white bottom, white shoes: one pale piece lifts an outfit, head to toe in white reads as a uniform
    (or a bride); a stylist offers it last."""
    worn = [i for i in outfit.items if i.category in ("top", "bottom", "one-piece", "shoes")]
    return len(worn) >= 3 and all(i.colour_names[:1] and i.colour_names[0] in PALE for i in worn)


def _different(outfits: Sequence[styling.Outfit], previous: Sequence[int]) -> list[styling.Outfit]:
    """Outfits sharing at most half their pieces with the previous suggestion, best first."""
    seen = set(previous)
    fresh = [o for o in outfits if len({i.id for i in o.items if i.category != "accessory"} & seen) <= 1]
    fresh = fresh or [o for o in outfits if len({i.id for i in o.items} & seen) <= len(o.items) / 2]
    return fresh or [o for o in outfits if {i.id for i in o.items} != seen]


def _unseen(outfits: Sequence[styling.Outfit], shown: set[int]) -> list[styling.Outfit]:
    """Outfits with at least one worn piece the thread has not shown yet."""
    return [o for o in outfits if not {i.id for i in o.items if i.category != "accessory"} <= shown]


TAILORED = frozenset({"interview", "formal", "funeral", "work", "wedding-guest", "day-wedding"})


def _tailoring(
    ask: Ask, chosen: Sequence[WardrobeItem], exclude: Iterable[int] = (), hot_from: float = 24.0
) -> WardrobeItem | None:
    """A blazer over an interview, work or formal outfit that has no layer, when the wardrobe has one."""
    if ask.slots.occasion not in TAILORED or any(item.category == "outerwear" for item in chosen):
        return None
    if any(item.category == "one-piece" for item in chosen) and ask.slots.occasion in {"work", *WEDDINGS}:
        return None
    temperature = effective_temperature(ask.slots)
    if temperature is not None and temperature >= hot_from:
        return None  # nobody wants a blazer on top at a hot wedding
    summer = ask.slots.season in (None, "summer") and temperature is None and not ask.slots.evening
    if ask.slots.event == "beach" and summer:
        return None  # nor on the sand on a summer afternoon
    skip = ask.state.excluded | frozenset(exclude)  # "without the blazer" holds for this answer too
    blazers = [i for i in ask.wardrobe if i.type == "blazer" and i.id not in skip]
    return max(blazers, key=lambda item: (formality(item), -item.id), default=None)


KNITS = ("cardigan", "sweater", "sweatshirt")  # what a stylist layers for a cold office, best first


def knit_for(ask: Ask, chosen: Sequence[WardrobeItem], exclude: Iterable[int] = ()) -> WardrobeItem | None:
    """Cold indoors (an office, a plane): a knit layer over the outfit, not outerwear; none when it has a knit."""
    if not ask.slots.indoor_cold or any(item.type in KNITS for item in chosen):
        return None
    skip = set(exclude) | _blocked(ask) | ask.state.excluded
    knits = [i for i in ask.wardrobe if i.type in KNITS and i.id not in skip]
    level = sum(formality(item) for item in chosen) / max(len(chosen), 1)
    return min(
        knits, key=lambda i: (KNITS.index(str(i.type)), abs(formality(i) - level), -warmth(i), i.id), default=None
    )


def _warm_top_for_rain(ask: Ask, chosen: Sequence[WardrobeItem], exclude: Iterable[int] = ()) -> WardrobeItem | None:
    """Rain with nothing to go over it: a hoodie or sweater pulled over the top keeps the chill off (not the rain),
    unless the day is warm."""
    temperature = effective_temperature(ask.slots)
    if (temperature is not None and temperature >= 20) or any(warmth(i) >= 4 for i in chosen if i.category == "top"):
        return None
    skip = _blocked(ask) | ask.state.excluded | set(exclude) | {i.id for i in chosen}
    tops = [i for i in ask.wardrobe if i.category == "top" and warmth(i) >= 4 and i.id not in skip]
    return min(tops, key=lambda i: (-formality(i), i.id), default=None)


TIED_OCCASIONS = frozenset({"wedding-guest", "formal"})


def _tie_for(ask: Ask, chosen: Sequence[WardrobeItem], exclude: Iterable[int] = ()) -> WardrobeItem | None:
    """A wedding or a formal event in a shirt and tailored trousers wants a tie, when one is owned."""
    if ask.slots.occasion not in TIED_OCCASIONS or any(i.type in ("tie", "bow-tie") for i in chosen):
        return None
    shirted = any(i.type == "shirt" for i in chosen) and any(i.type == "trousers" for i in chosen)
    skip = ask.state.excluded | frozenset(exclude)
    ties = [i for i in ask.wardrobe if i.type in ("tie", "bow-tie") and i.id not in skip]
    return max(ties, key=lambda i: (formality(i), -i.id), default=None) if shirted else None


def _say_why(
    ask: Ask, plan: Plan, chosen: Sequence[WardrobeItem], reason: str, added: Sequence[WardrobeItem] = ()
) -> None:
    """The reason the engine's score gives, said of the pieces it is about ("The white and charcoal sit easily
    together", "Your brown boots keep it right for the rain"), never a bare "It's right for the occasion".
    `added` are the layers and tie the answer put on top: a navy blazer over a black dress is not "all black"."""
    worn = [i for i in chosen if i.category in ("one-piece", "top", "bottom", "shoes")] or list(chosen)
    if not worn:
        return
    main, other = worn[0], worn[1:2]
    if reason == "occasion":  # the piece that sets the tone: the smartest at a dressy occasion, else the easiest
        dressy = ask.slots.occasion in OCCASIONS and OCCASIONS[str(ask.slots.occasion)][0] >= 3
        main = max(worn, key=lambda i: (formality(i) if dressy else -formality(i), -i.id))
    if reason == "weather":  # the piece that answers the weather: the warmest when it is cool, else the lightest
        temperature = effective_temperature(ask.slots)
        cool = ask.slots.rain or (temperature is not None and temperature < 18)
        main = max(chosen, key=lambda i: (warmth(i) if cool else -warmth(i), -i.id))
    colours = tuple(dict.fromkeys(i.colour_names[0] for i in worn[:3] if i.colour_names))[:2]
    if reason == "colour_harmony" and len(colours) < 2:
        # one colour head to toe: said as a choice, not as two colours that "go together", unless a layer on top
        # is another colour
        on_top = {i.colour_names[0] for i in added if i.colour_names and i.category in ("outerwear", "top")}
        tonal = on_top <= set(colours)
        reason = "tonal" if tonal else "occasion" if ask.slots.occasion else "balance"
    if not other and reason in ("formality", "style", "learned_compatibility"):
        reason = "occasion" if ask.slots.occasion else "balance"  # a pair's reason needs two pieces to name
    plan.say("because", main, other=other, reason=reason, colours=colours, occasion=ask.slots.occasion,
             event=ask.slots.event)  # fmt: skip


def _formality_gap(ask: Ask, chosen: Sequence[WardrobeItem], plan: Plan) -> None:
    occasion = ask.slots.occasion
    if occasion not in OCCASIONS or not chosen:
        return
    low = OCCASIONS[occasion][0]
    if max(formality(item) for item in chosen) < low - 1:
        plan.say("too_casual_for", occasion=occasion)


def _situation_notes(ask: Ask, plan: Plan) -> None:
    s = ask.slots
    if s.cycling:
        plan.say("note_cycling")
    elif s.walking:
        plan.say("note_walking")
    if s.wind and not s.cycling:
        plan.say("note_wind")


def _no_rain_cover(ask: Ask, plan: Plan, worn: Sequence[WardrobeItem], exclude: Iterable[int] | None) -> None:
    """In the rain with nothing owned that keeps it off: say what would, as every missing piece is said; with
    `exclude` None no knit is pulled over the stopgap (a hoodie over an interview's outfit)."""
    covers = [i for i in (*worn, *ask.wardrobe) if i.category == "outerwear"]
    if ask.slots.rain and all(i.type in LIGHT_LAYERS for i in covers):
        warm_top = _warm_top_for_rain(ask, worn, exclude) if exclude is not None else None
        if warm_top is not None:
            plan.say("add_warm_top", warm_top)
        plan.say("no_rain_cover")


def outfit_lines(
    ask: Ask,
    plan: Plan,
    outfits: Sequence[styling.Outfit],
    *,
    alternative: bool = True,
    revision: str | None = None,
    exclude: Iterable[int] = (),
) -> None:
    best = outfits[0]
    exclude = frozenset(exclude)
    plan.outfits = tuple(tuple(i.id for i in o.items) for o in outfits)
    plan.say("outfit", *best.items, revision=revision, **situation_values(ask))
    layer = cover_for(ask, best.items, exclude)
    knit = knit_for(ask, best.items, exclude) if layer is None else None
    if knit is not None:  # "I'm always cold at the office": a cardigan at the desk, not a coat
        plan.say("add_layer", knit, reason="indoors")
    tailoring = _tailoring(ask, best.items, exclude) if layer is None and knit is None else None
    if tailoring is not None:
        plan.say("add_layer", tailoring, reason="tailoring")
    if layer is not None:
        reason = "evening" if ask.slots.day_and_evening else "rain" if ask.slots.rain else "cold"
        plan.say("add_layer", layer, reason=reason)
    _no_rain_cover(ask, plan, [*best.items, *([layer] if layer else [])], exclude)
    tie = _tie_for(ask, best.items, exclude)
    if tie is not None:
        plan.say("add_tie", tie)
    added = [piece for piece in (knit, tailoring, layer, tie) if piece is not None]  # what the lines put on top
    # A follow-up ("and if it's cold?") gets the change, not the reasons and a second outfit all over again:
    # short where the question is short, and no line repeated turn after turn.
    follow_up = ask.u.follow_up or ask.u.kind in (k.REVISE, k.DISLIKE)
    if not follow_up:
        reasons = sorted(best.parts.items(), key=lambda kv: -kv[1])
        said = {"preferences"} if ask.context.style_preferences else set()  # the beach's own leaning is no taste
        reasons = [(name, value) for name, value in reasons if name != "preferences" or name in said]
        _say_why(ask, plan, best.items, next((name for name, value in reasons if value > 0.05), "balance"), added)
    _formality_gap(ask, best.items, plan)
    _situation_notes(ask, plan)
    if alternative and not follow_up:
        other = _another_look(outfits[1:], best.items, added)
        if other is not None:
            plan.say("alternative", *other.items)


def _another_look(
    outfits: Sequence[styling.Outfit], best: Sequence[WardrobeItem], added: Sequence[WardrobeItem]
) -> styling.Outfit | None:
    """The best outfit that is not the one just said: the suggestion with the blazer and tie its own lines added
    (or some of those pieces) offered again as "Or: ..." is the same look twice."""
    presented = {i.id for i in (*best, *added)}
    return next((outfit for outfit in outfits if not {i.id for i in outfit.items} <= presented), None)


def _no_outfit(ask: Ask, plan: Plan, result: styling.Suggestions, situation: dict[str, Any] | None = None) -> Plan:
    """No complete outfit. When the wardrobe has pieces for the missing slot but the situation ruled every one out
    (flats and sandals in the rain), it says so and names them: "your wardrobe has no shoes" would be false."""
    ruled_out = [item for item in ask.wardrobe if item.category in result.missing]
    plan.say("cannot_build", *ruled_out, slots=tuple(result.missing), lead=situation is not None, **(situation or {}))
    return plan


def situation_values(ask: Ask) -> dict[str, Any]:
    """What the lead of an outfit answer ("For 5 °C in the rain") is made of; known before the search runs."""
    s = ask.slots
    weather = None
    if s.temperature_c is not None and not s.degrees and not s.day_and_evening:  # "if it's cold": said as a word
        weather = "cold" if s.temperature_c < 15 else "warm" if s.temperature_c >= 22 else None
    if s.day_and_evening and not s.warm_day:  # "if it gets cool in the evening": no hot day was said
        weather = "cold"
    code = evening_code(ask)  # "black tie optional": said with the occasion ("For a black-tie wedding")
    event = code.replace(" ", "-") if code else s.event
    return {"occasion": s.occasion, "event": event, "temperature": s.temperature_c if s.degrees else None,
            "weather": weather, "rain": s.rain, "wind": s.wind and not s.cycling,
            "evening": s.evening or s.day_and_evening,
            "day_and_evening": s.day_and_evening and s.warm_day, "day": s.day}  # fmt: skip


def _from_the_suitcase(ask: Ask, anchors: Sequence[int]) -> styling.Suggestions | None:
    """After a packing list, "and for a dinner there?" is dressed from what is packed, when that can be done."""
    if ask.state.kind != k.PACKING or not ask.u.follow_up or not ask.state.suggestion:
        return None
    packed = set(ask.state.suggestion)
    result = suggest(ask, anchors=anchors, exclude=[item.id for item in ask.wardrobe if item.id not in packed])
    if result.outfits and _needs_for_the_code(ask, result.outfits[0]):
        return None  # the suitcase falls short of the dinner's code: dressed from the wardrobe, never "nothing you own"
    return result if result.outfits else None


def _one_cover(outfit: styling.Outfit) -> styling.Outfit:
    """In the rain the trench or coat is the layer; a blazer or cardigan under it is one layer too many to name."""
    covered = any(i.category == "outerwear" and i.type not in LIGHT_LAYERS for i in outfit.items)
    light = [i for i in outfit.items if i.category == "outerwear" and i.type in LIGHT_LAYERS]
    return replace(outfit, items=tuple(i for i in outfit.items if i not in light)) if covered and light else outfit


COLD_ACCESSORY_BELOW_C = 10.0  # a beanie or a wool scarf is weather gear below this, an extra above it


def _for_the_weather(ask: Ask, outfit: styling.Outfit) -> styling.Outfit:
    """ "And if it rains?" after an outfit adds what the weather needs: a watch or a belt the last answer did not
    have is no answer to rain; a beanie or a scarf for the cold is."""
    before = set(ask.state.worn or ask.state.focus)

    def wanted(item: WardrobeItem) -> bool:
        cold = (temperature := effective_temperature(ask.slots)) is not None and temperature < COLD_ACCESSORY_BELOW_C
        return item.category != "accessory" or item.id in before or (garment_of_kind(item).winter and cold)

    return replace(outfit, items=tuple(i for i in outfit.items if wanted(i)))


def _kept_outfit(ask: Ask) -> list[int]:
    """ "and if it's cold?" after an outfit: the same outfit, with what the new weather or evening needs on top."""
    # after "do white sneakers go with it?" the outfit is still the thread's: its pieces as dressed
    verdict_on_it = ask.state.kind in (k.YESNO, k.COMPARE) and bool(ask.state.worn)
    if (ask.state.kind not in DRESSED and not verdict_on_it) or not ask.u.follow_up:
        return []
    if ask.u.slots.occasion or ask.u.slots.garments or ask.u.slots.ids:
        return []  # a new occasion or named piece asks for a new outfit
    # a t-shirt kept for "and if it's cold?" would be forced past the cold rule; a cool evening after a warm day is
    # the day's outfit with a layer for later, so the evening's cold rules out nothing of it
    blocked = set() if ask.u.slots.day_and_evening else _blocked(ask)
    outfit = ask.state.worn if verdict_on_it else ask.state.focus
    kept = [i for i in outfit if i in ask.by_id and ask.by_id[i].category in ("top", "bottom", "one-piece")]
    return [i for i in kept if i not in blocked]


# "for drinks after, can I just swap something?": the outfit kept, one change named
ONE_CHANGE = re.compile(
    r"\b(?:swap|change|switch|tweak|adjust) (?:just )?(?:something|one thing|a piece|one piece|anything|a thing)\b"
    r"|\bwhat (?:would|should|could|do) i (?:swap|change|switch|tweak)\b"
    r"|\b(?:one|a) (?:small |quick )?(?:swap|change)\b"
)
RELAXED_FROM = frozenset({"work", "interview", "formal", "funeral"})  # from these, an evening out is a step down


def one_change_asked(ask: Ask) -> bool:
    """Whether the question asks for the last outfit with one change for a new occasion (its answer has its own
    opening, so no outfit lead is streamed before it)."""
    worn = any(i in ask.by_id for i in ask.state.worn)
    known = ask.slots.occasion in OCCASIONS and ask.state.kind in DRESSED
    return bool(ONE_CHANGE.search(ask.u.text)) and worn and known


def _one_change(ask: Ask, plan: Plan) -> Plan | None:
    """The last outfit for a new occasion with one change: lose the tie or the blazer, or swap the shoes, for a step
    down (work to drinks); add the blazer or smarter shoes for a step up; nothing when it already fits."""
    if not one_change_asked(ask):
        return None
    worn = ask.worn
    new, old = str(ask.slots.occasion), ask.state.slots.occasion  # one_change_asked: a known occasion
    step = OCCASIONS[new][0] - OCCASIONS[old][0] if old in OCCASIONS else 0
    down = step < 0 or (old in RELAXED_FROM and new not in RELAXED_FROM)
    situation: dict[str, Any] = {"occasion": new, "event": ask.slots.event}
    if down:
        dropped = [i for i in worn if i.type in ("tie", "bow-tie")] or [
            i for i in worn if i.type == "blazer" and not needs_cover(ask)
        ]
        if dropped:
            kept = [i for i in worn if i not in dropped]
            plan.say("one_change", *kept, other=dropped[:1], change="drop", **situation)
            return plan
    shoes = [i for i in worn if i.category == "shoes"]
    wanted = (lambda i: formality(i) <= 3) if down else (lambda i: formality(i) >= 4) if step > 0 else None
    if shoes and wanted is not None and not wanted(shoes[0]):
        others = [i for i in ask.wardrobe if i.category == "shoes" and wanted(i) and i.id not in _blocked(ask)]
        others = [i for i in others if i.id not in ask.state.excluded]
        if others:
            new_shoes = _suited(ask, others)[0]
            rest = [i for i in worn if i != shoes[0]]
            plan.say("one_change", new_shoes, *rest, other=shoes[:1], change="swap", **situation)
            return plan
    layer = _tailoring(ask, worn) if step > 0 else None
    if layer is not None:
        plan.say("one_change", layer, *worn, change="add", **situation)
        return plan
    plan.say("one_change", *worn, **situation)
    return plan


DRESSED = frozenset({k.OUTFIT, k.REVISE, k.DISLIKE})


def _shoes_follow_up(ask: Ask) -> list[int]:
    """ "What about shoes, it's a 20 minute walk?" after an outfit: the pieces of that outfit that stay (its top,
    bottom or dress and layer), for which the shoes are picked; empty when this is not such a question."""
    said = ask.u.slots
    shoes_only = said.garments and all(
        g.kind in ("category:shoes", *SHOE_KINDS) and not g.colour for g in said.garments
    )
    in_outfit = ask.state.kind in (k.OUTFIT, k.REVISE, k.DISLIKE)
    reason = said.walking or said.rain
    if not (shoes_only and in_outfit and (ask.u.follow_up or reason)) or said.occasion:
        return []
    worn = ("top", "bottom", "one-piece", "outerwear")
    return [i for i in ask.state.focus if i in ask.by_id and ask.by_id[i].category in worn]


SHOE_KINDS = ("sneakers", "boots", "loafers", "heels", "flats", "sandals", "formal-shoes", "shoes")


def _shoes_for(ask: Ask, plan: Plan, kept: list[int]) -> Plan | None:
    """The last outfit kept, shoes picked for it and for the reason given (a walk, rain, a day standing)."""
    blocked = _blocked(ask)
    result = suggest(ask, anchors=[i for i in kept if i not in blocked], count=3)
    shoes = [i for o in result.outfits for i in o.items if i.category == "shoes"]
    if not shoes:
        return None
    s = ask.slots
    reason = "standing" if re.search(r"\bstand\w*|\bon my feet\b", ask.u.text) else "walking" if s.walking else None
    reason = "rain" if s.rain and reason is None else reason
    rest = [ask.by_id[i] for i in kept if ask.by_id[i].category != "outerwear"]
    plan.outfits = tuple(tuple(i.id for i in o.items) for o in result.outfits)
    plan.say("shoes_for", shoes[0], other=rest, reason=reason, **situation_values(ask))
    return plan


@planner(k.OUTFIT)
def outfit(ask: Ask) -> Plan:
    plan = Plan(k.OUTFIT)
    changed = _one_change(ask, plan)
    if changed is not None:
        return changed
    evening = black_tie(ask, plan, situation_values(ask))
    if evening is not None:  # "black tie optional": the code decides the pieces, honestly said where they fall short
        return evening
    kept_for_shoes = _shoes_follow_up(ask)
    shod = _shoes_for(ask, plan, kept_for_shoes) if kept_for_shoes else None
    if shod is not None:
        return shod
    anchors = [item.id for item in ask.items]
    result = _from_the_suitcase(ask, anchors)
    kept = _kept_outfit(ask) if result is None else []
    if kept:  # a cool evening after the day: the day's outfit, dressed for the day; its layer for later comes after
        day = replace(ask, slots=replace(ask.slots, temperature_c=None)) if ask.u.slots.day_and_evening else ask
        result = suggest(day, anchors=[*anchors, *kept])
        result = replace(result, outfits=[_for_the_weather(ask, o) for o in result.outfits]) if result.outfits else None
    result = result or suggest(ask, anchors=anchors)
    if not result.outfits:
        return _no_outfit(ask, plan, result, situation_values(ask))
    if ask.slots.rain:
        result = replace(result, outfits=[_one_cover(o) for o in result.outfits])
    if needs := _needs_for_the_code(ask, result.outfits[0]):
        return _short_of_the_code(ask, plan, result.outfits[0], needs)
    outfit_lines(ask, plan, result.outfits)
    return plan


# What to add, per slot, when even the engine's best outfit breaks a dress code that asks for dress: at a funeral
# dark and sober pieces, elsewhere dressy ones.
CODE_NEEDS = {
    "funeral": {"top": "dark_top", "bottom": "dark_bottom", "one-piece": "dark_dress", "shoes": "dark_shoes"},
    "dressed": {"top": "dressy_top", "bottom": "dressy_bottom", "one-piece": "dressy_piece", "shoes": "dressy_shoes"},
}


def _needs_for_the_code(ask: Ask, best: styling.Outfit) -> tuple[str, ...]:
    """The pieces to add when the best the wardrobe can do breaks a dress code that asks for dress (jeans and a tee
    at a funeral): those are never offered as the answer."""
    occasion = ask.slots.occasion
    if occasion not in DRESSED_CODES:
        return ()
    needs = CODE_NEEDS["funeral" if occasion == "funeral" else "dressed"]
    off = [item.category for item in best.items if item.category in needs and occasion_problem(item, occasion)]
    return tuple(dict.fromkeys(needs[str(category)] for category in off))


def _short_of_the_code(ask: Ask, plan: Plan, best: styling.Outfit, needs: tuple[str, ...]) -> Plan:
    """Says what is missing, then the least out-of-place pieces, named as a stopgap and not as an outfit."""
    plan.outfits = (tuple(i.id for i in best.items),)
    situation = situation_values(ask)  # the answer starts with the lead streamed before the search
    plan.say("short_of_code", needs=needs, **situation)
    plan.say("closest_outfit", *best.items, **situation)
    _no_rain_cover(ask, plan, best.items, None)  # an interview in the rain with no coat: that is missing too
    return plan


def _revision_changes(ask: Ask) -> dict[str, object]:
    direction = ask.slots.direction
    temperature = effective_temperature(ask.slots)
    if direction == "warmer":  # a cold plane or train asks for a knit or a cardigan, not a coat and scarf
        indoors = temperature is None and ask.slots.occasion == "travel"
        return {"temperature_c": 12.0 if indoors else (temperature if temperature is not None else 14.0) - 5.0}
    if direction == "cooler":
        return {"temperature_c": (temperature if temperature is not None else 18.0) + 7.0}
    if direction == "smarter":
        return {"occasion": SMARTER.get(ask.slots.occasion, ask.slots.occasion)}
    if direction == "casual":
        return {"occasion": LESS_FORMAL.get(str(ask.slots.occasion), "casual")}
    if direction == "waterproof":
        return {"rain": True}
    return {}


def _revised_ask(ask: Ask, changes: dict[str, object]) -> Ask:
    slots = ask.slots
    if "temperature_c" in changes:
        slots = replace(slots, temperature_c=float(changes["temperature_c"]), wind=False)  # type: ignore[arg-type]
    if "occasion" in changes:
        slots = replace(slots, occasion=changes["occasion"])  # type: ignore[arg-type]
    if "waterproof" in ask.u.text or changes.get("rain"):
        slots = replace(slots, rain=True)
    return replace(ask, slots=slots)


@planner(k.REVISE)
def revise(ask: Ask) -> Plan:
    plan = Plan(k.REVISE)
    if ask.u.slots.occasion and _one_change(ask, plan) is not None:  # "for drinks after, can I just swap something?"
        return plan
    if _not_in_last(ask, plan):
        return plan
    previous = ask.state.suggestion
    dropped = left_out(ask.u, ask.state, ask.by_id)
    if not (dropped or ask.u.dislike or ask.slots.direction) and _another_partner(ask, plan):
        return plan  # "not that one" after "which jacket goes with my cream sweater?": another jacket for it
    if ask.u.dislike:
        plan.disliked = tuple(dropped) or tuple(previous)
        plan.say("noted_dislike", *[ask.by_id[i] for i in plan.disliked if i in ask.by_id][:1] if dropped else ())
    swapped_slot = _slot_swap(ask, dropped)
    if swapped_slot:  # "can I swap the shoes?": the same outfit, only its shoes changed
        return _swapped(ask, plan, [i for i in ask.state.worn if i in ask.by_id], swapped_slot)
    revised = _revised_ask(ask, _revision_changes(ask))
    keep = [i for i in ask.state.focus[:1] if ask.state.kind == k.PAIRING and i not in dropped]
    if dropped and not ask.slots.direction and ask.state.kind in (k.OUTFIT, k.REVISE, k.DISLIKE):
        keep = _rest_of_outfit(ask, dropped)  # "without the blazer": the same outfit, less the blazer
    if WITHOUT.search(ask.u.text):  # "without the jacket": no jacket in this answer, not only the one named
        dropped = [*dropped, *(i.id for g in ask.u.slots.garments for i in of_kind(ask.wardrobe, g.kind))]
    wanted = _wanted_instead(ask) if not (dropped or ask.u.dislike) else []
    worn = [i for i in ask.state.worn if i in ask.by_id]
    replaced = [i for i in worn if ask.by_id[i].category in {w.category for w in wanted}]
    if wanted and replaced and ask.state.kind in (k.OUTFIT, k.REVISE, k.DISLIKE):
        return _swapped(ask, plan, worn, replaced)  # "could I wear sneakers instead?": the outfit, the sneakers in
    if wanted:  # "something with flats instead": the last outfit with flats in their slot
        swapped = [i for i in ask.state.focus if i in ask.by_id and ask.by_id[i].category == wanted[0].category]
        keep = [wanted[0].id, *_rest_of_outfit(ask, swapped)]
    result = suggest(revised, anchors=keep, exclude=dropped, count=5)
    if keep and not result.outfits:
        result = suggest(revised, exclude=dropped, count=5)
    # "another option" after "can I wear my sandals?": another outfit than the last one, not than the sandals
    shown = ask.state.outfit if ask.state.kind in (k.YESNO, k.COMPARE) else ask.state.focus
    fresh = _different(result.outfits, shown or previous) if not dropped else result.outfits
    seen = {*ask.state.named, *ask.state.named_before}
    if not dropped and fresh and not _unseen(fresh, seen):  # all shown already: look further down the ranking
        wider = suggest(revised, anchors=keep, exclude=dropped, count=12).outfits
        fresh = _different(wider, shown or previous) or fresh
    if not dropped:  # "another option": not the alternative the last answer already offered, nor the one before
        fresh = _unseen(fresh, seen) or fresh
    # "something smarter": a step up from the last outfit, never down ("smarter, for a meeting" is that meeting's)
    if ask.slots.direction in STEP and fresh and not ask.u.slots.occasion:
        wider = suggest(revised, anchors=keep, exclude=dropped, count=12).outfits
        fresh = _stepped(ask, [*fresh, *wider], STEP[ask.slots.direction])
        if not fresh and ask.slots.direction == "smarter" and _blazer_on_top(ask, plan):
            return plan
        fresh = fresh or _one_piece_stepped(ask, revised, dropped, STEP[ask.slots.direction])
    if not fresh and _no_step(ask, plan):
        return plan
    if not fresh:
        plan.say("no_other_option")
        return plan
    if ask.slots.direction == "colour":  # "too boring": the most colourful of the fresh outfits first
        fresh = sorted(fresh, key=lambda outfit: -sum(not _neutral(i) for i in outfit.items))
    revision = ask.slots.direction or ("without" if WITHOUT.search(ask.u.text) and dropped else "another")
    outfit_lines(revised, plan, fresh, alternative=False, revision=revision, exclude=dropped)
    return plan


STEP = {"smarter": 1, "casual": -1}  # which way a revision moves the outfit's level of dress


def _level(items: Sequence[WardrobeItem]) -> float:
    """How dressed an outfit reads: the mean formality of what is worn all day (its layer comes and goes)."""
    worn = [item for item in items if item.category in WORN] or list(items)
    return sum(formality(item) for item in worn) / max(len(worn), 1)


def _stepped(ask: Ask, outfits: Sequence[styling.Outfit], step: int) -> list[styling.Outfit]:
    """The outfits a step dressier (step 1) or more relaxed (-1) than the last one, in the engine's order, once each."""
    shown = ask.worn
    if not shown:
        return list(outfits)
    before, kept, seen = _level(shown), [], set()
    for outfit in outfits:
        key = frozenset(item.id for item in outfit.items)
        if key not in seen and step * (_level(outfit.items) - before) > 0:
            kept.append(outfit)
        seen.add(key)
    return kept


def _no_step(ask: Ask, plan: Plan) -> bool:
    """ "Anything smarter?" when the last outfit is already the smartest the wardrobe dresses: say so, with the
    outfit, and the piece that would lift it (a blazer over tailoring, a suit over a blazer already worn, else a
    shirt and tailored trousers)."""
    shown = ask.worn
    if ask.slots.direction not in STEP or not shown or ask.u.slots.occasion:
        return False
    tailored = any(i.type in ("shirt", "blouse", "trousers", "skirt", "dress") and formality(i) >= 3 for i in shown)
    lift = ""
    if tailored and ask.slots.direction == "smarter":  # a blazer already worn is no step up: a suit would be
        lift = "_suit" if any(i.type == "blazer" for i in shown) else "_blazer"
    plan.say(f"no_step/{ask.slots.direction}{lift}", *shown)
    return True


def _one_piece_stepped(ask: Ask, revised: Ask, dropped: Sequence[int], step: int) -> list[styling.Outfit]:
    """No outfit in the engine's list is a step up or down: the last outfit with one piece changed, the one furthest
    the wrong way first (the boots for "more casual", the t-shirt for "smarter"), so the answer still moves."""
    worn = ask.worn
    for piece in sorted((i for i in worn if i.category in WORN), key=lambda i: (step * formality(i), i.id)):
        rest = [i.id for i in worn if i.id != piece.id]
        outfits = suggest(revised, anchors=rest, exclude=[*dropped, piece.id], count=5).outfits
        if not outfits:  # an occasion the wardrobe cannot dress (an interview in basics): a step up all the same
            plain = replace(revised, slots=replace(revised.slots, occasion=None))
            outfits = suggest(plain, anchors=rest, exclude=[*dropped, piece.id], count=5).outfits
        stepped = _stepped(ask, outfits, step)
        if stepped:
            return stepped[:1]
    return []


def _blazer_on_top(ask: Ask, plan: Plan) -> bool:
    """Nothing dressier to wear instead: the same outfit with the user's blazer (under its coat, if it has one)."""
    worn = ask.worn
    if not worn or any(item.type == "blazer" for item in worn):
        return False
    blazers = [i for i in of_kind(ask.wardrobe, "blazer") if i.id not in ask.state.excluded]
    if not blazers:
        return False
    plan.say("one_change", blazers[0], *worn, change="add", occasion=ask.slots.occasion, event=ask.slots.event)
    return True


def _slot_swap(ask: Ask, dropped: Sequence[int]) -> list[int]:
    """The last outfit's pieces a slot swap changes ("can I swap the shoes?", "change the top", "something more
    comfortable on my feet?"); [] when the revision is not one (a dislike, a direction, or no outfit before)."""
    if ask.state.kind not in (k.OUTFIT, k.REVISE, k.DISLIKE) or ask.u.dislike or ask.slots.direction:
        return []
    worn = [i for i in ask.state.worn if i in ask.by_id]
    if dropped and SWAP_SLOT.search(ask.u.text):
        return [i for i in dropped if i in worn]
    if COMFORT.search(ask.u.text) and ON_THE_FEET.search(ask.u.text):
        return [i for i in worn if ask.by_id[i].category == "shoes"]
    return []


def _not_in_last(ask: Ask, plan: Plan) -> bool:
    """ "Without the tie" when the outfit had none, "I don't like that coat" when none was suggested: say so, and
    the suggestion stands; nothing is left out or recorded."""
    absent = absent_from_last(ask.u, ask.state, ask.by_id)
    if absent is None:
        return False
    worn = ask.worn
    plan.say("not_in_last", *(worn if whole_outfit(ask.state.worn, ask.by_id) else ()), kind=absent.kind)
    return True


def _another_partner(ask: Ask, plan: Plan) -> bool:
    """After a pairing that offered pieces of one slot, "another one" is another piece of that slot for the same
    anchor, not a whole new outfit; False when there is no such pairing or nothing else of that slot."""
    state = ask.state
    anchor = ask.by_id.get(state.focus[0]) if state.kind in (k.PAIRING, k.REVISE) and state.focus else None
    shown = [ask.by_id[i] for i in state.named if i in ask.by_id and anchor is not None and i != anchor.id]
    if anchor is None or not shown or len({item.category for item in shown}) != 1:
        return False
    target = f"category:{shown[0].category}"
    earlier = [i for i in state.named_before if i in ask.by_id and ask.by_id[i].category == shown[0].category]
    blocked = {*_blocked(ask), *(item.id for item in shown), *earlier}
    result = suggest(ask, anchors=[anchor.id], exclude=sorted(blocked), count=5)
    partners = [p for p in _partners(result.outfits, [anchor], target) if p.id not in blocked]
    partners = partners or [i for i in of_kind(ask.wardrobe, target) if i.id not in blocked and i != anchor][:2]
    if not partners:
        return False
    plan.say("goes_with", anchor, other=partners[:3], target=target)
    return True


def _wanted_instead(ask: Ask) -> list[WardrobeItem]:
    """The user's own piece of a kind a revision asks for ("with flats instead", "in my boots")."""
    blocked = _blocked(ask)
    found = [r.one for r in ask.refs if r.one is not None and r.one.id not in blocked]
    for garment in ask.u.slots.garments if not found else ():
        found += [i for i in of_kind(ask.wardrobe, garment.kind) if i.id not in blocked][:1]
    return [item for item in found if item.category in ("top", "bottom", "one-piece", "shoes", "outerwear")]


def _neutral(item: WardrobeItem) -> bool:
    return bool(item.colour_names) and item.colour_names[0] in NEUTRALS and item.pattern in (None, "plain", "solid")


def _rest_of_outfit(ask: Ask, dropped: Sequence[int]) -> list[int]:
    blocked = _blocked(ask)
    slots = ("top", "bottom", "one-piece", "shoes")
    kept = [i for i in ask.state.focus if i in ask.by_id and ask.by_id[i].category in slots]
    return [i for i in kept if i not in dropped and i not in blocked]


@planner(k.DISLIKE)
def dislike(ask: Ask) -> Plan:
    plan = Plan(k.DISLIKE)
    if _not_in_last(ask, plan):
        return plan
    dropped = left_out(ask.u, ask.state, ask.by_id) or [r.one.id for r in ask.refs if r.one is not None]
    plan.disliked = tuple(dropped) or tuple(ask.state.suggestion)
    named = [ask.by_id[i] for i in dropped if i in ask.by_id]
    worn = [i for i in ask.state.worn if i in ask.by_id]
    if named and _elsewhere(ask, dropped, worn):  # "the black flats" of the wardrobe, not of the last outfit
        plan.say("not_in_last", *(ask.by_id[i] for i in worn), kind=named[0].type)
        plan.say("noted_dislike", named[0])
        return plan
    plan.say("noted_dislike", *named[:1])
    # a piece of the outfit (or of its "Or:") turned down: that outfit stays, the piece swapped if it was in it
    if worn and set(dropped) & set(ask.state.suggestion) and ask.state.kind in (k.OUTFIT, k.REVISE, k.DISLIKE):
        return _swapped(ask, plan, worn, dropped)
    if dropped and not set(dropped) & set(ask.state.suggestion):
        if ask.state.kind in (k.OUTFIT, k.REVISE, k.DISLIKE):
            return _new_idea_without(ask, plan)
        if not set(dropped) & set(ask.state.outfit):
            return plan
        # the loafers of the interview outfit, turned down after a question about its coat: other shoes for it
        others = _owned_for(ask, str(named[0].category), dropped) if named else []
        if others:
            plan.say("instead_pieces", *others[:2])
        return plan
    kept = [i for i in ask.state.focus if i not in dropped and i in ask.by_id and ask.by_id[i].category != "accessory"]
    anchors = kept[:2] if dropped else []  # "I don't like the sneakers": the same outfit with other shoes
    result = suggest(ask, anchors=anchors, exclude=plan.disliked if dropped else (), count=5)
    fresh = _different(result.outfits, ask.state.focus or ask.state.suggestion) if not dropped else result.outfits
    if fresh and ask.state.kind in (k.OUTFIT, k.REVISE, k.DISLIKE):
        plan.say("instead", *fresh[0].items)
        layer = cover_for(ask, fresh[0].items, plan.disliked)  # turning down the coat in the rain: another cover
        if layer is not None:
            plan.say("add_layer", layer, reason="rain" if ask.slots.rain else "cold")
    elif dropped and named:
        others = _owned_for(ask, str(named[0].category), dropped)  # nor the shoes turned down a turn ago
        if others:
            plan.say("instead_pieces", *others[:2])
    return plan


def _elsewhere(ask: Ask, dropped: Sequence[int], worn: Sequence[int]) -> bool:
    """A dislike of owned pieces the last suggestion did not have, after an outfit: the suggestion stands."""
    outfit = ask.state.kind in (k.OUTFIT, k.REVISE, k.DISLIKE) and whole_outfit(worn, ask.by_id)
    return outfit and bool(dropped) and not set(dropped) & {*ask.state.suggestion, *ask.state.named}


def _swapped(ask: Ask, plan: Plan, worn: Sequence[int], dropped: Sequence[int]) -> Plan:
    """ "I don't like the loafers" after an outfit: the same outfit, only the loafers swapped (the engine's best
    other shoes with everything else kept); a piece with nothing to take its place simply leaves. The outfit revised
    is the one the piece was in (the "Or:" for its loafers), and the revision passes the engine's hard rules."""
    worn = _outfit_with(ask, worn, dropped)
    kept = [ask.by_id[i] for i in worn if i not in dropped]
    slots = [slot for i in dropped if (slot := ask.by_id[i].category) is not None and slot in WORN]
    turned_down = (*plan.disliked, *dropped)  # disliked, or only swapped: either way not in the answer again
    result = suggest(ask, anchors=[i.id for i in kept], exclude=turned_down, count=3)
    if not result.outfits:  # the layer may be what stops it: the worn pieces alone
        result = suggest(ask, anchors=[i.id for i in kept if i.category in WORN], exclude=turned_down, count=3)
    best = result.outfits[0].items if result.outfits else ()
    new = [item for slot in dict.fromkeys(slots) for item in best if item.category == slot and item not in kept][:2]
    asked = [item for item in _asked_for(ask) if item.category in slots and item not in kept]
    if asked:  # "swap the loafers for sneakers": the pair said, not the engine's pick
        new = [*asked, *(item for item in new if item.category not in {a.category for a in asked})]
    if "shoes" in slots and COMFORT.search(ask.u.text):  # "more comfortable": the kindest pair, not the smartest
        new = [item for item in new if item.category != "shoes"] + _owned_for(ask, "shoes", dropped, comfort=True)[:1]
    for slot in dict.fromkeys(slots):  # the engine found nothing for it: another piece of that slot, never none
        if not any(item.category == slot for item in new):
            new += _owned_for(ask, slot, dropped)[:1]
    if any(ask.by_id[i].category == "outerwear" for i in dropped):  # the coat turned down in the rain: another cover
        layer = cover_for(ask, kept, plan.disliked) or _tailoring(ask, kept, plan.disliked)
        new += [layer] if layer is not None else []
    new = _within_rules(ask, kept, new, [ask.by_id[i] for i in worn], asked, turned_down)
    if new:
        plan.say("swap", *new, other=kept)
    elif kept:
        plan.say("instead", *kept)
    return plan


def _outfit_with(ask: Ask, worn: Sequence[int], dropped: Sequence[int]) -> list[int]:
    """The outfit of the last answer a swapped piece belongs to: the one dressed, else its alternative."""
    if set(dropped) & set(worn):
        return list(worn)
    other = [i for i in ask.state.suggestion if i in ask.by_id and i not in worn]
    return other if set(dropped) & set(other) and whole_outfit(other, ask.by_id) else list(worn)


def rule_breaks(ask: Ask, items: Sequence[WardrobeItem]) -> list[Violation]:
    """The engine's hard rules an outfit breaks in the thread's situation, as the search would judge it."""
    return outfit_problems(items, refined(ask.style()))


def _within_rules(
    ask: Ask,
    kept: Sequence[WardrobeItem],
    new: Sequence[WardrobeItem],
    before: Sequence[WardrobeItem],
    asked: Sequence[WardrobeItem],
    dropped: Sequence[int],
) -> list[WardrobeItem]:
    """The swapped-in pieces, each passing the engine's hard rules the way a suggestion does: never a second pair
    of shoes or two coats; where no piece of the slot passes every rule, the one breaking only rules that yield
    (the rain's, the cold's) as the search would, or the piece the user asked for by name."""
    allowed = {problem.message for problem in rule_breaks(ask, before)}
    taken: list[WardrobeItem] = []
    for item in new:
        have = {problem.message for problem in rule_breaks(ask, [*kept, *taken])} | allowed
        others = [] if item in asked else _owned_for(ask, str(item.category), [*dropped, item.id])
        options = [item, *(other for other in others if other not in new and other not in kept)]
        costs = [(_added_breaks(ask, [*kept, *taken, option], have, option in asked), option) for option in options]
        cost, best = min(costs, key=lambda pair: pair[0])  # the piece itself on a tie: the engine's or the user's
        if cost[:2] == (0, 0):
            taken.append(best)
    return taken


def _added_breaks(ask: Ask, items: Sequence[WardrobeItem], had: set[str], asked: bool) -> tuple[int, int, int]:
    """How badly a revised outfit breaks rules it did not break before: structure, then rules that do not yield
    (the dress code; waived for a piece the user asked for), then all of them, like the engine's `breakage`."""
    broken = [problem for problem in rule_breaks(ask, items) if problem.message not in had]
    firm = 0 if asked else sum(problem.rule not in YIELDING_RULES for problem in broken)
    return sum(problem.rule == STRUCTURE for problem in broken), firm, len(broken)


def _asked_for(ask: Ask) -> list[WardrobeItem]:
    """The user's pieces a revision asks for by kind ("could I wear sneakers instead?"), one per kind said."""
    blocked = _blocked(ask)
    allowed = [i for i in ask.wardrobe if i.id not in blocked]
    found: list[WardrobeItem] = []
    for garment in ask.u.slots.garments:
        if not wanted(ask.u, garment):
            continue
        if garment.colour:  # "my grey sneakers": that pair, even where the day would not pick it
            found += list(resolve(garment, list(ask.wardrobe)).items)[:1]
        else:
            found += (of_kind(allowed, garment.kind) or of_kind(list(ask.wardrobe), garment.kind))[:1]
    return found


def _owned_for(ask: Ask, slot: str, dropped: Sequence[int], *, comfort: bool = False) -> list[WardrobeItem]:
    """The user's other pieces of a slot, in the thread's dress code (or kindest to walk in) first."""
    turned_down = {*dropped, *ask.state.excluded}
    others = [i for i in of_kind(ask.wardrobe, f"category:{slot}") if i.id not in turned_down]
    blocked = _blocked(ask)  # a piece the day rules out comes only when nothing else fills the slot
    allowed = [i for i in others if i.id not in blocked]
    if comfort:
        ranked = allowed or others
        return sorted(ranked, key=lambda i: (WALKING_ORDER.get(i.type or "", len(WALKING_ORDER)), i.id))
    if allowed:
        return _suited(ask, allowed)
    # the only rain-fit pair swapped away: the next best in the wet (laced closed shoes), never loafers first
    return sorted(_suited(ask, others), key=lambda i: _wet_rank(ask, i))


# Closed shoes with a low, open throat: a puddle runs straight in, so in the rain they come after laced ones
SLIP_ONS = frozenset({"loafers", "mules", "espadrilles"})


def _wet_rank(ask: Ask, item: WardrobeItem) -> int:
    """How badly a piece fares in the day's rain: 0 made for it (boots), 1 laced and closed, 2 a slip-on, 3 open."""
    if not ask.slots.rain:
        return 0
    kind = garment_of_kind(item)
    if kind.rain_ready:
        return 0
    if not kind.closed:
        return 3
    return 2 if (item.type or "") in SLIP_ONS else 1


def _new_idea_without(ask: Ask, plan: Plan) -> Plan:
    """A dislike of a piece the last outfit did not use: a new idea without it, never the same outfit again."""
    result = suggest(ask, exclude=plan.disliked, count=5)
    fresh = _different(result.outfits, ask.state.focus or ask.state.suggestion)
    if fresh:
        plan.say("instead", *fresh[0].items)
    return plan


def _suited(ask: Ask, items: Sequence[WardrobeItem]) -> list[WardrobeItem]:
    """Replacements in the thread's dress code first: after an interview outfit, loafers before sneakers."""
    occasion = ask.slots.occasion
    if occasion not in OCCASIONS:
        return list(items)
    low, high = OCCASIONS[occasion][:2]
    return sorted(items, key=lambda i: (max(low - formality(i), formality(i) - high, 0), i.id))


WHICH_OF = re.compile(r"\bwhich (?:one )?(?:of )?(?:my |the |your )?(?=\S)")


def _target_kind(ask: Ask) -> str | None:
    """The slot or type a pairing asks for: "which *shoes* for that", "what would I put *over* it"."""
    if " over " in ask.u.text or " layer" in ask.u.text:
        return "category:outerwear"
    bare = not [g for g in ask.u.slots.garments if g.kind not in ("top", "category:top")]
    if re.search(r"\b(?:on top|up top|underneath|(?:under|beneath) (?:it|that|this|them))\b", ask.u.text) and bare:
        return "category:top"  # "and on top?" after a verdict on the white jeans: a top for them
    s = ask.u.slots
    if not s.garments and (s.rain or s.day_and_evening or (s.temperature_c is not None and s.temperature_c < 16)):
        return "category:outerwear"  # "and if it's cold?" about a piece: what goes over it
    asked = WHICH_OF.search(ask.u.text)
    said = ask.slots.garments
    if asked and len(said) > 1 and said[0].start == asked.end() and of_kind(ask.wardrobe, said[0].kind):
        return said[0].kind  # "which of my scarves goes with the camel coat?": a scarf for the coat, not both
    anchors = {item.id for item in ask.items}
    for garment in ask.slots.garments:
        owned = [r for r in ask.refs if r.garment == garment and r.one is not None and r.one.id in anchors]
        if not owned:  # "which top with them?" with shirts and knits but nothing tagged "top": the slot
            near = [kind for kind in RELATED.get(garment.kind, ()) if of_kind(ask.wardrobe, kind)]
            return garment.kind if of_kind(ask.wardrobe, garment.kind) or not near else near[0]
    return None


def _anchors(ask: Ask, target: str | None) -> list[WardrobeItem]:
    items = ask.items
    if not items and target and ask.state.focus:
        items = [ask.by_id[i] for i in ask.state.focus if i in ask.by_id]
    elif not items and ask.u.follow_up and ask.state.kind == k.PAIRING:  # "and for a wedding?": the same piece
        items = [ask.by_id[i] for i in ask.state.focus[:1] if i in ask.by_id]
    if target:
        items = [item for item in items if item not in of_kind([item], target)]
    whole = ask.outfit_in_focus and {i.id for i in items} <= set(ask.outfit_in_focus)
    return items if whole else items[:2]  # "what shoes go with that?" after an outfit: with all of it


@planner(k.PAIRING)
def pairing(ask: Ask) -> Plan:
    advice = accessory_advice(ask)  # "what colour tights would go with that?": advice for the outfit, none owned
    if advice is not None:
        return advice
    plan = Plan(k.PAIRING)
    if ask.missing is not None:
        return _missing_reference(ask, plan)
    if ask.ambiguous is not None and not ask.items:
        plan.say("which_one", *ask.ambiguous.items[:4])
        return plan
    off_level: list[int] = []
    if ask.slots.direction in ("casual", "smarter") and not ask.u.slots.occasion:
        # "how do I make my navy blazer look less corporate?": the piece dressed down (or up), not for the office
        down = ask.slots.direction == "casual"
        ask = replace(ask, slots=replace(ask.slots, occasion="casual" if down else SMARTER.get(ask.slots.occasion)))
        off_level = _off_level(ask, down)
    target = _target_kind(ask)
    anchors = _anchors(ask, target)
    from app.assistant.local.plan_seasons import seasonal_styling  # it builds on this module's search

    seasonal = seasonal_styling(ask, anchors) if target is None else None
    if seasonal is not None:  # "how do I style my pink dress for autumn?": dressed for the season
        return seasonal
    off_level = [i for i in off_level if i not in {item.id for item in anchors}]
    result = suggest(ask, anchors=[item.id for item in anchors], exclude=off_level, count=5)
    partners = _partners(result.outfits, anchors, target)
    if not partners:
        pool = [i for i in of_kind(ask.wardrobe, target) if i.id not in _blocked(ask)] if target else []
        shades = [c for a in _anchors(ask, target) for c in a.colour_names[:1]]  # a scarf whose colour goes first
        partners = sorted(pool, key=lambda i: not all(_colours_go(c, i.colour_names[:1]) for c in shades))[:2]
    if target == "category:outerwear" and ask.slots.rain:  # "over it if it rains": a blazer keeps no rain off
        partners = [p for p in partners if p.type not in LIGHT_LAYERS] or partners
    if not anchors:
        pool = _unowned_partners(ask, target) or partners
        plan.say("try_these", *pool[:3]) if pool else plan.say("nothing_to_pair")
        return plan
    if target == "category:outerwear" and (ask.slots.temperature_c is not None or ask.slots.rain):
        cover = cover_for(ask, anchors)
        partners = [cover, *[p for p in partners if p != cover]] if cover else partners
    if not partners:  # "Ta doudoune va bien avec ." : never a sentence with nothing in it
        plan.say("nothing_to_pair")
        return plan
    plan.say("goes_with", *anchors, other=partners[:3], target=target)
    plan.outfits = tuple(tuple(i.id for i in o.items) for o in result.outfits)
    colour = anchors[0].colour_names[0] if anchors[0].colour_names else None
    if colour and target is None and not ask.u.follow_up:
        plan.say("colour_tip", colour=colour)
    return plan


def _colours_go(colour: str, others: Sequence[str]) -> bool:
    """Whether a piece in `others` (its main colour) sits well beside `colour`: a neutral, or a pair the knowledge
    base names."""
    section = colour_section(colour)
    return any(c in NEUTRALS or colour in NEUTRALS or bool(section and c in section.pairs) for c in others)


def _off_level(ask: Ask, down: bool) -> list[int]:
    """Dressing a piece down: the tailored pieces (a shirt, trousers, loafers) out wherever the slot has a relaxed
    one; dressing up: the most casual ones out the same way."""
    out: list[int] = []
    for slot in WORN:
        pieces = [i for i in ask.wardrobe if i.category == slot]
        wrong = [i.id for i in pieces if (formality(i) >= 3 if down else formality(i) <= 1)]
        if len(wrong) < len(pieces):
            out += wrong
    return out


def _unowned_partners(ask: Ask, target: str | None) -> list[WardrobeItem]:
    """ "What shoes go with a navy suit?" (not owned): pieces of the asked kind in colours that suit it."""
    colour = next((g.colour for g in ask.slots.garments if g.colour and not g.asked), None)
    colour = colour or (ask.slots.colours[0] if ask.slots.colours else None)
    named = next((g for g in ask.slots.garments if not g.asked), None)
    if colour is None or target is None:
        return []
    section = colour_section(colour)
    friendly = set(section.pairs) if section else set()
    level = 4 if " suit" in ask.u.text else base_formality(named.kind) if named else None
    pool = [i for i in of_kind(ask.wardrobe, target) if i.id not in _blocked(ask)]
    ranked = sorted(
        pool,
        key=lambda i: (
            abs(formality(i) - (level or 2)),
            bool(i.colour_names[:1]) and i.colour_names[0] not in friendly,
            i.id,
        ),
    )
    return ranked[:3]


def _partners(
    outfits: Sequence[styling.Outfit], anchors: Sequence[WardrobeItem], target: str | None
) -> list[WardrobeItem]:
    found: list[WardrobeItem] = []
    for candidate in outfits:
        for item in candidate.items:
            if item in anchors or item in found or item.category == "accessory":
                continue
            if target is not None and of_kind([item], target):
                found.append(item)
            elif target is None and all(item.category != other.category for other in found):
                found.append(item)  # one partner per slot: a top, a bottom, shoes; not two shirts
    return found


def _missing_reference(ask: Ask, plan: Plan) -> Plan:
    missing = ask.missing
    assert missing is not None
    plan.say("dont_see", *missing.closest[:2], kind=missing.garment.kind, colour=missing.garment.colour)
    closest = missing.closest[:1]
    if closest:
        result = suggest(ask, anchors=[closest[0].id], count=2)
        partners = _partners(result.outfits, closest, _target_kind(ask))
        if partners:
            plan.say("with_that_instead", closest[0], other=partners[:2])
    return plan


# How many of each slot a suitcase needs, whatever the trip's length: pieces mix, they are not outfits per day.
PACK_LIMITS = {"top": 4, "bottom": 3, "one-piece": 2, "shoes": 2, "outerwear": 2}
SEASON_COVER_C = {"winter": 3.0, "fall": 11.0}  # a trip in these seasons needs a coat even when no degrees are given


DAYTIME_PLACES = re.compile(r"\b(?:beach|beaches|seaside|pool|poolside|swim\w*|by the sea|on the sand)\b")
DRESSED_EVENTS = frozenset({"formal", "wedding-guest", "party", "dinner", "date"})


def _day_occasion(ask: Ask) -> str | None:
    """A trip of beach days with one dressed evening ("beach during the day and one nice dinner"): the days are
    dressed for the beach, the evening for its occasion."""
    dressed = ask.slots.occasion in DRESSED_EVENTS
    return "beach" if dressed and DAYTIME_PLACES.search(ask.u.text) else None


def _packing_ask(ask: Ask) -> Ask:
    """A trip in autumn or winter is dressed for its cold even when the question gives no temperature."""
    season_cold = SEASON_COVER_C.get(ask.slots.season or "")
    if ask.slots.temperature_c is None and season_cold is not None:
        return replace(ask, slots=replace(ask.slots, temperature_c=season_cold))
    return ask


def _key_pieces(ask: Ask, pieces: Sequence[WardrobeItem]) -> list[WardrobeItem]:
    """What the trip cannot do without: the occasion's tailoring and the layer its weather needs."""
    # a warm work trip still packs the blazer for the meetings indoors; only real heat leaves it home
    key = [blazer for blazer in [_tailoring(ask, (), hot_from=28.0)] if blazer is not None]
    if ask.slots.occasion == "outdoor":  # the hills: boots made for them and a layer against rain, whatever is forecast
        key += [i for i in ask.wardrobe if is_trail_shoe(i) and i.id not in _blocked(ask)][:1]
        ask = replace(ask, slots=replace(ask.slots, rain=True))
    layer = cover_for(ask, [*pieces, *key])
    if layer is None and (ask.slots.season in ("spring", "fall") or ask.slots.day_and_evening):
        light = [i for i in ask.wardrobe if i.category == "outerwear" and i.type not in HEAVY and i not in key]
        # a jacket before a blazer or cardigan, unless the trip's tailoring is already packed
        layer = min(light, key=lambda item: (item.type in LIGHT_LAYERS, warmth(item), item.id), default=None)
        layer = layer if not key else None
    return key + ([layer] if layer is not None and layer not in key else [])


def _suitcase(outfits: Sequence[styling.Outfit], key: Sequence[WardrobeItem]) -> list[WardrobeItem]:
    """The pieces of the engine's outfits, key pieces kept, at most a few per slot, in slot order."""
    chosen: list[WardrobeItem] = list(key)
    for candidate in outfits:
        for item in candidate.items:
            slot = item.category or ""
            room = sum(other.category == slot for other in chosen) < PACK_LIMITS.get(slot, 0)
            if item not in chosen and room:
                chosen.append(item)
    order = list(PACK_LIMITS)
    return sorted(chosen, key=lambda item: order.index(item.category) if item.category in order else len(order))


COAT_BELOW_C = 5.0  # below this a packed trench or jacket is not enough: a warm coat goes in


def _weather_change(ask: Ask) -> bool:
    """ "and if it rains?" after a packing list: the same trip in other weather, so the list is revised."""
    said = ask.u.slots
    weather = said.rain or said.wind or said.temperature_c is not None
    return ask.state.kind == k.PACKING and ask.u.follow_up and weather and said.trip_days is None


def _revised_suitcase(ask: Ask, plan: Plan, fresh: Sequence[WardrobeItem]) -> Plan:
    """The last list kept where the new weather allows; what it rules out leaves, what it needs is added."""
    packed = [ask.by_id[i] for i in ask.state.named if i in ask.by_id]
    blocked = _blocked(ask)
    kept = [item for item in packed if item.id not in blocked]
    key = _key_pieces(ask, kept)
    slots_kept = {item.category for item in kept}
    added = [i for i in key if i not in kept]
    fresh_layers = [i for i in fresh if i.category == "outerwear" and i not in kept]
    if fresh_layers and any(i.category == "outerwear" for i in added):  # the layer a fresh list for it would pack
        added = [i for i in added if i.category != "outerwear"] + fresh_layers[:1]
    for item in fresh:  # a slot the new weather emptied gets one piece back
        if item.category not in slots_kept and all(item.category != other.category for other in added):
            added.append(item)
    cold = ask.slots.temperature_c is not None and ask.slots.temperature_c < COAT_BELOW_C
    if cold and not any(i.category == "outerwear" and warmth(i) >= 4 for i in [*kept, *added]):
        warm = [i for i in ask.wardrobe if i.category == "outerwear" and warmth(i) >= 4 and i.id not in blocked]
        added += sorted(warm, key=lambda item: (-warmth(item), item.id))[:1]  # snow: a trench is not enough
    dropped = [item for item in packed if item not in kept]
    said = ("temperature", "weather", "rain")
    weather = {name: value for name, value in situation_values(ask).items() if name in said}
    layers = [item for item in kept if item.category == "outerwear" and item.type not in LIGHT_LAYERS]
    covering = [] if added else sorted(layers, key=lambda item: -warmth(item))[:1]  # the packed coat covers snow
    parts = (("add", added), ("keep", covering), ("drop", dropped))
    change = "/".join(part for part, some in parts if some) or "nothing"
    plan.say("pack_revised", *(added or covering), other=dropped, change=change, **weather)
    return plan


@planner(k.PACKING)
def packing(ask: Ask) -> Plan:
    plan = Plan(k.PACKING)
    ask = _packing_ask(ask)
    days = ask.slots.trip_days or 5
    result = suggest(ask, count=min(days, 4) + 1)
    day = _day_occasion(ask)
    if day is not None and result.outfits:  # beach days and one nice dinner: the dinner's outfit, then the days'
        days_out = suggest(replace(ask, slots=replace(ask.slots, occasion=day)), count=min(days, 4))
        result = replace(result, outfits=[result.outfits[0], *days_out.outfits])
    pieces = [item for candidate in result.outfits for item in candidate.items]
    suitcase = _suitcase(result.outfits, _key_pieces(ask, pieces))
    if suitcase and _weather_change(ask):
        plan.outfits = tuple(tuple(i.id for i in o.items) for o in result.outfits)
        return _revised_suitcase(ask, plan, suitcase)
    if not suitcase:
        return _no_outfit(ask, plan, result)
    plan.outfits = tuple(tuple(i.id for i in o.items) for o in result.outfits)
    plan.say("pack", *suitcase, days=days, assumed=ask.slots.trip_days is None)
    if ask.slots.occasion == "work" and any(item.type == "blazer" for item in suitcase):
        plan.say("pack_work_note")
    return plan
