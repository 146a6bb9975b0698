"""Styling one piece for a season: "how do I style my pink dress for autumn?" is the piece with what the season
needs from the wardrobe (a warmer layer, closed shoes, a coat; tights under a dress or skirt when it is cold), not
its colour theory."""

import re
from dataclasses import replace

from app.assistant.local import kinds as k
from app.assistant.local.plan import Ask, Plan
from app.styling import WardrobeItem

HOW_TO_STYLE = re.compile(
    r"\bhow (?:do|can|should|could|would|to) (?:i )?(?:style|wear|combine|pair|dress up|dress down)\b|\bstyle\b"
)
# What the season feels like when the question gives no degrees (the same guess a packing list makes)
SEASON_TEMPERATURE_C = {"fall": 11.0, "winter": 3.0, "spring": 15.0, "summer": 26.0}
COLD_SEASONS = frozenset({"fall", "winter"})
LEGS = frozenset({"dress", "skirt"})


def seasonal_styling(ask: Ask, anchors: list[WardrobeItem]) -> Plan | None:
    """The piece dressed for the season asked about, or None when the question is not that."""
    from app.assistant.local.plan_outfits import cover_for, suggest

    season = ask.u.slots.season
    if season not in SEASON_TEMPERATURE_C or len(anchors) != 1 or not HOW_TO_STYLE.search(ask.u.text):
        return None
    piece = anchors[0]
    seasonal = replace(ask, slots=replace(ask.slots, temperature_c=SEASON_TEMPERATURE_C[season], season=season))
    result = suggest(seasonal, anchors=[piece.id], count=3)
    if not result.outfits:
        return None
    partners = [i for i in result.outfits[0].items if i != piece and i.category != "accessory"]
    plan = Plan(k.PAIRING)
    plan.outfits = tuple(tuple(i.id for i in o.items) for o in result.outfits)
    plan.say("style_for_season", piece, other=partners, scenario=f"season_{season}")
    if piece.type in LEGS and season in COLD_SEASONS:
        plan.say("season_tights", piece)
    layer = cover_for(seasonal, [piece, *partners])
    if layer is not None:
        plan.say("add_layer", layer, reason="cold")
    return plan
