"""Planners answered from the wardrobe itself: do I own / which of my / how many, gaps, comparisons, yes/no."""

import itertools
import re
from collections.abc import Sequence

from app.assistant.local import kinds as k
from app.assistant.local.classify import VERSATILE
from app.assistant.local.entities import COLOUR_VOCABULARY
from app.assistant.local.knowledge import colour_section
from app.assistant.local.plan import Ask, Plan, effective_temperature, formality, planner, warmth
from app.assistant.local.plan_outfits import (
    COMFORT,
    LIGHT_LAYERS,
    NEUTRALS,
    NOT_FOR_WALKING,
    OPEN_SHOES,
    RAIN_COVER,
    WALKING_ORDER,
    is_loud,
    is_trail_shoe,
)
from app.assistant.local.refs import RELATED, colour_similarity, of_kind, of_kind_or_near, resolve
from app.assistant.local.refs import SAID_AS as SAID_AS_FAMILY
from app.assistant.local.slots import HIKING, HOT_PLACE, PATTERNS, PRONOUN, Garment
from app.assistant.local.versatility import neutral, reach, share
from app.styling import WardrobeItem
from app.styling.context import OCCASIONS
from app.vision.colours import PALETTE
from app.vision.taxonomy import category_of

FAMILY = {name: family for name, _, family in PALETTE}
RAIN_ORDER = {"boots": 0, "sneakers": 1, "formal-shoes": 2, "loafers": 3}
NOT_FOR_RAIN = OPEN_SHOES | {"heels"}
# Soft or uneven ground (a lawn, sand, gravel, cobbles): heels sink or twist, flat and block soles stay on top
SOFT_GROUND = re.compile(
    r"\b(?:grass\w*|lawns?|gardens?|fields?|meadows?|sand|sandy|dunes?|gravel|cobble\w*|uneven ground|muddy ground"
    r"|turf)\b"  # "sand", never "sandals"
)
GROUND_ORDER = {"flats": 0, "loafers": 1, "boots": 2, "sneakers": 3, "formal-shoes": 4, "sandals": 5}
UNOWNED_COLOURS = re.compile(r"\b(neon|fluo\w*|fluorescent|day-?glo|hi-?vis)\b")
SOMBRE = frozenset({"black", "navy", "charcoal", "grey", "chocolate", "burgundy", "forest green", "plum"})


def _matches_colour(item: WardrobeItem, colour: str) -> bool:
    """The colour said: that shade ("olive" is not any green), or the whole family when the family's own name was said
    ("anything green?" finds the olive jacket too), with the shades most people call by it ("anything blue?" finds the
    navy sweater: navy is a blue to nearly everyone)."""
    family_said = FAMILY.get(colour) == colour
    said_as = family_said and any(SAID_AS_FAMILY.get(shade) == colour for shade in item.colour_names[:1])
    return colour in item.colour_names[:1] or (family_said and colour in item.colour_families[:1]) or said_as


def _close_colours(wardrobe: Sequence[WardrobeItem], colour: str) -> list[WardrobeItem]:
    """Pieces in a shade near the one asked for (khaki green for olive), said as close, never as that colour."""
    near = [(colour_similarity(colour, i.colour_names[0]), i) for i in wardrobe if i.colour_names]
    return [i for score, i in sorted(near, key=lambda pair: (-pair[0], pair[1].id)) if score >= CLOSE_COLOUR]


CLOSE_COLOUR = 0.5


