"""Capabilities the fifth held-out batch showed missing, each on a small wardrobe of its own (not the eval's).

Bare degrees ("-2"), a tag question ("... or is that weird?") that is no choice, "do they clash?" answered the
right way round, loud colours at an interview, a shade of the tagged colour (burgundy for red), a kind the user
does not own ("a raincoat" is not the wool coat), "show me everything black", stains and tumble drying as care,
"what about green?" after a wardrobe question, mud and festivals, a nice dinner, a long weekend, Portuguese words.
"""

from functools import partial

from app.assistant.local.classify import classify
from app.assistant.local.entities import normalise, temperature_in, trip_days_in
from app.assistant.local.refs import colour_similarity
from app.assistant.local.slots import slots_of
from app.assistant.local.understand import understand
from tests.assistant.wardrobe import converse as converse_over
from tests.assistant.wardrobe import item

STUDIO = (
    item(61, "blazer", "outerwear", "camel", "brown", formality=4, warmth=3),
    item(62, "coat", "outerwear", "charcoal", "grey", formality=4, warmth=5, seasons=("fall", "winter")),
    item(63, "sweater", "top", "grey", "grey", formality=2, warmth=4, seasons=("fall", "winter")),
    item(64, "sweater", "top", "mustard", "yellow", formality=2, warmth=4, seasons=("fall", "winter")),
    item(65, "t-shirt", "top", "black", "black", formality=1, warmth=1),
    item(66, "skirt", "bottom", "red", "red", formality=3, warmth=2),
    item(67, "jeans", "bottom", "black", "black", formality=2, warmth=3),
    item(68, "dress", "one-piece", "green", "green", pattern="floral", formality=2, warmth=1),
    item(69, "heels", "shoes", "red", "red", formality=4, warmth=1),
    item(70, "boots", "shoes", "black", "black", formality=3, warmth=4, seasons=("fall", "winter")),
    item(71, "sneakers", "shoes", "white", "white", formality=1, warmth=2),
    item(72, "sandals", "shoes", "tan", "brown", formality=1, warmth=1, seasons=("summer",)),
    item(73, "flats", "shoes", "beige", "beige", formality=3, warmth=1),
    item(74, "dress", "one-piece", "black", "black", formality=4, warmth=1),
)
converse = partial(converse_over, wardrobe=STUDIO)


def test_a_signed_number_or_warm_enough_for_a_number_is_degrees() -> None:
    assert temperature_in("is it warm enough for -2 on its own") == -2.0
    assert temperature_in("warm enough for 5") == 5.0
    assert temperature_in("a 3-day trip") is None and temperature_in("item 5") is None
    (answer,) = converse("is my grey sweater warm enough for -2 on its own?")
    assert answer.text.startswith("No") and 63 in answer.referenced_item_ids, answer.text


def test_a_tag_question_is_not_a_choice_between_two_things() -> None:
    (answer,) = converse("can i wear white sneakers with my black dress or is that weird")
    assert answer.intent == "yesno", answer.text
    assert {71, 74} <= set(answer.referenced_item_ids)


def test_do_they_clash_is_answered_the_right_way_round() -> None:
    (colours,) = converse("do navy and black clash?")
    assert colours.text.startswith("No"), colours.text
    (french,) = converse("Est-ce que le bleu marine et le noir jurent ?")
    assert french.text.startswith("Non"), french.text


def test_loud_colours_are_a_no_at_an_interview() -> None:
    (answer,) = converse("is it ok to wear my red heels to a job interview?")
    assert answer.text.startswith("No") and answer.referenced_item_ids[0] == 69, answer.text
    assert 70 in answer.referenced_item_ids  # and what to wear instead


def test_a_shade_of_the_tagged_colour_is_the_same_piece() -> None:
    assert colour_similarity("burgundy", "red") >= 0.35
    (answer,) = converse("what goes with my burgundy skirt?")
    assert answer.referenced_item_ids[0] == 66 and len(answer.referenced_item_ids) >= 2, answer.text


def test_a_kind_not_owned_is_not_answered_with_its_neighbour() -> None:
    (english,) = converse("have I got a raincoat?")
    assert not english.text.startswith("Yes") and "see" in english.text, english.text
    (german,) = converse("Habe ich einen Regenmantel?")
    assert "Ja" not in german.text.split()[0] and "(Trenchcoat in)" not in german.text, german.text


def test_show_me_everything_in_a_colour_is_a_wardrobe_query() -> None:
    (answer,) = converse("show me everything black I own")
    assert answer.intent == "own" and {65, 67, 70, 74} <= set(answer.referenced_item_ids), answer.text


def test_stains_and_tumble_drying_are_care_whichever_piece() -> None:
    (stain,) = converse("how do i get deodorant marks out of a black t-shirt")
    assert stain.intent == "care", stain.text
    (dry,) = converse("can I tumble dry my wool sweater?")  # two sweaters: still no "which one?"
    assert dry.intent == "care" and not dry.text.rstrip().endswith("?"), dry.text


def test_a_new_colour_after_a_wardrobe_question_asks_the_wardrobe_again() -> None:
    _, green = converse("do i own anything pink?", "ok what about green?")
    assert green.intent == "own" and 68 in green.referenced_item_ids, green.text


