"""Yes/no questions ("can I wear X to Y", "does X go with Y", "is X warm enough"): a verdict first, then why.

The verdict is grounded in the named items (or, for "can I wear sneakers to a wedding?", in the user's own
pieces of that kind) and in the situation the question gives. A "no" comes with what to wear instead.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from app.assistant.local import kinds as k
from app.assistant.local.plan import Ask, Plan, effective_temperature, formality, kind_formality, planner, warmth
from app.assistant.local.plan_items import FAMILY, SOMBRE, colours_pair
from app.assistant.local.plan_outfits import (
    LOUD_COLOURS,
    NOT_FOR_WALKING,
    OPEN_SHOES,
    SOMBRE_OCCASIONS,
    cover_for,
    is_loud,
    mourning_accent,
    needs_cover,
    outfit,
)
from app.assistant.local.refs import of_kind, of_kind_or_near, resolve
from app.assistant.local.slots import PRONOUN
from app.assistant.local.state import ASKED_AGAIN, WORN_SLOTS
from app.styling import WardrobeItem
from app.styling.context import OCCASIONS, StyleContext, formality_range, target_warmth
from app.styling.garments import GARMENTS
from app.styling.occasions import WEDDINGS
from app.styling.rules import HOT_C, item_problems
from app.vision.taxonomy import base_formality, category_of

# "what can I wear to the office at 30 degrees, are shorts ok?": the verdict, then an outfit of the user's own
WHAT_TO_WEAR = re.compile(r"\bwhat (?:can|should|could|do|shall|would) i (?:wear|put on)\b|\bwhat to wear\b")
TOO_MUCH = re.compile(r"\btoo (?:much|formal|dressy|smart|fancy)\b|\boverdressed\b|\bover the top\b|\boverkill\b")
TOO_LOUD = re.compile(r"\btoo (?:loud|bright|flashy|showy|bold|colou?rful|much colou?r)\b")
TOO_THIN = re.compile(r"\btoo (?:thin|light|flimsy|skimpy|cold)\b")  # "too thin for 14 degrees?": yes means it is
TOO_WARM = re.compile(r"\btoo (?:warm|hot|heavy|thick)\b")  # "too warm for 30 degrees?": yes means it is
LIGHT = ("light_enough", "warm_enough")
CLOTH_AFTER = re.compile(r"\S+ (?:of|en|in|made of) ([a-z]+)\b")
TOO_CASUAL = re.compile(r"\btoo (?:casual|informal|relaxed|sporty|scruffy)\b|\bunderdressed\b")
ACCESSORY_TOO_WARM_FROM_C = 18.0  # a beanie or a wool scarf is too warm only on a warm day
TOP_ALONE_BELOW_C = 10.0  # below this, no top or dress is enough outdoors without a layer
RELAXED = frozenset({"dinner", "lunch", "date", "party", "casual", "travel", "outdoor", "beach", "gym"})
# Bare legs or shoulders are the dress code's call: "it depends" on them names none of yours as "will do"
BARE = frozenset({"shorts", "tank-top", "flip-flops", "crop-top"})
OUTFIT_PIECES = 4  # "fit check: blouse, trousers, heels": a verdict on the whole outfit names every piece
BOLD_PATTERNS = frozenset({"floral", "checked", "dotted", "animal", "graphic"})
# "do navy and black clash?", "brown and black together, is it forbidden?": yes and no change places
CLASH = re.compile(
    r"\bclash\w*\b|\bforbidden\b|\bnot allowed\b|\ba (?:fashion )?(?:faux pas|crime|sin|no-no)\b"
    r"|\bis it (?:a no|wrong)\b|\brule against\b"
)


@dataclass(frozen=True)
class Verdict:
    answer: str  # yes, no, depends
    reason: str  # a phrase key


# "loafers without socks": what comes after is left off, a condition of the look, not a piece judged
LEFT_OFF = re.compile(r"\b(?:without|minus|no|sans|bare)\s+(?:any\s+|the\s+)?$")
# kinds worn together that a stylist has a rule for, whichever pieces: (kinds, the verdict)
KIND_PAIRS = ((frozenset({"sandals", "socks"}), ("depends", "socks_with_sandals")),)


def _subjects(ask: Ask) -> tuple[list[WardrobeItem], list[str]]:
    """Owned items the question is about, grounding generic kinds ("sneakers") in the user's own pieces."""
    items = list(ask.items)
    generic = []
    for garment in ask.slots.garments:
        if any(r.garment == garment for r in ask.refs if r.one is not None):
            continue
        if LEFT_OFF.search(ask.u.text[: garment.start]):
            continue
        found = resolve(garment, ask.wardrobe, ask.state.named)
        if found.items and found.items[0] not in items:
            items.append(found.items[0])
        elif not found.items:
            generic.append(garment.kind)
    return _asked_again(ask, items)[:OUTFIT_PIECES], generic


