import pytest

from app.styling.occasions import OCCASION_NAMES, SYNONYMS, UnknownOccasion, find_occasion, resolve_occasion


@pytest.mark.parametrize("name", OCCASION_NAMES)
def test_every_canonical_name_resolves_to_itself(name: str) -> None:
    assert resolve_occasion(name) == name
    assert resolve_occasion(f"  {name.upper()} ") == name


@pytest.mark.parametrize(("phrase", "occasion"), [(p, o) for o, phrases in SYNONYMS.items() for p in phrases])
def test_every_synonym_resolves_to_its_occasion(phrase: str, occasion: str) -> None:
    assert find_occasion(phrase) == occasion


@pytest.mark.parametrize(
    ("text", "occasion"),
    [
        ("job interview at a bank", "interview"),
        ("friend's wedding in June", "wedding-guest"),
        ("My friend’s wedding", "wedding-guest"),
        ("office", "work"),
        ("business casual friday at the office", "work"),
        ("yoga class", "gym"),
        ("dinner party at a friend's", "dinner"),
        ("black tie gala", "formal"),
        ("wedding_guest", "wedding-guest"),
        ("a day at the beach", "beach"),
        ("work out", "gym"),
        # a time cue says when, not what (session 11: "gym after work" was the office)
        ("gym after work", "gym"),
        ("a run before school", "gym"),
        ("drinks after work", "dinner"),
        ("after work", "work"),
        ("walk in the park", "casual"),
        ("a walk in the hills", "outdoor"),
    ],
)
def test_free_text_names_the_occasion(text: str, occasion: str) -> None:
    assert resolve_occasion(text) == occasion


def test_words_inside_other_words_do_not_match() -> None:
    assert find_occasion("football") is None  # not "ball"
    assert find_occasion("update my wardrobe") is None  # not "date"


@pytest.mark.parametrize("text", ["blah", "quantum", "xyz123"])
def test_unknown_occasion_lists_the_accepted_ones(text: str) -> None:
    with pytest.raises(UnknownOccasion) as error:
        resolve_occasion(text)
    assert all(name in str(error.value) for name in OCCASION_NAMES)


@pytest.mark.parametrize("text", [None, "", "   "])
def test_no_occasion_is_not_an_error(text: str | None) -> None:
    assert resolve_occasion(text) is None
