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

LANGUAGES = ("fr", "de", "es", "it", "pt")
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


# A care, a fit, two colour and a dress-code question, asked in English and in each language
TWINS = {
    "care": {
        "en": "How do I wash my silk dress?", "fr": "Comment laver ma robe en soie ?",
        "de": "Wie wasche ich mein Seidenkleid?", "es": "¿Cómo lavo mi vestido de seda?",
        "it": "Come lavo il mio vestito di seta?", "pt": "Como lavo o meu vestido de seda?",
    },
    "fit": {
        "en": "How should a blazer fit?", "fr": "Comment doit tomber un blazer ?",
        "de": "Wie sollte ein Blazer sitzen?", "es": "¿Cómo debe quedar un blazer?",
        "it": "Come deve cadere un blazer?", "pt": "Como deve assentar um blazer?",
    },
    "colour": {
        "en": "What colours go with navy?", "fr": "Quelles couleurs vont avec le bleu marine ?",
        "de": "Welche Farben passen zu Marineblau?", "es": "¿Qué colores combinan con el azul marino?",
        "it": "Quali colori stanno bene con il blu navy?", "pt": "Que cores combinam com azul-marinho?",
    },
    "patterns": {
        "en": "Can I mix patterns?", "fr": "Puis-je mélanger les motifs ?", "de": "Kann ich Muster mischen?",
        "es": "¿Puedo mezclar estampados?", "it": "Posso mescolare le fantasie?", "pt": "Posso misturar estampas?",
    },
    "dress_code": {
        "en": "What does black tie mean?", "fr": "Que signifie black tie ?", "de": "Was bedeutet Black Tie?",
        "es": "¿Qué significa black tie?", "it": "Cosa significa black tie?", "pt": "O que significa black tie?",
    },
}  # fmt: skip


def _grounding(answer_text: str) -> tuple[Section, int]:
    """The section the English answer quotes, and how many of its sentences (a colour tip says one)."""
    quoted = [(section, n) for section in sections() for n in (2, 1) if tip(section, n) in answer_text]
    assert quoted, answer_text
    return max(quoted, key=lambda quote: len(tip(*quote)))


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("topic", TWINS)
def test_a_question_in_another_language_gets_the_translation_of_the_english_section(code: str, topic: str) -> None:
    (asked_in_english,) = converse(TWINS[topic]["en"], wardrobe=ANNA)
    section, sentences = _grounding(asked_in_english.text)
    (answer,) = converse(TWINS[topic][code], wardrobe=ANNA)
    assert answer.intent == asked_in_english.intent, answer.text
    said = tip_in(section, code, sentences)
    assert said and said in answer.text, (section.title, answer.text)
    assert detect(answer.text) == code


@pytest.mark.parametrize(
    ("question", "title"),
    [
        # a kind the problem section's tags list is not the problem: caring for shoes is not storing them
        ("How do I best care for my leather shoes?", "Leather"),
        ("wie pflege ich meine lederschuhe am besten", "Leather"),
        ("How do I clean suede shoes?", "Suede"),
        # a problem said after "without" is what to avoid: how to wash it, not how to rescue it
        ("How do I wash my wool sweater without it shrinking?", "Wool"),
        ("Wie wasche ich meinen Wollpullover, ohne dass er einläuft?", "Wool"),
        # how long trousers should be is where the hem falls, not the cut of the leg
        ("How long should jeans be with loafers?", "Trouser fit and break"),
        ("quanto devono essere lunghi i jeans con i mocassini?", "Trouser fit and break"),
    ],
)
def test_the_section_that_answers_the_question_is_quoted(question: str, title: str) -> None:
    (answer,) = converse(question, wardrobe=ANNA)
    section = next(section for section in sections() if section.title == title)
    said = tip_in(section, detect(question))
    assert said and said in answer.text, answer.text
