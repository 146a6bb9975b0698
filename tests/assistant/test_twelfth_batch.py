"""Capabilities the twelfth held-out batch showed missing, on sentences of their own (no sentence of the batch).

Thanks said with a word of praise; a care problem or an alteration described about a piece is care or fit, not
a verdict on it; a question about how one's body looks is one the engine cannot see; a French tuck is a tuck;
pastimes and events the occasion table did not name (moving house, dancing, cocktails, a gallery opening, the gym).
"""

import pytest

from app.assistant.local.understand import understand


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("lovely, thanks", "thanks"),  # punctuation between the words
        ("amazing, that's super helpful", "thanks"),
        ("that was really helpful", "thanks"),
        ("my navy sweater has shrunk, can i fix it", "fit"),  # the soak that saves it is with the alterations
        ("my white shirt got a stain at the collar, is it ruined", "care"),
        ("how should i hang my coat", "care"),
        ("my jeans are a bit short, can a tailor lengthen them", "fit"),
        ("should i get my trousers taken in at the waist", "fit"),
        ("is it worth having the sleeves of my blazer shortened", "fit"),
        ("do my hips look wide in this skirt", "cannot"),
        ("do i look fat in the black dress", "cannot"),
        ("what's a half tuck and how do i do it", "technique"),
        ("how do i french tuck a sweater", "technique"),
        ("moving house on saturday, what should i wear", "outfit"),
        ("drinks and dancing on friday", "outfit"),
        ("cocktails with the girls tonight", "outfit"),
        ("private view at a gallery on thursday", "outfit"),
    ],
)
def test_question_shapes_of_the_twelfth_batch(question: str, kind: str) -> None:
    assert understand(question).kind == kind, understand(question)


@pytest.mark.parametrize(
    ("question", "occasion"),
    [
        ("a session at the gym at lunch", "gym"),  # the activity, not the hour it is done at
        ("a gallery opening tonight", "party"),
        ("helping my sister move house", "casual"),
    ],
)
def test_occasions_the_table_did_not_name(question: str, occasion: str) -> None:
    assert understand(question).slots.occasion == occasion, understand(question).slots


@pytest.mark.parametrize(
    ("question", "kind", "lang"),
    [
        ("e para o casamento, o que é que eu visto?", "outfit", "pt"),  # European Portuguese "o que é que"
        ("um concerto no sábado, o que é que ponho?", "outfit", "pt"),
        ("¿qué se lleva esta primavera?", "cannot", "es"),  # what is in fashion
        ("tu sais s'il va pleuvoir demain ?", "cannot", "fr"),  # the elided "si il"
        ("wie pflege ich meinen wollpullover", "care", "de"),
        ("show me everything navy", "own", "en"),  # "me" alone reads as Spanish
    ],
)
def test_words_of_the_twelfth_batch(question: str, kind: str, lang: str) -> None:
    understood = understand(question)
    assert (understood.kind, understood.lang) == (kind, lang), understood


@pytest.mark.parametrize(
    "question",
    ["never show me the white sneakers again", "stop suggesting my loafers", "don't give me the grey hoodie"],
)
def test_a_piece_the_user_does_not_want_back_is_a_dislike(question: str) -> None:
    assert understand(question).dislike, understand(question)


def test_a_chino_is_trousers() -> None:
    assert [g.kind for g in understand("do the boots go with the beige chino?").slots.garments] == ["boots", "trousers"]


@pytest.mark.parametrize(
    "question",
    [
        "navy sweater with the grey trousers, too much or fine?",  # a tag, not a choice between two things
        "the white shirt under the navy blazer for a wedding, nice or not",
        "is my grey hoodie ok for a lazy morning at the coffee shop",  # a place to go, not a shop to buy from
    ],
)
def test_verdicts_asked_with_a_tag_or_at_a_coffee_shop(question: str) -> None:
    assert understand(question).kind == "yesno", understand(question)
