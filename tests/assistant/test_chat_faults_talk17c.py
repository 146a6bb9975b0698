"""What the lead's chats showed (talk17c): flats said as "flat shoes" in five languages, bags and backpacks at
an occasion, rain with nothing to keep it off, and drinks after an interview."""

import pytest

from tests.assistant.wardrobe import converse, item

BEACH = (
    item(930, "blouse", "top", "black", "black", style="smart-casual", formality=3, warmth=2),
    item(931, "skirt", "bottom", "red", "red", style="smart-casual", formality=3, warmth=2),
    item(932, "flats", "shoes", "beige", "beige", style="smart-casual", formality=3, warmth=1),
    item(933, "boots", "shoes", "black", "black", style="smart-casual", formality=3, warmth=4),
    item(934, "loafers", "shoes", "black", "black", style="smart-casual", formality=3, warmth=2),
)


@pytest.mark.parametrize(
    ("wedding", "flats"),
    [
        ("What should I wear to a beach wedding in July?", "can I wear flat shoes?"),
        ("¿Qué me pongo para una boda en la playa en julio?", "¿puedo llevar zapatos planos?"),
        ("Qu'est-ce que je mets pour un mariage sur la plage en juillet ?", "je peux mettre des chaussures plates ?"),
        ("Was ziehe ich zu einer Strandhochzeit im Juli an?", "kann ich flache Schuhe tragen?"),
        ("Cosa mi metto per un matrimonio in spiaggia a luglio?", "posso mettere scarpe basse?"),
        ("O que visto para um casamento na praia em julho?", "posso usar sapatos rasos?"),
    ],
)
def test_flat_shoes_are_the_flats_not_any_shoes(wedding: str, flats: str) -> None:
    _, verdict = converse(wedding, flats, wardrobe=BEACH)
    assert verdict.intent == "yesno", verdict.text
    assert 932 in verdict.referenced_item_ids, verdict.text  # her flats
    assert 933 not in verdict.referenced_item_ids, verdict.text  # never ankle boots for the sand


NO_BAG = (  # chloe's case: nothing to carry in the photos, and no outerwear
    item(940, "t-shirt", "top", "white", "white", style="casual", formality=1, warmth=1),
    item(941, "jeans", "bottom", "denim blue", "blue", style="casual", formality=2, warmth=3),
    item(942, "sneakers", "shoes", "white", "white", style="casual", formality=1, warmth=2),
    item(943, "sweater", "top", "red", "red", style="casual", formality=2, warmth=4),
)
DEPENDS = ("it depends", "depende", "ça dépend", "kommt darauf an", "dipende")
YES = ("yes", "sí", "oui", "ja", "sì", "sim")


@pytest.mark.parametrize(
    ("interview", "backpack", "bag"),
    [
        ("I have a job interview on Monday, what should I wear?", "can I bring my backpack?", "should I take a bag?"),
        ("Tengo una entrevista de trabajo el lunes, ¿qué me pongo?", "¿puedo llevar mi mochila?",
         "¿puedo llevar un bolso?"),
        ("J'ai un entretien d'embauche lundi, qu'est-ce que je mets ?", "est-ce que je peux prendre mon sac à dos ?",
         "est-ce que je peux prendre un sac ?"),
        ("Ich habe am Montag ein Vorstellungsgespräch, was soll ich anziehen?", "kann ich meinen Rucksack mitnehmen?",
         "kann ich eine Tasche mitnehmen?"),
        ("Ho un colloquio di lavoro lunedì, cosa mi metto?", "posso portare il mio zaino?", "posso portare una borsa?"),
        ("Tenho uma entrevista de emprego na segunda, o que visto?", "posso levar a minha mochila?",
         "posso levar uma bolsa?"),
    ],
)  # fmt: skip
def test_a_bag_suits_an_interview_and_a_backpack_is_the_places_call(interview: str, backpack: str, bag: str) -> None:
    _, pack, carried = converse(interview, backpack, bag, wardrobe=NO_BAG)
    assert pack.intent == "yesno" and carried.intent == "yesno", (pack.text, carried.text)
    assert pack.text.lower().startswith(DEPENDS), pack.text  # a backpack reads casual: fine at a startup, not a bank
    assert carried.text.lower().startswith(YES), carried.text  # every interview takes a bag


@pytest.mark.parametrize(
    ("occasion", "answer"),
    [("is a backpack ok for the office?", DEPENDS), ("can I take my backpack to the gym?", YES),
     ("is a backpack ok for a wedding?", ("no",)), ("can I bring a bag to a funeral?", YES)],
)  # fmt: skip
def test_a_backpack_is_judged_by_the_occasion(occasion: str, answer: tuple[str, ...]) -> None:
    (verdict,) = converse(occasion, wardrobe=NO_BAG)
    assert verdict.intent == "yesno", verdict.text
    assert verdict.text.lower().startswith(answer), verdict.text


@pytest.mark.parametrize(
    ("interview", "rain"),
    [
        ("I have a job interview on Monday, what should I wear?", "what if it's raining?"),
        ("Tengo una entrevista de trabajo el lunes, ¿qué me pongo?", "¿y si llueve?"),
        ("J'ai un entretien d'embauche lundi, qu'est-ce que je mets ?", "et s'il pleut ?"),
        ("Ich habe am Montag ein Vorstellungsgespräch, was soll ich anziehen?", "und wenn es regnet?"),
        ("Ho un colloquio di lavoro lunedì, cosa mi metto?", "e se piove?"),
        ("Tenho uma entrevista de emprego na segunda, o que visto?", "e se chover?"),
    ],
)
def test_rain_with_nothing_to_keep_it_off_says_so_even_short_of_the_code(interview: str, rain: str) -> None:
    from app.assistant import languages

    _, wet = converse(interview, rain, wardrobe=NO_BAG)
    assert wet.intent == "outfit", wet.text
    said = languages.get(wet.language).phrases["no_rain_cover"]
    assert any(line.split(";")[0] in wet.text for line in said), wet.text  # no coat or rain layer: what would do


@pytest.mark.parametrize(
    ("interview", "drinks"),
    [
        ("I have a job interview on Monday, what should I wear?", "great, what would I change for drinks after?"),
        ("Tengo una entrevista de trabajo el lunes, ¿qué me pongo?", "genial, ¿qué cambiaría para tomar algo después?"),
        ("J'ai un entretien d'embauche lundi, qu'est-ce que je mets ?",
         "super, qu'est-ce que je changerais pour un verre après ?"),
        ("Ich habe am Montag ein Vorstellungsgespräch, was soll ich anziehen?",
         "super, was ändere ich für Drinks danach?"),
        ("Ho un colloquio di lavoro lunedì, cosa mi metto?", "ottimo, cosa cambierei per un aperitivo dopo?"),
        ("Tenho uma entrevista de emprego na segunda, o que visto?", "ótimo, o que mudaria para uns copos depois?"),
    ],
)  # fmt: skip
def test_drinks_after_an_interview_keep_the_days_look_and_are_no_party(interview: str, drinks: str) -> None:
    from app.assistant import languages

    first, after = converse(interview, drinks, wardrobe=NO_BAG)
    assert set(after.referenced_item_ids) == set(first.referenced_item_ids), after.text  # the day's look, kept
    party = languages.get(after.language).occasions["party"]
    assert party not in after.text, after.text  # drinks after work are the day's look relaxed, not a night out
