"""A slot swap after an outfit ("can I swap the shoes?", "something more comfortable on my feet?", in five
languages) keeps the outfit and changes only that slot, to a piece not already in it; a disliked top is replaced by
another top, never left out with nothing in its place."""

from functools import partial

import pytest

from tests.assistant.wardrobe import converse as converse_over
from tests.assistant.wardrobe import item

CLOSET = (
    item(800, "sweater", "top", "navy", "navy", style="casual", formality=2, warmth=4),
    item(801, "sweater", "top", "cream", "white", style="casual", formality=2, warmth=4),
    item(802, "jeans", "bottom", "black", "black", style="casual", formality=2, warmth=3),
    item(803, "boots", "shoes", "black", "black", style="casual", formality=3, warmth=4),
    item(804, "heels", "shoes", "black", "black", style="formal", formality=4, warmth=1),
    item(805, "sneakers", "shoes", "white", "white", style="casual", formality=1, warmth=2),
)
converse = partial(converse_over, wardrobe=CLOSET)
SHOES = {803, 804, 805}


@pytest.mark.parametrize(
    ("outfit", "swap"),
    [
        ("What should I wear for brunch on Sunday?", "can I swap the shoes?"),
        ("What should I wear for brunch on Sunday?", "change the shoes"),
        ("Que mettre pour un brunch dimanche ?", "je peux changer les chaussures ?"),
        ("¿Qué me pongo para un brunch el domingo?", "¿puedo cambiar los zapatos?"),
        ("Cosa metto per un brunch domenica?", "posso cambiare le scarpe?"),
        ("O que visto para um brunch no domingo?", "posso trocar os sapatos?"),
        ("Was ziehe ich zum Brunch am Sonntag an?", "kann ich die Schuhe tauschen?"),
    ],
)
def test_swapping_the_shoes_keeps_the_rest_and_changes_the_pair(outfit: str, swap: str) -> None:
    first, second = converse(outfit, swap)
    before = set(first.referenced_item_ids[:3])
    shoes_before = before & SHOES
    after = set(second.referenced_item_ids)
    assert second.intent == "revise", second.text
    assert (after & SHOES) and not (after & shoes_before), second.text  # another pair, not the same one again
    assert before - SHOES <= after, second.text  # the top and the bottom stay


def test_more_comfortable_on_the_feet_picks_the_kindest_pair_and_keeps_the_outfit() -> None:
    first, second = converse("What should I wear for brunch on Sunday?", "something more comfortable on my feet?")
    kept = set(first.referenced_item_ids[:3]) - SHOES
    assert 805 in second.referenced_item_ids and 804 not in second.referenced_item_ids, second.text
    assert kept <= set(second.referenced_item_ids), second.text


def test_a_disliked_top_is_replaced_by_another_top() -> None:
    first, second = converse("What should I wear for brunch on Sunday?", "I don't like the top")
    (top,) = [i for i in first.referenced_item_ids[:3] if i in (800, 801)]
    other = ({800, 801} - {top}).pop()
    assert second.disliked_item_ids == [top], second.text
    assert other in second.referenced_item_ids and top not in second.referenced_item_ids, second.text
