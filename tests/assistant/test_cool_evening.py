"""A cool evening after a day's outfit ("and if it gets chilly in the evening?", fr/it/pt) keeps the day's outfit
and adds a layer for later, whatever the day was (a day wedding, the office), instead of re-dressing everything for
the evening's cold; and "a day wedding" is the time of day, not a one-day trip to pack for."""

from functools import partial

import pytest

from tests.assistant.wardrobe import converse as converse_over
from tests.assistant.wardrobe import item

CLOSET = (
    item(900, "dress", "one-piece", "navy", "navy", style="formal", formality=4, warmth=2),
    item(901, "heels", "shoes", "beige", "beige", style="formal", formality=4, warmth=1),
    item(902, "shirt", "top", "white", "white", style="formal", formality=4, warmth=2),
    item(903, "trousers", "bottom", "charcoal", "grey", style="formal", formality=4, warmth=3),
    item(904, "loafers", "shoes", "black", "black", style="smart-casual", formality=3, warmth=2),
    item(905, "blazer", "outerwear", "black", "black", style="formal", formality=4, warmth=3),
    item(906, "coat", "outerwear", "camel", "brown", style="formal", formality=4, warmth=5),
    item(907, "sweater", "top", "grey", "grey", style="casual", formality=2, warmth=4),
)
converse = partial(converse_over, wardrobe=CLOSET)
LAYERS = {905, 906}


def test_a_day_wedding_is_an_outfit_not_a_one_day_packing_list() -> None:
    (answer,) = converse("What should I wear to a day wedding in June?")
    assert answer.intent == "outfit", answer.text


@pytest.mark.parametrize(
    ("day", "evening"),
    [
        ("What should I wear to a day wedding in June?", "and if it gets chilly in the evening?"),
        ("What should I wear to a wedding on Saturday afternoon?", "it might get cold in the evening"),
        ("Qu'est-ce que je mets pour un mariage de jour en juin ?", "et s'il fait frais le soir ?"),
        ("Cosa metto per un matrimonio di giorno a giugno?", "e se la sera fa fresco?"),
        ("O que visto para um casamento de dia em junho?", "e se esfriar à noite?"),
    ],
)
def test_a_cool_evening_keeps_the_days_outfit_and_adds_a_layer(day: str, evening: str) -> None:
    first, second = converse(day, evening)
    worn = {i for i in first.referenced_item_ids[:2] if i not in LAYERS}
    assert worn <= set(second.referenced_item_ids), second.text  # the dress and its shoes stay
    assert LAYERS & set(second.referenced_item_ids), second.text  # something for later
    assert 907 not in second.referenced_item_ids, second.text  # no casual knit piled on a wedding outfit


def test_a_cool_evening_after_the_office_is_the_same_day_not_a_dinner() -> None:
    first, second = converse("What should I wear to the office tomorrow?", "it gets cold in the evening")
    assert "dinner" not in second.text.lower(), second.text
    assert set(second.referenced_item_ids) - LAYERS <= set(first.referenced_item_ids), second.text  # kept, not new
    assert LAYERS & set(second.referenced_item_ids), second.text
