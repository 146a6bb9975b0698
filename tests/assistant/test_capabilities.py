"""General capabilities the held-out sets showed missing, each on its own small wardrobe (not the eval's).

Noun + colour order in Romance comparisons, kinds people name one for another (trench, puffer, "jackets"),
temperatures below zero, hot days with cool evenings however they are said, follow-ups after a packing list,
packing lists that keep the occasion's key pieces, "without the blazer" holding for the whole answer, and a
dislike said in chat recorded without the disliked piece becoming the answer's subject.
"""

import re

from app.assistant import Answer
from app.assistant.local.entities import normalise, temperature_in
from app.assistant.local.slots import slots_of
from tests.assistant.wardrobe import converse as converse_over
from tests.assistant.wardrobe import item

CITY = (
    item(41, "blazer", "outerwear", "black", "black", formality=4, warmth=3),
    item(42, "coat", "outerwear", "navy", "navy", formality=4, warmth=5, seasons=("winter",)),
    item(43, "trench", "outerwear", "stone", "beige", formality=3, warmth=3, seasons=("spring", "fall")),
    item(44, "puffer", "outerwear", "khaki green", "green", formality=1, warmth=5, seasons=("winter",)),
    item(45, "cardigan", "outerwear", "camel", "brown", formality=2, warmth=3),
    item(46, "shirt", "top", "white", "white", formality=3, warmth=2),
    item(47, "t-shirt", "top", "white", "white", formality=1, warmth=1),
    item(48, "sweater", "top", "grey", "grey", formality=2, warmth=4, seasons=("fall", "winter")),
    item(49, "trousers", "bottom", "charcoal", "grey", formality=4, warmth=3),
    item(50, "jeans", "bottom", "denim blue", "blue", formality=2, warmth=3),
    item(51, "shorts", "bottom", "khaki", "beige", formality=1, warmth=1, seasons=("summer",)),
    item(52, "dress", "one-piece", "navy", "navy", formality=3, warmth=2),
    item(53, "formal-shoes", "shoes", "black", "black", formality=4, warmth=2),
    item(54, "formal-shoes", "shoes", "brown", "brown", formality=4, warmth=2),
    item(55, "sneakers", "shoes", "white", "white", formality=1, warmth=2),
    item(56, "sandals", "shoes", "black", "black", formality=1, warmth=1, seasons=("summer",)),
    item(57, "heels", "shoes", "black", "black", formality=4, warmth=1),
)
BY_ID = {entry.id: entry for entry in CITY}


def converse(*questions: str) -> list[Answer]:
    return converse_over(*questions, wardrobe=CITY)


def kinds(answer: Answer) -> set[str]:
    return {str(BY_ID[i].type) for i in answer.referenced_item_ids}


def test_colour_after_the_noun_is_still_one_garment_in_two_colours() -> None:
    for question in (
        "Chaussures noires ou marron avec mon pantalon anthracite ?",
        "¿Zapatos negros o marrones con mi pantalón gris marengo?",
        "Scarpe nere o marroni con i miei pantaloni antracite?",
    ):
        (answer,) = converse(question)
        assert answer.intent == "compare", question
        assert answer.referenced_item_ids[0] in (53, 54) and not answer.text.rstrip().endswith("?"), answer.text


def test_a_trench_and_a_puffer_are_found_by_their_own_names() -> None:
    (warmer,) = converse("Which is warmer, my trench or my puffer?")
    assert warmer.intent == "compare" and warmer.referenced_item_ids[0] == 44
    (olive,) = converse("What goes with my olive puffer?")  # tagged khaki green: colour is soft evidence
    assert 44 in olive.referenced_item_ids and len(olive.referenced_item_ids) > 1


def test_jackets_means_the_nearest_outerwear_when_no_piece_is_tagged_jacket() -> None:
    (answer,) = converse("Which of my jackets is best for a cold windy day?")
    assert answer.referenced_item_ids and answer.referenced_item_ids[0] in (42, 44)
    assert {BY_ID[i].category for i in answer.referenced_item_ids} == {"outerwear"}


