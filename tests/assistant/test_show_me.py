"""'Show me my jackets' in the plain imperative of each language (mostra as minhas, mostra le mie, muestra, montre
mes) lists the wardrobe's pieces of that kind, as 'mostra-me' and 'muéstrame' did; the French 'montre' that is a watch
stays a watch."""

from functools import partial

import pytest

from tests.assistant.wardrobe import converse as converse_over
from tests.assistant.wardrobe import item

CLOSET = (
    item(950, "jacket", "outerwear", "black", "black", style="casual", formality=2, warmth=3),
    item(951, "jacket", "outerwear", "brown", "brown", style="casual", formality=2, warmth=3),
    item(952, "t-shirt", "top", "white", "white", style="casual", formality=1, warmth=1),
    item(953, "jeans", "bottom", "denim blue", "blue", style="casual", formality=2, warmth=3),
    item(954, "sneakers", "shoes", "white", "white", style="casual", formality=1, warmth=2),
    item(955, "watch", "accessory", "silver", "grey", style="smart-casual", formality=3, warmth=1),
)
converse = partial(converse_over, wardrobe=CLOSET)


@pytest.mark.parametrize(
    "question",
    ["Mostra as minhas jaquetas", "mostre os meus casacos", "mostra le mie giacche", "muestra mis chaquetas",
     "montre mes vestes", "show me my jackets"],
)  # fmt: skip
def test_show_me_my_jackets_lists_them(question: str) -> None:
    (answer,) = converse(question)
    assert answer.intent == "own", answer.text
    assert {950, 951} <= set(answer.referenced_item_ids), answer.text
    assert 952 not in answer.referenced_item_ids, answer.text


def test_a_french_montre_is_still_a_watch() -> None:
    (answer,) = converse("est-ce que ma montre argentée va avec mon jean ?")
    assert 955 in answer.referenced_item_ids, answer.text
