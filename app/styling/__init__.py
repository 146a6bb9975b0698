"""The outfit engine."""

from app.styling.outfits import Outfit, Suggestions, WardrobeItem, score, suggest

__all__ = ["Outfit", "Suggestions", "WardrobeItem", "score", "suggest"]
