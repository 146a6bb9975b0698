"""French idioms that never agree ("avoir chaud", "le choix le plus chaud") are not worded with an agreeing
adjective, so a feminine piece (une veste) does not turn them into "avoir chaude" or "le plus chaude"."""

from tests.assistant.wardrobe import converse, item

CLOSET = (
    item(990, "jacket", "outerwear", "brown", "brown", style="casual", formality=2, warmth=4),
    item(991, "shirt", "top", "white", "white", style="smart-casual", formality=3, warmth=2),
    item(992, "jeans", "bottom", "denim blue", "blue", style="casual", formality=2, warmth=3),
    item(993, "boots", "shoes", "brown", "brown", style="casual", formality=2, warmth=4),
)


def test_the_warmer_of_two_pieces_is_said_without_a_misagreed_chaud() -> None:
    (answer,) = converse("Lequel est le plus chaud, ma veste marron ou ma chemise blanche ?", wardrobe=CLOSET)
    assert answer.referenced_item_ids[:1] == [990], answer.text
    assert "chaude" not in answer.text, answer.text