def test_temperatures_below_zero_as_people_say_them() -> None:
    for said, degrees in (("minus 3", -3), ("moins 5 degrés", -5), ("5 below zero", -5), ("-4 degrees", -4)):
        assert temperature_in(normalise(said)) == degrees, said
    (answer,) = converse("Is my grey sweater warm enough for minus 3?")
    assert answer.text.startswith(("No", "It depends")) and kinds(answer) & {"coat", "puffer"}


def test_hot_days_and_cool_evenings_however_they_are_said() -> None:
    for question in ("hot afternoons, chilly nights", "warm days but the evenings get cool", "sunny days, cool nights"):
        slots = slots_of(normalise(question))
        assert slots.day_and_evening and slots.temperature_c == 24.0, question
    (answer,) = converse("Packing for 5 days in Seville: hot afternoons, chilly nights")
    assert answer.intent == "packing" and kinds(answer) & {"blazer", "cardigan", "trench"}
    assert not kinds(answer) & {"coat", "puffer"}


def test_a_work_trip_packs_the_blazer_and_nothing_out_of_season() -> None:
    (answer,) = converse("What should I pack for a 4-day business trip in November?")
    assert 41 in answer.referenced_item_ids and 49 in answer.referenced_item_ids
    assert not kinds(answer) & {"sandals", "shorts"}
    assert len(answer.referenced_item_ids) <= 13  # a suitcase, not the wardrobe


def test_and_for_the_evenings_after_a_packing_list_dresses_from_the_suitcase() -> None:
    packing, evening = converse("What should I pack for a 3-day work trip?", "and for the evenings?")
    assert evening.intent == "outfit" and evening.referenced_item_ids
    assert set(evening.referenced_item_ids) <= set(packing.referenced_item_ids) | {41, 42, 43, 45}


def test_an_evening_follow_up_in_french_keeps_the_thread() -> None:
    _, evening = converse("Qu'est-ce que je mets pour un mariage en septembre ?", "et s'il fait frais le soir ?")
    assert evening.intent == "outfit" and evening.language == "fr"
    assert {BY_ID[i].category for i in evening.referenced_item_ids} & {"outerwear"}


def test_without_the_blazer_holds_for_the_layer_the_answer_adds() -> None:
    _, without, cold = converse(
        "What should I wear to a client meeting tomorrow?", "without the blazer", "and if it's 3 degrees?"
    )
    assert 41 not in without.referenced_item_ids and 41 not in cold.referenced_item_ids
    assert kinds(cold) & {"coat", "puffer"}


def test_a_dislike_of_one_piece_is_recorded_and_the_answer_is_about_the_replacement() -> None:
    _, dislike = converse("What should I wear to a wedding?", "I don't like the heels")
    assert dislike.disliked_item_ids == [57]
    assert 57 not in dislike.referenced_item_ids  # acknowledged by name, not suggested again
    assert "heels" in dislike.text


def test_a_colour_nobody_owns_is_none_in_every_language() -> None:
    for question in ("Do I own anything purple?", "¿Tengo algo de color morado?", "Ho qualcosa di viola?"):
        (answer,) = converse(question)
        assert answer.referenced_item_ids == [], (question, answer.text)


def test_an_unknown_weather_question_is_an_honest_cannot() -> None:
    (answer,) = converse("What will the weather be like in Paris next week?")
    assert answer.intent == "cannot"


# What reading answers as a user showed (three five-turn conversations and twenty single questions).


def test_the_weather_it_is_not_a_reference_and_a_weather_word_is_not_quoted_as_degrees() -> None:
    _, cold = converse("What should I wear to a dinner on Saturday?", "and if it's cold?")
    assert "°C" not in cold.text and cold.text.startswith("For ")
    assert 47 not in cold.referenced_item_ids  # no t-shirt kept for the cold
    assert {BY_ID[i].category for i in cold.referenced_item_ids} & {"outerwear"}


def test_the_coat_of_the_last_answer_is_the_one_disliked_even_when_it_is_a_puffer() -> None:
    first, dislike = converse("What should I wear at 2 degrees for a walk?", "I don't like the coat")
    worn = [i for i in first.referenced_item_ids if BY_ID[i].category == "outerwear"]
    assert worn and dislike.disliked_item_ids == worn[:1]


