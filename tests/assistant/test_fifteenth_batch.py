"""Capabilities the fifteenth held-out batch showed missing, on sentences of their own (no sentence of the batch).

A gap question for the summer is judged for the heat, not for a capsule; a hiking trip in the mountains needs
trail kit before gloves.
"""

from eval.assistant import load_wardrobes
from tests.assistant.wardrobe import converse

WARDROBES = load_wardrobes()


def test_a_gap_for_the_summer_names_what_the_heat_asks_for() -> None:
    [answer] = converse("what do i lack for the summer months?", wardrobe=WARDROBES["ben"])
    assert "shorts" in answer.text and "sandals" in answer.text, answer.text
    [answer] = converse("che cosa mi manca per l'estate?", wardrobe=WARDROBES["ben"])
    assert "sandali" in answer.text, answer.text


def test_a_hiking_trip_in_the_mountains_is_judged_for_the_trail() -> None:
    [answer] = converse("off hillwalking in the mountains for five days, what do i lack?", wardrobe=WARDROBES["fay"])
    assert "waterproof" in answer.text and "gloves" not in answer.text, answer.text
