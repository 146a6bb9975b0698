"""Faults the lead found chatting as a user (issue 15), each as its general class on a small wardrobe of its own:
a fit problem answered with the fix; how often to clean a kind of piece; a shoes follow-up with a reason keeps the
outfit; a superlative about the wardrobe picks one piece; black tie; a drink on the beach; rain after heat; an
accessory the user does not own; styling a piece for a season."""

import re
from functools import partial

import pytest

from tests.assistant.wardrobe import converse as converse_over
from tests.assistant.wardrobe import item

CLOSET = (
    item(700, "blazer", "outerwear", "navy", "navy", style="formal", formality=4, warmth=3),
    item(701, "trousers", "bottom", "charcoal", "grey", style="formal", formality=4, warmth=3),
    item(702, "trousers", "bottom", "grey", "grey", style="formal", formality=4, warmth=3),
    item(703, "shirt", "top", "white", "white", style="formal", formality=4, warmth=2),
    item(704, "shirt", "top", "light blue", "blue", style="smart-casual", formality=3, warmth=2),
    item(705, "sweater", "top", "navy", "navy", style="casual", formality=2, warmth=4),
    item(706, "formal-shoes", "shoes", "black", "black", style="formal", formality=5, warmth=2),
    item(707, "sneakers", "shoes", "white", "white", style="casual", formality=1, warmth=2),
    item(708, "jeans", "bottom", "denim blue", "blue", style="casual", formality=2, warmth=3),
    item(709, "tie", "accessory", "burgundy", "red", style="formal", formality=5, warmth=1),
    item(710, "t-shirt", "top", "grey", "grey", style="casual", formality=1, warmth=1),
    item(711, "coat", "outerwear", "navy", "navy", style="formal", formality=4, warmth=5),
)
converse = partial(converse_over, wardrobe=CLOSET)


@pytest.mark.parametrize(
    ("question", "fix"),
    [
        ("my suit trousers are too long, what can I do?", "hem"),
        ("the sleeves on my blazer are too long", "cuff"),
        ("my trousers are too tight at the waist", "let out"),
        ("my navy sweater shrank in the wash", "conditioner"),
        ("mon pantalon est trop long, que faire ?", "ourlet"),
        ("meine Hose ist zu lang, was kann ich tun?", "kürzt"),
        ("i miei pantaloni sono troppo lunghi, cosa posso fare?", "orlo"),
    ],
)
def test_a_fit_problem_gets_the_fix_without_asking_which_piece(question: str, fix: str) -> None:
    (answer,) = converse(question)
    assert answer.intent in ("fit", "care") and fix in answer.text.lower(), answer.text  # a shrunk knit is care
    assert "which one" not in answer.text.lower(), answer.text


@pytest.mark.parametrize(
    ("question", "frequency", "unrelated"),
    [
        ("how often should I dry clean my blazer?", "rarely", "knits"),
        ("how often should I wash my jeans?", "every five to ten wears", "dry clean"),
        ("how many wears before I wash my navy sweater?", "every five", "blazer"),
        ("wie oft sollte ich meinen Blazer reinigen lassen?", "selten", "Wolle"),
        ("¿cada cuánto lavo mis vaqueros?", "cada cinco", "lana"),
    ],
)
def test_how_often_to_clean_a_kind_of_piece_comes_first_and_only_for_that_kind(
    question: str, frequency: str, unrelated: str
) -> None:
    (answer,) = converse(question)
    assert answer.intent == "care" and frequency in answer.text, answer.text
    assert unrelated not in answer.text, answer.text


def test_the_most_versatile_piece_is_one_piece_computed_from_the_wardrobe() -> None:
    (answer,) = converse("what's the most versatile piece I own?")
    assert answer.intent == "own" and len(answer.referenced_item_ids) == 1, answer.text
    assert answer.referenced_item_ids == [704] and "all 7 pieces" in answer.text, answer.text
    # computed from the wardrobe, not a fixed list: without the light blue shirt another piece wins
    (without,) = converse_over(
        "what's the most versatile piece I own?", wardrobe=tuple(i for i in CLOSET if i.id != 704)
    )
    assert without.referenced_item_ids[:1] not in ([], [704]), without.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [("what's my most formal piece?", 706), ("what's the warmest thing I own?", 711)],
)
def test_a_superlative_about_the_wardrobe_picks_one_piece(question: str, expected: int) -> None:
    (answer,) = converse(question)
    assert answer.referenced_item_ids[:1] == [expected] and len(answer.referenced_item_ids) <= 2, answer.text