def test_a_replacement_piece_keeps_the_thread_dress_code() -> None:
    *_, dislike = converse(
        "What should I wear to a job interview?", "which shoes for that?", "I don't like the black dress shoes"
    )
    assert dislike.disliked_item_ids == [53]
    replacement = [i for i in dislike.referenced_item_ids if BY_ID[i].category == "shoes"]
    assert replacement and BY_ID[replacement[0]].type in ("formal-shoes", "loafers", "heels")


def test_a_dislike_of_a_piece_the_outfit_did_not_use_brings_a_new_idea_not_the_same_one() -> None:
    first, dislike = converse("What should I wear to an interview?", "I don't like the sneakers")
    assert dislike.disliked_item_ids == [55]
    assert dislike.referenced_item_ids and set(dislike.referenced_item_ids) != set(first.referenced_item_ids)
    assert 55 not in dislike.referenced_item_ids


def test_a_dislike_said_in_german_word_order_is_recorded() -> None:
    _, dislike = converse("Was ziehe ich zu einem Vorstellungsgespräch an?", "Ich mag die Sneaker nicht")
    assert dislike.intent == "dislike" and dislike.disliked_item_ids == [55] and dislike.language == "de"


def test_another_option_after_a_yes_no_revises_the_outfit_not_the_piece() -> None:
    first, _, other = converse("What should I wear to a wedding?", "can I wear my sandals?", "another option")
    assert other.intent == "revise" and set(other.referenced_item_ids) != set(first.referenced_item_ids)


def test_months_in_other_languages_set_the_season() -> None:
    (answer,) = converse("Cosa metto in valigia per 3 giorni a Londra a ottobre?")
    assert answer.intent == "packing" and not {"sandals", "shorts"} & kinds(answer)
    assert kinds(answer) & {"coat", "trench", "puffer"}


def test_is_it_too_casual_is_answered_the_right_way_round() -> None:
    (fine,) = converse("Is my charcoal trousers too casual for the office?")
    assert fine.text.startswith("No")
    (casual,) = converse("Are my khaki shorts too casual for a job interview?")
    assert casual.text.startswith("Yes") and "too casual" in casual.text


def test_no_blazer_on_top_at_a_hot_wedding_and_no_loud_pieces_at_an_interview() -> None:
    wardrobe = (*CITY, item(58, "dress", "one-piece", "red", "red", formality=4, warmth=1))
    (hot,) = converse_over("What should I wear to a wedding at 29 degrees?", wardrobe=wardrobe)
    assert 41 not in hot.referenced_item_ids
    (interview,) = converse_over("What should I wear to a job interview?", wardrobe=wardrobe)
    assert 58 not in interview.referenced_item_ids


def test_my_striped_top_is_any_top_when_none_is_tagged_top() -> None:
    wardrobe = (*CITY, item(59, "longsleeve", "top", "white", "white", pattern="striped", formality=2, warmth=3))
    (answer,) = converse_over("What can I wear with my striped top?", wardrobe=wardrobe)
    assert answer.referenced_item_ids[:1] == [59]


def test_a_care_problem_named_comes_before_the_fabric_basics() -> None:
    (answer,) = converse("How do I stop my grey sweater from pilling?")
    assert "pill" in answer.text.lower()


def test_comparisons_agree_with_the_piece_in_romance_languages() -> None:
    (es,) = converse("¿Cuál abriga más, mi abrigo azul marino o mi gabardina?")
    assert es.referenced_item_ids[0] == 42 and "la que" not in es.text
    shoes = (item(60, "flats", "shoes", "black", "black", formality=3), item(61, "boots", "shoes", "brown", "brown"))
    (it,) = converse_over("Ballerine nere o stivaletti marroni per l'ufficio?", wardrobe=(*CITY, *shoes))
    assert it.language == "it" and it.intent == "compare" and it.referenced_item_ids[0] in (60, 61)
    assert " di i " not in it.text and it.text.split(":")[1].strip().startswith("sono")  # plural agrees


