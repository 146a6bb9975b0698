"""The local engine end to end: streaming, grounding, determinism, and each kind of question in its own form."""

import re

import pytest

from app.assistant import Answer, create_assistant
from app.assistant.local.assistant import answer_locally
from app.assistant.local.knowledge import sections
from tests.assistant.wardrobe import ANNA, IDS, WARDROBE, ask, item

ANNA_IDS = {item.id for item in ANNA}


def cited(text: str) -> list[int]:
    return [int(match) for match in re.findall(r"#(\d+)", text)]


def on_anna(question: str) -> Answer:
    return answer_locally(ask(question, wardrobe=ANNA))


async def test_streams_chunks_that_add_up_to_the_final_answer() -> None:
    stream = create_assistant().stream(ask("What should I wear to the office tomorrow?"))
    chunks = [chunk async for chunk in stream]
    assert len(chunks) > 1 and stream.answer is not None
    assert "".join(chunks) == stream.answer.text
    assert stream.answer.backend == "local" and stream.answer.intent == "outfit"


@pytest.mark.parametrize(
    "question",
    [
        "What should I wear to a job interview when it's 8 degrees and raining?",
        "What goes with my navy blazer?",
        "Do navy and camel go together?",
        "How should my charcoal trousers fit?",
        "How do I wash my grey sweater?",
        "What should I pack for a 4-day city break in spring?",
        "What goes with the last thing I uploaded?",
    ],
)
def test_answers_name_real_items_and_only_real_items(question: str) -> None:
    answer = answer_locally(ask(question))
    assert answer.referenced_item_ids, answer.text
    assert set(cited(answer.text)) == set(answer.referenced_item_ids) <= IDS
    assert re.search(r"your [a-z -]+ \(#\d+\)", answer.text)  # named as the user knows it: "your navy blazer (#12)"


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("Does my navy blazer go with my black jeans?", "Yes"),
        ("Can I wear my floral dress to a funeral?", "No"),
        ("Can I wear my sandals in the rain?", "No"),
        ("Can I wear sneakers to a wedding?", "It depends"),
        ("Is my cream sweater warm enough for 2 degrees?", "No"),
        ("Do black and brown go together?", "Yes"),
    ],
)
def test_yes_no_questions_open_with_the_verdict(question: str, opening: str) -> None:
    answer = on_anna(question)
    assert answer.intent == "yesno" and answer.text.startswith(opening), answer.text


def test_a_no_comes_with_what_to_wear_instead() -> None:
    answer = on_anna("Can I wear my floral dress to a funeral?")
    assert cited(answer.text)[:2] == [18, 17]  # the dress asked about, then the black dress instead


def test_wardrobe_queries_are_answered_from_the_wardrobe() -> None:
    count = on_anna("How many pairs of jeans do I have?")
    assert "2" in count.text and set(count.referenced_item_ids) == {12, 13}
    dresses = on_anna("Show me my dresses")
    assert set(dresses.referenced_item_ids) == {17, 18}
    boots = on_anna("Do I have any boots?")
    assert boots.text.startswith("Yes") and boots.referenced_item_ids == [26]


def test_none_is_said_plainly() -> None:
    neon = on_anna("Do I own anything neon?")
    assert neon.text.startswith("No") and not neon.referenced_item_ids
    hoodie = on_anna("Do I have a grey hoodie?")
    assert "don't see a grey hoodie" in hoodie.text and hoodie.referenced_item_ids == [9]  # the black one, as nearest


def test_gap_questions_name_kinds_and_why() -> None:
    student = tuple(item for item in ANNA if item.id in {4, 5, 9, 12, 25, 34})
    answer = answer_locally(ask("What's missing from my wardrobe for work?", wardrobe=student))
    assert answer.intent == "gap" and "blazer" in answer.text and "(" in answer.text  # the kind and its reason


def test_comparisons_pick_one() -> None:
    answer = on_anna("Which is warmer, my camel coat or my denim jacket?")
    assert answer.intent == "compare" and cited(answer.text)[0] == 20


def test_outfit_requests_use_everything_the_question_says() -> None:
    rain = on_anna("It's pouring and 6 degrees, what should I wear to walk the dog?")
    types = {item.type for item in ANNA if item.id in rain.referenced_item_ids}
    assert not types & {"shorts", "sandals", "heels"} and types & {"jacket", "coat"}
    bike = on_anna("I cycle to work, what should I wear?")
    assert not {item.type for item in ANNA if item.id in bike.referenced_item_ids} & {"skirt", "dress", "heels"}
    evening = on_anna("Hot days and cool evenings this weekend, what should I wear?")
    assert "evening" in evening.text and "coat" not in evening.text


@pytest.mark.parametrize(
    "question", ["Is it going to rain tomorrow?", "How much does a camel coat cost?", "Where can I buy a blazer?"]
)
def test_what_it_cannot_know_is_said_with_what_it_can_do(question: str) -> None:
    answer = on_anna(question)
    assert answer.intent == "cannot" and "can't" in answer.text and "I can" not in answer.text.split(".")[0][:3]


def test_knowledge_questions_quote_the_knowledge_base() -> None:
    care = on_anna("How do I wash my cream sweater?")
    assert care.intent == "care" and 7 in care.referenced_item_ids and "cold" in care.text.lower()
    colours = on_anna("What colours go with burgundy?")
    assert colours.intent == "colour" and "navy" in colours.text


def test_an_ambiguous_reference_gets_one_clarifying_question() -> None:
    answer = answer_locally(ask("What goes with my jeans?"))
    assert answer.text.count("?") == 1 and "#3" in answer.text and "#4" in answer.text