@pytest.mark.parametrize(
    "question",
    ["qual è il capo più versatile che ho?", "quelle est la pièce la plus polyvalente de ma garde-robe ?",
     "was ist mein vielseitigstes Teil?", "¿cuál es mi prenda más versátil?", "qual é a minha peça mais versátil?"],
)  # fmt: skip
def test_the_most_versatile_piece_in_every_language(question: str) -> None:
    (answer,) = converse(question)
    assert answer.intent == "own" and len(answer.referenced_item_ids) == 1, answer.text


def test_what_do_i_wear_most_is_honest_about_wear_data() -> None:
    (answer,) = converse("what do I wear the most?")
    assert "how often" in answer.text and len(answer.referenced_item_ids) == 1, answer.text


def test_black_tie_optional_is_the_darkest_most_formal_pieces_with_a_tie_and_an_honest_gap() -> None:
    (answer,) = converse("I have a wedding in October, it's black tie optional")
    ids = answer.referenced_item_ids
    assert {703, 701, 706, 700, 709} <= set(ids) and 704 not in ids, answer.text  # white shirt, charcoal, tie
    assert "suit" in answer.text and answer.text.startswith("For a black-tie wedding"), answer.text


def test_a_wedding_in_shirt_and_trousers_gets_the_owned_tie() -> None:
    (answer,) = converse("what should I wear to my cousin's wedding?")
    assert 709 in answer.referenced_item_ids, answer.text


@pytest.mark.parametrize(
    "question",
    ["Ho un matrimonio black tie a ottobre, cosa mi metto?", "J'ai un mariage black tie en octobre, je mets quoi ?",
     "Tengo una boda black tie en octubre, ¿qué me pongo?",
     "Ich habe im Oktober eine Black-Tie-Hochzeit, was ziehe ich an?",
     "Tenho um casamento black tie em outubro, o que visto?"],
)  # fmt: skip
def test_black_tie_in_every_language(question: str) -> None:
    (answer,) = converse(question)
    assert answer.intent == "outfit" and {703, 709} <= set(answer.referenced_item_ids), answer.text


def test_black_tie_with_nothing_dressy_says_so() -> None:
    casual = tuple(i for i in CLOSET if (i.formality or 0) <= 2)
    (answer,) = converse_over("black tie wedding next month, what do I wear?", wardrobe=casual)
    assert "Honestly" in answer.text and "evening dress" in answer.text, answer.text  # names what is needed


SUMMER = (
    item(720, "blouse", "top", "black", "black", style="formal", formality=3, warmth=1),
    item(721, "trousers", "bottom", "black", "black", style="formal", formality=4, warmth=3),
    item(722, "loafers", "shoes", "black", "black", style="smart-casual", formality=3, warmth=2),
    item(723, "dress", "one-piece", "green", "green", pattern="floral", style="casual", formality=2, warmth=1,
         seasons=("spring", "summer")),
    item(724, "sandals", "shoes", "tan", "brown", style="casual", formality=1, warmth=1, seasons=("summer",)),
    item(725, "trousers", "bottom", "white", "white", style="casual", formality=2, warmth=1, seasons=("summer",)),
    item(726, "t-shirt", "top", "white", "white", style="casual", formality=1, warmth=1),
    item(727, "jeans", "bottom", "black", "black", style="casual", formality=2, warmth=3),
    item(728, "sneakers", "shoes", "black", "black", style="casual", formality=1, warmth=2),
)  # fmt: skip


@pytest.mark.parametrize(
    "question",
    ["Cosa mi metto per un aperitivo in spiaggia?", "qu'est-ce que je mets pour un apéro sur la plage ?",
     "drinks at the beach bar tonight, what should I wear?", "¿qué me pongo para tomar algo en la playa?",
     "o que visto para um aperitivo na praia?"],
)  # fmt: skip
def test_a_drink_on_the_beach_is_dressed_light_not_as_a_party(question: str) -> None:
    (answer,) = converse_over(question, wardrobe=SUMMER)
    first = answer.text.split(". ")[0]
    assert answer.intent == "outfit" and "#724" in first, answer.text  # sandals
    assert not {"#721", "#727", "#722", "#728"} & set(first.replace(",", " ").replace(")", ") ").split()), answer.text