def _asked_again(ask: Ask, items: list[WardrobeItem]) -> list[WardrobeItem]:
    """The same question again about another piece or occasion: "and the mustard one?" after "does my grey
    sweater go with the red skirt?" keeps the skirt; "what about a wedding?" asks of the same pieces."""
    if ask.state.kind != k.YESNO or not ASKED_AGAIN.search(ask.u.text):
        return items
    earlier = [ask.by_id[i] for i in ask.state.focus if i in ask.by_id]
    if not items and earlier and ask.slots.colours and not ask.slots.garments:  # "and the navy?": that kind in navy
        said = ask.slots.colours[0]
        same = [i for i in of_kind(ask.wardrobe, str(earlier[0].type)) if i.colour_names[:1] == (said,)]
        return same[:1] or earlier
    if not items:
        return earlier
    return items + [i for i in earlier if all(i.category != other.category for other in items)]


# Warm pieces worn on the way and taken off inside: a beanie with a good coat to the office is no dress-code fault
WORN_ON_THE_WAY = frozenset({"beanie", "gloves"})
TAKEN_OFF_INSIDE_AT = frozenset({"work", "casual", "dinner", "lunch", "date", "travel"})


def _for_occasion(item: WardrobeItem, occasion: str) -> Verdict:
    if item.type in WORN_ON_THE_WAY and occasion in TAKEN_OFF_INSIDE_AT:
        return Verdict("yes", "fits_occasion")
    low, high = formality_range(item, occasion)
    level = formality(item)
    colour = item.colour_names[0] if item.colour_names else ""
    plain_top = item.category == "top" and colour in ("white", "ivory") and not item.pattern  # the white shirt
    if occasion == "funeral" and (item.pattern in BOLD_PATTERNS or (colour and colour not in SOMBRE and not plain_top)):
        return Verdict("no", "too_bright_for_funeral")
    if occasion == "funeral" and not mourning_accent(item):  # a burgundy tie: muted, but not what mourners wear
        return Verdict("depends", "tie_for_funeral")
    if occasion == "interview" and is_loud(item) and item.category != "accessory":
        return Verdict("no", "too_bright_for_interview")  # red heels pull focus from what you say
    if occasion in WEDDINGS and colour in ("white", "ivory", "cream") and item.category == "one-piece":
        return Verdict("no", "white_at_wedding")
    if level < low - 1:  # at a dinner or a party the place decides; at an interview it does not
        return Verdict("depends", "bit_casual_for") if occasion in RELAXED else Verdict("no", "too_casual_for")
    if level == low - 1:
        return Verdict("depends", "bit_casual_for")
    if level > high + 1:
        return Verdict("depends", "too_dressy_for")
    return Verdict("yes", "fits_occasion")


NEED = re.compile(
    r"\b(?:do|will) i (?:need|have to wear|have to bring)\b|\bis (?:a|an) \w+ (?:necessary|needed|required)\b"
    r"|\b(?:is|are) (?:the |my |a |an )?[\w-]+ (?:really |actually )?(?:necessary|needed|required|a must)\b"
    r"|\b(?:necessary|needed|required|a must)\s*$"
)


# Occasions whose dress code runs from a barn in jeans to black tie: whether a tie is needed is the invitation's
# call unless the question says the code (black tie, formal, an evening); a day wedding is its own occasion
CODE_DECIDES = frozenset({"wedding-guest"})
OPTIONAL_KIND = frozenset(
    {"kind_too_dressy", "kind_not_needed", "kind_needed_by_code", "kind_not_too_much", "kind_not_too_much_relaxed"}
)  # "yours", not "better"
CODE_WORDS = re.compile(r"\b(?:formal|black[- ]tie|white[- ]tie|evening|church|cathedral|smart)\b")


def _kind_needed(kind: str, occasion: str, ask: Ask | None = None) -> Verdict:
    """ "Do I need a tie?": needed only where the dress code asks for that level of dress, not merely allows it;
    "it depends" where the occasion's code varies and the question does not say it."""
    low = OCCASIONS[occasion][0]
    level = kind_formality(kind)
    if low < 4 or level < 4:
        return Verdict("no", "kind_not_needed")
    code_said = ask is not None and (ask.slots.evening or bool(CODE_WORDS.search(ask.u.text)))
    if occasion in CODE_DECIDES and not code_said:
        return Verdict("depends", "kind_needed_by_code")
    return Verdict("yes", "kind_needed")


def _dresses_up(item: WardrobeItem, occasion: str | None) -> bool:
    """An accessory whose only job is to dress up (a tie), above what the occasion asks."""
    if occasion not in OCCASIONS or item.category != "accessory":
        return False
    high = OCCASIONS[occasion][1]
    return formality(item) > high and kind_formality(str(item.type)) > high


