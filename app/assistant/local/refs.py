"""References to owned items that survive tag errors: kind first, colour and pattern as soft evidence.

"My beige trench coat" finds the coat tagged tan, "my olive shirt" the shirt tagged khaki, "my navy jacket"
the jacket tagged black: colour is scored by how close the two palette colours look (CIELAB distance) and by
a short list of colours people and cameras confuse, never by exact name alone. The user's corrections are
already applied to the item's tags by the service, so a corrected colour is an exact match. Items the last
answer named win a tie ("the heels" after an outfit with heels). Two items are ambiguous only when they
match about equally well; a garment nothing matches is reported as missing with the closest owned ones.
"""

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from functools import cache

from app.assistant.local.entities import SAME_TYPE
from app.assistant.local.slots import Garment
from app.styling import WardrobeItem
from app.vision.colours import PALETTE
from app.vision.taxonomy import category_of, normalise_type

CONFUSED = (
    {"olive", "khaki", "khaki green", "forest green"}, {"navy", "black", "charcoal", "denim blue"},
    {"beige", "tan", "camel", "stone", "cream", "khaki"}, {"grey", "charcoal", "light grey", "silver"},
    {"burgundy", "plum", "brown", "chocolate", "red"}, {"white", "ivory", "cream"}, {"blue", "denim blue", "navy"},
    {"pink", "blush", "coral"}, {"mustard", "yellow", "gold"}, {"brown", "chocolate", "tan", "camel", "rust"},
)  # fmt: skip
MISMATCH = 0.35  # below this colour similarity the item is not the one described
CLOSE_CALL = 0.1  # two candidates closer than this are ambiguous
SAME_FAMILY = 0.4  # two shades of one colour family (burgundy, red) are at least this alike
FAMILY = {name: family for name, _, family in PALETTE}
# Shades most people call by another family's name: navy is "blue" ("my blue blazer" is the navy one). Weaker than
# a shade of the family itself, so "the blue shirt" is still the light blue one before the navy.
SAID_AS = {"navy": "blue"}
SAID_AS_SIMILARITY = 0.27  # with the confusion bonus: above MISMATCH, a clear step under a named shade


@dataclass(frozen=True)
class Resolved:
    garment: Garment
    items: tuple[WardrobeItem, ...]  # the match (one), the candidates (several), or () when none
    closest: tuple[WardrobeItem, ...] = ()  # when nothing matches: the owned items of that kind

    @property
    def one(self) -> WardrobeItem | None:
        return self.items[0] if len(self.items) == 1 else None

    @property
    def missing(self) -> bool:
        return not self.items


