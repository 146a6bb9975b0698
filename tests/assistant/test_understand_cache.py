"""Every answer replays the conversation's stored questions to rebuild the dialogue state; each question is
parsed once, when it is asked, and the replays reuse that parse (before, turn n parsed n questions)."""

import pytest

from app.assistant.local import plan, state
from app.assistant.local.understand import understand
from tests.assistant.wardrobe import ANNA, converse

CHAT = (
    "What should I wear to the office tomorrow?",
    "and if it rains?",
    "I don't like the shoes",
    "something warmer?",
    "which of my coats is the warmest?",
)


def test_a_five_turn_conversation_parses_each_question_once() -> None:
    understand.cache_clear()
    answers = converse(*CHAT, wardrobe=ANNA)
    assert understand.cache_info().misses == len(CHAT)
    assert all(answer.text for answer in answers)


def test_remembered_parses_answer_as_fresh_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    converse(*CHAT, wardrobe=ANNA)  # every parse of the chat is now remembered
    remembered = [a.text for a in converse(*CHAT, wardrobe=ANNA)]
    for module in (plan, state):
        monkeypatch.setattr(module, "understand", understand.__wrapped__)  # no memory at all
    fresh = [a.text for a in converse(*CHAT, wardrobe=ANNA)]
    assert remembered == fresh