def _layer_needed(ask: Ask, item: WardrobeItem) -> Verdict:
    """ "Do I really need the coat?" after a packing list: the trip's weather (or season) wants a layer or not."""
    slots = ask.slots
    season_cold = slots.season in ("fall", "winter", "spring") and slots.temperature_c is None
    if needs_cover(ask) or season_cold or slots.evening:
        return Verdict("yes", "layer_needed")
    return Verdict("no", "layer_not_needed")


def _colour_at(colour: str, occasion: str) -> Verdict:
    """ "Is black ok for a wedding?", "is red ok for a funeral?": the colour at that occasion."""
    if occasion in WEDDINGS and colour in ("white", "ivory", "cream"):
        return Verdict("no", "colour_bride")
    if occasion in SOMBRE_OCCASIONS and (colour in LOUD_COLOURS or (occasion == "funeral" and colour not in SOMBRE)):
        return Verdict("no", "colour_too_bright_for")
    return Verdict("yes", "colour_fits_occasion")


def _coloured_kind(verdict: Verdict, colour: str | None, occasion: str) -> Verdict:
    """ "Is a black dress ok for a wedding?": a kind that is not too casual is judged by its colour's etiquette
    (black is fine at an evening or modern wedding, white is the bride's, bright is out at a funeral)."""
    if not colour or verdict.reason in ("kind_too_casual_for", "kind_too_dressy"):
        return verdict
    if occasion == "wedding-guest" and colour == "black":
        return Verdict("yes", "black_at_wedding")
    by_colour = _colour_at(colour, occasion)
    settles = by_colour.answer == "no" or (verdict.answer != "yes" and by_colour.answer == "yes")
    return by_colour if settles else verdict


# A bag is carried, not worn: every occasion takes one, and what it asks is the kind of bag. A backpack reads
# casual: fine for a relaxed day or the commute, the place's call at an office or interview, out at a dressed event.
CARRIED = frozenset({"bag", "backpack"})
OFFICE_DAYS = frozenset({"work", "interview"})


def _carried_for_occasion(kind: str, occasion: str, *, relaxed: bool) -> Verdict:
    dressed = OCCASIONS[occasion][0] >= 3
    if kind == "backpack":
        if not dressed or relaxed:
            return Verdict("yes", "backpack_fine")
        return Verdict("depends", "backpack_office") if occasion in OFFICE_DAYS else Verdict("no", "backpack_event")
    if occasion in OFFICE_DAYS:
        return Verdict("yes", "bag_structured")
    return Verdict("yes", "bag_small") if dressed else Verdict("yes", "bag_fine")


def _kind_for_occasion(kind: str, occasion: str) -> Verdict:
    level = kind_formality(kind)
    low, high = OCCASIONS[occasion][:2]
    if level < low - 1:
        return Verdict("no" if occasion in ("funeral", "interview") else "depends", "kind_too_casual_for")
    if level > high:  # "should I wear a tie to a first date?": more than the occasion asks
        return Verdict("depends", "kind_too_dressy")
    return Verdict("yes", "kind_fits") if level >= low else Verdict("depends", "kind_bit_casual")


def _for_weather(ask: Ask, item: WardrobeItem) -> Verdict | None:
    s = ask.slots
    temperature = effective_temperature(s)
    if s.rain and (item.type in OPEN_SHOES or item.type == "sandals"):
        return Verdict("no", "open_shoes_rain")
    if s.walking and item.type in NOT_FOR_WALKING:
        return Verdict("no", "not_for_walking")
    if s.walking and item.category == "shoes":
        return Verdict("yes", "fine_for_walking")
    if temperature is not None:
        if item.type == "shorts" and temperature < 20:
            return Verdict("no", "too_cold_for")
        if _too_warm_for_heat(ask, item, temperature):  # the engine's heat rule: never "warm enough" at 30 °C
            return Verdict("no", "too_warm_heat")
        need = target_warmth(temperature)
        if item.category in ("top", "one-piece", "outerwear") and warmth(item) < need - 0.5:
            return Verdict("no", "not_warm_enough")
        if item.category in ("top", "one-piece") and temperature < TOP_ALONE_BELOW_C:
            return Verdict("no", "not_warm_enough")  # a hoodie at 5 °C still wants a coat on top
        accessory_in_cold = item.category == "accessory" and temperature < ACCESSORY_TOO_WARM_FROM_C
        if warmth(item) > need + 2 and not accessory_in_cold:  # a beanie in the cold is never "too warm"
            return Verdict("depends", "too_warm_for")
        return Verdict("yes", "light_enough" if temperature >= HOT_C else "warm_enough")
    if s.season == "winter" and (("summer" in item.seasons and "winter" not in item.seasons) or warmth(item) <= 1):
        return Verdict("depends", "summer_piece")
    if s.season == "fall" and "summer" in item.seasons and not {"fall", "winter"} & set(item.seasons):
        return Verdict("depends", "summer_piece_cool")  # a linen shirt in November: under a knit or a jacket
    return None


