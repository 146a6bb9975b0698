"""Garment types, the outfit slot (category) each fills, and what a type says about formality and warmth."""

from functools import lru_cache

CATEGORIES = ("top", "bottom", "one-piece", "outerwear", "shoes", "accessory")

# type: (category, formality 1-5, warmth 1-5). Model labels and the words people use when correcting.
# The seasons, style and formality range each type allows live in app/vision/knowledge.py.
TYPES: dict[str, tuple[str, int, int]] = {
    "t-shirt": ("top", 1, 1),
    "tank-top": ("top", 1, 1),
    "undershirt": ("top", 1, 1),
    "polo": ("top", 2, 2),
    "top": ("top", 2, 1),
    "blouse": ("top", 3, 1),
    "longsleeve": ("top", 2, 3),
    "shirt": ("top", 3, 2),
    "kurta": ("top", 3, 2),
    "hoodie": ("top", 1, 4),
    "sweatshirt": ("top", 1, 3),
    "sweater": ("top", 2, 4),
    "cardigan": ("outerwear", 2, 3),
    "blazer": ("outerwear", 4, 3),
    "outerwear": ("outerwear", 3, 5),
    "jacket": ("outerwear", 2, 4),
    "coat": ("outerwear", 4, 5),
    "trench": ("outerwear", 3, 3),
    "puffer": ("outerwear", 1, 5),
    "pants": ("bottom", 3, 3),
    "jeans": ("bottom", 2, 3),
    "trousers": ("bottom", 3, 3),
    "joggers": ("bottom", 1, 3),
    "leggings": ("bottom", 1, 2),
    "shorts": ("bottom", 1, 1),
    "skirt": ("bottom", 3, 2),
    "dress": ("one-piece", 3, 2),
    "jumpsuit": ("one-piece", 3, 2),
    "bodysuit": ("one-piece", 2, 1),
    "sneakers": ("shoes", 1, 2),
    "formal-shoes": ("shoes", 4, 2),
    "loafers": ("shoes", 3, 2),
    "boots": ("shoes", 3, 4),
    "heels": ("shoes", 4, 1),
    "flats": ("shoes", 3, 1),
    "sandals": ("shoes", 1, 1),
    "flip-flops": ("shoes", 1, 1),
    "slippers": ("shoes", 1, 2),
    "bag": ("accessory", 3, 1),
    "wallet": ("accessory", 3, 1),
    "hat": ("accessory", 2, 2),
    "beanie": ("accessory", 1, 4),
    "belt": ("accessory", 3, 1),
    "watch": ("accessory", 3, 1),
    "sunglasses": ("accessory", 2, 1),
    "scarf": ("accessory", 3, 3),
    "gloves": ("accessory", 2, 5),
    "tie": ("accessory", 5, 1),
    "socks": ("accessory", 1, 1),
}

# Finer types under a coarser one: the outfit engine's learned tables know the coarse names, and a
# correction to a fine name should still match what was learned for its parent.
PARENT_TYPE: dict[str, str] = {
    "jeans": "pants", "trousers": "pants", "joggers": "pants", "leggings": "pants",
    "coat": "outerwear", "trench": "outerwear", "puffer": "outerwear", "jacket": "outerwear",
    "sweater": "longsleeve", "sweatshirt": "longsleeve",
    "loafers": "formal-shoes", "flip-flops": "sandals", "slippers": "sandals",
    "beanie": "hat", "blouse": "top", "undershirt": "tank-top",
}  # fmt: skip

# The kind of shoe people sort by (and the outfit engine's open/closed rules read).
SHOE_KINDS: tuple[str, ...] = ("sneakers", "boots", "sandals", "heels", "flats", "formal", "slippers")
SHOE_KIND_OF_TYPE: dict[str, str] = {
    "sneakers": "sneakers", "boots": "boots", "sandals": "sandals", "flip-flops": "sandals",
    "heels": "heels", "flats": "flats", "formal-shoes": "formal", "loafers": "formal", "slippers": "slippers",
}  # fmt: skip
# The type a shoe kind is stored as (the inverse of SHOE_KIND_OF_TYPE's main entries).
TYPE_OF_SHOE_KIND: dict[str, str] = {
    "sneakers": "sneakers", "boots": "boots", "sandals": "sandals", "heels": "heels", "flats": "flats",
    "formal": "formal-shoes", "slippers": "slippers",
}  # fmt: skip
OPEN_SHOE_KINDS = frozenset({"sandals", "slippers"})

# A garment of warmth w is comfortable roughly in this outdoor temperature range (°C).
WARMTH_RANGE_C: dict[int, tuple[int, int]] = {1: (20, 40), 2: (14, 32), 3: (8, 24), 4: (0, 18), 5: (-20, 12)}


@lru_cache(maxsize=4096)  # an analysis asks ~90 times (every type of the model's distribution), the engines more
def normalise_type(garment_type: str) -> str:
    return garment_type.strip().lower().replace(" ", "-").replace("_", "-")


def category_of(garment_type: str | None) -> str | None:
    if not garment_type:
        return None
    entry = TYPES.get(normalise_type(garment_type))
    return entry[0] if entry else None


def base_formality(garment_type: str | None) -> int | None:
    entry = TYPES.get(normalise_type(garment_type)) if garment_type else None
    return entry[1] if entry else None


def base_warmth(garment_type: str | None) -> int | None:
    entry = TYPES.get(normalise_type(garment_type)) if garment_type else None
    return entry[2] if entry else None


def parent_type(garment_type: str) -> str:
    """The coarser type a fine one belongs to (itself when it has none)."""
    name = normalise_type(garment_type)
    return PARENT_TYPE.get(name, name)


def shoe_kind(garment_type: str | None) -> str | None:
    """sneakers / boots / sandals / heels / flats / formal / slippers, or None for anything not a shoe."""
    return SHOE_KIND_OF_TYPE.get(normalise_type(garment_type)) if garment_type else None


def is_open_shoe(garment_type: str | None) -> bool:
    return shoe_kind(garment_type) in OPEN_SHOE_KINDS
