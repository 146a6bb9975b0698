"""What a stylist knows about each garment kind, keyed by type: layer, warmth, closed shoes, accessory kind.

The vision taxonomy (app/vision/taxonomy.py) decides which slot a type fills; this table holds only what the
styling rules need. A type missing here falls back on its category, so a new type from the taxonomy is handled
(conservatively) before anyone adds a row for it.
"""

from dataclasses import dataclass
from functools import lru_cache

from app.styling.items import WardrobeItem
from app.vision.taxonomy import normalise_type

# Torso layers, innermost first: a base top, a mid layer (knit, hoodie), a tailored layer (blazer), outerwear.
BASE, MID, TAILORED, OUTER = 0, 1, 2, 3
LAYER_NAMES = {BASE: "base top", MID: "mid layer", TAILORED: "tailored layer", OUTER: "outerwear"}


@dataclass(frozen=True)
class Garment:
    layer: int | None = None  # torso layer (tops, one-pieces and outerwear); None for bottoms, shoes, accessories
    warmth: int = 2  # 1 (vest, sandals) .. 5 (winter coat)
    closed: bool = True  # shoes that keep rain out; False for sandals, flip-flops, heels, ballet flats
    flat: bool = True  # shoes without a heel: heels, pumps and heeled boots slip and splash in the rain
    waterproof: bool = False  # outerwear made for rain (a raincoat, a trench, a parka, a windbreaker)
    rain_ready: bool = False  # shoes made for wet streets (boots: a sealed upper and a grippy sole, unlike loafers)
    sleeveless: bool = False  # a gilet: the outer layer over a shirt or a knit, but neither rain nor cold cover
    open_toe: bool = False  # sandals, flip-flops, slides: bare feet, wrong in the cold (heels with tights are not)
    knit: bool = False  # knitwear and fleece: too warm in heat
    sportswear: bool = False  # made for sport: wrong at an interview, a wedding, a funeral, the office
    beachwear: bool = False  # flip-flops, swimwear: the beach, a pool, at home
    formal: bool = False  # tailoring and dress shoes: wrong at the gym
    accessory: str | None = None  # the accessory kind: at most one of each kind per outfit
    winter: bool = False  # winter accessories (beanie, gloves, wool scarf): not in heat
    # Bottoms of a heavy cloth (wool, corduroy, leather): too warm from HOT_C. Legs judge the heat by the cloth, not
    # by the torso's warmth scale: light trousers, chinos, linen and jeans are worn at 28-32 °C by people with no
    # shorts, and were refused at 27 °C by the assistant's warmth range (session 11).
    heavy: bool = False
    # A dress is as dressy as what it is worn with: heels, a blazer or a clutch lift a plain one this many formality
    # levels (the image engine tags most dresses casual, formality 2, and a dress + heels read as "mixes dressy and
    # casual" at a wedding). A sporty or graphic one is what it is (features.styled_up).
    styled_up: int = 0