def _too_warm_for_heat(ask: Ask, item: WardrobeItem, temperature: float) -> bool:
    """The outfit engine's heat rule (knits, winter accessories, warm coats, heavy cloth) for the piece as the
    question describes it: "wool trousers" are judged as wool trousers whatever cloth their tag leaves unsaid."""
    judged = _as_said(ask, item)
    return any(problem.rule == "heat" for problem in item_problems(judged, StyleContext(temperature_c=temperature)))


def _as_said(ask: Ask, item: WardrobeItem) -> WardrobeItem:
    """The item with the cloth the question names before its kind, where the engine knows that kind of cloth."""
    for ref in ask.refs:
        if ref.one is None or ref.one.id != item.id:
            continue
        after = CLOTH_AFTER.match(ask.u.text[ref.garment.start :])  # "trousers of wool" (pantaloni di lana)
        cloth = [after.group(1)] if after else ask.u.text[: ref.garment.start].split()[-1:]
        for kind in dict.fromkeys((item.type, ref.garment.kind)):
            if cloth and kind and f"{cloth[0]}-{kind}" in GARMENTS:
                return replace(item, type=f"{cloth[0]}-{kind}")
    return item


def _belt_and_shoes(first: WardrobeItem, second: WardrobeItem) -> bool:
    return "belt" in (first.type, second.type) and "shoes" in (first.category, second.category)


def _pair(first: WardrobeItem, second: WardrobeItem, occasion: str | None) -> Verdict:
    colours = (first.colour_names[:1] or ["black"])[0], (second.colour_names[:1] or ["black"])[0]
    if occasion in OCCASIONS:
        worst = _worst([_for_occasion(item, occasion) for item in (first, second)])
        if worst.answer != "yes":
            return worst
    if _belt_and_shoes(first, second) and FAMILY.get(colours[0]) != FAMILY.get(colours[1]):
        return Verdict("no", "belt_shoes")  # leather matches leather: a brown belt with black shoes reads as a slip
    if {"brown", "black"} <= set(colours) or {"chocolate", "black"} <= set(colours):
        return Verdict("yes", "brown_black")  # tan or camel with black is an easy neutral pair, said as such
    if set(colours) == {"navy", "black"}:
        return Verdict("yes", "navy_black")
    if abs(formality(first) - formality(second)) >= 3:
        return Verdict("depends", "mixed_formality")
    if not colours_pair(*colours):
        return Verdict("depends", "pair_colours_careful")
    return Verdict("yes", "pair_ok")


def _worst(verdicts: list[Verdict]) -> Verdict:
    return min(verdicts, key=lambda v: "ndy".index(v.answer[0]))


def _culprit(items: list[WardrobeItem], occasion: str | None) -> WardrobeItem | None:
    """The one piece of an outfit that does not suit the occasion, when all the others do: the verdict is about it,
    not the outfit it was asked with."""
    if occasion not in OCCASIONS:
        return None
    off = [item for item in items if _for_occasion(item, occasion).answer != "yes"]
    return off[0] if len(off) == 1 else None


def _outfit(items: list[WardrobeItem], occasion: str | None) -> Verdict:
    """An outfit of three or four pieces: as good as its weakest pair."""
    return _worst([_pair(a, b, occasion) for n, a in enumerate(items) for b in items[n + 1 :]])


def _colours(ask: Ask) -> Verdict:
    first, second = ask.slots.colours[:2]
    if {first, second} == {"brown", "black"}:
        return Verdict("yes", "colours_brown_black")
    if {first, second} == {"navy", "black"}:
        return Verdict("yes", "colours_navy_black")
    return Verdict("yes", "colours_ok") if colours_pair(first, second) else Verdict("depends", "colours_careful")


def _as_clash(verdict: Verdict, reason: str) -> Verdict:
    """The verdict for "do they clash?": going together is a no, a careful pairing still depends."""
    return Verdict("no", reason) if verdict.answer == "yes" else verdict


def _one_in_each(ask: Ask, colours: tuple[str, ...]) -> list[WardrobeItem]:
    """An owned piece in each colour, from different slots, to try the pairing with."""
    chosen: list[WardrobeItem] = []
    for colour in colours:
        found = [i for i in ask.wardrobe if i.colour_names[:1] == (colour,) and i not in chosen]
        apart = [i for i in found if all(i.category != c.category for c in chosen)]
        if not found:
            return []
        chosen.append((apart or found)[0])
    return chosen


