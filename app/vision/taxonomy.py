"""Garment types, the outfit slot (category) each fills, and what a type says about formality and warmth."""

CATEGORIES = ("top", "bottom", "one-piece", "outerwear", "shoes", "accessory")

# type: (category, formality 1-5, warmth 1-5). Model labels and the words people use when correcting.
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
    "sweater": ("top", 2, 4),
    "cardigan": ("outerwear", 2, 3),
    "blazer": ("outerwear", 4, 3),
    "outerwear": ("outerwear", 3, 5),
    "jacket": ("outerwear", 2, 4),
    "coat": ("outerwear", 4, 5),
    "pants": ("bottom", 3, 3),
    "jeans": ("bottom", 2, 3),
    "trousers": ("bottom", 3, 3),
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
    "bag": ("accessory", 3, 1),
    "wallet": ("accessory", 3, 1),
    "hat": ("accessory", 2, 2),
    "belt": ("accessory", 3, 1),
    "watch": ("accessory", 3, 1),
    "sunglasses": ("accessory", 2, 1),
    "scarf": ("accessory", 3, 3),
    "tie": ("accessory", 5, 1),
    "socks": ("accessory", 1, 1),
}

# A garment of warmth w is comfortable roughly in this outdoor temperature range (°C).
WARMTH_RANGE_C: dict[int, tuple[int, int]] = {1: (20, 40), 2: (14, 32), 3: (8, 24), 4: (0, 18), 5: (-20, 12)}


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
