"""Black tie (and white tie, and "black tie optional"): the darkest, most formal pieces the wardrobe has, said
honestly when they cannot meet the code.

The outfit engine ranks what goes together; a written dress code is a rule a stylist states, so it is applied here
as data: a white shirt, dark tailored trousers, dark dress shoes, a dark blazer and a tie; or the dressiest dark
dress with heels. What a stylist would add when the wardrobe falls short is named, never hidden.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from app.assistant.local.entities import DRESS_CODE_VOCABULARY
from app.assistant.local.plan import Ask, Plan, formality
from app.styling import WardrobeItem

EVENING_CODES = frozenset({"black tie", "white tie"})
# darkest first: what reads as evening; white leads for the shirt under a dinner jacket
DARK = ("black", "charcoal", "navy", "dark grey", "burgundy", "grey", "forest green", "plum", "chocolate")
SHIRT_COLOURS = ("white", "ivory", "cream", "light grey")
SUIT_LEVEL = 4  # a blazer and trousers of one colour at this level are a suit


def evening_code(ask: Ask) -> str | None:
    code = DRESS_CODE_VOCABULARY.first(ask.u.text)
    return code if code in EVENING_CODES else None


def _colour(item: WardrobeItem) -> str:
    return item.colour_names[0] if item.colour_names else ""


def _darkness(item: WardrobeItem, order: Sequence[str] = DARK) -> int:
    colour = _colour(item)
    return order.index(colour) if colour in order else len(order)


def _best(
    items: Sequence[WardrobeItem], *, kinds: Sequence[str] = (), order: Sequence[str] = DARK
) -> WardrobeItem | None:
    """The most formal piece, darkest (or, for a shirt, whitest) among equals; plain before patterned."""
    pool = [i for i in items if not kinds or i.type in kinds] or list(items)
    plain = [i for i in pool if i.pattern in (None, "plain", "solid")] or pool
    return min(plain, key=lambda i: (-formality(i), _darkness(i, order), i.id), default=None)


def _of(ask: Ask, slot: str) -> list[WardrobeItem]:
    return [i for i in ask.wardrobe if i.category == slot and i.id not in ask.state.excluded]


def _owns_a_suit(ask: Ask) -> bool:
    blazers = [i for i in _of(ask, "outerwear") if i.type == "blazer" and formality(i) >= SUIT_LEVEL]
    trousers = [i for i in _of(ask, "bottom") if i.type == "trousers" and formality(i) >= SUIT_LEVEL]
    return any(_colour(b) == _colour(t) and _colour(b) in DARK for b in blazers for t in trousers)


def _dress_route(ask: Ask) -> list[WardrobeItem] | None:
    """The dressiest dark dress (or jumpsuit) and the dressiest shoes, when a dress is dressy enough to lead."""
    dress = _best([i for i in _of(ask, "one-piece") if formality(i) >= 4])
    if dress is None:
        return None
    shoes = _best(_of(ask, "shoes"), kinds=("heels", "formal-shoes", "flats"))
    return [dress, *([shoes] if shoes else [])]


def _suit_route(ask: Ask) -> list[WardrobeItem]:
    shirts = [i for i in _of(ask, "top") if i.type in ("shirt", "blouse")] or _of(ask, "top")
    chosen = [
        _best(shirts, order=SHIRT_COLOURS),
        _best(_of(ask, "bottom"), kinds=("trousers",)),
        _best(_of(ask, "shoes"), kinds=("formal-shoes", "loafers")),
        _best(_of(ask, "outerwear"), kinds=("blazer",)),
    ]
    return [i for i in chosen if i is not None]


def black_tie(ask: Ask, plan: Plan, lead: Mapping[str, Any]) -> Plan | None:
    """The outfit for an evening dress code, or None when the question names none."""
    code = evening_code(ask)
    if code is None:
        return None
    dress = _dress_route(ask)
    pieces = dress or _suit_route(ask)
    if not pieces:
        return None
    plan.outfits = (tuple(i.id for i in pieces),)
    plan.say("outfit", *pieces, **lead)
    tie = _best([i for i in ask.wardrobe if i.type in ("bow-tie", "tie")], kinds=("bow-tie",))
    if dress is None and tie is not None:
        plan.say("add_tie", tie)
    tailored = any(i.type == "trousers" and formality(i) >= SUIT_LEVEL for i in pieces)
    if dress is not None and formality(dress[0]) < 5:
        plan.say("evening_gap_dress", dress[0])
    elif dress is None and tailored and not _owns_a_suit(ask):
        plan.say("evening_gap_suit")
    elif dress is None and not tailored:  # nothing near the level: neither a suit nor a dress to build on
        plan.say("evening_gap_any")
    return plan
