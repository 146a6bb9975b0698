"""What a garment's type says about its seasons, formality and style: a stylist's knowledge as data.

The shop photos' season labels are skewed (Fall on 65% of rows) and their usage labels come from one
Indian catalogue, so a model trained on them says "fall" and "sporty" far too often. These tables
encode what the type itself implies (sleeves, coverage, fabric weight, shoe openness), and the
model's style guess is accepted only where the type allows it. Each rule has a test in
tests/vision/test_knowledge.py.
"""

from dataclasses import dataclass

from app.vision.taxonomy import TYPES, normalise_type

SEASONS = ("spring", "summer", "fall", "winter")
ALL_YEAR = SEASONS
WARM = ("spring", "summer")
WARM_AND_MILD = ("spring", "summer", "fall")
COOL = ("spring", "fall", "winter")
COLD = ("fall", "winter")
MILD = ("spring", "fall")

# Seasons a garment is worn in. Shorts, tees and sandals always include summer; coats and knits are
# fall or winter; nothing here is a single season, so a mixed wardrobe never reads as one season.
SEASONS_OF_TYPE: dict[str, tuple[str, ...]] = {
    "t-shirt": WARM_AND_MILD, "tank-top": WARM, "undershirt": WARM, "polo": WARM_AND_MILD,
    "top": WARM_AND_MILD, "blouse": WARM_AND_MILD, "longsleeve": COOL, "shirt": ALL_YEAR,
    "kurta": WARM_AND_MILD, "hoodie": COOL, "sweatshirt": COOL, "sweater": COLD,
    "cardigan": COOL, "blazer": COOL, "outerwear": COOL, "jacket": MILD, "coat": COLD,
    "trench": MILD, "puffer": COLD,
    "pants": ALL_YEAR, "jeans": ALL_YEAR, "trousers": ALL_YEAR, "joggers": COOL, "leggings": COOL,
    "shorts": WARM, "skirt": WARM_AND_MILD,
    "dress": WARM_AND_MILD, "jumpsuit": WARM_AND_MILD, "bodysuit": WARM_AND_MILD,
    "sneakers": ALL_YEAR, "formal-shoes": ALL_YEAR, "loafers": WARM_AND_MILD, "boots": COLD,
    "heels": WARM_AND_MILD, "flats": WARM_AND_MILD, "sandals": WARM, "flip-flops": WARM,
    "slippers": ALL_YEAR,
    "bag": ALL_YEAR, "wallet": ALL_YEAR, "hat": WARM_AND_MILD, "beanie": COLD, "belt": ALL_YEAR,
    "watch": ALL_YEAR, "sunglasses": WARM_AND_MILD, "scarf": COOL, "gloves": COLD, "tie": ALL_YEAR,
    "socks": ALL_YEAR,
}  # fmt: skip

# Formality (1 gym/beach .. 5 black tie) a type can carry at all: joggers are never 3, jeans never 4.
FORMALITY_RANGE: dict[str, tuple[int, int]] = {
    "t-shirt": (1, 2), "tank-top": (1, 2), "undershirt": (1, 1), "polo": (2, 3), "top": (1, 3),
    "blouse": (2, 4), "longsleeve": (1, 3), "shirt": (2, 4), "kurta": (2, 4), "hoodie": (1, 2),
    "sweatshirt": (1, 2), "sweater": (2, 3), "cardigan": (2, 3), "blazer": (3, 5),
    "outerwear": (2, 4), "jacket": (1, 3), "coat": (3, 5), "trench": (3, 4), "puffer": (1, 2),
    "pants": (1, 4), "jeans": (1, 3), "trousers": (2, 5), "joggers": (1, 2), "leggings": (1, 2),
    "shorts": (1, 2), "skirt": (2, 4), "dress": (2, 5), "jumpsuit": (2, 4), "bodysuit": (1, 3),
    "sneakers": (1, 2), "formal-shoes": (3, 5), "loafers": (3, 4), "boots": (2, 4), "heels": (3, 5),
    "flats": (2, 3), "sandals": (1, 2), "flip-flops": (1, 1), "slippers": (1, 1),
    "bag": (1, 5), "wallet": (1, 5), "hat": (1, 3), "beanie": (1, 1), "belt": (2, 4), "watch": (2, 5),
    "sunglasses": (1, 3), "scarf": (2, 4), "gloves": (2, 4), "tie": (4, 5), "socks": (1, 3),
}  # fmt: skip

STYLES = ("casual", "smart-casual", "formal", "sporty", "ethnic")


@dataclass(frozen=True)
class StyleRule:
    allowed: frozenset[str]  # styles a stylist would accept for this type
    default: str  # used when the model's guess is not allowed
    smart_when_plain: bool = False  # a plain (solid) one reads smart-casual rather than casual