def _selection(ask: Ask) -> tuple[list[WardrobeItem], Garment | None]:
    """The owned items a wardrobe question asks about, and the garment phrase it used."""
    garments = ask.slots.garments
    garment = garments[0] if garments else None
    if garment and len(garments) > 1 and garment.kind == f"category:{category_of(garments[1].kind)}":
        garment = garments[1]  # "which of my tops are sleeveless?", "which of my shoes are boots?": the kind
    pool = of_kind_or_near(ask.wardrobe, garment.kind) if garment else list(ask.wardrobe)
    if garment and garment.kind in BY_LEVEL:  # "any formal shoes?": the heels are formal shoes too, as the oxfords are
        level = [i for i in of_kind(ask.wardrobe, BY_LEVEL[garment.kind]) if is_formal(i)]
        pool = level or pool
    for joined in _joined_kinds(ask.u.text, garments):  # "shirts and blouses", "jackets or coats": both kinds
        pool = list(dict.fromkeys([*pool, *of_kind_or_near(ask.wardrobe, joined.kind)]))
    asked = {i.id for i in pool}  # at equal warmth the kind asked for first: "my jackets" is the puffer, then the coat
    colour = garment.colour if garment else (ask.slots.colours[0] if ask.slots.colours else None)
    text = ask.u.text
    material = material_asked(text)
    if material and colour in MATERIAL_SHOWN_BY[material][1]:
        colour = None  # "a denim jacket": denim is the fabric (filtered below), not a blue to match by shade
    if colour:
        pool = [item for item in pool if _matches_colour(item, colour)]
    said_print = _PRINT.search(text)
    printed = garment.pattern if garment else PATTERNS[said_print.group(1)] if said_print else None
    if printed:  # "anything with stripes?", "which of my shirts are checked?": the print is the filter
        pool = [item for item in pool if item.pattern == printed]
    elif ANY_PRINT.search(text):  # "which of my things have a pattern?": any print at all
        pool = [item for item in pool if item.pattern and item.pattern != "solid"]
    if material:  # "anything linen?": only what the tags show is made of it
        pool = [item for item in pool if made_of(item, material)]
    if FLAT.search(text):  # "which shoes are flat?": no heels
        pool = [item for item in pool if item.type != "heels"]
    if ask.u.slots.season or re.search(r"\bsummer\b", text):  # a season carried from a trip does not filter
        season = ask.u.slots.season or "summer"
        if ONLY_SEASON.search(text):  # "only for summer": tagged for that season and no other, never an untagged tee
            pool = [i for i in pool if i.seasons and set(i.seasons) <= {season}]
        else:
            light = {
                i.id for i in pool if not i.seasons and i.category != "accessory" and warmth(i) <= 1
            }  # a tie: no season
            pool = [i for i in pool if season in i.seasons or (season == "summer" and i.id in light)]
    feels = effective_temperature(ask.slots)  # wind takes a few degrees off
    cold = feels is not None and feels < 10  # "anything for the snow?"
    if (re.search(r"\bwarm(?:er|est)?\b", text) or cold) and not ask.slots.occasion:
        if garment and garment.kind in BROAD_KINDS and not colour:  # "which jacket for 3 degrees?": the puffer too
            pool = list(dict.fromkeys([*pool, *_near_kinds(ask.wardrobe, garment.kind)]))
        below = feels is not None and feels <= 0
        freezing = below or re.search(r"\bsnow\w*\b", text)  # a blazer is no snow gear
        warm_enough = (i for i in pool if warmth(i) >= (4 if freezing else 3))
        pool = sorted(warm_enough, key=lambda i: (-warmth(i), i.id not in asked, i.id))
    if ask.slots.walking:
        trail = ask.slots.occasion == "outdoor"  # on a hike, boots made for it come first
        pool = sorted(
            (i for i in pool if i.type not in NOT_FOR_WALKING),
            key=lambda i: (not (trail and is_trail_shoe(i)), WALKING_ORDER.get(i.type or "", 9)),
        )
    if SOFT_GROUND.search(text) and garment is not None and pool and all(i.category == "shoes" for i in pool):
        pool = sorted((i for i in pool if i.type != "heels"), key=lambda i: (GROUND_ORDER.get(i.type or "", 9), i.id))
    if ask.slots.rain and garment is None:  # "anything waterproof?": what keeps rain off, coats and boots
        pool = [i for i in pool if i.type in RAIN_COVER or i.type == "boots"]
    if ask.slots.rain:  # "which of my jackets can take rain?": a blazer or a cardigan keeps none of it off
        pool = [i for i in pool if not (i.category == "outerwear" and i.type in LIGHT_LAYERS)]
    if ask.slots.rain:  # "which shoes are ok in the rain?": closed, grippy soles first, no open shoes or heels
        pool = sorted((i for i in pool if i.type not in NOT_FOR_RAIN), key=lambda i: RAIN_ORDER.get(i.type or "", 9))
        if any(RAIN_ORDER.get(i.type or "") == 0 for i in pool):  # with boots to hand, leather soles stay home
            pool = [i for i in pool if i.category != "shoes" or RAIN_ORDER.get(i.type or "", 9) <= 1]
    if ask.slots.occasion in OCCASIONS and not ask.slots.walking:
        low, high, suits, clashes = OCCASIONS[ask.slots.occasion]
        out = clashes if "sporty" in suits else {*clashes, "sporty"}  # the gym asks for sportswear, not the rest
        pool = [i for i in pool if low - 1 <= formality(i) <= high + 1 and i.style not in out]
        if "sporty" in suits:
            pool = sorted(pool, key=lambda i: (i.style != "sporty", i.id))
        if low >= 4:  # "anything for a black tie event?": the dressiest pieces first
            pool = sorted(pool, key=lambda i: (-formality(i), i.id))
    quality = SMART_WORD.search(text) or SAID_AS.search(text)
    if quality:  # "any smart shoes?": pieces of that level, not every pair
        smart = quality.group(1) != "casual"
        pool = [i for i in pool if (formality(i) >= 3) == smart]
        formal = [i for i in pool if is_formal(i)]
        if quality.group(1) == "formal" and formal:  # "my formal shirts": the dress shirts, not the smart-casual pink
            pool = formal
    most = MOST.search(text)
    if most:
        said = most.group(1) or most.group(2)
        said = SUPERLATIVE_OF.get(said, said)
        sign = 1 if said == "casual" else -1
        attribute = warmth if said == "warm" else formality
        pool = sorted(pool, key=lambda i: (sign * attribute(i), i.id not in asked, i.id))
        if COMFORT.search(text) and pool and all(i.category == "shoes" for i in pool):
            pool = sorted(pool, key=lambda i: (WALKING_ORDER.get(i.type or "", 9), i.id))  # flat, cushioned first
    return pool, garment


# Kinds named by their level rather than their make: "formal shoes" / "dress shoes" are whatever formal pair is owned
BY_LEVEL = {"formal-shoes": "category:shoes"}
ONLY_SEASON = re.compile(r"\b(?:only|just|exclusively)\b[^.?!]{0,25}?\b(?:summer|winter|spring|fall|autumn)\b")


def is_formal(item: WardrobeItem) -> bool:
    """Formal, not merely smart: tagged formal, or at the top of the scale whatever its style tag."""
    return item.style == "formal" or formality(item) >= 4


