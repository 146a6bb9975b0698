"""The assistant at occasions with a dress code (issue 14): a day dress is right for a garden wedding, and an outfit
that breaks a code asking for dress (jeans and a tee at a funeral) is never the answer: the answer says what is
missing first, and names the closest pieces only as a stopgap."""

from functools import partial

from tests.assistant.wardrobe import converse as converse_over
from tests.assistant.wardrobe import item

CASUAL_ONLY = (  # a student's wardrobe: nothing smart, nothing dark enough for a funeral
    item(90, "t-shirt", "top", "white", "white", style="casual", formality=1, warmth=1),
    item(91, "t-shirt", "top", "grey", "grey", style="casual", formality=1, warmth=1),
    item(92, "jeans", "bottom", "denim blue", "blue", style="casual", formality=2, warmth=3),
    item(93, "sneakers", "shoes", "white", "white", style="casual", formality=1, warmth=2),
    item(94, "dress", "one-piece", "pink", "pink", style="casual", formality=2, warmth=1, pattern="floral"),
)
converse = partial(converse_over, wardrobe=CASUAL_ONLY)


def test_a_floral_dress_is_right_for_a_garden_wedding() -> None:
    (answer,) = converse("is my floral dress ok for a garden wedding?")
    assert answer.text.startswith("Yes") and 94 in answer.referenced_item_ids, answer.text


def test_jeans_and_a_tee_are_never_the_funeral_outfit() -> None:
    (answer,) = converse("what should I wear to a funeral?")
    text = answer.text
    assert text.startswith("For a funeral, honestly nothing you own is quite right yet: you'd need"), text
    assert "dark tailored trousers" in text and "dark closed shoes" in text
    assert "I'd wear" not in text and "but it won't read as dressed for a funeral" in text


def test_the_same_holds_in_french() -> None:
    (answer,) = converse("que mettre pour un enterrement ?")
    assert "rien dans ta garde-robe ne convient encore" in answer.text, answer.text
