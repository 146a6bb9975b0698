"""Faults found by chatting with the assistant as a user, each on a small wardrobe of its own (not the eval's).

A dislike of a piece swaps only that piece; a colour-theory question is not hijacked by the thread; styling
techniques (tuck, cuff, roll, layer) come from the knowledge base in six languages; a dress at a wedding gets the
colour etiquette; grass asks for flat or block shoes; a jacket for the evening is added to the outfit; a swap for
drinks after work names what changes; the thread's weather carries into other languages; "do white sneakers go
with it?" is a verdict; a colour query matches the colour named.
"""

from functools import partial

from tests.assistant.wardrobe import converse as converse_over
from tests.assistant.wardrobe import item

CLOSET = (
    item(701, "blazer", "outerwear", "black", "black", style="formal", formality=4, warmth=3),
    item(702, "shirt", "top", "light blue", "blue", style="smart-casual", formality=3, warmth=2),
    item(703, "shirt", "top", "white", "white", style="formal", formality=4, warmth=2),
    item(704, "trousers", "bottom", "beige", "beige", style="smart-casual", formality=3, warmth=2),
    item(705, "trousers", "bottom", "charcoal", "grey", style="formal", formality=4, warmth=3),
    item(706, "loafers", "shoes", "tan", "brown", style="smart-casual", formality=3, warmth=2),
    item(707, "formal-shoes", "shoes", "black", "black", style="formal", formality=5, warmth=2),
    item(708, "boots", "shoes", "brown", "brown", style="smart-casual", formality=3, warmth=4),
    item(709, "sneakers", "shoes", "white", "white", style="casual", formality=1, warmth=2),
    item(710, "sweater", "top", "navy", "navy", style="smart-casual", formality=2, warmth=4),
    item(711, "jeans", "bottom", "denim blue", "blue", style="casual", formality=2, warmth=3),
    item(712, "tie", "accessory", "burgundy", "red", style="formal", formality=5, warmth=1),
    item(713, "coat", "outerwear", "camel", "brown", style="formal", formality=4, warmth=5),
    item(714, "jacket", "outerwear", "khaki green", "green", style="casual", formality=2, warmth=3),
    item(715, "t-shirt", "top", "white", "white", style="casual", formality=1, warmth=1),
)
converse = partial(converse_over, wardrobe=CLOSET)
BY_ID = {piece.id: piece for piece in CLOSET}


def _dressed(text: str) -> list[int]:
    """The ids of an outfit answer's first sentence with items: the outfit itself, not the "Or:"."""
    from app.assistant.local.state import _worn

    return list(_worn(text, BY_ID))


def test_a_dislike_of_a_piece_swaps_only_that_piece() -> None:
    outfit, swapped = converse("what should I wear to work tomorrow?", "I don't like the loafers")
    worn = _dressed(outfit.text)
    assert 706 in worn and 701 in worn, outfit.text  # the loafers and the blazer on top
    assert swapped.disliked_item_ids == [706]
    after = set(swapped.referenced_item_ids)
    assert set(worn) - {706} <= after, swapped.text  # the rest kept, blazer included
    assert len(after - set(worn)) == 1 and BY_ID[(after - set(worn)).pop()].category == "shoes", swapped.text


def test_the_kind_said_is_the_piece_disliked_even_when_the_outfit_had_other_shoes() -> None:
    outfit, disliked = converse("what should I wear to an interview?", "I don't like the loafers")
    assert 707 in outfit.referenced_item_ids and 706 not in outfit.referenced_item_ids, outfit.text
    assert disliked.disliked_item_ids == [706], disliked.text
    assert 706 not in disliked.referenced_item_ids


def test_shoes_turned_down_a_turn_ago_are_never_the_replacement() -> None:
    _, first, second = converse(
        "what should I wear to work tomorrow?", "I don't like the dress shoes", "I don't like the loafers"
    )
    assert first.disliked_item_ids == [707] and second.disliked_item_ids == [706]
    assert 707 not in second.referenced_item_ids and 706 not in second.referenced_item_ids, second.text
    assert 701 in second.referenced_item_ids, second.text  # the outfit's blazer survives both dislikes