# Kinds that name a family ("do I have a jacket?" is answered by a puffer); narrower kinds must be owned as such
BROAD_KINDS = frozenset({"coat", "jacket", "outerwear", "top", "sweater", "trousers", "pants", "shoes"})
SMART_WORD = re.compile(
    r"\b(smart|smarter|dressy|dressier|formal|elegant|casual)\s+(?:shoes|tops|trousers|bottoms|pieces|clothes|items|"
    r"things|outfits?|shirts?|jackets?|dresses|stuff)\b"
)
# the level said after the kind: "which of my shoes are flat but still smart?"
SAID_AS = re.compile(
    r"\b(?:are|is) (?:\w+ )?(?:but |and )?(?:still |also |really |quite )?(smart|dressy|formal|elegant|casual)\s*$"
)
FLAT = re.compile(r"\bflat\b(?! caps?\b| whites?\b)")
_PRINT = re.compile(r"\b(" + "|".join(PATTERNS) + r")\b")
# What a piece's tags say of its fabric: the tags hold no material, so only a kind made of one fabric (jeans) or
# a colour named after it (denim blue) says it; "anything linen?" lists those, or says plainly none is tagged so
MATERIAL_SHOWN_BY: dict[str, tuple[frozenset[str], frozenset[str]]] = {  # material -> (kinds, colour names)
    "denim": (frozenset({"jeans"}), frozenset({"denim blue"})),
    "linen": (frozenset(), frozenset()), "wool": (frozenset(), frozenset()), "cotton": (frozenset(), frozenset()),
    "silk": (frozenset(), frozenset()), "cashmere": (frozenset(), frozenset()),
    "leather": (frozenset(), frozenset()), "suede": (frozenset(), frozenset()),
}  # fmt: skip
_MATERIAL = re.compile(r"\b(" + "|".join(MATERIAL_SHOWN_BY) + r")\b")


def material_asked(text: str) -> str | None:
    """The fabric a wardrobe question filters by ("do I own anything linen?"), if any."""
    said = _MATERIAL.search(text)
    return said.group(1) if said else None


def made_of(item: WardrobeItem, material: str) -> bool:
    kinds, colours = MATERIAL_SHOWN_BY[material]
    return (item.type or "") in kinds or bool(set(item.colour_names) & colours)


ANY_PRINT = re.compile(r"\b(?:patterns?|patterned|prints?|printed)\b")
# two kinds said together, as one group: "shirts and blouses", "hoodies or sweatshirts"
_JOIN = re.compile(r"^[a-z\-]+(?: [a-z\-]+)? (?:and|or|&) (?:the |my )?$")


def _joined_kinds(text: str, garments: Sequence[Garment]) -> list[Garment]:
    """The kinds said right after the first one with "and" / "or" between them ("how many shirts and blouses")."""
    joined = []
    for before, after in itertools.pairwise(garments):
        if after.kind == before.kind or not _JOIN.match(text[before.start : after.start]):
            break
        joined.append(after)
    return joined


# "the most dressed up" is the dressiest
MOST = re.compile(
    r"\bmost (formal|casual|warm|dressy|dressed[- ]up|comfortable|comfy)\b|\b(smart|dress|warm|comf|casual)i?est\b"
)
PICKED = re.compile(
    r"\bbest\b|\bshould i (?:take|wear|bring|pack)\b"
    r"|\bmost (?:formal|casual|warm|dressy|dressed[- ]up|comfortable|comfy)\b"
    r"|\b(?:smart|dress|warm|comf|casual)i?est\b"
)
# "the best shoe for ...", "the best pair for ...": one, said in the singular (not "the best shoes")
ONE_ASKED = re.compile(
    r"\b(?:the|my) (?:best|warmest|smartest|comfiest) (?:pair|[a-z\-]*[a-rt-z\-]) (?:for|to|in|at|on)\b"
)
# "the smartest", "the comfiest", "the most dressed up"
SUPERLATIVE_OF = {
    "smart": "formal", "dress": "formal", "comf": "casual", "dressed up": "formal", "dressed-up": "formal",
    "comfortable": "casual", "comfy": "casual",
}  # fmt: skip


def _one_per_slot(items: list[WardrobeItem], limit: int) -> list[WardrobeItem]:
    chosen: list[WardrobeItem] = []
    for item in items:
        if all(item.category != other.category for other in chosen):
            chosen.append(item)
    return chosen[:limit]


SHOW_ALL = re.compile(r"\bshow me\b|\blist\b|\ball (?:of )?my\b")


def _near_kinds(wardrobe: Sequence[WardrobeItem], kind: str) -> list[WardrobeItem]:
    """Every piece of the kinds people call by a broad name: "my jackets" are the puffer, the trench and the blazer."""
    return [i for near in RELATED.get(kind, ()) if not near.startswith("category:") for i in of_kind(wardrobe, near)]


EXISTS = re.compile(r"\b(?:do|did) i (?:have|own|still have)\b|\bhave i got\b|\bis there\b|^\s*(?:got )?any\b")
BESIDES = re.compile(r"\b(?:apart from|besides|except|other than|aside from)\b")