def test_a_shoes_follow_up_with_a_reason_keeps_the_last_outfit_and_says_why() -> None:
    from tests.assistant.wardrobe import ANNA

    first, relaxed, shoes = converse_over(
        "I have a first date at a wine bar tonight, what should I wear?", "hmm something less formal",
        "what about shoes, it's a 20 minute walk", wardrobe=ANNA,
    )  # fmt: skip
    kept = [i for i in relaxed.referenced_item_ids if i in (6, 12)]
    assert kept and all(i in shoes.referenced_item_ids for i in kept), (relaxed.text, shoes.text)
    assert shoes.text != first.text and "walk" in shoes.text, shoes.text
    worn_shoes = [i for i in shoes.referenced_item_ids if i in (25, 26, 27, 30)]  # flat shoes, no heels
    assert worn_shoes and 28 not in shoes.referenced_item_ids, shoes.text


@pytest.mark.parametrize(
    ("follow_up", "reason"),
    [("what shoes? I'm standing all day", "on your feet"), ("which shoes if it rains?", "rain"),
     ("et les chaussures ? je marche 20 minutes", "marche")],
)  # fmt: skip
def test_shoes_for_the_last_outfit_whatever_the_reason(follow_up: str, reason: str) -> None:
    outfit, shoes = converse("what should I wear to the office tomorrow?", follow_up)
    top = next(i for i in outfit.referenced_item_ids if i in (703, 704, 705, 710))
    assert shoes.intent == "outfit" and top in shoes.referenced_item_ids and reason in shoes.text, shoes.text


CASUAL = (
    *(i for i in CLOSET if i.id in (705, 707, 708, 710)),
    item(730, "shorts", "bottom", "denim blue", "blue", style="casual", formality=1, warmth=1, seasons=("summer",)),
    item(731, "hoodie", "top", "black", "black", style="casual", formality=1, warmth=4),
)


def test_rain_after_heat_names_the_missing_cover_and_no_hoodie() -> None:
    _, rain = converse_over("I'm going to a music festival this weekend, it'll be hot", "what if it rains?",
                            wardrobe=CASUAL)  # fmt: skip
    assert "in the heat in the rain" not in rain.text and "heat and rain" in rain.text, rain.text
    assert "poncho" in rain.text and 731 not in rain.referenced_item_ids, rain.text


def test_rain_when_cool_adds_a_warm_top_honestly() -> None:
    (rain,) = converse_over("what should I wear to walk the dog, it's pouring", wardrobe=CASUAL)
    assert "poncho" in rain.text and (705 in rain.referenced_item_ids or 731 in rain.referenced_item_ids), rain.text


@pytest.mark.parametrize(
    ("code", "heat_and_rain", "cold_and_wind"),
    [("en", "For a relaxed day in the heat and rain", "For work in the cold and wind"),
     ("fr", "par temps chaud et pluvieux", "par temps froid et venteux"),
     ("de", "bei Hitze und Regen", "bei Kälte und Wind"),
     ("es", "con calor y lluvia", "con frío y viento"),
     ("it", "con il caldo e la pioggia", "con il freddo e il vento"),
     ("pt", "com calor e chuva", "com frio e vento")],
)  # fmt: skip
def test_several_conditions_read_as_one_phrase_in_every_language(
    code: str, heat_and_rain: str, cold_and_wind: str
) -> None:
    from app.assistant import languages
    from app.assistant.local.word import lead

    lang = languages.get(code)
    hot = lead(lang, {"occasion": "casual", "weather": "warm", "rain": True})
    cold = lead(lang, {"occasion": "work", "weather": "cold", "wind": True})
    assert heat_and_rain in hot and cold_and_wind in cold, (hot, cold)


def test_an_accessory_not_owned_after_an_outfit_gets_advice_for_that_outfit() -> None:
    casual = tuple(i for i in CLOSET if i.id in (707, 708, 710))
    _, tights = converse_over("what can I wear to a job interview at a law firm?",
                              "what colour tights would go with that?", wardrobe=casual)  # fmt: skip
    assert "skirt or a dress" in tights.text and "#708" in tights.text, tights.text  # grounded in the jeans
    _, tie = converse_over("what should I wear today?", "which tie would go with it?", wardrobe=casual)
    assert "collared shirt" in tie.text, tie.text