def test_over_it_if_it_rains_is_a_layer_that_keeps_rain_off() -> None:
    _, over = converse("What goes with my navy dress?", "and over it if it rains?")
    layers = [i for i in over.referenced_item_ids if BY_ID[i].category == "outerwear"]
    assert layers and not {BY_ID[i].type for i in layers} & {"blazer", "cardigan"}


# What the third held-out batch showed (eli's wardrobe, run once before these fixes: 80.8%).


def test_a_top_alone_is_not_enough_below_ten_degrees() -> None:
    (answer,) = converse("Is my grey sweater warm enough for a 5 degree morning?")
    assert answer.text.startswith("No") and kinds(answer) & {"coat", "puffer", "trench", "blazer", "cardigan"}


def test_a_formal_dinner_is_dressed_as_formal() -> None:
    (answer,) = converse("Which of my shirts can I wear to a formal dinner?")
    assert answer.referenced_item_ids == [46]


def test_a_ski_trip_names_what_skiing_needs() -> None:
    (answer,) = converse("What's missing for a ski trip?")
    assert answer.intent == "gap" and "gloves" in answer.text and "thermal" in answer.text


def test_which_is_smarter_compares_formality() -> None:
    (answer,) = converse("Which is smarter, my white t-shirt or my white shirt?")
    assert answer.referenced_item_ids[0] == 46
    (relaxed,) = converse("Which is more casual, my white t-shirt or my white shirt?")
    assert relaxed.referenced_item_ids[0] == 47


def test_snowing_is_cold_weather() -> None:
    (answer,) = converse("It's snowing, what do I wear to walk to the station?")
    assert kinds(answer) & {"coat", "puffer"} and "°C" not in answer.text


def test_the_garment_named_picks_the_fit_section() -> None:
    (answer,) = converse("How should suit trousers fit?")
    assert "break" in answer.text.lower() or "hem" in answer.text.lower()


def test_the_temperature_somewhere_now_is_an_honest_cannot() -> None:
    (answer,) = converse("What's the temperature in Berlin right now?")
    assert answer.intent == "cannot"


def test_sneakers_at_a_birthday_dinner_depend_on_the_place() -> None:
    (answer,) = converse("Can I wear my white sneakers to my friend's birthday dinner?")
    assert answer.text.startswith("It depends")


def test_work_and_beach_said_as_verbs_and_places_in_portuguese() -> None:
    (work,) = converse("O que visto amanhã para trabalhar?")
    assert not kinds(work) & {"sneakers", "sandals", "shorts"}
    (beach,) = converse("O que levo na mala para uma semana de praia?")
    assert not kinds(beach) & {"coat", "puffer", "sweater"}


# What a third round of conversations showed.


def test_meeting_her_parents_is_not_a_business_meeting() -> None:
    (answer,) = converse("I'm meeting my girlfriend's parents for Sunday lunch, what should I wear?")
    assert not answer.text.startswith("For work")


def test_for_that_is_the_occasion_once_a_piece_is_named() -> None:
    _, polo = converse("What should I wear to a dinner?", "is the white t-shirt ok for that?")
    first_sentence = polo.text.split(". ")[0]
    assert polo.referenced_item_ids[0] == 47 and re.findall(r"#(\d+)", first_sentence) == ["47"]


def test_the_layer_added_is_never_a_piece_already_in_the_outfit() -> None:
    for question in ("What should I wear to work at 12 degrees?", "What should I wear to an interview at 11 degrees?"):
        (answer,) = converse(question)
        outfit, added = (set(re.findall(r"#(\d+)", sentence)) for sentence in answer.text.split(". ")[:2])
        assert not outfit & added, answer.text


def test_without_the_jacket_leaves_every_jacket_out_and_keeps_the_rest() -> None:
    wardrobe = (*CITY, item(62, "jacket", "outerwear", "black", "black", formality=2, warmth=4))
    first, without = converse_over("What should I wear to work at 12 degrees?", "without the blazer", wardrobe=wardrobe)
    assert 41 not in without.referenced_item_ids
    kept = {i for i in first.referenced_item_ids if BY_ID.get(i) and BY_ID[i].category in ("bottom", "shoes")}
    assert kept & set(without.referenced_item_ids)