def _besides(ask: Ask, found: Sequence[WardrobeItem]) -> list[WardrobeItem]:
    """The pieces a question sets aside: "other shoes apart from my sneakers", "besides the burgundy one"."""
    cue = BESIDES.search(ask.u.text)
    if not cue:
        return []
    after = ask.u.text[cue.end() :]
    colours = {c for _, _, c in COLOUR_VOCABULARY.spans(after)}
    kinds = {g.kind for g in ask.slots.garments if g.start >= cue.end()}
    return [i for i in found if any(_matches_colour(i, c) for c in colours) or i.type in kinds]


def _most_versatile(ask: Ask, plan: Plan, garment: Garment | None) -> Plan:
    """One piece (two when they tie) that can be worn with the most of the user's own pieces, and why."""
    ranked = reach(ask.wardrobe, colours_pair)
    if garment is not None:  # "which of my shoes goes with the most?": among those
        ranked = [r for r in ranked if r.item in of_kind_or_near(ask.wardrobe, garment.kind)] or ranked
    if not ranked:
        plan.say("none_of", kind=garment.kind if garment else None)
        return plan
    best = ranked[0]
    every = len(best.partners) == best.possible
    plan.say("most_versatile_all" if every else "most_versatile", best.item, n=len(best.partners), total=best.possible)
    if neutral(best.item):
        plan.say("neutral_colour")
    tied = [r.item for r in ranked[1:2] if share(r) == share(best) and len(r.partners) == len(best.partners)]
    if tied:
        plan.say("close_behind", *tied)
    return plan


def _most_worn(ask: Ask, plan: Plan) -> Plan:
    """ "What do I wear most?": the wear the service records is when each piece was last worn, not how often, so
    the answer says which was worn most recently and is honest that counts are not seen."""
    worn = [(days, item) for item in ask.wardrobe if (days := ask.context.worn_days_ago.get(item.id)) is not None]
    if not worn:
        plan.say("no_wear_data")
        return _most_versatile(ask, plan, None)
    days, item = min(worn, key=lambda pair: (pair[0], pair[1].id))
    plan.say("most_recently_worn", item, n=days)
    return plan


# "my most formal piece", "my warmest thing": one piece, not three; the attribute that decided, said
# "which of my dresses is the most dressed up?": one piece, asked in the singular, as "the warmest thing I own" is
MOST_OF_ALL = re.compile(
    r"\b(?:piece|item|thing|garment)\b|\bi (?:own|have)\b|\bin my wardrobe\b|\bis the (?:most [a-z\-]+|\w+est)\b"
    r"|\bwhich of my\b"  # "which of my jackets is warmest?": one of that group, picked
)
# "which of my jackets is warmer?" (and a gloss of "¿cuál de mis chaquetas abriga más?"): among a group, the most
COMPARED_AMONG = re.compile(r"\bwhich of (?:my|them|those|these)\b.*\b(smart|dress|warm|comf|casual)i?er\b")


def _most_of_all(
    ask: Ask, plan: Plan, found: Sequence[WardrobeItem], garment: Garment | None, among: bool = False
) -> Plan | None:
    most = MOST.search(ask.u.text)
    among_group = COMPARED_AMONG.search(ask.u.text)
    word = (most.group(1) or most.group(2)) if most else among_group.group(1) if among_group else None
    if word is None or not found or (garment is not None and not MOST_OF_ALL.search(ask.u.text)):
        return None
    said = SUPERLATIVE_OF.get(word, word)
    attribute = warmth if said == "warm" else formality
    plan.say(f"most_{'formal' if said == 'dressy' else said}", found[0], among=among or None)
    tied = [i for i in found[1:2] if attribute(i) == attribute(found[0])]
    if tied:
        plan.say("close_behind", *tied)
    return plan


