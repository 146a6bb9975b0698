"""Capabilities the thirteenth held-out batch showed missing, on sentences of their own (no sentence of the batch).

A video call is something to dress for, not a camera; what a piece is made of and what it would sell for are
things the photos cannot tell; lint, pet hair and storing shoes are care; "should I unbutton it to sit?" is a rule
answered yes first; "under it" asks for a top; "the most dressed up" is the dressiest, one piece when asked in the
singular; two kinds said together are counted together; any print is a filter; accessories are a slot; "not that
one" after a pairing is another piece of that slot; words of the other languages for all of it.
"""

import pytest

from app.assistant.local.understand import understand
from app.styling import WardrobeItem
from eval.assistant import load_wardrobes
from tests.assistant.wardrobe import ANNA, converse

HUGO = load_wardrobes()["hugo"]


@pytest.mark.parametrize(
    ("question", "kind", "lang"),
    [
        ("team video call at 9, is my grey sweater ok", "yesno", "en"),  # an occasion, not a camera
        ("can you see me on a video call", "cannot", "en"),
        ("is this coat genuine leather", "cannot", "en"),
        ("what fabric is my navy blazer", "cannot", "en"),
        ("is my scarf pure wool or acrylic", "cannot", "en"),
        ("could i sell my old boots on ebay", "cannot", "en"),
        ("¿puedo vender mi abrigo camel?", "cannot", "es"),
        ("est-ce que ma veste est en vrai cuir ?", "cannot", "fr"),
        ("how do i get cat hair off my black trousers", "care", "en"),
        ("meine jacke ist voller fusseln, was kann ich tun?", "care", "de"),
        ("how do i store my loafers so they keep their shape", "care", "en"),
        ("should i unbutton my suit jacket when sitting", "technique", "en"),
        ("devo desabotoar o casaco quando me sento?", "technique", "pt"),
        ("which of my coats is the most dressed up", "own", "en"),  # one piece: see below
        ("la giacca di jeans sta bene sopra il vestito nero?", "yesno", "it"),
    ],
)
def test_question_shapes_of_the_thirteenth_batch(question: str, kind: str, lang: str) -> None:
    understood = understand(question)
    assert (understood.kind, understood.lang) == (kind, lang), understood


def test_what_goes_under_it_is_a_pairing_after_a_piece() -> None:
    assert understand("and what would you wear under that", has_suggestion=True).kind == "pairing"


@pytest.mark.parametrize(
    ("question", "occasion"),
    [
        ("board games at a friend's place tonight", "casual"),
        ("a day of sailing with my cousins", "casual"),
        ("pottery class on sunday, what do i wear", "casual"),
    ],
)
def test_occasions_the_table_did_not_name(question: str, occasion: str) -> None:
    assert understand(question).slots.occasion == occasion, understand(question).slots


def test_a_piece_left_out_in_french() -> None:
    assert understand("pas les baskets, stp", has_suggestion=True).kind == "revise"


def test_two_kinds_said_together_are_counted_together() -> None:
    [answer] = converse("how many shirts and blouses do i have", wardrobe=ANNA)
    assert set(answer.referenced_item_ids) == {2, 3, 10, 21}, answer.text


def test_any_print_is_a_filter() -> None:
    [answer] = converse("which of my things are patterned", wardrobe=ANNA)
    assert set(answer.referenced_item_ids) == {10, 18}, answer.text


def test_accessories_are_a_slot() -> None:
    [answer] = converse("how many accessories do i own", wardrobe=ANNA)
    assert set(answer.referenced_item_ids) == {31, 32, 33} and "3" in answer.text, answer.text


def test_the_most_dressed_up_of_a_kind_is_one_piece() -> None:
    [answer] = converse("which of my dresses is the most dressed up?", wardrobe=ANNA)
    assert answer.referenced_item_ids == [17], answer.text


@pytest.mark.parametrize(
    ("question", "wardrobe", "cited"),
    [
        ("¿tengo sudaderas?", HUGO, {616, 617}),  # hoodies and sweatshirts both
        ("tenho alguma coisa cor de vinho?", ANNA, {8}),
        ("¿la chaqueta de punto gris va con los vaqueros negros?", ANNA, {24, 13}),  # a cardigan
        ("o meu casaco de malha cinzento fica bem com as calças bege?", ANNA, {24, 14}),
    ],
)
def test_words_of_the_thirteenth_batch(question: str, wardrobe: tuple[WardrobeItem, ...], cited: set[int]) -> None:
    [answer] = converse(question, wardrobe=wardrobe)
    assert cited <= set(answer.referenced_item_ids), answer.text


def test_unbuttoning_to_sit_is_a_rule_answered_yes_first() -> None:
    [answer] = converse("should i unbutton my blazer when i sit down", wardrobe=ANNA)
    assert answer.text.startswith("Yes"), answer.text


