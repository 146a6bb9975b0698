"""Garment types and the outfit slot (category) each one fills."""

CATEGORIES = ("top", "bottom", "one-piece", "outerwear", "shoes", "accessory")

TYPE_CATEGORY: dict[str, str] = {
    **dict.fromkeys(
        [
            "t-shirt",
            "shirt",
            "blouse",
            "polo",
            "hoodie",
            "sweater",
            "longsleeve",
            "top",
            "tank top",
            "undershirt",
            "body",
        ],
        "top",
    ),
    **dict.fromkeys(["jeans", "trousers", "shorts", "skirt", "leggings", "track pants"], "bottom"),
    **dict.fromkeys(["dress", "jumpsuit"], "one-piece"),
    **dict.fromkeys(["blazer", "coat", "jacket", "cardigan", "outerwear"], "outerwear"),
    **dict.fromkeys(["sneakers", "boots", "heels", "flats", "sandals", "loafers", "shoes"], "shoes"),
    **dict.fromkeys(["bag", "hat", "belt", "scarf", "watch", "sunglasses", "jewellery", "tie"], "accessory"),
}


def category_of(garment_type: str | None) -> str | None:
    return TYPE_CATEGORY.get(garment_type.lower()) if garment_type else None