@planner(k.OWN)
def own(ask: Ask) -> Plan:
    plan = Plan(k.OWN)
    unowned = UNOWNED_COLOURS.search(ask.u.text)
    if unowned:
        plan.say("none_colour", colour=unowned.group(1))
        return plan
    if VERSATILE.search(ask.u.text):
        garment = ask.slots.garments[0] if ask.slots.garments else None
        worn = re.search(r"\bwear (?:the )?most\b|\bmost worn\b|\bwear most often\b", ask.u.text)
        return _most_worn(ask, plan) if worn else _most_versatile(ask, plan, garment)
    found, garment = _selection(ask)
    if garment and garment.kind in BROAD_KINDS and not garment.colour and SHOW_ALL.search(ask.u.text):
        found = list(dict.fromkeys([*found, *_near_kinds(ask.wardrobe, garment.kind)]))  # "show me my jackets"
    among = bool(re.search(r"\bof (?:them|those|these)\b", ask.u.text) and ask.state.named)
    if among:  # "which of them is smartest?": of the last answer's pieces
        among = any(item.id in ask.state.named for item in found)
        found = [item for item in found if item.id in ask.state.named] or found
    picked = _most_of_all(ask, plan, found, garment, among)
    if picked is not None:
        return picked
    material = material_asked(ask.u.text)
    made = [i for i in ask.wardrobe if made_of(i, material)] if material and not found and garment else []
    if made and garment:  # "have I got a denim jacket?" with a denim shirt: no such jacket, and the denim there is
        plan.say("dont_see", *made[:2], kind=garment.kind, colour=garment.colour)
        return plan
    if material and not found:  # "tenho alguma coisa de linho?": none tagged so, and why that is not the last word
        plan.say("none_material", material=material)
        return plan
    exists = EXISTS.search(ask.u.text)
    by_level = garment is not None and garment.kind in BY_LEVEL and bool(found) and all(map(is_formal, found))
    if (
        exists
        and garment
        and garment.kind not in BROAD_KINDS
        and not of_kind(ask.wardrobe, garment.kind)
        and not by_level
    ):
        # "have I got a raincoat?" with only a wool coat: no, and the nearest; a coat is not a raincoat
        plan.say("dont_see", *found[:2], kind=garment.kind, colour=garment.colour)
        return plan
    if garment and garment.colour and not found:
        closest = of_kind(ask.wardrobe, garment.kind)
        resolved = resolve(garment, ask.wardrobe)
        plan.say("dont_see", *(resolved.items or tuple(closest))[:2], kind=garment.kind, colour=garment.colour)
        return plan
    said_print = _PRINT.search(ask.u.text)
    if not found and garment is None and said_print:
        plan.say("none_print", print=PATTERNS[said_print.group(1)])  # "anything checked?": nothing with that print
        return plan
    if not found and garment is None and ask.slots.colours:
        colour = ask.slots.colours[0]  # "anything purple?": nothing in that colour; a near shade said as near
        plan.say("none_colour", *_close_colours(ask.wardrobe, colour)[:2], colour=colour)
        return plan
    if not found and ask.slots.occasion in OCCASIONS and OCCASIONS[str(ask.slots.occasion)][0] >= 3:
        # "anything I could wear to a job interview?" with only basics: say so, and the nearest there is
        plan.say("too_casual_for", occasion=ask.slots.occasion)
        pool = of_kind_or_near(ask.wardrobe, garment.kind) if garment else list(ask.wardrobe)
        quiet_first = sorted(pool, key=lambda i: (is_loud(i) or i.style == "sporty", -formality(i), i.id))
        plan.say("closest_pieces", *_one_per_slot(quiet_first, 3))
        return plan
    owned = of_kind_or_near(ask.wardrobe, garment.kind) if garment and not found else []
    if owned:  # the situation set every one aside ("best shoes for a long walk?" with sandals and flats): say so
        plan.say("none_suit", *owned[:3], kind=garment.kind if garment else None)
        return plan
    if not found:
        plan.say("none_of", kind=garment.kind if garment else None)
        return plan
    besides = _besides(ask, found)
    if besides:
        found = [item for item in found if item not in besides]
        if not found:  # "any other ties apart from the burgundy one?": no, that one is all
            plan.say("only_these", *besides[:3])
            return plan
    ground = bool(SOFT_GROUND.search(ask.u.text)) and all(i.category == "shoes" for i in found)
    best = bool(PICKED.search(ask.u.text)) or ground  # "what shoes on grass?": the few that work, and why
    # "do I have ...?" is answered yes; "what do I have ...?" with the pieces, no "yes" in front
    asked = EXISTS.search(ask.u.text) and not re.match(r"\s*(?:what|which)\b", ask.u.text)
    if garment is None and ask.slots.occasion:  # "anything for a black tie event?": an outfit's worth
        found = _one_per_slot(found, 5)
    one = bool(ONE_ASKED.search(ask.u.text))  # "what's the best shoe for ...?": one pair, not three
    shown = found[: 1 if best and one else 3 if best else 12]
    key = "best_of" if best else "yes_have" if asked else "you_have"
    wet = ask.slots.rain and all(i.category == "shoes" for i in shown)  # why these in the rain: closed, grippy
    plan.say(key, *shown, kind=garment.kind if garment else None, walking=ask.slots.walking, ground=ground, rain=wet)
    return plan


@planner(k.COUNT)
def count(ask: Ask) -> Plan:
    plan = Plan(k.COUNT)
    found, garment = _selection(ask)
    if PRONOUN.search(ask.u.text) and ask.state.named:  # "how many shirts is that?": in the last answer
        found = [item for item in found if item.id in ask.state.named]
    if COLOURS_COUNTED.search(ask.u.text):  # "how many colours do I own?": the colours, not the pieces
        seen = [i.colour_names[0] for i in found if i.colour_names]
        colours = sorted(dict.fromkeys(seen), key=lambda c: (-seen.count(c), seen.index(c)))
        plan.say("count_colours", n=len(colours), colours=tuple(colours))
        return plan
    plan.say("count", *found[: 8 if len(found) <= 8 else 0], n=len(found), kind=garment.kind if garment else None)
    return plan


COLOURS_COUNTED = re.compile(r"\bhow many (?:different |distinct )?colou?rs\b")


