"""Questions in French, German, Spanish, Italian and Portuguese are understood and answered in that language,
grounded in the same items as the English question."""

import pytest

from app.assistant import Turn, languages
from app.assistant.local.assistant import answer_locally
from tests.assistant.wardrobe import ANNA, ask

BY_ID = {item.id: item for item in ANNA}
DINNER = {
    "en": "What can I wear to a dinner tonight?",
    "fr": "Qu'est-ce que je peux porter pour un dîner ce soir ?",
    "de": "Was kann ich heute Abend zu einem Abendessen anziehen?",
    "es": "¿Qué me pongo para una cena esta noche?",
    "it": "Cosa posso mettere per una cena stasera?",
    "pt": "O que posso vestir para um jantar hoje à noite?",
}
PAIR = {
    "fr": ("Est-ce que mon blazer bleu marine va avec mon jean noir ?", "Oui"),
    "de": ("Passt mein dunkelblauer Blazer zu meiner schwarzen Jeans?", "Ja"),
    "es": ("¿Mi blazer azul marino combina con mis vaqueros negros?", "Sí"),
    "it": ("Il mio blazer blu navy sta bene con i miei jeans neri?", "Sì"),
    "pt": ("O meu blazer azul-marinho combina com a minha calça jeans preta?", "Sim"),
}
RAIN = {
    "fr": "Qu'est-ce que je mets demain avec 5 degrés et de la pluie ?",
    "de": "Was soll ich morgen bei 5 Grad und Regen anziehen?",
    "es": "¿Qué me pongo mañana con 5 grados y lluvia?",
    "it": "Cosa mi metto domani con 5 gradi e pioggia?",
    "pt": "O que visto amanhã com 5 graus e chuva?",
}


@pytest.mark.parametrize("lang", list(DINNER))
def test_detects_the_language_and_answers_in_it(lang: str) -> None:
    assert languages.detect(DINNER[lang]) == lang
    answer = answer_locally(ask(DINNER[lang], wardrobe=ANNA))
    assert answer.language == lang and answer.intent == "outfit" and answer.referenced_item_ids


def test_every_language_grounds_the_same_outfit() -> None:
    outfits = {lang: answer_locally(ask(q, wardrobe=ANNA)).referenced_item_ids for lang, q in DINNER.items()}
    assert len({tuple(ids) for ids in outfits.values()}) == 1, outfits


@pytest.mark.parametrize("lang", list(PAIR))
def test_yes_no_in_each_language(lang: str) -> None:
    question, yes = PAIR[lang]
    answer = answer_locally(ask(question, wardrobe=ANNA))
    assert answer.text.startswith(yes) and {1, 13} <= set(answer.referenced_item_ids), answer.text


@pytest.mark.parametrize("lang", list(RAIN))
def test_weather_words_in_each_language_reach_the_outfit_engine(lang: str) -> None:
    answer = answer_locally(ask(RAIN[lang], wardrobe=ANNA))
    kinds = {BY_ID[i].type for i in answer.referenced_item_ids}
    assert kinds & {"coat", "jacket"} and not kinds & {"shorts", "sandals"}, answer.text


def test_a_follow_up_keeps_the_threads_language_and_items() -> None:
    first = answer_locally(ask("Est-ce que je peux porter ma robe noire à un enterrement ?", wardrobe=ANNA))
    turns = (Turn("Est-ce que je peux porter ma robe noire à un enterrement ?", first.text),)
    second = answer_locally(ask("Et par-dessus s'il fait froid ?", wardrobe=ANNA, turns=turns))
    assert first.text.startswith("Oui") and second.language == "fr"
    assert 17 in second.referenced_item_ids and {BY_ID[i].type for i in second.referenced_item_ids} & {"coat"}


def test_every_language_has_every_phrase_english_has() -> None:
    english = set(languages.get("en").phrases)
    for code, language in languages.registry().items():
        assert english <= set(language.phrases), (code, sorted(english - set(language.phrases)))
        assert set(languages.get("en").extra) <= set(language.extra), code


def test_german_occasions_follow_a_preposition_that_takes_their_case() -> None:
    """The occasion names are accusative ("ein Abendessen"): "zu ein Abendessen" was said, which is not German."""
    from app.assistant.languages import de

    after_zu = [key for key, texts in de.PHRASES.items() for text in texts if "zu {occasion}" in text]
    assert after_zu == []
    said = de.PHRASES["verdict/yes/fits_occasion"][0].format(items="x", occasion="ein Abendessen")
    assert "für ein Abendessen" in said


@pytest.mark.parametrize(
    ("answer", "lang"),
    [
        ("A straight leg works best with your loafers (#3).", "en"),
        ("A blazer over it.", "en"),
        ("Sim, tu tens uma camisa branca (#2).", "pt"),
        ("A sua camisa branca (#104): combina melhor.", "pt"),
        ("Oui, tu as une chemise blanche (#2).", "fr"),
        ("Sì, tu hai una camicia bianca (#2).", "it"),
        ("No, no veo nada neón en tu armario.", "es"),
    ],
)
def test_the_evaluations_language_check_reads_shared_words_as_weak_evidence(answer: str, lang: str) -> None:
    from eval.assistant_checks import detect_language

    assert detect_language(answer) == lang