def test_mud_and_festivals_mean_sturdy_closed_shoes() -> None:
    slots = slots_of(normalise("festival this weekend and it's gonna be muddy"))
    assert slots.rain and slots.walking
    (answer,) = converse("festival this weekend and it's gonna be muddy")
    types = {entry.type for entry in STUDIO if entry.id in answer.referenced_item_ids}
    assert not types & {"heels", "sandals", "flats"}, answer.text


def test_a_nice_dinner_is_dressed_up_and_a_long_weekend_is_three_days() -> None:
    assert slots_of(normalise("and for a nice dinner there?")).occasion == "formal"
    assert trip_days_in("lisbon for a long weekend in april") == 3
    assert trip_days_in("festival this weekend and") is None


def test_portuguese_grey_and_jacket_words_are_understood() -> None:
    u = understand("Qual é mais quente, o meu casaco cinzento ou o blusão verde?")
    # a casaco is any outer layer (the colour says which: talk18), a blusão a jacket
    assert [(g.kind, g.colour) for g in u.slots.garments] == [("category:outerwear", "grey"), ("jacket", "green")]
    assert classify(u.text, u.slots) == "compare"


def test_a_yes_no_care_question_gets_its_answer_first_in_every_language() -> None:
    for question, opening in (
        ("can I tumble dry my wool sweater?", "No"),
        ("can i put my jeans in the washing machine?", "Yes"),
        ("Puis-je mettre mon pull en laine au sèche-linge ?", "Non"),
        ("Kann ich meinen Wollpullover in den Trockner stecken?", "Nein"),
        ("¿Puedo meter mi jersey de lana en la secadora?", "No"),
        ("Posso mettere il maglione di lana nell'asciugatrice?", "No"),
        ("Posso pôr a camisola de lã na máquina de secar?", "Não"),
    ):
        (answer,) = converse(question)
        assert answer.intent == "care" and answer.text.startswith(opening), (question, answer.text)
    (how,) = converse("how do I wash my wool sweater?")  # not a yes/no question: no verdict in front
    assert not how.text.startswith(("Yes", "No", "It depends")), how.text


def test_an_interview_outfit_has_no_loud_shoes_when_quiet_ones_exist() -> None:
    for question in ("outfit for a job interview at a bank", "what should I wear to a funeral?"):
        (answer,) = converse(question)
        assert 69 not in answer.referenced_item_ids and answer.referenced_item_ids, (question, answer.text)


def test_zero_degrees_is_carried_into_a_revision() -> None:
    _, other = converse("What should I wear for a long walk at 0 degrees?", "another option")
    assert other.intent == "revise" and 62 in other.referenced_item_ids, other.text  # still the coat at 0 °C


def test_a_night_out_is_no_trip_and_an_elegant_dinner_is_dressed_up_in_romance_order() -> None:
    assert trip_days_in("and for a night out") is None and trip_days_in("a day out with the kids") is None
    assert trip_days_in("a 2-night stay") == 2
    _, night = converse("what goes with my black jeans?", "and for a night out?")
    assert night.intent != "packing", night.text
    for question in ("¿Qué me pongo para una cena elegante?", "Cosa mi metto per una cena elegante?"):
        assert understand(question).slots.occasion == "formal", question


def test_french_comme_chaussures_asks_for_shoes() -> None:
    _, shoes = converse("Qu'est-ce qui va avec ma jupe bordeaux ?", "et comme chaussures pour un mariage ?")
    assert shoes.intent == "pairing" and 66 in shoes.referenced_item_ids, shoes.text
    slots = {entry.category for entry in STUDIO if entry.id in shoes.referenced_item_ids}
    assert "shoes" in slots and "one-piece" not in slots, shoes.text  # shoes for the skirt, not a new dress


def test_chat_spellings_are_read_as_words() -> None:
    assert normalise("Wat shud i wear 2morrow for wrk") == " what should i wear tomorrow for work "
    assert "with" in normalise("does it go w/ my jeans") and normalise("n/a") == " n a "
    (answer,) = converse("wat shud i wear 2morrow for wrk")
    assert answer.intent == "outfit" and answer.referenced_item_ids, answer.text


def test_an_event_held_outdoors_is_the_event_and_a_baby_shower_is_no_rain() -> None:
    assert understand("I've got a wedding next saturday, outdoor, about 18 degrees").slots.occasion == "wedding-guest"
    shower = understand("what can i wear to a baby shower?").slots
    assert not shower.rain and shower.occasion == "party"


def test_a_cold_wardrobe_question_lists_warm_pieces() -> None:
    (snow,) = converse("¿Tengo algo para la nieve?")
    assert snow.intent == "own" and 62 in snow.referenced_item_ids, snow.text
    assert not {65, 68, 72, 74} & set(snow.referenced_item_ids), snow.text  # no t-shirt, summer dress or sandals
    (warmest,) = converse("Qual é o meu casaco mais quente?")
    assert warmest.intent == "own" and warmest.referenced_item_ids[:1] == [62], warmest.text


def test_what_would_be_better_revises_the_last_suggestion() -> None:
    _, better = converse("can I wear my sandals to a funeral?", "what would be better?")
    assert better.intent == "revise" and better.referenced_item_ids, better.text
    assert 72 not in better.referenced_item_ids, better.text
