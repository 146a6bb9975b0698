"""A revision is a suggestion too: it passes the outfit engine's hard rules (one pair of shoes, the dress code), a
dislike or a "without" names the piece the user meant (kind first) or says it was not in the last suggestion, and a
yes/no in the heat uses the engine's heat rule (knits, warm coats, heavy cloth), not only "is it warm enough"."""

import pytest

from app.styling import WardrobeItem
from eval.assistant import load_wardrobes
from tests.assistant.test_chat_faults import CLOSET
from tests.assistant.wardrobe import converse

WEDDING = "I have a wedding in the countryside in June, afternoon, about 26 degrees. Ideas?"


def _dana() -> tuple[WardrobeItem, ...]:
    return tuple(load_wardrobes()["dana"])


def _shoes(ids: list[int], wardrobe: tuple[WardrobeItem, ...]) -> list[int]:
    return [item.id for item in wardrobe if item.id in ids and item.category == "shoes"]


def test_the_black_flats_are_the_flats_owned_not_the_black_loafers_suggested() -> None:
    dana = _dana()
    first, second = converse(WEDDING, "I don't really like the black flats", wardrobe=dana)
    assert 327 in first.referenced_item_ids and 324 not in first.referenced_item_ids, first.text  # the premise
    assert second.disliked_item_ids == [324], second.text  # the flats, never the loafers
    assert "no flats" in second.text and "loafers" not in second.text, second.text
    assert 324 not in second.referenced_item_ids, second.text
    assert len(_shoes(second.referenced_item_ids, dana)) == 1, second.text


def test_a_piece_of_the_alternative_turned_down_revises_the_alternative_with_one_pair_of_shoes() -> None:
    dana = _dana()
    first, second = converse(WEDDING, "I don't like the black loafers", wardrobe=dana)
    assert 327 in first.referenced_item_ids, first.text
    assert second.disliked_item_ids == [327], second.text
    assert len(_shoes(second.referenced_item_ids, dana)) == 1, second.text  # was flats with the heels
    _, office = converse("what should I wear to work tomorrow?", "I don't like the dress shoes", wardrobe=CLOSET)
    assert {703, 705} <= set(office.referenced_item_ids), office.text  # the "Or:" outfit's shirt and trousers
    assert office.text.count("#706") == 1, office.text  # was "swap in your loafers; the rest stays: ... loafers"


def test_swapped_shoes_keep_the_dress_code_and_yield_only_to_the_weather() -> None:
    hugo = tuple(load_wardrobes()["hugo"])
    *_, swap = converse(
        "I've got the office tomorrow, about 14 degrees. what should I wear?",
        "and in the evening after, it drops to 4",
        "it might rain on the way home too",
        "swap the shoes",
        wardrobe=hugo,
    )
    shoes = _shoes(swap.referenced_item_ids, hugo)
    assert len(shoes) == 1 and 627 not in shoes, swap.text  # never the sporty boots at the office


def test_without_a_piece_the_last_suggestion_did_not_have_says_so() -> None:
    dana = _dana()
    _, warmer, without = converse(
        "outfit for a wedding in september, outdoors", "something warmer", "without the heels", wardrobe=dana
    )
    assert 325 not in warmer.referenced_item_ids, warmer.text  # the premise: the heels were the first idea's
    assert "no heels" in without.text and 325 not in without.referenced_item_ids, without.text
    assert set(warmer.referenced_item_ids) <= set(without.referenced_item_ids), without.text  # it stands


@pytest.mark.parametrize(
    ("question", "start"),
    [
        ("can I wear wool trousers at 30 degrees?", "No"),
        ("can I wear my grey sweater at 30 degrees?", "No"),
        ("can I wear my navy coat when it's 28 degrees?", "No"),
        ("is my grey sweater too warm for 30 degrees?", "Yes"),
        ("Posso mettere i pantaloni di lana con 30 gradi?", "No"),
        ("Kann ich bei 30 Grad meinen grauen Pullover tragen?", "Nein"),
    ],
)
def test_a_warm_piece_in_the_heat_is_too_warm(question: str, start: str) -> None:
    (answer,) = converse(question, wardrobe=_dana())
    assert answer.text.startswith(start), answer.text
    assert "warm enough" not in answer.text, answer.text


def test_a_light_piece_in_the_heat_is_light_enough_not_warm_enough() -> None:
    (answer,) = converse("is my white shirt ok at 30 degrees?", wardrobe=_dana())
    assert answer.text.startswith("Yes") and "light enough" in answer.text, answer.text


def test_too_warm_asked_of_a_light_top_in_the_heat_is_a_no_without_alternatives() -> None:
    eli = tuple(load_wardrobes()["eli"])
    first, answer = converse(
        "outfit for a summer barbecue, 31 degrees", "is the top too warm for that heat?", wardrobe=eli
    )
    assert 406 in first.referenced_item_ids, first.text  # the premise: the light blue shirt
    assert answer.text.startswith("No") and "light enough" in answer.text, answer.text  # was "Yes, ... is right"
    assert answer.referenced_item_ids == [406], answer.text
