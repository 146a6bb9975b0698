"""Advice on an accessory the user does not own, for the outfit just suggested: "what colour tights would go with
that?", "what belt with it?", "which tie?", "and socks?".

Rules a stylist states, as data: tights belong to bare legs (a skirt, a dress, shorts), never under jeans; a belt
matches the shoes' leather; a tie needs a collared shirt and sits darker than it; socks follow the trousers; a
bag echoes the shoes.
"""

import re

from app.assistant.local import kinds as k
from app.assistant.local.plan import Ask, Plan
from app.assistant.local.refs import of_kind
from app.styling import WardrobeItem

ACCESSORY_ASKED = re.compile(r"\b(?:(tights|stockings|pantyhose|hosiery)|(belts?)|(ties?)|(socks)|(bags?|handbags?))\b")
KINDS = ("tights", "belt", "tie", "socks", "bag")
BARE_LEGS = frozenset({"skirt", "dress", "shorts"})
BELTED = frozenset({"trousers", "jeans", "chinos", "pants", "shorts"})
LEATHER_SHOES = frozenset({"formal-shoes", "loafers", "boots", "heels", "flats"})
OUTFIT_KINDS = frozenset({k.OUTFIT, k.REVISE, k.DISLIKE})


def asked_accessory(text: str) -> str | None:
    found = ACCESSORY_ASKED.search(text)
    return KINDS[next(i for i, group in enumerate(found.groups()) if group)] if found else None


def _outfit(ask: Ask) -> list[WardrobeItem]:
    """The outfit an accessory question is about, without what the user left out or disliked: after "I don't like
    those shoes" the last answer named only the sneakers, and "what bag goes with that?" is the rest of the outfit."""
    shown = ask.state.outfit if ask.state.kind not in OUTFIT_KINDS else ask.state.focus
    for ids in (shown or ask.state.focus, ask.state.outfit):
        kept = [ask.by_id[i] for i in ids if i in ask.by_id and i not in ask.state.excluded]
        if kept:
            return kept
    return []


def accessory_advice(ask: Ask) -> Plan | None:
    """The advice for the last outfit, when the question asks about an accessory kind the wardrobe does not have."""
    kind = asked_accessory(ask.u.text)
    outfit = _outfit(ask)
    if kind is None or not outfit or (kind != "tights" and of_kind(ask.wardrobe, kind)):
        return None
    plan = Plan(k.PAIRING)
    if kind != "tights":  # "and what bag?", "passt dazu meine braune Tasche?": first, that there is none
        said = next((g for g in ask.slots.garments if g.kind == kind), None)
        plan.say("dont_see", kind=kind, colour=said.colour if said else None)
    worn = [i for i in outfit if i.category in ("top", "bottom", "one-piece")]
    if kind == "tights":
        legs = [i for i in worn if i.type in BARE_LEGS]
        plan.say("accessory/tights_legs", *legs[:1]) if legs else plan.say("accessory/tights_none", *worn[:2])
    elif kind == "belt":
        loops = [i for i in worn if i.type in BELTED]
        shoes = [i for i in outfit if i.category == "shoes"]
        if not loops:
            plan.say("accessory/belt_none", *worn[:1])
        elif shoes and shoes[0].type in LEATHER_SHOES:
            plan.say("accessory/belt_match", shoes[0])
        else:
            plan.say("accessory/belt_casual", *(shoes or loops)[:1])
    elif kind == "tie":
        shirts = [i for i in worn if i.type == "shirt"]
        plan.say("accessory/tie_with", shirts[0]) if shirts else plan.say("accessory/tie_no_shirt", *worn[:1])
    elif kind == "socks":
        legs = [i for i in worn if i.category == "bottom"] or worn
        plan.say("accessory/socks_match", *legs[:1])
    else:  # a bag echoes the shoes, and its size follows the day
        shoes = [i for i in outfit if i.category == "shoes"]
        plan.say("accessory/bag", *(shoes or worn)[:1])
    return plan