def test_vague_question_asks_back_and_off_topic_is_redirected() -> None:
    vague = answer_locally(ask("any ideas?"))
    assert vague.intent == "clarify" and vague.text.endswith("?")
    away = answer_locally(ask("What's the capital of Australia?"))
    assert away.intent == "off_topic" and "stylist" in away.text and not away.referenced_item_ids


def test_short_questions_get_short_answers_without_a_stock_ending() -> None:
    assert len(answer_locally(ask("thanks!")).text.split()) <= 5
    answers = [on_anna(q).text for q in ("What should I wear to dinner?", "What goes with my black trousers?")]
    assert not any("in mind" in text for text in answers)


def test_same_input_same_answer_and_different_questions_read_differently() -> None:
    question = ask("What should I wear for a date tonight?", prefs="minimal, navy")
    assert answer_locally(question) == answer_locally(question)
    openings = {on_anna(q).text.split(",")[0] for q in ("Outfit for dinner", "Outfit for work", "Outfit for a party")}
    assert len(openings) == 3


def test_empty_wardrobe_is_said_not_hidden() -> None:
    answer = answer_locally(ask("What should I wear to a wedding?", wardrobe=()))
    assert "upload" in answer.text.lower() and answer.referenced_item_ids == []


def test_a_formal_occasion_the_wardrobe_cannot_reach_is_admitted() -> None:
    casual = tuple(item for item in WARDROBE if item.id in {21, 3, 6})
    answer = answer_locally(ask("What should I wear to a black tie gala?", wardrobe=casual))
    assert "nothing you own is quite as dressy" in answer.text


def test_knowledge_base_is_parsed_with_tags_everywhere() -> None:
    assert len(sections()) >= 60
    assert all(section.tags and section.body for section in sections())


async def test_collect_returns_the_answer() -> None:
    answer = await create_assistant().stream(ask("hello")).collect()
    assert isinstance(answer, Answer) and answer.intent == "greeting"
    assert ANNA_IDS


async def test_an_outfit_answer_streams_its_lead_before_the_search_and_never_contradicts_it() -> None:
    stream = create_assistant().stream(ask("What should I wear tomorrow at 5 degrees and rain?", wardrobe=ANNA))
    chunks = [chunk async for chunk in stream]
    assert chunks[0] == "For 5 °C in the rain" and stream.answer is not None
    assert "".join(chunks) == stream.answer.text
    tops_only = tuple(item for item in ANNA if item.category == "top")
    stream = create_assistant().stream(ask("What should I wear to work?", wardrobe=tops_only))
    chunks = [chunk async for chunk in stream]
    assert stream.answer is not None and "".join(chunks) == stream.answer.text
    assert stream.answer.text.startswith("For work, I can't put a complete outfit together yet")


@pytest.mark.parametrize(
    ("question", "opening", "kind"),
    [
        ("Can I wear jeans on a Friday at work?", "It depends", "yesno"),
        ("Is my camel coat too formal for jeans?", "No", "yesno"),
        ("Can I mix patterns?", "Yes", "colour"),
        ("Is linen good for summer?", "Linen", "care"),
        ("Can I wear white after Labor Day?", "Yes", "yesno"),
        ("Should I wear a tie to a wedding?", "Yes", "yesno"),
    ],
)
def test_everyday_questions_get_their_own_answer(question: str, opening: str, kind: str) -> None:
    answer = on_anna(question)
    assert answer.intent == kind and answer.text.startswith(opening), answer.text


def test_a_piece_named_without_my_is_still_the_users_piece() -> None:
    answer = on_anna("What can I wear with white sneakers?")
    assert answer.referenced_item_ids[0] == 25 and len(answer.referenced_item_ids) >= 3
    shoes = on_anna("What shoes go with a navy suit?")
    assert {item.type for item in ANNA if item.id in shoes.referenced_item_ids} <= {"heels", "boots", "loafers"}


# Only sandals and ballet flats: shoes the wardrobe has, which rain or a long walk sets aside.
OPEN_SHOES_ONLY = (
    *(i for i in WARDROBE if i.category != "shoes"),
    item(31, "sandals", "shoes", "navy", "navy", style="casual", formality=1, warmth=1),
    item(32, "flats", "shoes", "khaki", "green", style="casual", formality=2, warmth=1),
)


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("What should I wear to work tomorrow? 8 degrees and raining.", "none of your shoes suit it"),
        ("Was soll ich morgen bei 5 Grad und Regen zur Arbeit anziehen?", "Was Schuhe angeht, passt nichts dazu"),
        ("Qu'est-ce que je mets pour le travail demain ? 8 degrés et pluie.", "côté chaussures, rien ne convient"),
    ],
)
def test_shoes_the_weather_rules_out_are_named_not_called_missing(question: str, says: str) -> None:
    """Only sandals and ballet flats on a rainy day: the wardrobe has shoes, none fit, and the answer says which."""
    answer = answer_locally(ask(question, wardrobe=OPEN_SHOES_ONLY))
    assert says in answer.text, answer.text
    assert {31, 32} <= set(cited(answer.text)) and "has no" not in answer.text and "fehlen" not in answer.text


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("Which of my shoes are best for a long walking day?", "None of your shoes really suit that"),
        ("Do I have any shoes for the rain?", "None of your shoes really suit that"),
        ("Welche meiner Schuhe sind am besten für einen langen Spaziergang?", "Was Schuhe angeht"),
    ],
)
def test_a_question_about_owned_pieces_the_situation_sets_aside_names_them(question: str, says: str) -> None:
    """Sandals and ballet flats only: "which shoes for a long walk?" is not "I don't see any shoes"."""
    answer = answer_locally(ask(question, wardrobe=OPEN_SHOES_ONLY))
    assert says in answer.text and {31, 32} <= set(cited(answer.text)), answer.text
