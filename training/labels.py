"""Label vocabularies and the explicit mappings from each data set's raw labels to them."""

from __future__ import annotations

import re

# Fine garment types. Names are the API's labels; order is the head's output order.
TYPE_LABELS: tuple[str, ...] = (
    "t-shirt", "polo", "longsleeve", "shirt", "top", "tank-top", "hoodie", "kurta",
    "outerwear", "blazer",
    "pants", "shorts", "skirt",
    "dress", "bodysuit",
    "sneakers", "formal-shoes", "heels", "flats", "sandals",
    "hat", "bag", "wallet", "belt", "watch", "sunglasses", "scarf", "tie", "socks",
)  # fmt: skip

_ACCESSORIES = ("hat", "bag", "wallet", "belt", "watch", "sunglasses", "scarf", "tie", "socks")
CATEGORY_OF_TYPE: dict[str, str] = {
    **dict.fromkeys(("t-shirt", "polo", "longsleeve", "shirt", "top", "tank-top", "hoodie", "kurta"), "top"),
    **dict.fromkeys(("outerwear", "blazer"), "outerwear"),
    **dict.fromkeys(("pants", "shorts", "skirt"), "bottom"),
    **dict.fromkeys(("dress", "bodysuit"), "one-piece"),
    **dict.fromkeys(("sneakers", "formal-shoes", "heels", "flats", "sandals"), "shoes"),
    **dict.fromkeys(_ACCESSORIES, "accessory"),
}
CATEGORY_LABELS: tuple[str, ...] = ("top", "bottom", "one-piece", "outerwear", "shoes", "accessory")
SHOE_TYPES: tuple[str, ...] = tuple(t for t in TYPE_LABELS if CATEGORY_OF_TYPE[t] == "shoes")

# clothing-types label -> allowed fine types. "Shoes" there covers every kind of shoe, so it is a
# set-valued (partial) label: the loss rewards probability mass anywhere in the set.
CLOTHING_TYPES_MAP: dict[str, tuple[str, ...]] = {
    "T-Shirt": ("t-shirt",), "Polo": ("polo",), "Longsleeve": ("longsleeve",), "Shirt": ("shirt",),
    "Top": ("top",), "Blouse": ("top",), "Undershirt": ("tank-top",), "Hoodie": ("hoodie",),
    "Outwear": ("outerwear",), "Blazer": ("blazer",),
    "Pants": ("pants",), "Shorts": ("shorts",), "Skirt": ("skirt",),
    "Dress": ("dress",), "Body": ("bodysuit",),
    "Shoes": SHOE_TYPES, "Hat": ("hat",),
}  # fmt: skip
# The ten main clothing-types classes the type target is defined on.
MAIN_CLOTHING_TYPES: tuple[str, ...] = (
    "T-Shirt", "Pants", "Longsleeve", "Shoes", "Shirt", "Dress", "Shorts", "Outwear", "Hat", "Skirt",
)  # fmt: skip

# product-attributes articleType -> fine type. Sweaters/sweatshirts become "longsleeve" because the
# home-photo set (closest to user uploads) files them there; jeans/trousers are all "pants" likewise.
ARTICLE_TYPE_MAP: dict[str, str] = {
    "Tshirts": "t-shirt", "Shirts": "shirt", "Tops": "top", "Sweaters": "longsleeve",
    "Sweatshirts": "longsleeve", "Kurtas": "kurta", "Kurtis": "kurta", "Tunics": "kurta",
    "Jackets": "outerwear", "Jeans": "pants", "Trousers": "pants", "Track Pants": "pants",
    "Capris": "pants", "Leggings": "pants", "Churidar": "pants", "Shorts": "shorts", "Skirts": "skirt",
    "Dresses": "dress", "Casual Shoes": "sneakers", "Sports Shoes": "sneakers",
    "Formal Shoes": "formal-shoes", "Heels": "heels", "Flats": "flats", "Sandals": "sandals",
    "Sports Sandals": "sandals", "Flip Flops": "sandals", "Caps": "hat", "Hat": "hat",
    "Handbags": "bag", "Backpacks": "bag", "Clutches": "bag", "Laptop Bag": "bag", "Duffel Bag": "bag",
    "Messenger Bag": "bag", "Rucksacks": "bag", "Waist Pouch": "bag", "Wallets": "wallet",
    "Belts": "belt", "Watches": "watch", "Sunglasses": "sunglasses", "Mufflers": "scarf",
    "Scarves": "scarf", "Stoles": "scarf", "Dupatta": "scarf", "Ties": "tie", "Socks": "socks",
}  # fmt: skip
# Brands whose names contain "polo" but say nothing about the garment.
_POLO_BRANDS = re.compile(r"u\.?s\.? polo assn\.?|polo club")


