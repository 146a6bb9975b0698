"""Head-to-toe black at a wedding by day reads sombre (a soft cost, like head-to-toe white): it is not the first
suggestion when something with colour or light tones fits, it is said in the explanation, and it stays right by
evening or for a user who likes black. Before, a June garden wedding topped with a black jumpsuit and black loafers."""

from app.styling import StyleContext, WardrobeItem, parse_preferences, score, suggest
from tests.styling.test_social_casual import make


def wedding_wardrobe() -> list[WardrobeItem]:
    return [
        make(1, "jumpsuit", "one-piece", "#111111", "black", style="formal", formality=4),
        make(2, "loafers", "shoes", "#151515", "black", style="smart-casual", formality=3),
        make(3, "dress", "one-piece", "#B22222", "red", style="smart-casual", formality=3),
        make(4, "heels", "shoes", "#D8C3A5", "beige", style="formal", formality=4),
    ]


def test_all_black_is_not_the_first_idea_for_a_day_wedding() -> None:
    day = StyleContext(occasion="day-wedding", temperature_c=24)
    # the loafers under the jumpsuit lead the explanation now (rules.office_shoes_with_a_dress); both are its flaws
    assert "head-to-toe black reads sombre at a wedding by day" in score(wedding_wardrobe()[:2], day).flaws
    first = suggest(wedding_wardrobe(), day, count=3).outfits[0]
    assert 1 not in {item.id for item in first.items}, first.explanation


def test_all_black_stays_right_by_evening_or_when_black_is_liked() -> None:
    evening = StyleContext(occasion="wedding-guest", temperature_c=18)
    assert "sombre" not in score(wedding_wardrobe()[:2], evening).explanation
    liked = StyleContext(occasion="day-wedding", temperature_c=24, preferences=parse_preferences("I love black"))
    assert "sombre" not in score(wedding_wardrobe()[:2], liked).explanation


def test_a_piece_of_colour_lifts_black() -> None:
    red_shoes = make(5, "heels", "shoes", "#B22222", "red", style="formal", formality=4)
    day = StyleContext(occasion="day-wedding", temperature_c=24)
    assert "sombre" not in score([wedding_wardrobe()[0], red_shoes], day).explanation
