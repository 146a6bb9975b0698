"""How hard each piece works: with how many of the user's own pieces it can be worn, by the outfit engine's rules.

"What's the most versatile piece I own?" is answered from the wardrobe, not from a list of pieces that are
versatile in general: a pair passes when the outfit engine would wear the two together (no dressy-casual clash,
no lounge set, colours that sit together, at most two steps of formality apart, a season they share).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from app.assistant.local.plan import formality
from app.styling import WardrobeItem
from app.styling.rules import formality_clashes, loungewear

# Which slots are worn with which: a top with bottoms, shoes and what goes over it; a dress without bottoms
WORN_WITH = {
    "top": ("bottom", "shoes", "outerwear"),
    "bottom": ("top", "shoes", "outerwear"),
    "one-piece": ("shoes", "outerwear"),
    "shoes": ("top", "bottom", "one-piece"),
    "outerwear": ("top", "bottom", "one-piece", "shoes"),
}


@dataclass(frozen=True)
class Reach:
    item: WardrobeItem
    partners: tuple[WardrobeItem, ...]  # the pieces it can be worn with
    possible: int  # the pieces of the slots it is worn with


ColoursPair = Callable[[str, str], bool]  # plan_items.colours_pair: passed in, it imports this module


def wearable_together(a: WardrobeItem, b: WardrobeItem, colours_pair: ColoursPair) -> bool:
    if formality_clashes([a, b]) or loungewear([a, b]) or loungewear([b, a]):
        return False
    if abs(formality(a) - formality(b)) > 2:
        return False
    if a.seasons and b.seasons and not set(a.seasons) & set(b.seasons):
        return False  # summer sandals under a winter sweater
    first, second = (a.colour_names[:1] or ["black"])[0], (b.colour_names[:1] or ["black"])[0]
    patterned = [i for i in (a, b) if i.pattern not in (None, "plain", "solid")]
    return colours_pair(first, second) and len(patterned) < 2


def reach(wardrobe: Sequence[WardrobeItem], colours_pair: ColoursPair) -> list[Reach]:
    """Every worn piece with its partners, the hardest-working first: most partners for the pieces it could meet,
    then most partners; a neutral colour counts a little more, because it keeps working as the wardrobe grows."""
    found = []
    for item in wardrobe:
        slots = WORN_WITH.get(item.category or "")
        if not slots:
            continue
        candidates = [other for other in wardrobe if other.category in slots]
        partners = tuple(other for other in candidates if wearable_together(item, other, colours_pair))
        found.append(Reach(item, partners, len(candidates)))
    return sorted(found, key=lambda r: (-share(r) - NEUTRAL_BONUS * neutral(r.item), -len(r.partners), r.item.id))


NEUTRAL_BONUS = 0.1


def share(r: Reach) -> float:
    return len(r.partners) / max(r.possible, 1)


def neutral(item: WardrobeItem) -> bool:
    from app.assistant.local.plan_outfits import NEUTRALS

    return bool(item.colour_names) and item.colour_names[0] in NEUTRALS and item.pattern in (None, "plain", "solid")
