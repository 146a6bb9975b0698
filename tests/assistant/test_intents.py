import pytest

from app.assistant.local import intents
from app.assistant.local.entities import normalise
from app.assistant.local.references import understand
from tests.assistant.wardrobe import WARDROBE

CASES = [
    ("What should I wear to a job interview tomorrow?", intents.OUTFIT),
    ("It's 5 degrees and raining, outfit ideas?", intents.OUTFIT),
    ("What goes with my navy blazer?", intents.PAIRING),
    ("Do burgundy and navy go together?", intents.COLOUR),
    ("What does cocktail attire mean?", intents.DRESS_CODE),
    ("How should a blazer fit in the shoulders?", intents.FIT),
    ("How do I stop my sweater pilling?", intents.CARE),
    ("What should I pack for a week in Lisbon?", intents.PACKING),
    ("What should I buy next for my wardrobe?", intents.SHOPPING),
    ("Can I wear my white sneakers to a wedding?", intents.ITEM),
    ("Hello!", intents.GREETING),
    ("What's the capital of Australia?", intents.OFF_TOPIC),
    ("hmm", intents.CLARIFY),
]


@pytest.mark.parametrize(("question", "intent"), CASES)
def test_intent(question: str, intent: str) -> None:
    assert intents.classify(normalise(question), understand(question, WARDROBE, [])) == intent


def test_a_greeting_before_a_real_question_does_not_hide_it() -> None:
    question = "Hi! What should I wear to the office when it's cold?"
    assert intents.classify(normalise(question), understand(question, WARDROBE, [])) == intents.OUTFIT
