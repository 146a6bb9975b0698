"""The beam ranks partial outfits by what the final score gives them: the occasion's style rewards shared over the
styled pieces and saturated, the other context parts bounded (scoring.partial_context). Until session 9 it summed
a reward per suiting piece, so a formal tie, belt and watch lifted a work outfit in the beam that the final score
ranks below the same outfit without them, and the beam kept the wrong 50."""

from itertools import pairwise

import pytest

from app.styling import FeedbackStats, StyleContext
from app.styling.scoring import soft_rule_costs
from app.styling.search import SHAPES, _beam, _filter, _final_logit, _group, _pair_blocks, _prune
from bench.outfits import wardrobe

# No feedback or wear history: the final logit is then the beam's value plus the soft rules alone.
CONTEXTS = [StyleContext(occasion=name) for name in ("work", "interview", "funeral", "party", "lunch", "day-wedding")]
# The weather part counts in the beam too (scoring.partial_weather; until session 10 only on complete outfits, after
# the cut): days warm enough that no warmth rule reorders the beam (rules.WARMTH_NEED stops at 15 °C).
CONTEXTS += [
    StyleContext(occasion="work", temperature_c=16, rain=True),
    StyleContext(occasion="casual", temperature_c=30, season="summer"),
    StyleContext(occasion="date", temperature_c=18, rain=True, season="fall"),
]


@pytest.mark.parametrize("context", CONTEXTS, ids=lambda c: f"{c.occasion} {c.temperature_c} {c.rain} {c.season}")
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_beam_keeps_its_outfits_in_the_final_scores_order(context: StyleContext, seed: int) -> None:
    feedback = FeedbackStats()
    groups, _ = _filter(_group(wardrobe(300, seed), context), context)
    slots, table = _prune(groups, context, feedback)
    blocks = _pair_blocks(slots, table)
    for shape in SHAPES:
        if not all(slot in slots for slot in shape):
            continue
        finals = []
        for picks, pairs_only in _beam(shape, slots, context, blocks):
            outfit = tuple(table.items[int(slots[s].rows[i])] for s, i in picks)
            soft = sum(soft_rule_costs(outfit, context).values())
            finals.append(_final_logit(outfit, pairs_only, context, feedback) - soft)
        assert all(later <= earlier + 1e-9 for earlier, later in pairwise(finals)), (shape, finals[:10])