def test_storing_boots_is_answered_with_how() -> None:
    [answer] = converse("how should i store my boots over the summer", wardrobe=ANNA)
    assert "paper" in answer.text or "trees" in answer.text, answer.text


def test_another_one_after_a_pairing_is_another_piece_of_that_slot() -> None:
    first, second = converse("which jacket goes with my cream sweater", "not that one", wardrobe=HUGO)
    shown = set(first.referenced_item_ids) - {615}
    again = set(second.referenced_item_ids) - {615}
    outerwear = {item.id for item in HUGO if item.category == "outerwear"}
    assert 615 in second.referenced_item_ids and again and again <= outerwear and not again & shown, second.text


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("what am i missing for ten days in bali in april", "en"),
        ("il me manque quoi pour une semaine en égypte ?", "fr"),
    ],
)
def test_a_hot_place_is_hot_whatever_the_month(question: str, lang: str) -> None:
    understood = understand(question)
    assert (understood.kind, understood.slots.season, understood.lang) == ("gap", "summer", lang), understood


def test_packing_for_a_hot_place_leaves_the_winter_pieces_home() -> None:
    [answer] = converse("packing for a week in mexico in february", wardrobe=HUGO)
    packed = {item.type for item in HUGO if item.id in answer.referenced_item_ids}
    assert packed and not packed & {"coat", "puffer", "beanie", "sweater"}, answer.text


def test_a_cruise_is_resort_wear() -> None:
    [answer] = converse("going on a cruise next month, what am i missing?", wardrobe=ANNA)
    assert "swim" in answer.text.lower(), answer.text


@pytest.mark.parametrize(
    "question",
    ["can i wear my pink floral dress to a birthday lunch in october", "is my floral dress ok for a party in november"],
)
def test_a_summer_piece_in_autumn_depends(question: str) -> None:
    [answer] = converse(question, wardrobe=ANNA)
    assert answer.text.startswith("It depends") and 18 in answer.referenced_item_ids, answer.text


def test_french_kaki_is_the_olive_a_camera_may_call_brown() -> None:
    [answer] = converse("est-ce que ma veste kaki va avec mon jean noir ?", wardrobe=load_wardrobes()["fay"])
    assert 503 in answer.referenced_item_ids, answer.text  # the olive utility jacket tagged brown


@pytest.mark.parametrize(
    ("question", "occasion"),
    [
        ("new headshots for my linkedin profile on monday", "work"),  # a professional portrait: office dress
        ("my colleague's leaving do on friday night", "party"),  # a "do" is a party
        ("und was ziehe ich zum essen mit kunden an?", "work"),
        ("¿qué me pongo para una cena con clientes?", "work"),
        ("cosa mi metto per una cena con i clienti?", "work"),
    ],
)
def test_occasions_said_as_a_portrait_a_do_or_with_clients(question: str, occasion: str) -> None:
    assert understand(question).slots.occasion == occasion, understand(question).slots


def test_a_beanie_worn_to_the_office_is_no_dress_code_fault() -> None:
    dana = load_wardrobes()["dana"]
    to_work, to_a_wedding = converse(
        "can i wear my grey beanie to work", "is my beanie ok for a wedding", wardrobe=dana
    )
    assert to_work.text.startswith("Yes") and to_a_wedding.text.startswith("No"), (to_work.text, to_a_wedding.text)


@pytest.mark.parametrize(
    ("question", "lang"),
    [("etwas Farbigeres bitte", "de"), ("quelque chose de plus coloré", "fr"), ("algo mais colorido", "pt")],
)
def test_more_colour_is_a_revision_in_every_language(question: str, lang: str) -> None:
    understood = understand(question, previous_lang=lang, has_suggestion=True)
    assert (understood.kind, understood.slots.direction) == ("revise", "colour"), understood


@pytest.mark.parametrize(
    ("question", "lang"),
    [("¿y si refresca?", "es"), ("e se rinfresca la sera?", "it"), ("e se arrefecer à noite?", "pt"),
     ("und wenn es abkühlt?", "de")],
)  # fmt: skip
def test_if_it_gets_chilly_carries_the_thread(question: str, lang: str) -> None:
    understood = understand(question, previous_lang=lang, has_suggestion=True)
    assert understood.kind == "outfit" and understood.follow_up, understood


def test_which_is_the_warmest_after_a_count_picks_from_it_or_names_the_only_one() -> None:
    _, of_two = converse("how many coats do i have?", "which is the warmest?", wardrobe=ANNA)
    _, of_one = converse("quanti maglioni ho?", "quale è il più caldo?", wardrobe=load_wardrobes()["eli"])
    assert of_two.referenced_item_ids[:1] == [20], of_two.text
    assert of_one.referenced_item_ids == [411] and not of_one.text.rstrip().endswith("?"), of_one.text