def _rule(default: str, *others: str, smart_when_plain: bool = False) -> StyleRule:
    return StyleRule(frozenset((default, *others)), default, smart_when_plain)


_SPORT = _rule("casual", "sporty")  # sportswear: the model's "sporty" is accepted, never "formal"
_SPORTY = _rule("sporty")  # athletic by nature: joggers, leggings
_CASUAL = _rule("casual")
_SMART = _rule("casual", "smart-casual", "formal", smart_when_plain=True)  # oxford shirt, pencil skirt
_KNIT = _rule("casual", "smart-casual", smart_when_plain=True)
_TAILORED = _rule("formal", "smart-casual")
_ALL = _rule("casual", "smart-casual", "formal", "sporty", "ethnic")

STYLE_OF_TYPE: dict[str, StyleRule] = {
    "t-shirt": _SPORT, "tank-top": _SPORT, "undershirt": _CASUAL, "polo": _rule("smart-casual", "casual", "sporty"),
    "top": _rule("casual", "smart-casual", "formal"), "blouse": _SMART, "longsleeve": _SPORT,
    "shirt": _SMART, "kurta": _rule("ethnic", "casual"), "hoodie": _SPORT, "sweatshirt": _SPORT,
    "sweater": _KNIT, "cardigan": _KNIT, "blazer": _TAILORED, "outerwear": _rule("casual", "smart-casual", "sporty"),
    "jacket": _rule("casual", "smart-casual", "sporty"), "coat": _rule("smart-casual", "formal", "casual"),
    "trench": _rule("smart-casual", "formal"), "puffer": _SPORT,
    "pants": _rule("casual", "smart-casual", "formal", "sporty", smart_when_plain=True),
    "jeans": _rule("casual", "smart-casual"), "trousers": _rule("smart-casual", "formal", "casual"),
    "joggers": _SPORTY, "leggings": _SPORTY, "shorts": _SPORT, "skirt": _SMART,
    "dress": _rule("casual", "smart-casual", "formal", "ethnic", smart_when_plain=True),
    "jumpsuit": _SMART, "bodysuit": _rule("casual", "smart-casual", "sporty"),
    "sneakers": _SPORT, "formal-shoes": _TAILORED, "loafers": _rule("smart-casual", "formal", "casual"),
    "boots": _rule("casual", "smart-casual"), "heels": _rule("formal", "smart-casual"),
    "flats": _rule("smart-casual", "casual"), "sandals": _CASUAL, "flip-flops": _CASUAL, "slippers": _CASUAL,
    "tie": _rule("formal"), "watch": _ALL, "bag": _ALL, "belt": _ALL, "wallet": _ALL, "scarf": _ALL,
    "hat": _SPORT, "beanie": _SPORT, "gloves": _CASUAL, "sunglasses": _CASUAL, "socks": _SPORT,
}  # fmt: skip

# Where each style sits on the 1-5 formality scale before the type's range clips it.
_STYLE_LEVEL = {"sporty": 1, "casual": 2, "smart-casual": 3, "formal": 4}


def seasons_of(garment_type: str | None) -> list[str]:
    """The seasons this type is worn in; all four when the type is unknown (nothing rules one out)."""
    key = normalise_type(garment_type) if garment_type else ""
    return list(SEASONS_OF_TYPE.get(key, ALL_YEAR))


def style_of(garment_type: str | None, model_style: str | None, pattern: str | None = None) -> str | None:
    """The model's style where the type allows it, else the type's own; plain smart pieces read smart-casual."""
    rule = STYLE_OF_TYPE.get(normalise_type(garment_type)) if garment_type else None
    if rule is None:
        return model_style
    style = model_style if model_style in rule.allowed else rule.default
    if style == "casual" and rule.smart_when_plain and pattern == "solid":
        return "smart-casual"
    return style


def formality_of(garment_type: str | None, style: str | None) -> int | None:
    """1-5 from the style, kept within what the type can carry (a formal shirt 4, a casual tee 1)."""
    key = normalise_type(garment_type) if garment_type else ""
    if key not in TYPES:
        return None
    base = TYPES[key][1]
    low, high = FORMALITY_RANGE.get(key, (1, 5))
    if style == "formal":
        level = max(base, _STYLE_LEVEL["formal"])
    elif style in ("casual", "sporty"):
        level = min(base, _STYLE_LEVEL[style])
    else:
        level = _STYLE_LEVEL.get(style or "", base)
    return max(low, min(high, level))


def formality_within(garment_type: str | None, formality: int) -> int:
    """Someone else's 1-5 formality (a remote model's), kept within what the type can carry."""
    key = normalise_type(garment_type) if garment_type else ""
    low, high = FORMALITY_RANGE.get(key, (1, 5))
    return max(low, min(high, formality))


def warmth_of(garment_type: str | None) -> int | None:
    key = normalise_type(garment_type) if garment_type else ""
    return TYPES[key][2] if key in TYPES else None