def test_tights_with_a_dress_in_every_language() -> None:
    party = (
        item(733, "dress", "one-piece", "black", "black", style="formal", formality=4, warmth=1),
        item(734, "heels", "shoes", "black", "black", style="formal", formality=4, warmth=1),
        *(i for i in SUMMER if i.id in (726, 727, 728)),
    )
    for question, follow_up, said in (
        ("what should I wear to a party on saturday?", "what colour tights would go with that?", "sheer black"),
        ("qu'est-ce que je mets pour une fête samedi ?", "quelle couleur de collants avec ça ?", "noirs voile"),
        ("cosa mi metto per una festa sabato?", "che colore di collant ci metto?", "neri velati"),
    ):
        first, answer = converse_over(question, follow_up, wardrobe=party)
        assert said in answer.text and "#733" in answer.text, (first.text, answer.text)


@pytest.mark.parametrize(
    ("question", "season_word"),
    [("how do I style my floral dress for autumn?", "In autumn"),
     ("comment porter ma robe à fleurs en hiver ?", "En hiver"),
     ("wie style ich mein Blumenkleid im Herbst?", "Im Herbst")],
)  # fmt: skip
def test_styling_a_piece_for_a_season_dresses_it_for_the_cold_without_colour_theory(
    question: str, season_word: str
) -> None:
    wardrobe = (
        *SUMMER,
        item(729, "coat", "outerwear", "camel", "brown", formality=4, warmth=5),
        item(732, "boots", "shoes", "black", "black", formality=3, warmth=4, seasons=("fall", "winter")),
    )
    (answer,) = converse_over(question, wardrobe=wardrobe)
    assert answer.text.startswith(season_word) and "#723" in answer.text and "#729" in answer.text, answer.text
    assert "#724" not in answer.text and "statement" not in answer.text, answer.text  # no sandals, no colour text


# What chatting on after the lead's list showed (each its general class)


@pytest.mark.parametrize(
    "question",
    ["quel est mon vêtement le plus habillé ?", "¿cuál es mi prenda más elegante?",
     "qual è il capo più elegante che ho?", "welches ist mein elegantestes Teil?",
     "qual é a peça mais elegante que tenho?"],
)  # fmt: skip
def test_the_most_formal_piece_in_every_language(question: str) -> None:
    (answer,) = converse(question)
    assert answer.intent == "own" and answer.referenced_item_ids[:1] == [706], answer.text


def test_and_the_most_casual_after_a_superlative_asks_the_wardrobe_again() -> None:
    _, casual = converse("what's my most formal piece?", "and the most casual?")
    assert casual.intent == "own" and casual.referenced_item_ids[:1] in ([707], [710]), casual.text


def test_snow_asks_for_boots_when_there_are_boots() -> None:
    snowy = (*CLOSET, item(712, "boots", "shoes", "brown", "brown", formality=3, warmth=4))
    (answer,) = converse_over("what should I wear in the snow tomorrow?", wardrobe=snowy)
    assert "#712" in answer.text and "#707" not in answer.text and "#706" not in answer.text, answer.text


def test_sleeves_too_short_is_not_a_hem() -> None:
    (answer,) = converse("my blazer sleeves are too short, can that be fixed?")
    assert "cuff" in answer.text and "hem" not in answer.text, answer.text


def test_a_bag_not_owned_after_an_outfit_echoes_the_shoes() -> None:
    _, bag = converse("what should I wear to the office tomorrow?", "what bag should I bring?")
    assert "bag" in bag.text and any(f"#{i}" in bag.text for i in (706, 707)), bag.text


def test_german_compounds_black_tie_and_washing() -> None:
    (gala,) = converse("Was ziehe ich zu einer Black-Tie-Gala an?")
    assert gala.text.startswith("Für einen Black-Tie-Abend") and "#709" in gala.text, gala.text
    (jeans,) = converse("wie oft wasche ich meine Jeans?")
    assert jeans.intent == "care" and "fünf bis zehn" in jeans.text, jeans.text


# The fourteenth batch's chat faults (the lead's seven conversations), each as its general class


def test_an_accessory_not_owned_is_said_to_be_missing_before_the_advice() -> None:
    _, bag = converse("what should I wear to the office tomorrow?", "and what bag?")
    assert bag.text.startswith("I don't see a bag") and "#70" in bag.text, bag.text
    _, tasche = converse("Was ziehe ich morgen ins Büro an?", "passt meine schwarze Tasche dazu?")
    assert tasche.text.startswith("Ich sehe keine Tasche in Schwarz"), tasche.text