def _alternatives(ask: Ask, item: WardrobeItem, verdict: Verdict) -> list[WardrobeItem]:
    """What to wear instead of a "no": same slot, fitting the occasion or weather."""
    slot = item.category or category_of(item.type)  # another tie for a tie, never a belt
    kind = str(item.type) if slot == "accessory" else f"category:{slot}"
    pool = [i for i in of_kind(ask.wardrobe, kind) if i != item]
    judged = [(_judge(ask, i, None).answer, i) for i in pool]
    fits = [i for answer, i in judged if answer == "yes"] or [i for answer, i in judged if answer == "depends"]
    return sorted(fits, key=lambda i: (-formality(i) if ask.slots.occasion else 0, i.id))[:2]


def _judge(ask: Ask, item: WardrobeItem, other: WardrobeItem | None) -> Verdict:
    if other is not None:
        return _pair(item, other, ask.slots.occasion)
    weather = _for_weather(ask, item)
    if ask.slots.occasion in OCCASIONS:
        occasion = _for_occasion(item, str(ask.slots.occasion))
        # the season's "it depends" qualifies a piece the occasion takes ("a linen shirt to a dinner in November")
        qualified = weather is not None and weather.answer == "depends" and occasion.answer == "yes"
        return weather if weather and (weather.answer == "no" or qualified) else occasion
    return weather or Verdict("yes", "looks_fine")


def _kind_too_much(kind: str, occasion: str, *, relaxed: bool, judged: Verdict) -> Verdict:
    """ "Is a blazer too much for X?" asked of a kind: above the occasion's top end it is; where people dress smart
    casual (an agency, a startup) tailoring is fine but optional; else it is just the level asked for."""
    level = base_formality(kind)
    if level is not None and level > OCCASIONS[occasion][1]:
        return Verdict("yes", "kind_too_much")
    if relaxed and kind in ABOVE_RELAXED:
        return Verdict("no", "kind_not_too_much_relaxed")
    return Verdict("no", "kind_not_too_much") if judged.answer == "yes" else judged


def _too_casual(item: WardrobeItem, occasion: str) -> Verdict:
    fit = _for_occasion(item, occasion)
    if fit.answer == "yes" or fit.reason == "too_dressy_for":
        return Verdict("no", "not_too_much")
    return Verdict("yes", "is_too_casual") if fit.reason == "too_casual_for" else fit


def _with_an_outfit(ask: Ask, plan: Plan, without: list[WardrobeItem]) -> Plan:
    """The verdict, then the outfit the question also asked for, made without the pieces judged out."""
    left_out = ask.state.excluded | {item.id for item in without}
    unanchored = replace(ask.slots, garments=(), ids=())  # the judged pieces are left out, not built around
    proposal = outfit(replace(ask, slots=unanchored, refs=(), state=replace(ask.state, excluded=left_out)))
    plan.lines = [plan.lines[0], *proposal.lines]
    plan.outfits = proposal.outfits
    return plan


INSTEAD_OF = re.compile(r"\binstead of\b")


def _swapped_in(ask: Ask) -> list[WardrobeItem]:
    """ "Is brown ok instead of black shoes?" after an outfit: the owned piece said before "instead of" (a colour of
    the same kind, or a kind), in the replaced piece's place, with the rest of the outfit as dressed."""
    said = INSTEAD_OF.search(ask.u.text)
    worn = [ask.by_id[i] for i in ask.state.worn if i in ask.by_id and ask.by_id[i].category in WORN_SLOTS]
    replaced = [g for g in ask.slots.garments if said and g.start > said.start()]
    if not said or not worn or not replaced:
        return []
    before = [g for g in ask.slots.garments if g.start < said.start()]
    colours = [c for c in ask.slots.colours if c != replaced[0].colour]
    kind = before[0].kind if before else replaced[0].kind
    pool = of_kind_or_near(ask.wardrobe, kind) if before else of_kind(ask.wardrobe, kind)
    pool = [i for i in pool if not colours or i.colour_names[:1] == (colours[0],)]
    pool = [i for i in pool if i.id not in ask.state.worn]
    if not pool:
        return []
    out = next((i for i in worn if i.category == pool[0].category), None)  # brown for black: the same kind of shoe
    if out is not None:
        pool.sort(key=lambda i: (i.type != out.type, abs(formality(i) - formality(out)), i.id))
    return [pool[0], *[i for i in worn if i.category != pool[0].category]]


MIXING = re.compile(r"\b(?:mix\w*|combin\w*|pair\w*|together|clash\w*|match\w*)\b")


def _colours_only(ask: Ask) -> bool:
    """Two colours and no piece: "is it ok to mix navy and black?" asks about the colours, and its "it" is no piece."""
    return len(ask.slots.colours) >= 2 and not (ask.slots.garments or ask.slots.ids) and bool(MIXING.search(ask.u.text))


def _colour_pair(ask: Ask, plan: Plan) -> Plan:
    verdict = _colours(ask)
    if CLASH.search(ask.u.text):
        verdict = _as_clash(verdict, "no_clash")
    plan.say("verdict", verdict=verdict, colours=ask.slots.colours[:2])
    owned = _one_in_each(ask, ask.slots.colours[:2])
    if owned:
        plan.say("try_pair", *owned)
    return plan