def product_type(article_type: str, display_name: str) -> str | None:
    """Fine type of a product, refined by its display name where the article type is too coarse."""
    base = ARTICLE_TYPE_MAP.get(article_type)
    name = _POLO_BRANDS.sub("", display_name.lower())
    if base == "t-shirt" and "polo" in name:
        return "polo"
    if base in ("longsleeve", "outerwear") and ("hooded" in name or "hoodie" in name):
        return "hoodie"
    if base == "outerwear" and "blazer" in name:
        return "blazer"
    return base


STYLE_LABELS: tuple[str, ...] = ("casual", "formal", "sports", "ethnic")
STYLE_MAP: dict[str, str] = {"Casual": "casual", "Formal": "formal", "Sports": "sports", "Ethnic": "ethnic"}
SEASON_LABELS: tuple[str, ...] = ("spring", "summer", "fall", "winter")
SEASON_MAP: dict[str, str] = {"Spring": "spring", "Summer": "summer", "Fall": "fall", "Winter": "winter"}

COLOR_LABELS: tuple[str, ...] = (
    "black", "white", "grey", "navy", "blue", "brown", "beige", "red", "pink", "purple", "green",
    "yellow", "orange", "metallic",
)  # fmt: skip
# baseColour -> colour family. "Multi" and blanks are left unlabelled.
BASE_COLOUR_MAP: dict[str, str] = {
    "Black": "black",
    "White": "white", "Off White": "white", "Cream": "white",
    "Grey": "grey", "Charcoal": "grey", "Grey Melange": "grey",
    "Navy Blue": "navy",
    "Blue": "blue", "Turquoise Blue": "blue", "Teal": "blue",
    "Brown": "brown", "Coffee Brown": "brown", "Tan": "brown", "Taupe": "brown",
    "Beige": "beige", "Khaki": "beige", "Nude": "beige",
    "Red": "red", "Maroon": "red", "Burgundy": "red",
    "Pink": "pink", "Magenta": "pink", "Peach": "pink",
    "Purple": "purple", "Lavender": "purple", "Mauve": "purple",
    "Green": "green", "Olive": "green", "Sea Green": "green", "Fluorescent Green": "green",
    "Yellow": "yellow", "Mustard": "yellow",
    "Orange": "orange", "Rust": "orange",
    "Silver": "metallic", "Gold": "metallic", "Copper": "metallic", "Bronze": "metallic",
    "Steel": "metallic", "Metallic": "metallic",
}  # fmt: skip

PATTERN_LABELS: tuple[str, ...] = (
    "solid", "striped", "checked", "dotted", "floral", "animal", "graphic", "other",
)  # fmt: skip
# Both sources' names -> pattern family (see docs/model-card.md for the reasoning).
PATTERN_MAP: dict[str, str] = {
    "plain": "solid",
    "striped": "striped", "stripes": "striped", "chevron": "striped",
    "checkered": "checked", "tartan": "checked", "squares": "checked", "houndstooth": "checked",
    "argyle": "checked",
    "dotted": "dotted", "polka dot": "dotted",
    "floral": "floral",
    "leopard": "animal", "zebra": "animal", "animal": "animal", "scales": "animal",
    "cartoon": "graphic", "letter_numb": "graphic", "skull": "graphic", "stars": "graphic",
    "geometry": "graphic",
    "herringbone": "other", "paisley": "other", "tribal": "other", "ikat": "other", "other": "other",
}  # fmt: skip

# Weak pattern labels for whole garments, from product names ("Solid Polo", "Striped Shirt"). The
# pattern folders show fabric crops and worn dresses only; these teach the head what a plain or a
# striped garment looks like as a user photographs it. A name matching two families is skipped.
_NAME_PATTERNS: dict[str, re.Pattern[str]] = {
    "solid": re.compile(r"\b(solid|plain)\b"),
    "striped": re.compile(r"\b(stripes?|striped)\b"),
    "checked": re.compile(r"\b(checks?|checked|checkered|plaid|tartan)\b"),
    "dotted": re.compile(r"\b(polka|dots?|dotted)\b"),
    "floral": re.compile(r"\bfloral|\bflower"),
    "animal": re.compile(r"\b(leopard|zebra|animal|snake)\b"),
    "graphic": re.compile(r"\b(graphic|logo|text)\b"),
}
# "Printed" means a graphic print on T-shirts and sweatshirts; on kurtas or skirts it can be anything.
_GRAPHIC_PRINT_TYPES = ("Tshirts", "Sweatshirts")


