from app.assistant import answer
from app.styling import WardrobeItem

WARDROBE = [
    WardrobeItem(11, "blazer", "outerwear", ("navy",), ("navy",)),
    WardrobeItem(12, "t-shirt", "top", ("white",), ("white",)),
    WardrobeItem(13, "jeans", "bottom", ("blue",), ("denim blue",)),
    WardrobeItem(14, "sneakers", "shoes", ("white",), ("white",)),
]


def test_answer_names_owned_items_of_the_asked_colour() -> None:
    reply = answer("What goes with my navy blazer?", style_preferences=None, wardrobe=WARDROBE)
    assert "#11" in reply.text and 11 in reply.referenced_item_ids
    assert set(reply.referenced_item_ids) <= {i.id for i in WARDROBE}


def test_occasion_and_weather_shape_the_answer() -> None:
    reply = answer("What should I wear to an interview when it's raining?", style_preferences=None, wardrobe=[])
    assert "interview" in reply.text.lower() and "rain" in reply.text.lower()
    assert "upload" in reply.text.lower()  # an empty wardrobe is said, not hidden


def test_outfit_request_uses_the_wardrobe_and_preferences() -> None:
    reply = answer("What outfit should I wear today?", style_preferences="minimal", wardrobe=WARDROBE)
    assert {12, 13, 14} <= set(reply.referenced_item_ids)
    assert "minimal" in reply.text


def test_unclear_question_gets_a_question_back_not_empty_text() -> None:
    reply = answer("hmm", style_preferences=None, wardrobe=WARDROBE)
    assert reply.text.strip() and "hmm" in reply.text