@cache
def _lab(colour: str) -> tuple[float, float, float] | None:
    hexes = {name: value for name, value, _ in PALETTE}
    if colour not in hexes:
        return None
    rgb = [int(hexes[colour][i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    x = (0.4124 * linear[0] + 0.3576 * linear[1] + 0.1805 * linear[2]) / 0.9505
    y = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    z = (0.0193 * linear[0] + 0.1192 * linear[1] + 0.9505 * linear[2]) / 1.089

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


@cache
def colour_similarity(asked: str, tagged: str) -> float:
    """1 for the same colour, high for colours that look alike or are often confused, 0 for far apart."""
    if asked == tagged:
        return 1.0
    a, b = _lab(asked), _lab(tagged)
    seen = max(0.0, 1 - math.dist(a, b) / 45) if a and b else 0.0  # CIE76 distance 45 reads as a different colour
    if FAMILY.get(asked) is not None and FAMILY.get(asked) == FAMILY.get(tagged):
        seen = max(seen, SAME_FAMILY)  # "my burgundy skirt" for the skirt tagged red: a shade, not another colour
    elif FAMILY.get(asked) is not None and FAMILY.get(asked) == SAID_AS.get(tagged):
        seen = max(seen, SAID_AS_SIMILARITY)
    confused = any(asked in group and tagged in group for group in CONFUSED)
    # "the blue shirt" is the light blue one before the navy: a shade whose name says the colour asked for
    named = asked in tagged.split()
    return min(0.95, seen + 0.1 * (confused + named)) if confused or named else seen


def _type_key(kind: str | None) -> str:
    key = normalise_type(kind or "")
    return SAME_TYPE.get(key, key)


# Kinds that contain finer kinds, whatever else the wardrobe holds: a beanie is a hat ("my hat", "any hats?",
# "how many hats?" count it), while a hat is not a beanie.
COVERS: dict[str, frozenset[str]] = {"hat": frozenset({"cap", "beret", "beanie"})}
# Kinds people name that the taxonomy has no row for, and the tag a photo of one gets: a cap or a beret is tagged
# hat, so a piece tagged hat may be the cap asked for; a beanie (its own tag) never is.
TAGGED_AS: dict[str, str] = {"cap": "hat", "beret": "hat", "backpack": "bag"}  # a backpack is tagged bag


def of_kind(wardrobe: Sequence[WardrobeItem], kind: str) -> list[WardrobeItem]:
    """Owned items of a kind: a taxonomy type ("jeans"), with the finer kinds it covers, or a slot
    ("category:shoes")."""
    if kind.startswith("category:"):
        slot = kind.removeprefix("category:")
        return [item for item in wardrobe if (item.category or category_of(item.type)) == slot]
    key = _type_key(kind)
    covered = COVERS.get(key, frozenset()) | ({TAGGED_AS[key]} if key in TAGGED_AS else set())
    return [item for item in wardrobe if _type_key(item.type) == key or _type_key(item.type) in covered]


# Kinds people name one for another, nearest first: "my jackets" when the wardrobe holds a puffer and a
# blazer, "my trench" for a coat tagged coat. Used only when no item has the kind itself.
RELATED: dict[str, tuple[str, ...]] = {
    "coat": ("trench", "puffer", "outerwear", "jacket"), "trench": ("coat", "jacket"),
    "puffer": ("jacket", "coat", "outerwear"), "jacket": ("puffer", "outerwear", "trench", "blazer", "coat"),
    "outerwear": ("jacket", "coat", "puffer", "trench"), "blazer": ("jacket",),
    "sweater": ("sweatshirt", "hoodie", "longsleeve", "cardigan"), "sweatshirt": ("hoodie", "sweater"),
    "hoodie": ("sweatshirt",),
    "cardigan": ("sweater",), "shirt": ("blouse",), "blouse": ("shirt", "top"),
    "top": ("category:top",),
    "t-shirt": ("top", "tank-top"), "tank-top": ("top", "t-shirt"), "longsleeve": ("t-shirt", "sweater"),
    "formal-shoes": ("loafers",), "loafers": ("formal-shoes", "flats"), "flats": ("loafers",),
    "trousers": ("pants",), "pants": ("trousers",), "joggers": ("leggings",), "leggings": ("joggers",),
    "suit": ("blazer",), "cap": ("hat",), "beret": ("hat",),
}  # fmt: skip


def of_kind_or_near(wardrobe: Sequence[WardrobeItem], kind: str) -> list[WardrobeItem]:
    """Owned items of a kind; when there are none, those of the nearest kind people call by that name."""
    found = of_kind(wardrobe, kind)
    for near in RELATED.get(_type_key(kind), ()):  # a "category:<slot>" entry stands for the whole slot
        if found:
            break
        found = of_kind(wardrobe, near)
    return found


def _score(item: WardrobeItem, garment: Garment, recent: Collection[int]) -> float:
    score = 1.0
    if garment.colour:
        score = max((colour_similarity(garment.colour, c) for c in item.colour_names[:2]), default=0.0)
    if garment.pattern:
        score += 0.3 if item.pattern == garment.pattern else -0.2
    if garment.use:
        score += 0.3 if item.style == garment.use else 0.0
    return score + (0.1 if item.id in recent else 0.0)


def resolve(garment: Garment, wardrobe: Sequence[WardrobeItem], recent: Collection[int] = ()) -> Resolved:
    """The owned item(s) a garment phrase means; `recent`: ids the last answer named, preferred on ties."""
    pool = of_kind_or_near(wardrobe, garment.kind)
    if not pool:
        return Resolved(garment, ())
    ranked = sorted(((_score(item, garment, recent), item) for item in pool), key=lambda pair: (-pair[0], pair[1].id))
    best = ranked[0][0]
    if garment.colour and best < MISMATCH:
        return Resolved(garment, (), tuple(item for _, item in ranked[:3]))
    close = tuple(item for score, item in ranked if best - score < CLOSE_CALL)
    if len(close) > 1 and recent and any(item.id in recent for item in close):
        close = tuple(item for item in close if item.id in recent)
    return Resolved(garment, close)


def resolve_near(garment: Garment, wardrobe: Sequence[WardrobeItem], recent: Collection[int] = ()) -> Resolved:
    """Like `resolve`, but through the kinds people call by that name, the best colour match first (the nearest
    kind on a tie): "and the navy one?" after a black jacket is the navy puffer."""
    first = resolve(garment, wardrobe, recent)
    if first.items:
        return first
    found = [resolve(replace(garment, kind=near), of_kind(wardrobe, near), recent) for near in RELATED.get(
        _type_key(garment.kind), ())]  # fmt: skip
    matched = [r for r in found if r.items]
    if not matched:
        return first
    best = max(matched, key=lambda r: _score(r.items[0], garment, recent))
    return replace(best, garment=garment)
