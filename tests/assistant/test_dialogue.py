"""A conversation, not single questions: state rebuilt from the stored turns alone (question, answer text)."""

from app.assistant import Answer
from app.assistant.local.refs import resolve
from app.assistant.local.slots import Garment
from tests.assistant.wardrobe import ANNA
from tests.assistant.wardrobe import converse as converse_over

BY_ID = {item.id: item for item in ANNA}


def converse(*questions: str) -> list[Answer]:
    return converse_over(*questions, wardrobe=ANNA)


def types(answer: Answer) -> set[str]:
    return {str(BY_ID[i].type) for i in answer.referenced_item_ids}


def test_it_refers_to_the_item_of_the_last_answer() -> None:
    first, second = converse("Can I wear my black dress to a funeral?", "and what would I put over it if it's cold?")
    assert first.text.startswith("Yes")
    assert 17 in second.referenced_item_ids and types(second) & {"coat"}


def test_that_carries_the_anchor_and_the_new_occasion() -> None:
    _, shoes = converse("What goes with #15?", "and which shoes for that at the office?")
    assert 15 in shoes.referenced_item_ids
    assert {BY_ID[i].category for i in shoes.referenced_item_ids if i != 15} == {"shoes"}
    assert not types(shoes) & {"sandals", "sneakers"}


def test_a_dislike_said_in_chat_is_recorded_and_the_revision_differs() -> None:
    first, second = converse(
        "What should I wear to work tomorrow?", "I didn't like your last idea, give me something warmer and waterproof"
    )
    assert set(second.disliked_item_ids) == set(first.referenced_item_ids)
    assert set(second.referenced_item_ids) != set(first.referenced_item_ids)
    assert types(second) & {"coat", "jacket"}


def test_another_option_and_without_the_blazer_revise_the_last_suggestion() -> None:
    first, other, without = converse("What should I wear to a dinner tonight?", "another option?", "without the blazer")
    assert other.intent == "revise" and set(other.referenced_item_ids) != set(first.referenced_item_ids)
    assert without.intent == "revise" and 1 not in without.referenced_item_ids


def test_a_dislike_of_one_piece_leaves_it_out_from_then_on() -> None:
    *_, dislike, layer = converse(
        "What goes with my grey cardigan?", "I don't like that cardigan", "what else could I layer?"
    )
    assert dislike.disliked_item_ids == [24]
    assert 24 not in layer.referenced_item_ids and types(layer) & {"coat", "jacket", "blazer"}


def test_the_situation_carries_into_an_elliptical_follow_up() -> None:
    _, rain = converse("Is it going to rain tomorrow?", "OK, then what should I wear if it does?")
    assert types(rain) & {"coat", "jacket"} and not types(rain) & {"shorts", "sandals"}


def test_which_one_compares_the_items_of_the_last_answer() -> None:
    count, warmer = converse("How many coats do I have?", "which one is warmer?")
    assert set(count.referenced_item_ids) == {19, 20}
    assert warmer.intent == "compare" and warmer.referenced_item_ids[0] == 20


def test_a_five_turn_conversation_stays_grounded_at_every_turn() -> None:
    answers = converse(
        "What should I wear for a walk in the park at 15 degrees?",
        "something warmer",
        "does it go with my grey scarf?",
        "How do I wash it?",
        "thanks!",
    )
    assert [a.intent for a in answers] == ["outfit", "revise", "yesno", "care", "thanks"]
    assert all(a.referenced_item_ids for a in answers[:4])
    assert 33 in answers[2].referenced_item_ids and 33 in answers[3].referenced_item_ids


def test_references_survive_tag_errors_and_say_when_nothing_matches() -> None:
    assert resolve(Garment("coat", "beige", None, True, 0), ANNA).one == BY_ID[19]  # tagged tan
    assert resolve(Garment("shirt", "olive", None, True, 0), ANNA).one == BY_ID[21]  # tagged khaki
    assert resolve(Garment("jacket", "navy", None, True, 0), ANNA).one == BY_ID[22]  # tagged black
    grey_hoodie = resolve(Garment("hoodie", "grey", None, True, 0), ANNA)
    assert grey_hoodie.missing and grey_hoodie.closest == (BY_ID[9],)
    assert len(resolve(Garment("jeans", None, None, True, 0), ANNA).items) == 2  # really two: ask


def test_the_last_answer_decides_between_two_matches() -> None:
    assert resolve(Garment("jeans", None, None, True, 0), ANNA, recent=[13]).one == BY_ID[13]


def test_degrees_followed_by_a_word_starting_with_f_is_still_celsius() -> None:
    from app.assistant.local.entities import temperature_in

    assert temperature_in(" what to wear at 30 degrees for brunch ") == 30.0
    assert temperature_in(" 85 degrees ") == 29.4 and temperature_in(" 40 degrees f ") == 4.4


def test_work_the_verb_keeps_the_thread_occasion() -> None:
    # "would my denim jacket work over it?" asks about the jacket on the date, not about the office
    *_, jacket = converse(
        "I have a first date at a wine bar tonight, what should I wear?", "would my denim jacket work over it?"
    )
    assert "for work" not in jacket.text.lower()
    assert jacket.text.startswith("Yes") and 23 in jacket.referenced_item_ids


def test_work_as_a_verb_names_no_office_but_the_office_still_does() -> None:
    from app.assistant.local.slots import slots_of

    for verb in ("will that work?", "would my denim jacket work over it?", "will the trench work in the rain?"):
        assert slots_of(verb).occasion is None, verb
    for office in ("what should i wear to work?", "i work in a bank, what should i wear?", "jeans at work?"):
        assert slots_of(office).occasion == "work", office


def test_drinks_after_work_are_drinks_not_a_party() -> None:
    from app.assistant.local.slots import slots_of

    for said in ("and for drinks after work?", "after-work drinks on friday", "drinks with colleagues after work"):
        assert slots_of(said).occasion == "dinner", said  # neat, a notch below the office; never the party code
    _, drinks = converse("What should I wear to work tomorrow?", "and for drinks after work?")
    assert drinks.text.startswith("For drinks") and "party" not in drinks.text