def test_can_i_wear_that_is_a_yes_no_about_the_last_piece() -> None:
    _, verdict = converse("What goes with my grey sweater?", "Can I wear that to the office?")
    assert verdict.intent == "yesno" and verdict.referenced_item_ids[0] == 48


def test_how_many_in_that_counts_the_last_answer_and_a_carried_season_does_not_hide_untagged_pieces() -> None:
    packing, count = converse("What should I pack for 10 days in Tokyo in April?", "how many shirts is that?")
    shirts = [i for i in packing.referenced_item_ids if BY_ID[i].type == "shirt"]
    assert count.intent == "count" and count.referenced_item_ids == shirts


def test_another_option_after_a_dislike_is_not_the_replacement_again() -> None:
    _, dislike, other = converse("What should I wear to an interview?", "I don't like the sneakers", "another option")
    assert set(other.referenced_item_ids) != set(dislike.referenced_item_ids)


def test_a_thread_of_follow_ups_repeats_no_sentence_and_stays_short() -> None:
    answers = converse("What should I wear to work?", "and if it's cold?", "and if it rains?", "something smarter")
    seen: set[str] = set()
    for answer in answers:
        sentences = {sentence.strip() for sentence in re.split(r"(?<=[.!?])\s+", answer.text) if sentence.strip()}
        assert not sentences & seen, answer.text
        seen |= sentences
    assert all(len(answer.text.split()) <= 60 for answer in answers[1:])


def test_german_colours_are_read_in_every_ending() -> None:
    wardrobe = (*CITY, item(63, "dress", "one-piece", "red", "red", formality=4, warmth=1))
    (answer,) = converse_over("Passt mein roter Kleid zu meinen schwarzen High Heels?", wardrobe=wardrobe)
    assert answer.referenced_item_ids[:2] == [63, 57] or set(answer.referenced_item_ids[:2]) == {63, 57}


def test_rain_said_as_a_verb_in_every_language() -> None:
    for question in (
        "Cosa mi metto se fa freddo e piove?",
        "Qu'est-ce que je mets s'il pleut ?",
        "O que visto se chove?",
    ):
        (answer,) = converse(question)
        assert answer.intent == "outfit" and not kinds(answer) & {"sandals", "shorts"}, question
        assert kinds(answer) & {"coat", "trench", "puffer"}, (question, answer.text)


def test_a_yes_no_about_one_of_two_owned_pieces_asks_which() -> None:
    wardrobe = (*CITY, item(63, "dress", "one-piece", "red", "red", formality=4, warmth=1))
    (answer,) = converse_over("Does my dress go with my heels?", wardrobe=wardrobe)
    assert answer.text.rstrip().endswith("?") and {52, 63} <= set(answer.referenced_item_ids)


def test_do_i_need_asks_whether_the_dress_code_requires_it() -> None:
    wardrobe = (*CITY, item(64, "tie", "accessory", "navy", "navy", formality=5, warmth=1))
    (dinner,) = converse_over("Do I need a tie for a dinner?", wardrobe=wardrobe)
    assert dinner.text.startswith("No")
    (gala,) = converse_over("Do I need a tie for a black tie gala?", wardrobe=wardrobe)
    assert gala.text.startswith("Yes") and 64 in gala.referenced_item_ids


def test_what_am_i_missing_for_the_trip_is_about_the_trip_of_the_thread() -> None:
    _, gap = converse("What should I pack for 10 days in Tokyo in April?", "what am I missing for the trip?")
    assert gap.intent == "gap" and "trip" in gap.text


def test_another_idea_in_every_language() -> None:
    for first, other in (
        ("Was ziehe ich zur Arbeit an?", "noch eine Idee?"),
        ("Cosa mi metto per lavoro?", "un'altra idea?"),
        ("O que visto para o trabalho?", "outra ideia?"),
    ):
        one, two = converse(first, other)
        assert two.intent == "revise" and set(two.referenced_item_ids) != set(one.referenced_item_ids), other


def test_a_weather_follow_up_on_a_pairing_is_what_goes_over_the_piece() -> None:
    _, over = converse("Con cosa abbino il mio vestito blu navy?", "e se fa freddo la sera?")
    assert over.intent == "pairing" and 52 in over.referenced_item_ids
    assert {BY_ID[i].category for i in over.referenced_item_ids if i != 52} & {"outerwear"}
    assert "giornate calde" not in over.text  # nobody said hot days


