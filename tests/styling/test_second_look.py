"""The second look (search._over_used): when the beam's outfits crowd on a few strong pieces, so that the share cap
leaves the list short or lets a soft-rule outfit in, the search looks again without the pieces at the cap."""

from app.styling import FeedbackStats, StyleContext, WardrobeItem
from app.styling.rules import outfit_problems
from app.styling.search import Again, Candidate, Pool, PoolOf, _suggest_with

CASUAL = StyleContext(occasion="casual", temperature_c=18)


def make(item_id: int, kind: str, category: str, hex_: str) -> WardrobeItem:
    return WardrobeItem(item_id, kind, category, colour_hexes=(hex_,), colour_shares=(1.0,))


TEES = [make(1, "t-shirt", "top", "#F8F8F6"), make(2, "t-shirt", "top", "#1F2A44"), make(3, "polo", "top", "#A7C7E7")]
HOODIE, JEANS, JOGGERS = (
    make(4, "hoodie", "top", "#777777"),
    make(5, "jeans", "bottom", "#4A6A8A"),
    make(6, "joggers", "bottom", "#222222"),
)
TROUSERS, SNEAKERS, BOOTS = (
    make(7, "trousers", "bottom", "#C8B89A"),
    make(8, "sneakers", "shoes", "#F8F8F6"),
    make(9, "boots", "shoes", "#7B4B2A"),
)
WARDROBE = [*TEES, HOODIE, JEANS, JOGGERS, TROUSERS, SNEAKERS, BOOTS]


def entry(*items: WardrobeItem, logit: float) -> tuple[frozenset[int], Candidate]:
    return frozenset(i.id for i in items), Candidate(items, outfit_problems(items, CASUAL), logit)


def crowded_beam(asked: list[frozenset[int]]) -> PoolOf:
    """A beam whose outfits all hold the jeans and sneakers, but for one lounging outfit; looked at again without
    the pieces at the cap, it finds the trousers and boots."""

    def pool_of(*_: object) -> tuple[Pool, Again]:
        first = dict([entry(tee, JEANS, SNEAKERS, logit=3.0 - n) for n, tee in enumerate(TEES)])
        first |= dict([entry(HOODIE, JOGGERS, BOOTS, logit=0.5)])

        def again(avoid: frozenset[int]) -> Pool:
            asked.append(avoid)
            return dict([entry(TEES[2], TROUSERS, BOOTS, logit=1.0)])

        return first, again

    return pool_of


def test_a_crowded_beam_gets_a_second_look_without_the_pieces_at_the_cap() -> None:
    asked: list[frozenset[int]] = []
    result = _suggest_with(crowded_beam(asked), WARDROBE, CASUAL, FeedbackStats(), count=3)
    assert asked == [frozenset({JEANS.id, SNEAKERS.id})]  # each in 2 of 3 suggestions: the cap for 3
    shown = [{item.id for item in outfit.items} for outfit in result.outfits]
    assert {TEES[2].id, TROUSERS.id, BOOTS.id} in shown  # the next best without them
    assert {HOODIE.id, JOGGERS.id, BOOTS.id} not in shown  # not the loungewear the cap let in
    assert len(shown) == 3 and all(not outfit.flaws for outfit in result.outfits)


def test_no_second_look_when_the_list_is_full_and_clean() -> None:
    asked: list[frozenset[int]] = []
    result = _suggest_with(crowded_beam(asked), WARDROBE, CASUAL, FeedbackStats(), count=1)
    assert asked == [] and [{item.id for item in outfit.items} for outfit in result.outfits] == [{1, 5, 8}]
