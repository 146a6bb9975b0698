"""The occasion part does not grow with the item count, while each piece that does not fit still costs."""

from app.styling import StyleContext, score
from app.styling.context import NOMINAL_PIECES, SUIT_REWARD
from tests.styling.test_rain_gear import item

WORK = StyleContext(occasion="work", temperature_c=18)
SUITED = [item(1, "shirt", "formal", 4), item(2, "trousers", "formal", 4), item(3, "formal-shoes", "formal", 4)]


def test_more_pieces_in_the_right_style_do_not_buy_occasion_score() -> None:
    more = [*SUITED, item(4, "belt", "formal", 4), item(5, "watch", "formal", 4), item(6, "tie", "formal", 4)]
    three, six = score(SUITED, WORK).parts["occasion"], score(more, WORK).parts["occasion"]
    assert abs(three - six) < 1e-3 and three > 0
    assert abs(three - SUIT_REWARD * NOMINAL_PIECES) < 0.05  # tanh barely bends it here


def test_each_piece_that_does_not_fit_still_costs() -> None:
    one = score([*SUITED[:2], item(3, "sneakers", "sporty", 1)], WORK).parts["occasion"]
    lounge = [item(1, "shirt", "formal", 4), item(2, "joggers", "sporty", 1), item(3, "sneakers", "sporty", 1)]
    assert score(SUITED, WORK).parts["occasion"] > one > score(lounge, WORK).parts["occasion"]