def _pairing_asked_about(ask: Ask) -> tuple[list[WardrobeItem], list[WardrobeItem]]:
    """ "Ok with that?", "is that ok?" after a pairing ("which scarf with it?" -> the burgundy scarf): the pieces it
    added, and what they were paired with; nothing when the question names a piece of its own."""
    said = ask.u.slots
    if ask.state.kind != k.PAIRING or not PRONOUN.search(ask.u.text) or said.garments or said.ids:
        return [], []
    focus = [ask.by_id[i] for i in ask.state.focus if i in ask.by_id]
    added = [i for i in focus if i.id not in ask.state.named_before]
    return (added, [i for i in focus if i not in added]) if added and len(focus) >= 2 else ([], [])


def _with_the_pairing(ask: Ask, items: list[WardrobeItem]) -> Verdict:
    """The added piece with the pieces it was paired with: their colours and levels, and the thread's weather for
    the piece itself; not the occasion's formality (that was not asked)."""
    weather = [v for v in (_for_weather(ask, item) for item in items[:1]) if v is not None and v.answer == "no"]
    return weather[0] if weather else _outfit(items, None)


# What reads too formal where people dress smart casual (a startup, an agency): tailoring's top layer and a tie; a
# knit in the blazer's place is the usual fix
ABOVE_RELAXED = frozenset({"blazer", "tie", "bow-tie", "suit"})
RELAXED_KNITS = ("sweater", "cardigan", "polo")


def _relaxed_verdict(ask: Ask, items: Sequence[WardrobeItem], plan: Plan) -> bool:
    """ "Is it ok for a startup?" of an interview outfit: it depends, the pieces that read too formal there, and the
    knit of the user's own to wear instead; False when nothing in it is above a relaxed office."""
    outfit = ask.worn or list(items)  # the blazer on top too
    dressy = [i for i in outfit if i.type in ABOVE_RELAXED]
    dressed_down = any(formality(i) <= 2 for i in outfit if i.category in WORN_SLOTS)  # a blazer over jeans: right
    if not dressy or dressed_down:
        return False
    plan.say("verdict", *dressy, verdict=Verdict("depends", "dressier_than_relaxed"))
    worn = {i.id for i in outfit}
    knits = [i for kind in RELAXED_KNITS for i in of_kind(ask.wardrobe, kind) if i.id not in worn]
    knits = [i for i in knits if 2 <= formality(i) <= 3 and not is_loud(i)]
    if knits:
        plan.say("instead_pieces", *knits[:1])
    return True