@pytest.mark.parametrize(
    ("outfit", "left_out", "said"),
    [
        ("what should I wear to the office tomorrow?", "I don't like that scarf", "There was no scarf"),
        ("what should I wear to the office tomorrow?", "without the tie", "There was no tie"),
        ("Qu'est-ce que je mets pour le bureau demain ?", "et sans la cravate ?", "Il n'y avait pas de cravate"),
        ("Was ziehe ich morgen ins Büro an?", "und ohne die Krawatte?", "Krawatte: Das war gar nicht"),
    ],
)
def test_a_piece_the_last_answer_did_not_have_is_said_so_and_nothing_is_recorded(
    outfit: str, left_out: str, said: str
) -> None:
    first, answer = converse(outfit, left_out)
    assert "#709" not in first.text, first.text  # no tie at the office: the premise of the test
    assert answer.text.startswith(said) and not answer.disliked_item_ids, answer.text
    assert "#709" not in answer.text and "#703" in answer.text + first.text, answer.text  # the outfit stands


def test_a_dislike_of_an_owned_kind_said_plainly_is_still_recorded() -> None:
    _, answer = converse("what should I wear to the office tomorrow?", "I don't like sneakers")
    assert answer.disliked_item_ids == [707], answer.text


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("how do I stop my shirt creasing in my suitcase?", "fold"),
        ("wie verhindere ich, dass meine Hose im Zug knittert?", "Bügelfalte"),
        ("comment éviter que ma chemise se froisse dans la valise ?", "vapeur"),
        ("come evito che i pantaloni si stropiccino in aereo?", "vapore"),
        ("como evito que as calças amarrotem no comboio?", "vinco"),
    ],
)
def test_how_to_keep_a_piece_from_creasing_is_care_not_a_travel_outfit(question: str, words: str) -> None:
    (answer,) = converse(question)
    assert answer.intent == "care" and words in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "none"),
    [
        ("do I own anything silk?", "none of your pieces is tagged as silk"),
        ("have I got anything linen", "none of your pieces is tagged as linen"),
        ("ai-je quelque chose en cuir ?", "notée en cuir"),
        ("habe ich etwas aus Wolle?", "Wolle angegeben"),
        ("¿tengo algo de lino?", "marcada como de lino"),
        ("ho qualcosa di seta?", "segnato in seta"),
        ("tenho alguma coisa de linho?", "marcada como de linho"),
    ],
)
def test_a_material_asked_of_the_wardrobe_lists_only_what_is_tagged_so(question: str, none: str) -> None:
    (answer,) = converse(question)
    assert none in answer.text and not answer.referenced_item_ids, answer.text


def test_a_kind_made_of_the_material_is_what_is_tagged_so() -> None:
    (answer,) = converse("do I own anything denim?")
    assert answer.referenced_item_ids == [708], answer.text


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("wie viele Krawatten habe ich?", "Du hast eine:"),
        ("wie viele Mäntel habe ich?", "Du hast einen: deinen Mantel"),
        ("combien de cravates ai-je ?", "Tu en as une :"),
        ("¿cuántas corbatas tengo?", "Tienes una:"),
        ("quante cravatte ho?", "Ne hai una:"),
        ("quantas gravatas tenho?", "Tem uma:"),
    ],
)
def test_one_agrees_with_the_noun_it_counts(question: str, opening: str) -> None:
    (answer,) = converse(question)
    assert answer.text.startswith(opening), answer.text


@pytest.mark.parametrize(
    "follow_up",
    ["which of those is warmest?", "welche davon ist am wärmsten?", "¿cuál de ellas es la más abrigada?",
     "quale di queste è la più calda?", "qual deles é o mais quente?"],
)  # fmt: skip
def test_a_superlative_over_the_last_answer_picks_one_of_its_pieces(follow_up: str) -> None:
    _, answer = converse("show me my jackets", follow_up)
    assert answer.intent == "own" and answer.referenced_item_ids[:1] == [711], answer.text


