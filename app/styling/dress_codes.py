"""Dress codes per occasion as data: what is never acceptable, and (the gym) what is expected.

Soft taste per occasion (formality range, suitable styles) stays in context.OCCASIONS and only reorders;
these are the hard "no"s a stylist would never sign. Keys are the canonical names of occasions.py.
"""

from dataclasses import dataclass

from app.styling.garments import GARMENTS, garment, is_sporty
from app.styling.items import Violation, WardrobeItem
from app.vision.taxonomy import normalise_type


@dataclass(frozen=True)
class DressCode:
    where: str  # for messages: "at an interview"
    banned_types: frozenset[str] = frozenset()
    no_sportswear: bool = False
    no_beachwear: bool = False
    no_formal: bool = False  # tailoring and dress shoes (the gym)
    allowed_types: frozenset[str] | None = None  # when set, only these types (and sporty unknown types)
    muted: bool = False  # no loud colours (a funeral)
    fixes: tuple[tuple[str, str], ...] = ()  # slot -> what to add when no item of that slot fits


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
LOUD_FAMILIES = frozenset({"red", "orange", "yellow", "pink", "purple", "green"})

DRESS_CODES: dict[str, DressCode] = {
    "interview": DressCode("at an interview", SMART_BANS, no_sportswear=True, no_beachwear=True, fixes=SMART_FIXES),
    "wedding-guest": DressCode("at a wedding", SMART_BANS, no_sportswear=True, no_beachwear=True, fixes=SMART_FIXES),
    "formal": DressCode("at a formal event", SMART_BANS, no_sportswear=True, no_beachwear=True, fixes=SMART_FIXES),
    "funeral": DressCode(
        "at a funeral", SMART_BANS, no_sportswear=True, no_beachwear=True, muted=True, fixes=SMART_FIXES
    ),
    "work": DressCode(
        "at work",
        frozenset({"shorts", "tank-top", "undershirt", "cap", "beanie", "flip-flops", "slides", "slippers"}),
        no_sportswear=True,
        no_beachwear=True,
        fixes=(
            ("top", "a shirt, blouse or knit"),
            ("bottom", "trousers, a skirt or dark jeans"),
            ("shoes", "loafers, boots, flats or clean sneakers"),
        ),
    ),
    "date": DressCode("on a date", frozenset({"undershirt", "slippers"}), no_sportswear=True, no_beachwear=True),
    "dinner": DressCode("at dinner", frozenset({"undershirt", "slippers"}), no_sportswear=True, no_beachwear=True),
    "party": DressCode("at a party", frozenset({"undershirt", "slippers"}), no_sportswear=True, no_beachwear=True),
    "gym": DressCode(
        "at the gym",
        no_formal=True,
        allowed_types=GYM_TYPES,
        fixes=(("top", "a t-shirt or tank top"), ("bottom", "shorts, leggings or joggers"), ("shoes", "sneakers")),
    ),
    "beach": DressCode(
        "at the beach",
        frozenset({"boots", "ankle-boots", "coat", "puffer", "parka", "tie", "formal-shoes", "oxfords", "heels"}),
        no_formal=True,
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
}


def _banned_because(item: WardrobeItem, code: DressCode) -> str | None:
    kind, name = garment(item), normalise_type(item.type) if item.type else None
    if code.allowed_types is not None:
        allowed = name in code.allowed_types if name in GARMENTS else is_sporty(item)
        return None if allowed else "not made for sport"
    if name in code.banned_types:
        return "never worn"
    if code.no_sportswear and is_sporty(item) and item.category != "accessory":
        return "sportswear"
    if code.no_beachwear and kind.beachwear:
        return "beachwear"
    if code.no_formal and kind.formal:
        return "too formal"
    if (
        code.muted
        and item.category != "accessory"
        and item.colour_families[:1]
        and item.colour_families[0] in LOUD_FAMILIES
    ):
        return "too loud a colour"
    return None  # fmt: skip


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
