"""'Something smarter?' moves the outfit a step up (never a more casual one that merely differs), 'something more
casual?' a step down; with nothing dressier to change into, the blazer goes over the same outfit."""

from functools import partial

import pytest

from app.styling import WardrobeItem
from tests.assistant.wardrobe import converse as converse_over
from tests.assistant.wardrobe import item

CLOSET = (
    item(970, "shirt", "top", "light blue", "blue", style="smart-casual", formality=3, warmth=2),
    item(971, "trousers", "bottom", "beige", "beige", style="smart-casual", formality=3, warmth=3),
    item(972, "loafers", "shoes", "tan", "brown", style="smart-casual", formality=3, warmth=2),
    item(973, "sweater", "top", "navy", "navy", style="casual", formality=2, warmth=4),
    item(974, "jeans", "bottom", "denim blue", "blue", style="casual", formality=2, warmth=3),
    item(975, "boots", "shoes", "brown", "brown", style="casual", formality=2, warmth=4),
    item(976, "t-shirt", "top", "white", "white", style="casual", formality=1, warmth=1),
    item(977, "sneakers", "shoes", "white", "white", style="casual", formality=1, warmth=2),
    item(978, "blazer", "outerwear", "black", "black", style="formal", formality=4, warmth=3),
)
BY_ID = {piece.id: piece for piece in CLOSET}
converse = partial(converse_over, wardrobe=CLOSET)


def _worn(ids: list[int]) -> list[WardrobeItem]:
    return [BY_ID[i] for i in ids if BY_ID[i].category != "outerwear"][:3]


def _level(pieces: list[WardrobeItem]) -> float:
    return sum(piece.formality or 0 for piece in pieces) / max(len(pieces), 1)


@pytest.mark.parametrize(
    ("outfit", "smarter"),
    [
        ("What should I wear for brunch?", "something smarter?"),
        ("Que mettre pour un brunch ?", "un truc plus habillé ?"),
    ],
)
def test_something_smarter_never_steps_down(outfit: str, smarter: str) -> None:
    first, second = converse(outfit, smarter)
    before, after = _level(_worn(first.referenced_item_ids)), _level(_worn(second.referenced_item_ids))
    assert after > before or (after == before and 978 in second.referenced_item_ids), second.text


def test_something_more_casual_steps_down() -> None:
    first, second = converse("What should I wear to the office?", "something more casual?")
    assert _level(_worn(second.referenced_item_ids)) < _level(_worn(first.referenced_item_ids)), second.text