GARMENTS: dict[str, Garment] = {
    # tops
    "t-shirt": Garment(layer=BASE, warmth=1),
    "tank-top": Garment(layer=BASE, warmth=1),
    "undershirt": Garment(layer=BASE, warmth=1),
    "top": Garment(layer=BASE, warmth=1),
    "blouse": Garment(layer=BASE, warmth=1),
    "shirt": Garment(layer=BASE, warmth=2),
    "polo": Garment(layer=BASE, warmth=2),
    "kurta": Garment(layer=BASE, warmth=2),
    "longsleeve": Garment(layer=BASE, warmth=2),
    "sweater": Garment(layer=MID, warmth=4, knit=True),
    "sweatshirt": Garment(layer=MID, warmth=3, knit=True, sportswear=True),
    "hoodie": Garment(layer=MID, warmth=3, knit=True, sportswear=True),
    "cardigan": Garment(layer=MID, warmth=3, knit=True),
    # Sleeveless outerwear is worn as the outer layer, over a shirt or a knit, never under (or with) a coat: so it
    # takes the outer layer, but is neither rain cover nor enough as the only outer layer in the cold (`covers`).
    # Session 8 made it a mid layer, and a gilet over a sweater was refused as "two mid layers" (session 9).
    "vest": Garment(layer=OUTER, warmth=2, sleeveless=True),
    "gilet": Garment(layer=OUTER, warmth=3, sleeveless=True),
    "body-warmer": Garment(layer=OUTER, warmth=3, sleeveless=True),
    "puffer-vest": Garment(layer=OUTER, warmth=3, sleeveless=True),
    "waistcoat": Garment(layer=MID, warmth=2, formal=True),
    # outerwear
    "blazer": Garment(layer=TAILORED, warmth=3, formal=True),
    "jacket": Garment(layer=OUTER, warmth=4),
    "outerwear": Garment(layer=OUTER, warmth=4),
    "coat": Garment(layer=OUTER, warmth=5),
    "trench": Garment(layer=OUTER, warmth=4, waterproof=True),
    "trench-coat": Garment(layer=OUTER, warmth=4, waterproof=True),
    "raincoat": Garment(layer=OUTER, warmth=3, waterproof=True),
    "puffer": Garment(layer=OUTER, warmth=5),
    "parka": Garment(layer=OUTER, warmth=5, waterproof=True),
    "denim-jacket": Garment(layer=OUTER, warmth=3),
    "leather-jacket": Garment(layer=OUTER, warmth=4),
    "windbreaker": Garment(layer=OUTER, warmth=3, sportswear=True, waterproof=True),
    # one-pieces
    "dress": Garment(layer=BASE, warmth=2, styled_up=2),
    "jumpsuit": Garment(layer=BASE, warmth=2, styled_up=2),
    "bodysuit": Garment(layer=BASE, warmth=1),
    "tracksuit": Garment(layer=BASE, warmth=3, sportswear=True),
    "swimsuit": Garment(layer=BASE, warmth=1, beachwear=True),
    # bottoms
    "jeans": Garment(warmth=3),
    "pants": Garment(warmth=3),
    "trousers": Garment(warmth=3),
    "chinos": Garment(warmth=3),
    "linen-trousers": Garment(warmth=2),
    "wool-trousers": Garment(warmth=4, heavy=True),
    "corduroys": Garment(warmth=4, heavy=True),
    "corduroy-trousers": Garment(warmth=4, heavy=True),
    "leather-trousers": Garment(warmth=4, heavy=True),
    "leather-pants": Garment(warmth=4, heavy=True),
    "joggers": Garment(warmth=3, sportswear=True),
    "track-pants": Garment(warmth=3, sportswear=True),
    "sweatpants": Garment(warmth=3, sportswear=True),
    "leggings": Garment(warmth=2, sportswear=True),
    "shorts": Garment(warmth=1),
    "skirt": Garment(warmth=2),
    # shoes
    "sneakers": Garment(warmth=2),
    "trainers": Garment(warmth=2),
    "running-shoes": Garment(warmth=2, sportswear=True),
    "formal-shoes": Garment(warmth=2, formal=True),
    "oxfords": Garment(warmth=2, formal=True),
    "loafers": Garment(warmth=2, formal=True),
    "boots": Garment(warmth=4, rain_ready=True),
    "ankle-boots": Garment(warmth=4, rain_ready=True),
    "heeled-boots": Garment(warmth=4, flat=False),  # closed, but a heel: not what a stylist sends into the rain
    "heels": Garment(warmth=1, closed=False, flat=False, formal=True),
    "pumps": Garment(warmth=1, closed=False, flat=False, formal=True),
    "flats": Garment(warmth=1, closed=False),  # ballet flats: soaked in rain, cold in winter
    "sandals": Garment(warmth=1, closed=False, open_toe=True),
    "flip-flops": Garment(warmth=1, closed=False, open_toe=True, beachwear=True),
    "slides": Garment(warmth=1, closed=False, open_toe=True, beachwear=True),
    "slippers": Garment(warmth=1, closed=False, open_toe=True, beachwear=True),
    # accessories
    "bag": Garment(accessory="bag"),
    "handbag": Garment(accessory="bag"),
    "backpack": Garment(accessory="bag"),
    "clutch": Garment(accessory="bag", formal=True),
    "wallet": Garment(accessory="bag"),  # carried like a bag (a clutch looks like one): one carried piece an outfit
    "hat": Garment(accessory="hat"),
    "cap": Garment(accessory="hat", sportswear=True),
    "beanie": Garment(accessory="hat", winter=True, knit=True),
    "scarf": Garment(accessory="scarf", warmth=3),
    "muffler": Garment(accessory="scarf", warmth=4, winter=True, knit=True),
    "gloves": Garment(accessory="gloves", winter=True),
    "belt": Garment(accessory="belt"),
    "watch": Garment(accessory="watch"),
    "sunglasses": Garment(accessory="eyewear"),
    "tie": Garment(accessory="tie", formal=True),
    "socks": Garment(accessory="socks"),
    "jewellery": Garment(accessory="jewellery"),
}