@pytest.mark.parametrize(
    "question",
    ["posso mettere le scarpe da ginnastica?", "¿puedo llevar mis zapatillas de deporte?",
     "je peux mettre mes baskets ?", "kann ich meine Turnschuhe anziehen?", "posso usar os ténis?",
     "posso usar os tênis?", "¿puedo ir en deportivas?"],
)  # fmt: skip
def test_every_language_s_word_for_sneakers_is_sneakers(question: str) -> None:
    from app.assistant.local.understand import understand

    assert [g.kind for g in understand(question).slots.garments] == ["sneakers"], question


RAINY = (
    *CLOSET,
    item(712, "boots", "shoes", "brown", "brown", style="smart-casual", formality=3, warmth=4),
    item(713, "loafers", "shoes", "tan", "brown", style="smart-casual", formality=3, warmth=2),
    item(714, "watch", "accessory", "silver", "grey", style="smart-casual", formality=3, warmth=1),
)


@pytest.mark.parametrize("rain", ["and if it rains?", "und wenn es regnet?", "e se chover?"])
def test_rain_after_an_outfit_puts_on_boots_when_owned_and_adds_no_watch(rain: str) -> None:
    _, wet = converse_over("what should I wear to the office tomorrow?", rain, wardrobe=RAINY)
    assert "#712" in wet.text and "#713" not in wet.text and "#706" not in wet.text, wet.text
    assert "#714" not in wet.text, wet.text


def test_a_bare_weather_follow_up_keeps_the_occasion() -> None:
    from eval.assistant import load_wardrobes

    dana = tuple(load_wardrobes()["dana"])
    _, colder = converse_over(
        "what do I wear to my cousin's wedding on Sunday afternoon?", "should be about 10 degrees", wardrobe=dana
    )
    assert "wedding" in colder.text and "#314" not in colder.text and "#308" not in colder.text, colder.text


def test_sneakers_after_an_elegant_dinner_and_a_wardrobe_question_are_judged_for_the_dinner() -> None:
    from eval.assistant import load_wardrobes

    fay = tuple(load_wardrobes()["fay"])
    *_, sneakers = converse_over(
        "What should I wear to an elegant dinner tonight?", "do I have anything black?", "can I wear sneakers?",
        wardrobe=fay,
    )  # fmt: skip
    assert sneakers.text.startswith(("No", "It depends")) and "#523" in sneakers.text, sneakers.text


@pytest.mark.parametrize(
    ("question", "lead"),
    [("what should I wear to the cinema tonight?", "For the cinema"),
     ("O que visto para ir ao cinema?", "Para o cinema"), ("Was ziehe ich fürs Kino an?", "Für einen Kinoabend")],
)  # fmt: skip
def test_a_cinema_is_said_back_as_the_cinema(question: str, lead: str) -> None:
    (answer,) = converse(question)
    assert answer.text.startswith(lead), answer.text


@pytest.mark.parametrize(
    ("wedding", "evening", "lead"),
    [
        ("what should I wear to a wedding on the beach in July?", "and if it's windy at night?", "For a beach wedding"),
        (
            "¿Qué me pongo para una boda en la playa en julio?",
            "¿y si hace viento por la noche?",
            "Para una boda en la playa",
        ),
    ],
)
def test_a_summer_beach_wedding_is_dressed_for_sand_and_its_windy_evening_adds_a_layer(
    wedding: str, evening: str, lead: str
) -> None:
    from eval.assistant import load_wardrobes

    dana = tuple(load_wardrobes()["dana"])
    by_id = {i.id: i for i in dana}
    day, night = converse_over(wedding, evening, wardrobe=dana)
    worn = {by_id[i].type for i in day.referenced_item_ids}
    assert day.text.startswith(lead) and worn & {"flats", "sandals"}, day.text
    assert not worn & {"boots", "heels", "loafers", "sweater", "jeans", "blazer"}, day.text
    assert night.text.startswith(lead) and "daytime" not in night.text and "de día" not in night.text, night.text
    assert any(by_id[i].category == "outerwear" for i in night.referenced_item_ids), night.text


