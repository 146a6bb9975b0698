"""An item's tags as everyone reads them: the model's tags, the user's corrections, and what follows from them.

A correction names a value of the engines' own vocabulary (garment types from app/vision/taxonomy.py and the
outfit rules' garment table, colours from the vision palette; styles and patterns are app/vocabularies.py enums);
everything derived from a corrected field (category, style, formality, seasons, warmth, the `colors` list with
its hexes and families) is recomputed from it on every read, so no field contradicts a correction and dropping
one brings the model's values back. A correction stored before values were checked, that the vocabulary refuses,
is not applied (it stays listed in `corrections`).
"""

from typing import Any

from app.styling.garments import GARMENTS, LIKE_TYPE
from app.vision.colours import PALETTE
from app.vision.knowledge import STYLES, formality_of, seasons_of, style_of, warmth_of
from app.vision.remote import PATTERNS
from app.vision.taxonomy import CATEGORIES, TYPES, WARMTH_RANGE_C, category_of, normalise_type

COLOURS: dict[str, tuple[str, str]] = {name: (hex_value, family) for name, hex_value, family in PALETTE}
# Spellings people use for a palette name; each applies only when the palette has the name it leads to.
COLOUR_SPELLINGS = (("gray", "grey"), ("grey", "gray"))


def _refuse(what: str, value: str, accepted: list[str]) -> ValueError:
    return ValueError(f"unknown {what} {value!r}; accepted: {', '.join(accepted)}")


def garment_types() -> list[str]:
    """The taxonomy's types (each with its slot) and the finer kinds the outfit rules know (cap, parka, ...)."""
    return sorted(TYPES.keys() | GARMENTS.keys())


def garment_type(value: str) -> str:
    name = normalise_type(value)
    if name not in TYPES and name not in GARMENTS:
        raise _refuse("garment type", value, garment_types())
    return name


def colour_name(value: str) -> str:
    """The palette's name for a colour (`Gray`, `light-gray` → `grey`, `light grey`), or a ValueError."""
    name = canonical_colour(value)
    if name is None:
        raise _refuse("colour", value, list(COLOURS))
    return name


def canonical_colour(value: str) -> str | None:
    key = " ".join(value.lower().replace("-", " ").replace("_", " ").split())
    candidates = [key, *(key.replace(old, new) for old, new in COLOUR_SPELLINGS if old in key)]
    return next((name for name in candidates if name in COLOURS), None)


def _applicable(key: str, value: Any) -> Any:
    """The correction in the vocabulary's spelling, or None when the vocabulary refuses it."""
    if not isinstance(value, str):
        return None
    if key == "type":
        name = normalise_type(value)
        return name if name in TYPES or name in GARMENTS else None
    if key in ("primary_color", "secondary_color"):
        return canonical_colour(value)
    closed = {"category": CATEGORIES, "style": STYLES, "pattern": PATTERNS}.get(key)
    return value if closed is None or value in closed else None


def effective_tags(tags: dict[str, Any], stored: dict[str, Any]) -> dict[str, Any]:
    checked = {key: _applicable(key, value) for key, value in stored.items()}
    corrections = {key: value for key, value in checked.items() if value is not None}
    merged = {**tags, **corrections}
    if corrections.keys() & {"type", "style", "pattern"}:
        merged.update(_from_type(merged, corrections))
    if corrections.keys() & {"primary_color", "secondary_color"}:
        merged.update(_colours(tags.get("colors") or [], corrections))
    return merged


def taxonomy_type(garment_type: str) -> str:
    """The taxonomy's row for a type: itself, or the row a finer correction word takes its tags from."""
    name = normalise_type(garment_type)
    return name if name in TYPES else LIKE_TYPE.get(name, name)


def _from_type(merged: dict[str, Any], corrections: dict[str, Any]) -> dict[str, Any]:
    said = merged.get("type")
    kind = taxonomy_type(said) if isinstance(said, str) else None
    if kind not in TYPES:
        return {}  # a kind the taxonomy has no slot for (or an unchecked old value): the other tags stand
    style = corrections.get("style") or style_of(kind, merged.get("style"), merged.get("pattern"))
    warmth = warmth_of(kind)
    low, high = WARMTH_RANGE_C[warmth] if warmth else (None, None)
    derived = {"style": style, "formality": formality_of(kind, style)}
    if "type" in corrections:  # the user said what it is: the analyser's other guesses no longer stand
        derived |= {"seasons": seasons_of(kind), "warmth": warmth, "comfort_min_c": low, "comfort_max_c": high}
        derived["type_candidates"] = []
        if "category" not in corrections:
            derived["category"] = category_of(kind)
    return derived


def _colours(measured: list[Any], corrections: dict[str, Any]) -> dict[str, Any]:
    """The measured colours with the corrected ones in first and second place, named, hexed and grouped."""
    measured = [c for c in measured if isinstance(c, dict) and "name" in c]
    leading: list[dict[str, Any]] = []
    for position, key in enumerate(("primary_color", "secondary_color")):
        corrected = corrections.get(key)
        name = canonical_colour(corrected) if isinstance(corrected, str) else None
        if name is not None:
            rest = 1.0 - sum(float(c.get("share") or 0) for c in leading)
            share = float(measured[position].get("share") or 0) if len(measured) > position else rest
            hex_value, family = COLOURS[name]
            leading.append({"name": name, "hex": hex_value, "family": family, "share": max(0.0, share)})
        elif len(measured) > position:
            leading.append(measured[position])
    colours: list[dict[str, Any]] = []
    for colour in [*leading, *measured[2:]]:  # one entry per name: a corrected colour replaces its measurement
        if all(colour["name"] != kept["name"] for kept in colours):
            colours.append(colour)
    return {
        "colors": colours,
        "primary_color": colours[0]["name"] if colours else None,
        "secondary_color": colours[1]["name"] if len(colours) > 1 else None,
        "color_family": colours[0].get("family") if colours else None,
    }