# what a situation needs: (need, types that fill it, the lowest formality that counts)
NEEDS = {
    "work": (("tailoring", ("blazer",), 3), ("smart_bottom", ("trousers", "skirt"), 3),
             ("smart_top", ("shirt", "blouse"), 3),
             ("smart_shoes", ("loafers", "formal-shoes", "flats", "boots", "heels"), 3),
             ("coat", ("coat", "trench"), 3)),
    "capsule": (("coat", ("coat", "jacket", "trench", "puffer"), 1), ("smart_bottom", ("trousers", "skirt"), 3),
                ("smart_top", ("shirt", "blouse"), 3), ("knit", ("sweater", "cardigan"), 1),
                ("smart_shoes", ("loafers", "boots", "flats", "formal-shoes"), 3), ("tailoring", ("blazer",), 3)),
    "cold_trip": (("coat", ("coat", "jacket", "puffer"), 1), ("boots", ("boots",), 1),
                  ("knit", ("sweater", "hoodie"), 1), ("scarf", ("scarf", "hat", "beanie"), 1),
                  ("gloves", ("gloves",), 1)),
    "trip": (("light_layer", ("jacket", "trench", "cardigan", "blazer", "coat"), 1),
             ("walking_shoes", ("sneakers", "boots", "loafers"), 1), ("knit", ("sweater", "cardigan", "hoodie"), 1),
             ("evening_piece", ("shirt", "blouse", "dress", "jumpsuit"), 3)),
    "ski": (("base_layer", (), 9), ("ski_trousers", (), 9), ("gloves", ("gloves",), 1),
            ("coat", ("puffer", "jacket", "coat"), 1), ("warm_hat", ("beanie", "hat"), 1), ("boots", ("boots",), 1)),
    "winter": (("coat", ("coat", "jacket", "puffer"), 1), ("boots", ("boots",), 1), ("knit", ("sweater", "hoodie"), 1),
               ("scarf", ("scarf", "hat"), 1), ("gloves", ("gloves",), 1)),
    "hike": (("rain_shell", (), 9), ("trail_boots", ("trail-boots",), 1),
             ("knit", ("sweater", "sweatshirt", "hoodie", "cardigan"), 1)),
    "sport": (("running_shoes", ("sport-shoes",), 1), ("sports_bottom", ("sport-bottom",), 1),
              ("sports_top", ("sport-top",), 1)),
    "hot": (("breathable", (), 9), ("shorts", ("shorts",), 1), ("sandals", ("sandals",), 1),
            ("hat", ("hat", "sunglasses"), 1)),
    "beach": (("shorts", ("shorts",), 1), ("sandals", ("sandals",), 1), ("swimwear", (), 9),
              ("hat", ("hat", "sunglasses"), 1)),
    "weekend": (("casual_jacket", ("jacket", "denim-jacket", "bomber", "overshirt"), 1),
                ("casual_bottom", ("jeans", "chinos"), 1), ("casual_top", ("t-shirt", "polo"), 1),
                ("casual_shoes", ("sneakers", "boots"), 1),
                ("knit", ("sweater", "sweatshirt", "hoodie", "cardigan"), 1)),
    "black_tie": (("evening_wear", ("dress", "jumpsuit"), 5), ("dressy_shoes", ("heels", "formal-shoes"), 4)),
    "summer": (("casual_top", ("t-shirt", "polo", "tank-top"), 1),
               ("summer_bottom", ("shorts", "skirt", "dress", "jumpsuit"), 1), ("sandals", ("sandals",), 1),
               ("hat", ("hat", "sunglasses"), 1),
               ("evening_layer", ("cardigan", "denim-jacket", "jacket", "overshirt", "blazer"), 1)),
    **dict.fromkeys(("spring", "fall"), (
        ("mild_jacket", ("jacket", "trench", "denim-jacket", "bomber", "overshirt", "blazer"), 1),
        ("knit", ("sweater", "cardigan", "sweatshirt", "hoodie"), 1),
        ("casual_bottom", ("jeans", "chinos", "trousers"), 1), ("casual_shoes", ("sneakers", "boots", "loafers"), 1))),
    "rain": (("rain_coat", ("trench",), 1), ("rain_boots", ("boots",), 1), ("umbrella", ("umbrella",), 1)),
    "formal": (("dressy_piece", ("dress", "jumpsuit", "blazer"), 4),
               ("dressy_shoes", ("heels", "formal-shoes", "loafers"), 3),
               ("tailoring", ("blazer",), 4)),
}  # fmt: skip


def _scenario(ask: Ask) -> str:
    """What the gaps are judged for: the event or climate said, before the season or a trip."""
    text, s = ask.u.text, ask.slots
    if re.search(r"\b(?:black|white)[- ]tie\b|\btuxedo\b|\bgala\b", text):
        return "black_tie"  # a black-tie wedding in December needs evening wear before gloves
    if re.search(r"\b(?:beach|seaside|swim\w*|cruise)\b", text) or s.occasion == "beach":  # a cruise: resort wear
        return "beach"
    if re.search(r"\b(?:ski\w*|snowboard\w*)\b", text):
        return "ski"
    cold_place = re.search(r"\b(?:snow|winter)\b", text) or s.season == "winter"
    if s.occasion == "outdoor" and HIKING.search(text) and not cold_place:
        return "hike"  # "a week of trekking in the mountains": boots for the trail and a shell, not gloves
    if re.search(r"\b(?:mountains?|snow|winter trip)\b", text) or (s.season == "winter" and s.trip_days):
        return "cold_trip"
    if s.occasion == "outdoor":
        return "hike"
    if s.occasion == "gym":
        return "sport"  # "I've just taken up running": kit made for it, not a capsule
    if HOT_CLIMATE.search(text) or HOT_PLACE.search(text):
        return "hot"  # "moving somewhere tropical": what humid heat asks for, beyond a beach week
    if s.rain and not s.trip_days:
        return "rain"  # "moving to London, it rains all the time"
    cold = s.temperature_c is not None and s.temperature_c < 10
    away = s.trip_days or re.search(r"\b(?:trips?|travel\w*|journey)\b", text)  # a winter work trip packs warm
    dressed_for = s.occasion in ("work", "interview", "wedding-guest", "day-wedding", "formal", "party", "funeral")
    dressed_for = dressed_for and not away
    if (s.season == "winter" and not dressed_for) or (cold and not s.trip_days):  # "a bank job from January": work
        return "winter"  # "what am I missing for cold weather?"
    if s.season in ("summer", "spring", "fall") and not away and not dressed_for:
        return s.season  # "what am I missing for summer?": that season's pieces, not a capsule with a coat
    if s.trip_days or s.occasion == "travel":
        return "trip"
    if s.occasion in ("wedding-guest", "day-wedding", "formal", "party", "funeral"):
        return "formal"
    if s.occasion in ("work", "interview"):
        return "work"
    if re.search(r"\b(?:weekends?|casual|off-duty|days off|downtime|relaxed)\b", text):
        return "weekend"  # "clothes for the weekend, not just work stuff"
    return "capsule"


