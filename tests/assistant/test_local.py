import re

import pytest

from app.assistant import Answer, Turn, create_assistant
from app.assistant.local.assistant import answer_locally
from app.assistant.local.knowledge import sections
from tests.assistant.wardrobe import IDS, WARDROBE, ask


def cited(text: str) -> set[int]:
    return {int(match) for match in re.findall(r"#(\d+)", text)}


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
        "What does smart casual mean?",
        "How should my charcoal trousers fit?",
        "How do I wash my grey sweater?",
        "What should I pack for a 4-day city break in spring?",
        "What should I buy next?",
        "Tell me about the last thing I uploaded",
    ],
)
def test_answers_name_real_items_and_only_real_items(question: str) -> None:
    answer = answer_locally(ask(question))
    assert answer.referenced_item_ids, answer.text
    assert cited(answer.text) == set(answer.referenced_item_ids) <= IDS
    assert re.search(r"your [a-z -]+ \(#\d+\)", answer.text)  # named as the user knows it: "your navy blazer (#12)"


def test_pairing_names_the_anchor_and_partners_from_other_slots() -> None:
    answer = answer_locally(ask("What shoes go with my charcoal trousers?"))
    assert answer.referenced_item_ids[0] == 9
    assert set(answer.referenced_item_ids[1:]) <= {6, 8}  # only shoes were asked for


def test_an_ambiguous_reference_gets_one_clarifying_question() -> None:
    answer = answer_locally(ask("What goes with my jeans?"))
    assert answer.intent == "clarify" and answer.text.count("?") == 1
    assert "#3" in answer.text and "#4" in answer.text


def test_follow_up_it_uses_the_item_from_the_previous_answer() -> None:
    turns = (Turn("Tell me about my camel coat", "Your camel coat (#7) is a formal piece."),)
    answer = answer_locally(ask("What goes with it?", turns=turns))
    assert answer.intent == "pairing" and answer.referenced_item_ids[0] == 7


def test_vague_question_asks_back_and_off_topic_is_redirected() -> None:
    vague = answer_locally(ask("any ideas?"))
    assert vague.intent == "clarify" and vague.text.endswith("?")
    away = answer_locally(ask("Can you write me a Python script to sort a list?"))
    assert away.intent == "off_topic" and "stylist" in away.text and not away.referenced_item_ids


def test_answers_follow_the_question_not_a_template() -> None:
    texts = {answer_locally(ask(q)).text for q in ("What does black tie mean?", "What does business casual mean?")}
    assert len(texts) == 2
    assert "Black tie" in answer_locally(ask("What does black tie mean?")).text


def test_same_input_same_answer() -> None:
    question = ask("What should I wear for a date tonight?", prefs="minimal, navy")
    assert answer_locally(question) == answer_locally(question)


def test_empty_wardrobe_is_said_not_hidden() -> None:
    answer = answer_locally(ask("What should I wear to a wedding?", wardrobe=()))
    assert "upload" in answer.text.lower() and answer.referenced_item_ids == []


def test_a_formal_occasion_the_wardrobe_cannot_reach_is_admitted() -> None:
    casual = tuple(item for item in WARDROBE if item.id in {21, 3, 6})
    answer = answer_locally(ask("What should I wear to a black tie gala?", wardrobe=casual))
    assert "more casual than" in answer.text


def test_knowledge_base_is_parsed_with_tags_everywhere() -> None:
    assert len(sections()) >= 60
    assert all(section.tags and section.body for section in sections())


async def test_collect_returns_the_answer() -> None:
    answer = await create_assistant().stream(ask("hello")).collect()
    assert isinstance(answer, Answer) and answer.intent == "greeting"
