"""Dress codes per occasion as data: what is never acceptable, and (the gym) what is expected.

Soft taste per occasion (formality range, suitable styles) stays in context.OCCASIONS and only reorders;
these are the hard "no"s a stylist would never sign. Keys are the canonical names of occasions.py.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace

from app.styling.garments import BASE, MID, TAILORED, accessory_kind, garment, is_sporty
from app.styling.items import Violation, WardrobeItem
from app.vision.taxonomy import base_formality, normalise_type


@dataclass(frozen=True)
class DressCode:
    where: str  # for messages: "at an interview"
    banned_types: frozenset[str] = frozenset()
    no_sportswear: bool = False
    no_beachwear: bool = False
    no_formal: bool = False  # tailoring and dress shoes (the gym)
    allowed_types: frozenset[str] | None = None  # when set, only these types (and sporty unknown types)
    muted: bool = False  # no loud colours (a funeral)
    shoe_types: frozenset[str] | None = None  # when set, the only shoes that belong here (the beach)
    dressy_garments: bool = False  # a garment casual by kind (a jersey top) must look dressy (tagged formality 3+)
    no_graphic: bool = False  # no graphic prints (a slogan tee is never smart, whatever its type says)
    fixes: tuple[tuple[str, str], ...] = ()  # slot -> what to add when no item of that slot fits
    expects: tuple["Expected", ...] = ()  # what an outfit must hold here (black tie: dress shoes, a suit or a dress)
    dressy_bags: bool = False  # a bag must read dressed (tagged formality 3+): a small bag or a clutch, no tote


@dataclass(frozen=True)
class Expected:
    """A piece every outfit at the occasion holds: without it the outfit breaks the code; `fix` says what to add."""

    what: str  # "dress shoes", as in "no dress shoes at a formal event"
    kinds: frozenset[str]  # garment types that are it
    fix: str
    unless: frozenset[str] = frozenset()  # types that make it unneeded (a dress needs no tie)
    said: tuple[str, ...] = ()  # when set, expected only where the person's words say one of these ("black tie")


SMART_BANS = frozenset(
    {"shorts", "t-shirt", "tank-top", "undershirt", "jeans", "sneakers", "trainers", "sandals", "cap", "beanie",
     "backpack", "hoodie", "sweatshirt", "leggings", "flip-flops", "slides", "slippers"}
)  # fmt: skip
SMART_FIXES = (
    ("top", "a shirt or a blouse"),
    ("bottom", "tailored trousers or a skirt"),
    ("shoes", "formal shoes, loafers, heels or flats"),
    ("one-piece", "a dress"),
)
GYM_TYPES = frozenset(
    {"t-shirt", "tank-top", "top", "longsleeve", "polo", "hoodie", "sweatshirt", "shorts", "leggings", "joggers",
     "track-pants", "sweatpants", "tracksuit", "sneakers", "trainers", "running-shoes", "cap", "socks", "watch",
     "backpack", "sunglasses", "jacket", "windbreaker", "bodysuit"}
)  # fmt: skip
# Sand, sea and heat: no boots, coats or dress shoes, and no long trousers or lounge bottoms.
BEACH_BANS = frozenset(
    {"boots", "ankle-boots", "coat", "puffer", "parka", "tie", "formal-shoes", "oxfords", "heels", "trousers", "pants",
     "joggers", "track-pants", "sweatpants", "leggings"}
)  # fmt: skip
BEACH_SHOES = frozenset({"sandals", "flip-flops", "slides", "slippers", "sneakers", "trainers", "running-shoes"})
GARMENTS_SEEN = frozenset({"top", "bottom", "one-piece"})  # what dressy_garments and no_graphic look at
DRESSY = 3  # the formality (1..5) from which a garment reads as dressed, not casual
MUTED_EXEMPT = frozenset({"watch", "eyewear", "jewellery", "socks"})  # a gold watch is not a loud colour
LOUD_FAMILIES = frozenset({"red", "orange", "yellow", "pink", "purple", "green"})


def _smart(
    where: str,
    *,
    dressy_garments: bool = False,
    muted: bool = False,
    dressy_bags: bool = False,
    also_banned: frozenset[str] = frozenset(),
    also_allowed: frozenset[str] = frozenset(),
) -> DressCode:
    """The smart codes share what they never accept; they differ in how dressed a casual-by-kind piece must be."""
    return DressCode(
        where, (SMART_BANS | also_banned) - also_allowed, no_sportswear=True, no_beachwear=True, muted=muted,
        shoe_types=None, dressy_garments=dressy_garments, no_graphic=True, fixes=SMART_FIXES, dressy_bags=dressy_bags,
    )  # fmt: skip


# Black tie and other formal events: dress shoes, and a suit jacket or a dress. A shirt with smart trousers and boots
# passes every "no" of the smart code and is still nowhere near black tie.
FORMAL_EXPECTS = (
    Expected(
        "dress shoes",
        frozenset({"formal-shoes", "oxfords", "loafers", "heels", "pumps"}),
        "add dress shoes (oxfords, loafers or heels)",
    ),
    Expected(
        "suit jacket or dress",
        frozenset({"blazer", "waistcoat", "dress", "jumpsuit"}),
        "add a suit jacket (a blazer) or a dress",
    ),
    # Black tie names its tie: a suit without one is a business suit. A dress or a jumpsuit needs none. Said only:
    # "formal" also covers the opera, the theatre or a graduation, where a suit without a tie passes.
    Expected(
        "tie",
        frozenset({"tie", "bow-tie"}),
        "add a bow tie or a tie",
        unless=frozenset({"dress", "jumpsuit"}),
        said=("black tie", "black-tie", "white tie", "white-tie"),
    ),
)

# What the office asks for, said when the wardrobe misses it (the interview at a creative agency asks the same).
OFFICE_FIXES: tuple[tuple[str, str], ...] = (
    ("top", "a shirt, blouse or knit"),
    ("bottom", "trousers, a skirt or dark jeans"),
    ("shoes", "loafers, boots, flats or clean sneakers"),
)
DRESS_CODES: dict[str, DressCode] = {
    # A garment casual by kind must look dressed at an interview, a formal event or a funeral; a wedding in
    # summer allows a casual floral dress, so it only refuses what is never smart.
    "interview": _smart("at an interview", dressy_garments=True, also_banned=frozenset({"hat", "sunglasses"})),
    # At a wedding or a formal event the bag is a small one or a clutch: a bag tagged casual is a tote, a shopper or
    # a backpack the image engine calls a bag (it has no backpack class), and no bag at all is better.
    "wedding-guest": _smart("at a wedding", dressy_bags=True),
    # A garden or beach wedding by day: dressy sandals belong there (the rest of the smart code holds).
    "day-wedding": _smart("at a daytime wedding", dressy_bags=True, also_allowed=frozenset({"sandals"})),
    "formal": replace(_smart("at a formal event", dressy_garments=True, dressy_bags=True), expects=FORMAL_EXPECTS),
    "funeral": _smart("at a funeral", dressy_garments=True, muted=True),
    # A slogan or graphic tee is weekend wear, whatever the rest of the outfit: never at the office. Headwear is no
    # part of an office outfit (a cap or beanie never; the image engine's `hat` is most often a cap).
    "work": DressCode(
        "at work",
        frozenset({"shorts", "tank-top", "undershirt", "cap", "hat", "beanie", "flip-flops", "slides", "slippers"}),
        no_sportswear=True,
        no_beachwear=True,
        no_graphic=True,
        fixes=OFFICE_FIXES,
    ),
    "date": DressCode("on a date", frozenset({"undershirt", "slippers"}), no_sportswear=True, no_beachwear=True),
    # A meal or drinks with people (a family gathering, drinks with friends): hats come off at the table.
    "dinner": DressCode(
        "at a meal out",  # not "at dinner": drinks or a family gathering are dressed by this code too
        frozenset({"undershirt", "slippers", "cap", "hat"}),
        no_sportswear=True,
        no_beachwear=True,
    ),
    "lunch": DressCode(
        "at a meal out",  # the dinner code by day (context.OCCASIONS ranks evening pieces lower)
        frozenset({"undershirt", "slippers", "cap", "hat"}),
        no_sportswear=True,
        no_beachwear=True,
    ),
    "party": DressCode("at a party", frozenset({"undershirt", "slippers"}), no_sportswear=True, no_beachwear=True),
    "gym": DressCode(
        "at the gym",
        no_formal=True,
        allowed_types=GYM_TYPES,
        fixes=(("top", "a t-shirt or tank top"), ("bottom", "shorts, leggings or joggers"), ("shoes", "sneakers")),
    ),
    "beach": DressCode(
        "at the beach",
        BEACH_BANS,
        no_formal=True,
        shoe_types=BEACH_SHOES,
        fixes=(("shoes", "sandals, flip-flops or sneakers"),),
    ),
    "travel": DressCode("for travel", frozenset({"heels", "pumps", "tie", "clutch"})),
    "outdoor": DressCode(
        "outdoors",
        frozenset({"heels", "pumps", "flats", "sandals", "tie", "clutch", "skirt", "dress"}),
        no_formal=True,
        no_beachwear=True,
        fixes=(("shoes", "boots or sneakers"),),
    ),
    "casual": DressCode("for a casual day", frozenset({"tie"})),
    # Codes the words refine an occasion to (occasions.SETTINGS), never sent by a client. An interview at a creative
    # agency or a startup is smart casual: the office's code, and nothing for the beach or a hat.
    "relaxed-interview": DressCode(
        "at an interview",
        frozenset({"shorts", "tank-top", "undershirt", "cap", "hat", "beanie", "sunglasses", "flip-flops", "slides",
                   "slippers", "sandals"}),
        no_sportswear=True,
        no_beachwear=True,
        no_graphic=True,
        fixes=OFFICE_FIXES,
    ),
}  # fmt: skip
# The beach in the evening is a bar: beach shoes still, long light trousers welcome, nothing sporty.
DRESS_CODES["beach-evening"] = replace(
    DRESS_CODES["beach"],
    where="at the beach in the evening",
    banned_types=BEACH_BANS - {"trousers", "pants"},
    no_sportswear=True,
)


# The codes that ask for dress (built with _smart): where an outfit that breaks them is no outfit to offer at all.
DRESSED_CODES = frozenset({"interview", "wedding-guest", "day-wedding", "formal", "funeral"})


def _banned_because(item: WardrobeItem, code: DressCode) -> str | None:
    kind, name = garment(item), normalise_type(item.type) if item.type else None
    if code.allowed_types is not None:
        # a generic type the image engine tagged sporty ("pants" that are track pants) is sportswear too
        allowed = name in code.allowed_types or (is_sporty(item) and not kind.formal)
        return None if allowed else "not made for sport"
    if name in code.banned_types:
        return "never worn"
    if code.no_sportswear and is_sporty(item) and item.category != "accessory":
        return "sportswear"
    if code.no_beachwear and kind.beachwear:
        return "beachwear"
    if code.no_formal and kind.formal:
        return "too formal"
    if code.shoe_types is not None and item.category == "shoes" and name not in code.shoe_types:
        return "not shoes for it"
    if code.dressy_bags and accessory_kind(item) == "bag" and item.formality is not None and item.formality < DRESSY:
        return "a casual bag"
    if item.category in GARMENTS_SEEN and (reason := _too_casual(item, code)):
        return reason
    if (
        code.muted
        and accessory_kind(item) not in MUTED_EXEMPT
        and item.colour_families[:1]
        and item.colour_families[0] in LOUD_FAMILIES
    ):
        return "too loud a colour"
    return None  # fmt: skip


def _too_casual(item: WardrobeItem, code: DressCode) -> str | None:
    if code.no_graphic and item.pattern == "graphic":
        return "a graphic print"
    if code.dressy_garments and looks_casual(item) and not is_under_layer(item):
        return "too casual"
    return None


def looks_casual(item: WardrobeItem) -> bool:
    """Casual by kind and by its tags (formality under DRESSY): what dressy_garments refuses."""
    kind_formality = base_formality(item.type)
    return (
        kind_formality is not None
        and kind_formality < DRESSY
        and item.formality is not None
        and item.formality < DRESSY
    )


def is_under_layer(item: WardrobeItem) -> bool:
    """A knit (a sweater, a cardigan: not sportswear) that is dressed enough where tailoring covers it."""
    kind = garment(item)
    return kind.layer == MID and kind.knit and not kind.sportswear


def uncovered_knits(items: Sequence[WardrobeItem], occasion: str | None) -> list[Violation]:
    """A casual knit passes a dressed code only worn over a shirt and under a blazer (a fine knit under tailoring at a
    winter interview or funeral); on its own, or with nothing tailored over it, it is too casual."""
    code = DRESS_CODES.get(occasion or "")
    if code is None or not code.dressy_garments:
        return []
    layers = {garment(item).layer for item in items if item.category in ("top", "outerwear")}
    dressed = {BASE, TAILORED} <= layers
    return [
        Violation(str(occasion), f"{item.type} {code.where} (too casual without a blazer over it)")
        for item in items
        if not dressed and item.category == "top" and looks_casual(item) and is_under_layer(item)
    ]


def occasion_problem(item: WardrobeItem, occasion: str | None) -> Violation | None:
    """Why this item is never acceptable for the occasion, or None."""
    code = DRESS_CODES.get(occasion or "")
    if code is None:
        return None
    reason = _banned_because(item, code)
    if reason is None:
        return None
    fix = dict(code.fixes).get(item.category or "", "")
    what = f"{item.colour_families[0]} " if reason == "too loud a colour" and item.colour_families else ""
    return Violation(
        str(occasion),
        f"{what}{item.type or item.category} {code.where} ({reason})",
        f"nothing in the wardrobe fits {code.where} as {item.category}: add {fix}" if fix else "",
    )


def expectation_problems(
    items: Sequence[WardrobeItem], occasion: str | None, said: str | None = None
) -> list[Violation]:
    """What the occasion expects that this outfit lacks, each with what to add ("add dress shoes ..."); `said` is
    the person's own words for the occasion, which some expectations need ("black tie")."""
    code = DRESS_CODES.get(occasion or "")
    if code is None or not code.expects:
        return []
    kinds = {normalise_type(item.type) for item in items if item.type}
    return [
        Violation(str(occasion), f"no {expected.what} {code.where}", f"no {expected.what} {code.where}: {expected.fix}")
        for expected in code.expects
        if not kinds & (expected.kinds | expected.unless) and _said(expected, said)
    ]


def _said(expected: Expected, said: str | None) -> bool:
    words = (said or "").lower().replace("_", "-")
    return not expected.said or any(cue in words for cue in expected.said)