HOT_CLIMATE = re.compile(r"\btropic\w*|\bhumid\w*|\bhot (?:country|climate|place|city)\b|\bequator\w*|\bthe gulf\b")
# kit made for sport: sporty sneakers, and sporty bottoms and light tops (a hoodie is for after)
SPORT_KIT = {"sport-shoes": ("shoes", ("sneakers",)), "sport-bottom": ("bottom", ("leggings", "joggers", "shorts")),
             "sport-top": ("top", ("t-shirt", "tank-top", "longsleeve"))}  # fmt: skip


def _fills(item: WardrobeItem, types: tuple[str, ...]) -> bool:
    sport = [SPORT_KIT[t] for t in types if t in SPORT_KIT]
    if sport and item.style == "sporty" and any(item.category == slot and item.type in kinds for slot, kinds in sport):
        return True
    return item.type in types or ("trail-boots" in types and is_trail_shoe(item))


@planner(k.GAP)
def gap(ask: Ask) -> Plan:
    plan = Plan(k.GAP)
    scenario = _scenario(ask)
    missing: list[tuple[str, list[WardrobeItem]]] = []
    covered: list[tuple[str, list[WardrobeItem]]] = []
    for need, types, lowest in NEEDS[scenario]:
        owned = [i for i in ask.wardrobe if _fills(i, types) and formality(i) >= lowest]
        if (
            not owned
            and need == "coat"
            and any(i.category == "outerwear" and i.type not in LIGHT_LAYERS for i in ask.wardrobe)
        ):
            need = "smart_coat"  # a puffer is something over it, just not over tailoring
        (covered if owned else missing).append((need, owned[:1]))
    have = list(dict.fromkeys(items[0] for _, items in covered))[:3]  # the blazer once, though it fills two needs
    if not missing:
        plan.say("no_gap", *have, scenario=scenario)
        return plan
    plan.say("gaps", needs=tuple(need for need, _ in missing[:4]), scenario=scenario)
    if have:
        plan.say("gaps_covered", *have)
    return plan


def _colour_or_colour(ask: Ask) -> list[WardrobeItem]:
    """ "black or brown shoes", and "shoes black or brown" as Romance languages say it: one garment, two colours."""
    text = ask.u.text
    colours = COLOUR_VOCABULARY.spans(text)
    for (begin, end, first), (start, end2, second) in itertools.pairwise(colours):
        if text[end:start].strip() != "or":
            continue
        after = (g for g in ask.slots.garments if g.start >= end2 and len(text[end2 : g.start].split()) <= 1)
        garments = reversed(ask.slots.garments)
        before = (g for g in garments if g.start < begin and len(text[g.start : begin].split()) <= 2)
        garment = next(after, None) or next(before, None)
        if garment is None:
            continue
        found = [resolve(Garment(garment.kind, c, None, True, 0), ask.wardrobe).items[:1] for c in (first, second)]
        if all(found) and found[0] != found[1]:
            return [found[0][0], found[1][0]]
    return []


def _options(ask: Ask) -> list[WardrobeItem]:
    """The two things compared: one garment in two colours, named items, or the items of the last answer."""
    items = _colour_or_colour(ask) or [r.one for r in ask.refs if r.one is not None]
    for ref in ask.refs:  # "the camel coat or the trench?": the trench is the coat the first option is not
        rest = [i for i in ref.items if i not in items] if ref.one is None else []
        if len(rest) == 1 and len(items) < 2:
            items.append(rest[0])
    if len(items) < 2:
        items = _best_of_each_kind(ask) or items
    kind = next((g.kind for g in ask.slots.garments if g.asked), None)
    if len(items) < 2 and kind and 2 <= len(of_kind(ask.wardrobe, kind)) <= 3:
        return of_kind(ask.wardrobe, kind)  # "which dress is better for a wedding?": your two dresses
    if len(items) < 2 and re.search(r"\bwhich (?:one|is)\b", ask.u.text):
        items = _thread_options(ask)
    return items[:2]


def _best_of_each_kind(ask: Ask) -> list[WardrobeItem]:
    """ "Boots or sneakers for a muddy festival?": your best pair of each kind for what the question says."""
    kinds = list(dict.fromkeys(g.kind for g in ask.slots.garments))
    if len(kinds) != 2 or all(k.startswith("category:") for k in kinds):
        return []
    criterion = _criterion(ask)
    chosen: list[WardrobeItem] = []
    for kind in kinds:
        said = [r.one for r in ask.refs if r.garment.kind == kind and r.one is not None]
        if kind.startswith("category:"):  # "o casaco cinzento ou o blusão verde": a slot, the piece its colour named
            if not said:
                return []
            chosen.append(said[0])
            continue
        pool = [i for i in of_kind(ask.wardrobe, kind) if i not in chosen]
        if not pool:
            return []
        chosen.append(max(pool, key=lambda i: (_rank(ask, i, criterion, None), -pool.index(i))))
    return chosen


