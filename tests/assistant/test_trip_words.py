"""A trip said in another language, with the number of days in words, a month and a suitcase ("quatre jours en
mai", "o que levo na mala?"), is a packing list for that many days, in that language; before, only digits and
English luggage words made a trip, so these got an everyday outfit or "off topic"."""

import pytest

from app.assistant.languages import detect
from tests.assistant.wardrobe import ANNA, converse


@pytest.mark.parametrize(
    ("question", "days"),
    [
        ("Je pars à Lisbonne quatre jours en mai, qu'est-ce que je mets dans ma valise ?", "4 jours"),
        ("Vou a Lisboa quatro dias em maio, o que levo na mala?", "4 dias"),
        ("Voy a Lisboa cuatro días en mayo, ¿qué meto en la maleta?", "4 días"),
        ("Ich fahre vier Tage nach Lissabon im Mai, was soll ich einpacken?", "4 Tage"),
        ("Vado a Lisbona per quattro giorni a maggio, cosa metto in valigia?", "4 giorni"),
        ("Je pars une semaine à Rome, que prendre dans ma valise ?", "7 jours"),
        ("Was packe ich in den Koffer für zwei Wochen in Rom?", "14 Tage"),
    ],
)
def test_a_trip_in_words_is_a_packing_list_for_those_days(question: str, days: str) -> None:
    (answer,) = converse(question, wardrobe=ANNA)
    assert answer.intent == "packing", answer.text
    assert days in answer.text
    assert detect(answer.text) == detect(question)
    assert len(answer.referenced_item_ids) >= 4  # a list to pack, not one outfit


def test_a_number_word_that_is_also_a_word_stays_a_word() -> None:
    """Italian "sei" is "you are" and French "neuf" is "new": only before days or nights are they numbers."""
    for question in ("Sei sicura che il mio maglione nero va con i jeans?", "Mon jean neuf va avec mon pull noir ?"):
        (answer,) = converse(question, wardrobe=ANNA)
        assert answer.intent != "packing", answer.text
