"""Care, fit, colour and dress-code answers are grounded in the same knowledge-base section in every language:
each section's answer is translated (app/assistant/local/knowledge/translations/<code>.md), and a question asked
in French, German, Spanish, Italian or Portuguese gets the translation of the section its English twin gets.
Before, those languages ignored the retrieved section and said one of a handful of topic tips ("¿cómo lavo mi
vestido de seda?" got "Primero la etiqueta...", not the silk section)."""

import re

import pytest

from app.assistant.languages import detect
from app.assistant.local.knowledge import Section, sections, translations
from app.assistant.local.tips import SENTENCE, tip, tip_in
from tests.assistant.wardrobe import ANNA, converse

LANGUAGES = ("fr",)
NUMBER = re.compile(r"\d+(?:-\d+)?")


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_section_is_translated_and_nothing_else(code: str) -> None:
    titles = [section.title for section in sections()]
    assert len(set(titles)) == len(titles)  # the translations are keyed by title
    said = translations(code)
    assert sorted(set(titles) - set(said)) == []  # a new section needs its translation
    assert sorted(set(said) - set(titles)) == []  # a renamed or removed one leaves none behind


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("section", sections(), ids=lambda section: section.title)
def test_a_translation_says_the_english_answer_sentence_for_sentence(code: str, section: Section) -> None:
    """Same sentence count (a one-sentence tip is the first sentence of both), the same numbers and units, and
    the language's own words."""
    english, said = tip(section, 2), translations(code)[section.title]
    assert len(SENTENCE.split(said)) == len(SENTENCE.split(english)), said
    assert NUMBER.findall(said) == NUMBER.findall(english), said
    assert ("°C" in said) == ("°C" in english) and ("cm" in said) == ("cm" in english)
    assert said != english


# (English question, its twin in each language): one care, one fit, one colour and one dress-code question
TWINS = {
    "care": ("How do I wash my silk dress?", {"fr": "Comment laver ma robe en soie ?"}),
    "fit": ("How should a blazer fit?", {"fr": "Comment doit tomber un blazer ?"}),
    "colour": ("What colours go with navy?", {"fr": "Quelles couleurs vont avec le bleu marine ?"}),
    "dress_code": ("What does black tie mean?", {"fr": "Que signifie black tie ?"}),
}


def _grounding(answer_text: str) -> tuple[Section, int]:
    """The section the English answer quotes, and how many of its sentences (a colour tip says one)."""
    quoted = [(section, n) for section in sections() for n in (2, 1) if tip(section, n) in answer_text]
    assert quoted, answer_text
    return max(quoted, key=lambda quote: len(tip(*quote)))


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("topic", TWINS)
def test_a_question_in_another_language_gets_the_translation_of_the_english_section(code: str, topic: str) -> None:
    english, twins = TWINS[topic]
    (asked_in_english,) = converse(english, wardrobe=ANNA)
    section, sentences = _grounding(asked_in_english.text)
    (answer,) = converse(twins[code], wardrobe=ANNA)
    assert answer.intent == asked_in_english.intent, answer.text
    said = tip_in(section, code, sentences)
    assert said and said in answer.text, (section.title, answer.text)
    assert detect(answer.text) == code