# Finer words a person may correct a type to (this table knows them) that the taxonomy
# (app/vision/taxonomy.py) has no row of its own for: the taxonomy type whose slot, style, formality, seasons and warmth
# their tags take. Until session 8 a correction to one of them kept the model's old category, style and type
# candidates (a biker jacket tagged `blazer` corrected to `leather-jacket` stayed formal, "maybe a blazer").
LIKE_TYPE: dict[str, str] = {
    "vest": "cardigan", "gilet": "cardigan", "body-warmer": "cardigan", "puffer-vest": "cardigan",
    "waistcoat": "blazer", "trench-coat": "trench", "raincoat": "jacket", "parka": "puffer",
    "denim-jacket": "jacket", "leather-jacket": "jacket", "windbreaker": "jacket",
    "tracksuit": "jumpsuit", "swimsuit": "bodysuit",
    "chinos": "trousers", "linen-trousers": "trousers", "wool-trousers": "trousers", "corduroys": "trousers",
    "corduroy-trousers": "trousers", "leather-trousers": "trousers", "leather-pants": "trousers",
    "track-pants": "joggers", "sweatpants": "joggers",
    "trainers": "sneakers", "running-shoes": "sneakers", "oxfords": "formal-shoes", "ankle-boots": "boots",
    "heeled-boots": "boots", "pumps": "heels", "slides": "sandals",
    "handbag": "bag", "backpack": "bag", "clutch": "bag", "cap": "hat", "muffler": "scarf", "jewellery": "watch",
}  # fmt: skip

# A type this table does not know: judged by its slot.
BY_CATEGORY: dict[str, Garment] = {
    "top": Garment(layer=BASE, warmth=2),
    "one-piece": Garment(layer=BASE, warmth=2),
    "outerwear": Garment(layer=OUTER, warmth=4),
    "bottom": Garment(warmth=3),
    "shoes": Garment(warmth=2),
    "accessory": Garment(accessory="other"),
}
_NOTHING = Garment()


def garment(item: WardrobeItem) -> Garment:
    """What the rules know about this item's kind; unknown types fall back on the category."""
    return garment_of(item.type, item.category)


@lru_cache(maxsize=4096)
def garment_of(garment_type: str | None, category: str | None) -> Garment:
    """Cached: the search asks this for every candidate of every partial outfit."""
    if garment_type:
        known = GARMENTS.get(normalise_type(garment_type))
        if known is not None:
            return known
    return BY_CATEGORY.get(category or "", _NOTHING)


HYPHENATED = frozenset({"t-shirt", "flip-flops"})  # written with a hyphen in English; other type keys are not


def covers(kind: Garment) -> bool:
    """A coat or jacket that keeps rain and cold out: the outer layer, with sleeves (a gilet does not)."""
    return kind.layer == OUTER and not kind.sleeveless


def type_words(garment_type: str | None) -> str:
    """A type key as words for a person: "formal-shoes" -> "formal shoes" (a t-shirt stays a t-shirt)."""
    name = normalise_type(garment_type) if garment_type else "item"
    return name if name in HYPHENATED else name.replace("-", " ")


def accessory_kind(item: WardrobeItem) -> str:
    """Unknown accessory types each count as their own kind, so two of them are not mistaken for two hats."""
    kind = garment(item).accessory
    return f"other:{item.type}" if kind in (None, "other") else kind


def is_sporty(item: WardrobeItem) -> bool:
    """Sportswear by kind, or a top/bottom/shoe the tags call sporty (running shoes look like sneakers)."""
    return garment(item).sportswear or item.style == "sporty"