@pytest.mark.parametrize(
    ("interview", "startup", "opening"),
    [
        ("what should I wear to a job interview tomorrow?", "is it ok for a startup?", "It depends"),
        ("Was ziehe ich morgen zum Vorstellungsgespräch an?", "passt das für ein Start-up?", "Kommt darauf an"),
    ],
)
def test_an_interview_outfit_for_a_startup_depends_and_a_knit_replaces_the_blazer(
    interview: str, startup: str, opening: str
) -> None:
    first, answer = converse(interview, startup)
    assert "#700" in first.text, first.text  # the blazer over the interview outfit: the premise
    assert answer.text.startswith(opening) and "#700" in answer.text and "#705" in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    ["What should I wear to a country wedding in September?",
     "Qu'est-ce que je mets pour un mariage à la campagne en septembre ?"],
)  # fmt: skip
def test_the_other_way_to_dress_is_not_the_same_outfit_with_the_added_pieces(question: str) -> None:
    """The suggestion plus the blazer and tie its own lines added was offered again as "Or: ..." (hugo's wedding):
    with one dressed outfit in the wardrobe, there is no other way to offer."""
    one_dressed_outfit = tuple(i for i in CLOSET if i.id not in (702, 704, 708))
    (answer,) = converse_over(question, wardrobe=one_dressed_outfit)
    assert {703, 701, 706, 700, 709} <= set(answer.referenced_item_ids), answer.text
    said, _, other = answer.text.partition("Or: " if answer.language == "en" else "Ou bien : ")
    first = {int(n) for n in re.findall(r"#(\d+)", said)}
    if other:
        assert not {int(n) for n in re.findall(r"#(\d+)", other)} <= first, answer.text
    assert "avec :" not in answer.text, answer.text  # "Porte ta cravate avec : ..." read as a dangling "with"


@pytest.mark.parametrize(
    ("first", "smarter", "blazer_lift"),
    [("what can I wear to the office tomorrow? it's going to be 8 degrees and windy", "something smarter please",
      "A blazer would be the step up"),
     ("Qu'est-ce que je mets au bureau demain ? 8 degrés et du vent", "quelque chose de plus chic ?",
      "Un blazer serait le cran au-dessus")],
)  # fmt: skip
def test_the_smartest_outfit_with_a_blazer_on_is_not_lifted_by_a_blazer(
    first: str, smarter: str, blazer_lift: str
) -> None:
    """dana's office outfit already had her blazer on, and "smarter" answered "A blazer would be the step up";
    "plus chic" was off topic."""
    _, answer = converse(first, smarter)
    assert answer.intent == "revise" and 700 in answer.referenced_item_ids, answer.text
    assert blazer_lift not in answer.text, answer.text


def test_an_accessory_asked_after_a_dislike_goes_with_the_rest_of_the_outfit() -> None:
    """chloe disliked her only shoes, then "what bag goes with that?" was styled around the disliked sneakers."""
    casual = tuple(i for i in CLOSET if i.id in (705, 707, 708, 710))
    *_, answer = converse_over("what should I wear this weekend?", "I don't like those shoes, something else?",
                               "and what bag goes with that?", wardrobe=casual)  # fmt: skip
    assert answer.intent == "pairing" and answer.referenced_item_ids, answer.text
    assert 707 not in answer.referenced_item_ids, answer.text


EVENING = (
    item(800, "dress", "one-piece", "black", "black", style="formal", formality=4, warmth=2),
    item(801, "heels", "shoes", "black", "black", style="formal", formality=4, warmth=1),
    item(802, "blazer", "outerwear", "navy", "navy", style="formal", formality=4, warmth=3),
    item(803, "coat", "outerwear", "camel", "brown", style="formal", formality=4, warmth=5),
    item(804, "bag", "accessory", "black", "black", style="formal", formality=4, warmth=1),
    item(805, "shirt", "top", "white", "white", style="formal", formality=4, warmth=2),
    item(806, "trousers", "bottom", "black", "black", style="formal", formality=4, warmth=3),
    item(807, "loafers", "shoes", "brown", "brown", style="smart-casual", formality=3, warmth=2),
)


@pytest.mark.parametrize(
    ("question", "tonal"),
    [("What should I wear to a formal dinner on Saturday?", "Keeping to black"),
     ("¿Qué me pongo para una cena elegante el sábado?", "Todo en negro")],
)  # fmt: skip
def test_a_layer_of_another_colour_is_not_all_black(question: str, tonal: str) -> None:
    """anna's formal dinner: black dress and heels 'all in black' with her navy blazer added on top."""
    (answer,) = converse_over(question, wardrobe=EVENING)
    said, *_ = re.split(r"(?:Or|Another way|O bien|Otra opción): ", answer.text, maxsplit=1)
    first = {int(n) for n in re.findall(r"#(\d+)", said)}
    assert {800, 801, 802} <= first and tonal not in said, answer.text
