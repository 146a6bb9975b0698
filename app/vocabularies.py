"""The closed vocabularies of the API, each built from the table that owns it and published once by name.

A request and a response that carry a category (or a season, a style, ...) reference the same
`#/components/schemas/<Name>`, so a generated client has one enum per vocabulary. Occasions are the outfit
engine's own `Occasion` enum (app/styling/occasions.py).
"""

from typing import Annotated

from app.core.vocabulary import vocabulary
from app.styling.occasions import Occasion
from app.vision.analyze import GARMENT_MASKS, REVIEWED_FIELDS
from app.vision.colours import PALETTE
from app.vision.knowledge import SEASONS, STYLES
from app.vision.remote import PATTERNS
from app.vision.taxonomy import CATEGORIES, SHOE_KINDS

Category = Annotated[str, vocabulary("Category", CATEGORIES, "The outfit slot an item fills.")]
Season = Annotated[str, vocabulary("Season", SEASONS, "A season of the year (`fall`, never `autumn`).")]
Style = Annotated[str, vocabulary("Style", STYLES, "The item's style, from sporty to formal.")]
Pattern = Annotated[str, vocabulary("Pattern", PATTERNS, "The dominant surface pattern.")]
ColourFamily = Annotated[
    str,
    vocabulary(
        "ColourFamily",
        dict.fromkeys(family for _, _, family in PALETTE),
        "The coarse colour group people filter by; each named colour belongs to one.",
    ),
]
ReviewedField = Annotated[
    str, vocabulary("ReviewedField", REVIEWED_FIELDS, "A tag the analysis may be unsure of (listed in `needs_review`).")
]
ShoeKind = Annotated[str, vocabulary("ShoeKind", SHOE_KINDS, "What kind of shoe a `shoes` item is.")]
GarmentMask = Annotated[
    str, vocabulary("GarmentMask", GARMENT_MASKS, "How the garment was told from its backdrop (`garment_mask`).")
]

__all__ = [
    "Category",
    "ColourFamily",
    "GarmentMask",
    "Occasion",
    "Pattern",
    "ReviewedField",
    "Season",
    "ShoeKind",
    "Style",
]
