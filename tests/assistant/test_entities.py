import pytest

from app.assistant import Turn
from app.assistant.local.references import understand
from tests.assistant.wardrobe import WARDROBE


def test_occasion_weather_and_dress_code() -> None:
    found = understand("What should I wear to a black-tie wedding at 12°C in the rain?", WARDROBE, [])
    assert (found.occasion, found.dress_code, found.temperature_c, found.rain) == ("wedding", "black tie", 12, True)
    assert found.colours == () and found.item_types == ()  # "black tie" is a dress code, not a black tie


@pytest.mark.parametrize(
    ("question", "celsius"),
    [("it'll be 85 degrees", 29.4), ("around 50F", 10.0), ("-3 °C and windy", -3.0), ("a freezing morning", -2.0)],
)
def test_temperatures_in_any_unit(question: str, celsius: float) -> None:
    assert understand(question, WARDROBE, []).temperature_c == celsius


def test_colours_types_seasons_and_trip_length() -> None:
    found = understand("Packing a 5-day autumn trip: do gray trainers and a maroon jumper work?", WARDROBE, [])
    assert found.colours == ("grey", "burgundy")
    assert found.item_types == ("sneakers", "sweater")
    assert (found.season, found.trip_days) == ("fall", 5)
    assert understand("a week in Rome", WARDROBE, []).trip_days == 7


@pytest.mark.parametrize(
    ("question", "ids"),
    [
        ("What goes with my navy blazer?", (12,)),
        ("how do I wash #5", (5,)),
        ("Tell me about the last thing I uploaded", (21,)),
        ("can I wear my grey wool sweater to work", (21,)),
        ("style my black jeans", (4,)),
        ("what about item 99", ()),  # not in the wardrobe: never resolved
    ],
)
def test_references_resolve_to_real_ids(question: str, ids: tuple[int, ...]) -> None:
    assert understand(question, WARDROBE, []).item_ids == ids


def test_a_description_that_fits_several_items_is_ambiguous() -> None:
    found = understand("what goes with my jeans?", WARDROBE, [])
    assert found.item_ids == () and set(found.ambiguous) == {3, 4}


def test_it_means_the_item_the_previous_answer_was_about() -> None:
    turns = [Turn("tell me about my camel coat", "Your camel coat (#7) is warm.").answer]
    assert understand("what goes with it?", WARDROBE, turns).item_ids == (7,)
    assert understand("is it raining later?", WARDROBE, turns).item_ids == ()  # weather "it" is not an item