def _thread_options(ask: Ask) -> list[WardrobeItem]:
    """ "Which is better?" after asking about the grey sweater, then the mustard one: the two sweaters, the
    last answer's piece and the earlier one of the same kind, before two pieces of one answer."""
    named = [ask.by_id[i] for i in ask.state.named if i in ask.by_id]
    before = [ask.by_id[i] for i in ask.state.named_before if i in ask.by_id and i not in ask.state.named]
    rivals = [(a, b) for a in named for b in before if a.category == b.category]
    return list(rivals[0]) if rivals else named[:2]


def _anchor(ask: Ask, options: Sequence[WardrobeItem]) -> WardrobeItem | None:
    """What the options are compared with: "white sneakers or brown loafers *with my beige trousers*"."""
    others = [r.one for r in ask.refs if r.one is not None and r.one not in options]
    if not ask.refs:  # options from the thread: the piece both were asked with ("... go with the red skirt?")
        slots = {item.category for item in options}  # the skirt both sweaters were asked with, never a third top
        others = [ask.by_id[i] for i in ask.state.named if i in ask.by_id and ask.by_id[i].category not in slots]
    return others[0] if others else None


def _criterion(ask: Ask) -> str:
    text = ask.u.text
    if re.search(r"\bwarm\w*\b", text):
        return "warmth"
    if re.search(r"\b(?:smarter|dressier|more (?:formal|elegant|dressy)|smartest)\b", text):
        return "formality"
    if re.search(r"\b(?:more (?:casual|relaxed)|less formal|comfier)\b", text):
        return "casual"
    if ask.slots.rain or re.search(r"\b(?:drier|dryer|dry|waterproof)\b", text):
        return "rain"  # "which keeps me drier in a shower?"
    if ask.slots.walking:
        return "comfort"
    if ask.slots.evening or ask.slots.occasion in ("date", "dinner", "party"):
        return "evening"
    return "occasion" if ask.slots.occasion else "match"


def _rank(ask: Ask, item: WardrobeItem, criterion: str, anchor_colour: str | None) -> float:
    if criterion == "warmth":
        return warmth(item)
    if criterion == "comfort":  # on a hike, the boots made for a trail before the kindest city shoe
        return -WALKING_ORDER.get(item.type or "", 9) + 10 * (ask.slots.occasion == "outdoor" and is_trail_shoe(item))
    if criterion == "rain":  # a trench or coat before a knit; closed, grippy shoes before thin ones
        order = RAIN_COVER if item.category == "outerwear" else tuple(RAIN_ORDER)
        kind = item.type or ""
        return -(order.index(kind) if kind in order else len(order)) - (item.category != "outerwear") * 0.5
    if criterion in ("formality", "casual"):
        return formality(item) * (1 if criterion == "formality" else -1)
    if criterion == "evening":
        return formality(item) + (0.5 if item.colour_names[:1] and item.colour_names[0] in SOMBRE else 0)
    score = 0.0
    if ask.slots.occasion in OCCASIONS:
        low, high = OCCASIONS[ask.slots.occasion][:2]
        score -= max(low - formality(item), formality(item) - high - 1, 0)
    if (
        anchor_colour in ("charcoal", "grey", "black")
        and item.colour_names[:1] == ("black",)
        and item.category == "shoes"
    ):
        score += 0.6  # charcoal or black tailoring with black shoes reads sharpest for business
    if anchor_colour and item.colour_names and colours_pair(anchor_colour, item.colour_names[0]):
        score += 0.3
    return score + (0.2 if item.category != "shoes" or item.type != "sneakers" else 0.0)


@planner(k.COMPARE)
def compare(ask: Ask) -> Plan:
    plan = Plan(k.COMPARE)
    options = _options(ask)
    if len(options) < 2:
        if ask.missing is not None:  # "my charcoal coat or the camel one?" with no charcoal coat: say so
            missing = ask.missing
            plan.say("dont_see", *missing.closest[:2], kind=missing.garment.kind, colour=missing.garment.colour)
        elif ask.ambiguous is not None:
            plan.say("which_one", *ask.ambiguous.items[:4])
        elif options and re.search(r"\bwhich (?:one )?(?:is|would be)\b", ask.u.text):
            plan.say("only_one", *options)  # "which is the warmest?" after counting one sweater: that one
        else:
            plan.say("compare_what")
        return plan
    criterion = _criterion(ask)
    anchor = _anchor(ask, options)
    colour = anchor.colour_names[0] if anchor and anchor.colour_names else None
    ranked = sorted(options, key=lambda item: (-_rank(ask, item, criterion, colour), options.index(item)))
    plan.say("pick", ranked[0], other=ranked[1:], criterion=criterion, occasion=ask.slots.occasion, anchor=anchor)
    return plan


def colours_pair(first: str, second: str) -> bool:
    if first in NEUTRALS or second in NEUTRALS or FAMILY.get(first) == FAMILY.get(second):
        return True
    section = colour_section(first)
    return bool(section and second in section.pairs)
