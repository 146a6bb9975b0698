"""The outfit engine: plain wardrobe items and a context in, scored and explained outfits out."""

from app.styling.context import StyleContext, parse_context
from app.styling.items import FeedbackStats, Outfit, Suggestions, WardrobeItem
from app.styling.preferences import Preferences, parse_preferences
from app.styling.scoring import PARTS, score
from app.styling.search import suggest

__all__ = [
    "PARTS",
    "FeedbackStats",
    "Outfit",
    "Preferences",
    "StyleContext",
    "Suggestions",
    "WardrobeItem",
    "parse_context",
    "parse_preferences",
    "score",
    "suggest",
]
