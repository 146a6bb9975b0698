"""The tools a remote model calls instead of reading a dump of the wardrobe: the same planner pieces the local
engine uses (wardrobe search with tag-error-tolerant colour matching, the outfit engine with everything the
question said, outfit scoring). Every result names items by id, so citations can be checked.
"""

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from app import styling
from app.assistant.local.plan import Ask, formality, warmth
from app.assistant.local.plan_outfits import suggest
from app.assistant.local.refs import colour_similarity, of_kind
from app.assistant.remote.exchange import ToolCall
from app.styling import WardrobeItem
from app.styling.occasions import OCCASION_NAMES, find_occasion

MAX_ITEMS = 40

SCHEMAS: list[dict[str, Any]] = [
    {
        "name": "search_wardrobe",
        "description": "Find the user's own items. Colours are matched softly (tags may be slightly off).",
        "parameters": {
            "type": "object",
            "properties": {
                "kind": {"type": "string", "description": "garment type (jeans, coat) or slot (shoes, top, outerwear)"},
                "colour": {"type": "string", "description": "a colour name, e.g. navy, beige"},
                "season": {"type": "string", "enum": ["spring", "summer", "fall", "winter"]},
            },
        },
    },
    {
        "name": "suggest_outfits",
        "description": "Best complete outfits from the user's wardrobe for a situation, from the outfit engine.",
        "parameters": {
            "type": "object",
            "properties": {
                "occasion": {"type": "string", "enum": list(OCCASION_NAMES)},
                "temperature_c": {"type": "number"},
                "rain": {"type": "boolean"},
                "anchor_ids": {"type": "array", "items": {"type": "integer"}, "description": "items that must be in"},
                "exclude_ids": {"type": "array", "items": {"type": "integer"}, "description": "items to leave out"},
                "count": {"type": "integer", "minimum": 1, "maximum": 5},
            },
        },
    },
    {
        "name": "score_outfit",
        "description": "How well the given items work together as one outfit (0..1) and why.",
        "parameters": {
            "type": "object",
            "properties": {"item_ids": {"type": "array", "items": {"type": "integer"}}},
            "required": ["item_ids"],
        },
    },
]


def describe(item: WardrobeItem) -> dict[str, Any]:
    return {
        "id": item.id, "type": item.type, "slot": item.category, "colours": list(item.colour_names),
        "pattern": item.pattern, "formality": formality(item), "warmth": warmth(item), "seasons": list(item.seasons),
    }  # fmt: skip


def search_wardrobe(ask: Ask, arguments: Mapping[str, Any]) -> dict[str, Any]:
    kind = str(arguments.get("kind") or "").strip().lower()
    pool = list(ask.wardrobe)
    if kind:
        slot = kind.rstrip("s") if kind.rstrip("s") in ("top", "bottom", "accessory") else kind
        pool = of_kind(pool, kind) or of_kind(pool, f"category:{slot}")
    colour = str(arguments.get("colour") or "").strip().lower()
    if colour:
        pool = sorted(
            (i for i in pool if max((colour_similarity(colour, c) for c in i.colour_names[:2]), default=0) >= 0.35),
            key=lambda i: -max((colour_similarity(colour, c) for c in i.colour_names[:2]), default=0),
        )
    season = arguments.get("season")
    if season:
        pool = [i for i in pool if not i.seasons or season in i.seasons]
    return {"items": [describe(item) for item in pool[:MAX_ITEMS]], "count": len(pool)}


def _ids(value: Any) -> list[int]:
    return [int(v) for v in value if isinstance(v, int | float | str) and str(v).lstrip("-").isdigit()] if value else []


def suggest_outfits(ask: Ask, arguments: Mapping[str, Any]) -> dict[str, Any]:
    slots = ask.slots
    if arguments.get("occasion"):
        slots = replace(slots, occasion=find_occasion(str(arguments["occasion"])))
    if isinstance(arguments.get("temperature_c"), int | float):
        slots = replace(slots, temperature_c=float(arguments["temperature_c"]))
    if arguments.get("rain") is not None:
        slots = replace(slots, rain=bool(arguments["rain"]))
    count = min(max(int(arguments.get("count") or 3), 1), 5)
    known = set(ask.by_id)
    result = suggest(
        replace(ask, slots=slots),
        anchors=[i for i in _ids(arguments.get("anchor_ids")) if i in known],
        exclude=_ids(arguments.get("exclude_ids")),
        count=count,
    )
    outfits = [
        {"item_ids": [i.id for i in o.items], "items": [describe(i) for i in o.items], "score": round(o.score, 3),
         "why": o.explanation}
        for o in result.outfits
    ]  # fmt: skip
    return {"outfits": outfits, "missing_slots": list(result.missing)}


def score_outfit(ask: Ask, arguments: Mapping[str, Any]) -> dict[str, Any]:
    wanted = _ids(arguments.get("item_ids"))
    unknown = [i for i in wanted if i not in ask.by_id]
    if not wanted or unknown:
        return {"error": f"unknown item ids {unknown}" if unknown else "item_ids is required"}
    outfit = styling.score([ask.by_id[i] for i in wanted], ask.style(), ask.context.feedback)
    return {"score": outfit.score, "why": outfit.explanation}


TOOLS: dict[str, Callable[[Ask, Mapping[str, Any]], dict[str, Any]]] = {
    "search_wardrobe": search_wardrobe,
    "suggest_outfits": suggest_outfits,
    "score_outfit": score_outfit,
}


def call(ask: Ask, name: str, arguments: str | Mapping[str, Any]) -> str:
    """Run one tool call; the result (or the error) as JSON text for the model."""
    try:
        parsed = json.loads(arguments or "{}") if isinstance(arguments, str) else dict(arguments)
    except json.JSONDecodeError:
        return json.dumps({"error": "arguments are not valid JSON"})
    tool = TOOLS.get(name)
    if tool is None or not isinstance(parsed, dict):
        return json.dumps({"error": f"unknown tool {name!r}; use one of {', '.join(TOOLS)}"})
    return json.dumps(tool(ask, parsed), ensure_ascii=False)


def call_all(ask: Ask, calls: Sequence[ToolCall]) -> list[str]:
    return [call(ask, c.name, c.arguments) for c in calls]