def test_which_shoes_are_best_is_about_my_shoes_without_saying_my() -> None:
    for question in ("Which shoes are best for a long walk?", "Quais sapatos são melhores para uma caminhada longa?"):
        (answer,) = converse(question)
        assert answer.intent == "own" and answer.referenced_item_ids[0] == 55, question


# What the fourth held-out batch showed (29 questions over the existing wardrobes, run once before: 75.9%).


def test_a_smart_casual_party_is_a_party() -> None:
    (answer,) = converse("Could I get away with my white sneakers at a smart-casual party?")
    assert answer.text.startswith("It depends") and "work" not in answer.text


def test_any_smart_shoes_filters_by_level() -> None:
    (answer,) = converse("Have I got any smart shoes?")
    assert answer.referenced_item_ids and not kinds(answer) & {"sneakers", "sandals"}


def test_english_without_english_function_words_is_still_english() -> None:
    (answer,) = converse("Give me a rainy Monday office look")
    assert answer.language == "en" and answer.intent == "outfit"


def test_a_fit_question_said_as_yes_no_is_answered_from_the_knowledge_base() -> None:
    (answer,) = converse("Should my shirt collar be tight?")
    assert answer.intent == "fit" and not answer.text.rstrip().endswith("?")


def test_asking_to_order_something_is_an_honest_cannot() -> None:
    (answer,) = converse("Can you order me a new tie?")
    assert answer.intent == "cannot"


def test_not_those_shoes_revises_the_pairing_and_keeps_the_piece() -> None:
    first, other = converse("What goes with my navy dress?", "not those shoes")
    shoes = {i for i in first.referenced_item_ids if BY_ID[i].category == "shoes"}
    assert other.intent == "revise" and 52 in other.referenced_item_ids
    assert not shoes & set(other.referenced_item_ids)


def test_a_coat_turned_down_is_not_added_back_later_in_the_thread() -> None:
    *_, dislike, later = converse(
        "What should I wear to a dinner at 5 degrees?", "I don't like the coat", "ok, and for the office on Friday?"
    )
    assert dislike.disliked_item_ids and dislike.disliked_item_ids[0] not in later.referenced_item_ids


def test_a_new_occasion_drops_the_evening_of_the_last_one() -> None:
    _, office = converse("What should I wear to a dinner tonight?", "and for the office tomorrow?")
    assert "evening" not in office.text and "tonight" not in office.text


def test_what_would_you_buy_is_a_gap_question() -> None:
    _, gap = converse("I need an outfit for a party tonight", "what would you buy to make it dressier?")
    assert gap.intent == "gap"


def test_items_are_named_with_the_print_the_photo_shows_and_prints_are_understood() -> None:
    shirt = item(65, "shirt", "top", "red", "red", pattern="checked", formality=2, warmth=3)
    wardrobe = (*CITY, shirt)
    for question, said in (
        ("What goes with my checked shirt?", "red checked shirt"),
        ("¿Qué combina con mi camisa de cuadros?", "camisa roja de cuadros"),
        ("Qu'est-ce qui va avec ma chemise à carreaux ?", "chemise rouge à carreaux"),
        ("Was passt zu meinem Hemd mit Karomuster?", "Hemd in Rot mit Karomuster"),
    ):
        (answer,) = converse_over(question, wardrobe=wardrobe)
        assert answer.referenced_item_ids[:1] == [65] and said in answer.text, (question, answer.text)


def test_the_most_casual_pieces_are_out_at_an_interview_when_something_smarter_exists() -> None:
    wardrobe = (*CITY, item(66, "hoodie", "top", "grey", "grey", formality=1, warmth=4))
    for question in ("What should I wear to a job interview?", "What should I wear to work tomorrow?"):
        (answer,) = converse_over(question, wardrobe=wardrobe)
        assert not {BY_ID.get(i, wardrobe[-1]).type for i in answer.referenced_item_ids} & {
            "hoodie",
            "t-shirt",
            "sneakers",
        }
