"""A small wardrobe for the assistant tests: newest upload first, like the service passes it."""

from app.assistant import Answer, ConversationContext, Turn
from app.styling import WardrobeItem


def item(item_id: int, kind: str, slot: str, colour: str, family: str, **tags: object) -> WardrobeItem:
    return WardrobeItem(item_id, kind, slot, (family,), (colour,), **tags)  # type: ignore[arg-type]


WARDROBE = (
    item(21, "sweater", "top", "grey", "grey", style="casual", formality=2, warmth=4),
    item(12, "blazer", "outerwear", "navy", "navy", style="smart-casual", formality=4, warmth=3),
    item(3, "jeans", "bottom", "denim blue", "blue", style="casual", formality=2, warmth=3),
    item(4, "jeans", "bottom", "black", "black", style="casual", formality=2, warmth=3),
    item(5, "shirt", "top", "white", "white", style="smart-casual", formality=3, warmth=2),
    item(6, "sneakers", "shoes", "white", "white", style="casual", formality=1, warmth=2),
    item(7, "coat", "outerwear", "camel", "brown", style="formal", formality=4, warmth=5),
    item(8, "loafers", "shoes", "brown", "brown", style="smart-casual", formality=3, warmth=2),
    item(9, "trousers", "bottom", "charcoal", "grey", style="formal", formality=4, warmth=3),
)
IDS = {entry.id for entry in WARDROBE}


def ask(
    question: str,
    *,
    wardrobe: tuple[WardrobeItem, ...] = WARDROBE,
    turns: tuple[Turn, ...] = (),
    prefs: str | None = None,
) -> ConversationContext:
    return ConversationContext(question=question, style_preferences=prefs, recent_turns=turns, wardrobe=wardrobe)


def converse(*questions: str, wardrobe: tuple[WardrobeItem, ...]) -> list[Answer]:
    """Ask in order; each turn sees only what the service stores: question and answer text."""
    from app.assistant.local.assistant import answer_locally

    turns: list[Turn] = []
    answers = []
    for question in questions:
        answer = answer_locally(ask(question, wardrobe=wardrobe, turns=tuple(turns)))
        answers.append(answer)
        turns.append(Turn(question, answer.text))
    return answers


def _anna() -> tuple[WardrobeItem, ...]:
    from eval.assistant import load_wardrobes  # the evaluation's realistic 36-item wardrobe, tag errors included

    return load_wardrobes()["anna"]


ANNA = _anna()