@planner(k.YESNO)
def yesno(ask: Ask) -> Plan:
    plan = Plan(k.YESNO)
    # "can I bring my backpack?" with none in the photos: a bag is rarely photographed, so the verdict still comes;
    # "my black bag" names one piece, and that none is seen is the answer
    unseen = ask.missing.garment if ask.missing is not None else None
    carried = unseen is not None and unseen.kind in CARRIED and not unseen.colour
    carried_unseen = carried and ask.slots.occasion in OCCASIONS
    if ask.missing is not None and not carried_unseen:
        plan.say("dont_see", *ask.missing.closest[:2], kind=ask.missing.garment.kind, colour=ask.missing.garment.colour)
        return plan
    mine = re.compile(r"\b(?:my|your)\s+(?:\S+\s+){0,2}$")  # "my dress", not "le sneakers" (sneakers in general)
    unsure = next((r for r in ask.refs if len(r.items) > 1 and mine.search(ask.u.text[: r.garment.start])), None)
    if unsure is not None:  # "my dress" with two dresses: which one, rather than a verdict on the wrong one
        plan.say("which_one", *unsure.items[:4])
        return plan
    swapped = _swapped_in(ask)
    if swapped:  # "is brown ok instead of black shoes?": the brown pair with the rest of the outfit
        plan.say("verdict", *swapped, verdict=_outfit(swapped, ask.slots.occasion), occasion=ask.slots.occasion)
        return plan
    if _colours_only(ask):  # "is it ok to mix navy and black?": colour theory, whatever the thread was about
        return _colour_pair(ask, plan)
    added, paired_with = _pairing_asked_about(ask)
    situation = ask.u.slots.occasion or ask.u.slots.temperature_c is not None or ask.u.slots.rain
    if added and not situation:  # "ok with that?" after "which scarf with it?": the scarf with the outfit
        paired = [*added, *paired_with][:OUTFIT_PIECES]
        temperature = effective_temperature(ask.slots)
        plan.say("verdict", *paired, verdict=_with_the_pairing(ask, paired), temperature=temperature)
        return plan
    if added:  # "is that ok for a wedding?" after "which hat with it?": "that" is the hat, judged for the wedding
        ask = replace(ask, state=replace(ask.state, focus=tuple(i.id for i in added)))
    items, generic = _subjects(ask)
    said = {str(item.type) for item in items} | set(generic)
    rule = next((Verdict(*rule) for kinds, rule in KIND_PAIRS if kinds <= said), None)
    if rule is not None:  # "socks with sandals, ever ok?": the stylist's rule for the pair, owned or not
        plan.say("verdict", *items[:2], verdict=rule)
        return plan
    generic_only = carried_unseen or (not ask.slots.ids and not any(g.owned for g in ask.slots.garments))
    if generic_only and ask.slots.occasion in OCCASIONS and len(ask.slots.garments) == 1:
        kind = ask.slots.garments[0].kind
        occasion = str(ask.slots.occasion)
        if kind in CARRIED:
            judged = _carried_for_occasion(kind, occasion, relaxed=ask.slots.relaxed)
        elif NEED.search(ask.u.text):
            judged = _kind_needed(kind, occasion, ask)
        else:
            judged = _kind_for_occasion(kind, occasion)
        said_colour = ask.slots.garments[0].colour
        verdict = _coloured_kind(judged, said_colour, occasion)
        if TOO_MUCH.search(ask.u.text):  # "is a blazer too much for an agency?": yes means it is
            verdict = _kind_too_much(kind, occasion, relaxed=ask.slots.relaxed, judged=verdict)
        plan.say("verdict", verdict=verdict, kind=kind, colour=said_colour, occasion=ask.slots.occasion,
                 event=ask.slots.event)  # fmt: skip
        same_kind = [i for i in of_kind(ask.wardrobe, kind) if _for_occasion(i, occasion).answer == "yes"]
        slot = category_of(kind)  # "do I need a tie?": your ties, never your belt; other shoes for sneakers
        pool = [] if same_kind or slot == "accessory" else of_kind(ask.wardrobe, f"category:{slot}")
        if said_colour:  # "is a black dress ok?": your dresses in that colour, the rest only when none is
            same_kind = [i for i in same_kind if i.colour_names[:1] == (said_colour,)] or same_kind
        better = same_kind or [i for i in pool if _for_occasion(i, occasion).answer == "yes"]
        said = plan.lines[0].values["verdict"].answer
        owned = sorted(of_kind(ask.wardrobe, kind), key=lambda i: (i.style == "sporty", -formality(i), i.id))
        if said == "depends" and owned and not same_kind and kind not in BARE:  # which of yours, if the place allows
            plan.say("if_relaxed", *owned[:1])
        if said != "yes" and WHAT_TO_WEAR.search(ask.u.text):
            return _with_an_outfit(ask, plan, without=of_kind(ask.wardrobe, kind))
        if better:  # the pieces of that kind you have, when it is the kind itself that is optional
            optional = plan.lines[0].values["verdict"].reason in OPTIONAL_KIND
            plan.say("yours" if said == "yes" or (optional and same_kind) else "instead_pieces", *better[:2])
        return plan
    if not items and generic and ask.slots.occasion in OCCASIONS:
        plan.say("verdict", verdict=_kind_for_occasion(generic[0], str(ask.slots.occasion)), kind=generic[0],
                 occasion=ask.slots.occasion, event=ask.slots.event)  # fmt: skip
        return plan
    if not items and len(ask.slots.colours) == 1 and not ask.slots.garments:
        colour = ask.slots.colours[0]
        at = str(ask.slots.occasion) if ask.slots.occasion in OCCASIONS else None
        verdict = _colour_at(colour, at) if at else Verdict("yes", "colour_fine")
        plan.say("verdict", verdict=verdict, colour=colour, occasion=at, event=ask.slots.event)
        owned = [i for i in ask.wardrobe if i.colour_names[:1] == (colour,)]
        if at:  # "is navy ok for a funeral?": your navy pieces that suit it, not the striped tee
            owned = [i for i in owned if verdict.answer == "yes" and _for_occasion(i, at).answer == "yes"]
        owned = owned[:2]
        if owned:
            plan.say("try_these", *owned)
        return plan
    if not items and len(ask.slots.colours) >= 2:
        return _colour_pair(ask, plan)
    if not items:
        plan.say("which_item")
        return plan
    other = items[1] if len(items) > 1 else None
    if NEED.search(ask.u.text) and other is None and items[0].category == "outerwear":
        plan.say("verdict", items[0], verdict=_layer_needed(ask, items[0]))  # "do I need the trench?" on the trip
        return plan
    accessory = other is None and items[0].category == "accessory"
    if NEED.search(ask.u.text) and accessory and ask.slots.occasion in OCCASIONS:
        kind = str(items[0].type)  # "is the tie necessary?" at a wedding: whether the dress code asks for one
        verdict = _kind_needed(kind, str(ask.slots.occasion), ask)
        plan.say("verdict", verdict=verdict, kind=kind, occasion=ask.slots.occasion, event=ask.slots.event)
        return plan
    if ask.slots.relaxed and len(items) > 2 and _relaxed_verdict(ask, items, plan):
        return plan
    named = [r for r in ask.refs if r.one is not None]  # "can I put X over it?": one piece said, the rest the thread's
    culprit = _culprit(items, ask.slots.occasion) if len(items) > 2 and len(named) <= 1 else None
    if culprit is not None:  # "can I put my camel cardigan over it?" at a wedding: the cardigan is what's wrong
        items, other = [culprit], None
    verdict = _judge(ask, items[0], other) if len(items) <= 2 else _outfit(items, ask.slots.occasion)
    if generic and other is None and ask.slots.occasion in OCCASIONS:
        verdict = _kind_for_occasion(generic[0], str(ask.slots.occasion))
    if other is None and verdict.answer == "yes" and _dresses_up(items[0], ask.slots.occasion):
        verdict = Verdict(
            "depends", "too_dressy_for"
        )  # "can I wear my tie to a dinner with friends?": more than it asks
    if CLASH.search(ask.u.text) and other is not None:
        verdict = _as_clash(verdict, "no_clash_items")
    if TOO_MUCH.search(ask.u.text) and other is not None and verdict.answer == "yes":
        verdict = Verdict("no", "pair_not_too_much")  # "is my camel coat too formal for jeans?"
    if TOO_MUCH.search(ask.u.text) and other is None and ask.slots.occasion in OCCASIONS:
        high = OCCASIONS[str(ask.slots.occasion)][1]  # "is the blazer too much?" is about the occasion's top end
        above = formality(items[0]) > high
        verdict = Verdict("yes", "too_dressy_for") if above else Verdict("no", "not_too_much")
        if above and ask.slots.occasion == "work" and formality(items[0]) == high + 1 and not ask.slots.relaxed:
            verdict = Verdict("depends", "office_top_notch")  # a tie at work: right at a bank or before clients
    if TOO_LOUD.search(ask.u.text) and other is None and ask.slots.occasion in OCCASIONS:
        loud = verdict.reason.startswith("too_bright_for_")  # "are my red heels too loud?": yes means they are
        verdict = Verdict("yes", f"is_{verdict.reason}") if loud else Verdict("no", "not_too_bright")
    if TOO_THIN.search(ask.u.text) and other is None and verdict.reason in ("not_warm_enough", "warm_enough"):
        thin = verdict.reason == "not_warm_enough"  # asked the other way round: "too thin?" is yes when it is
        verdict = Verdict("yes", "is_too_thin") if thin else Verdict("no", "not_too_thin")
    heat = _for_weather(ask, items[0]) if TOO_WARM.search(ask.u.text) and other is None else None
    if heat is not None and heat.reason in ("too_warm_heat", *LIGHT):  # asked of the weather, not of the occasion
        hot = heat.reason == "too_warm_heat"  # "is my sweater too warm for 30 degrees?": yes means it is
        verdict = Verdict("yes", "is_too_warm_heat") if hot else Verdict("no", "not_too_warm")
    if TOO_CASUAL.search(ask.u.text) and other is None and ask.slots.occasion in OCCASIONS:
        verdict = _too_casual(items[0], str(ask.slots.occasion))  # "is it too casual?": yes means it is
    if TOO_CASUAL.search(ask.u.text) and len(items) == 2 and other is not None:  # "is my beanie too casual with ..."
        off = _culprit([items[0], other], ask.slots.occasion)
        if off is not None and _too_casual(off, str(ask.slots.occasion)).answer == "yes":
            items, other, verdict = [off], None, Verdict("yes", "is_too_casual")  # asked the other way round
        elif verdict.answer == "yes":
            verdict = Verdict("no", "pair_not_too_casual")
    if ask.slots.relaxed and verdict.reason == "too_casual_for":  # sneakers at a tech conference: the place decides
        verdict = Verdict("depends", "bit_casual_for")
    plan.say("verdict", *items, verdict=verdict, occasion=ask.slots.occasion, event=ask.slots.event,
             temperature=effective_temperature(ask.slots), generic=bool(generic))  # fmt: skip
    said_yes = verdict.answer == "yes" and not verdict.reason.startswith(("is_too_bright", "is_too_thin"))
    if (
        not said_yes
        and other is None
        and verdict.reason not in ("not_too_much", "not_too_bright", "not_too_thin", "not_too_warm")
    ):
        layer = cover_for(ask, [items[0]]) if verdict.reason in ("not_warm_enough", "is_too_thin") else None
        if layer is not None:
            plan.say("add_layer", layer, reason="cold")
        elif WHAT_TO_WEAR.search(ask.u.text):
            return _with_an_outfit(ask, plan, without=[items[0]])
        else:
            better = _alternatives(ask, items[0], verdict)
            if better:
                plan.say("instead_pieces", *better)
    return plan