def product_pattern(master_category: str, article_type: str, display_name: str) -> str | None:
    """Pattern family named by a product's display name; shoes that name none are taken as solid."""
    name = display_name.lower()
    hits = {family for family, regex in _NAME_PATTERNS.items() if regex.search(name)}
    if article_type in _GRAPHIC_PRINT_TYPES and re.search(r"\bprint(ed)?\b", name):
        hits.add("graphic")
    if len(hits) == 1:
        return hits.pop()
    if not hits and master_category == "Footwear":
        return "solid"
    return None


HEAD_LABELS: dict[str, tuple[str, ...]] = {
    "type": TYPE_LABELS,
    "pattern": PATTERN_LABELS,
    "style": STYLE_LABELS,
    "season": SEASON_LABELS,
    "color": COLOR_LABELS,
}


# Kind of shoe (app.vision.taxonomy.SHOE_KINDS) from a product's article type, refined by its name:
# the catalogue files ballerinas under Heels and flat sandals under Flats, and the name says so.
_SHOE_ARTICLES: dict[str, str] = {
    "Casual Shoes": "sneakers", "Sports Shoes": "sneakers", "Formal Shoes": "formal", "Heels": "heels",
    "Flats": "flats", "Sandals": "sandals", "Sports Sandals": "sandals", "Flip Flops": "sandals",
}  # fmt: skip
_SHOE_NAME_KINDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bboots?\b"), "boots"),
    (re.compile(r"\b(flip ?flops?|sandals?|slides?|clogs?)\b"), "sandals"),
    (re.compile(r"\b(heels?|pumps?|wedges?|stilettos?)\b"), "heels"),
    (re.compile(r"\b(flats?|ballerinas?|bellies)\b"), "flats"),
    (re.compile(r"\b(loafers?|moccasins?|brogues?|oxfords?|derby)\b"), "formal"),
)


def product_shoe_kind(article_type: str, display_name: str) -> str | None:
    """Shoe kind of a product, or None when it is not footwear."""
    base = _SHOE_ARTICLES.get(article_type)
    if base is None:
        return None
    name = display_name.lower()
    for pattern, kind in _SHOE_NAME_KINDS:
        if pattern.search(name):
            # A "sandal" named in Heels is a heeled sandal: still a heel for the outfit.
            return base if (base == "heels" and kind == "sandals") else kind
    return base


# Worn-outfits mask labels -> shoe kind (generic "shoes" is left unlabelled).
WORN_SHOE_KINDS: dict[str, str] = {
    "boots": "boots", "sneakers": "sneakers", "sandals": "sandals", "clogs": "sandals", "heels": "heels",
    "pumps": "heels", "wedges": "heels", "flats": "flats", "loafers": "formal",
}  # fmt: skip

# Finer types under a coarse model type (app.vision.taxonomy.PARENT_TYPE), learned from product article
# types/names and the worn-outfits garment masks.
FINE_GROUPS: dict[str, tuple[str, ...]] = {
    "pants": ("jeans", "trousers", "joggers", "leggings"),
    "outerwear": ("coat", "jacket"),  # cardigans: 3 training photos, too few for a class
    "longsleeve": ("sweater", "sweatshirt", "longsleeve"),
}
_FINE_ARTICLES: dict[str, str] = {
    "Jeans": "jeans", "Trousers": "trousers", "Capris": "trousers", "Track Pants": "joggers",
    "Leggings": "leggings", "Churidar": "leggings", "Jackets": "jacket", "Sweaters": "sweater",
    "Sweatshirts": "sweatshirt",
}  # fmt: skip
WORN_FINE_TYPES: dict[str, str] = {
    "jeans": "jeans", "pants": "trousers", "leggings": "leggings", "tights": "leggings", "coat": "coat",
    "jacket": "jacket", "cardigan": "cardigan", "sweater": "sweater", "jumper": "sweater",
    "sweatshirt": "sweatshirt",
}  # fmt: skip


def product_fine_type(article_type: str, display_name: str) -> str | None:
    name = display_name.lower()
    if article_type in ("Sweaters", "Sweatshirts", "Jackets") and re.search(r"hood(ed|ie|y)?\b", name):
        return None  # a hoodie is a main type of its own
    if article_type == "Jackets" and "blazer" in name:
        return None
    if article_type == "Tshirts" and re.search(r"\b(full|long) sleeves?\b", name):
        return "longsleeve"
    return _FINE_ARTICLES.get(article_type)
