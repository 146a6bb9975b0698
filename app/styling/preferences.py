"""A person's stated taste, from free text ("navy and camel, no neon, hate skinny jeans, love loafers")."""

import itertools
import re
from dataclasses import dataclass

from app.vision.colours import PALETTE
from app.vision.taxonomy import TYPES, normalise_type

COLOUR_WORDS = frozenset({name for name, _, _ in PALETTE} | {family for _, _, family in PALETTE} | {"neon"})
STYLE_WORDS = frozenset({"casual", "formal", "sporty", "ethnic", "smart-casual", "minimal", "boho", "classic"})
TYPE_WORDS = {**{t: t for t in TYPES}, "skinny-jeans": "jeans", "trainers": "sneakers", "jumper": "sweater"}
NEGATIONS = ("no ", "not ", "never ", "hate ", "dislike ", "avoid ", "don't like ", "without ")


@dataclass(frozen=True)
class Preferences:
    liked_colours: frozenset[str] = frozenset()
    disliked_colours: frozenset[str] = frozenset()
    liked_styles: frozenset[str] = frozenset()
    disliked_styles: frozenset[str] = frozenset()
    liked_types: frozenset[str] = frozenset()
    disliked_types: frozenset[str] = frozenset()


def _words(clause: str) -> tuple[set[str], set[str], set[str]]:
    """Colours, styles and garment types named in one clause (plurals and two-word names included)."""
    text = re.sub(r"[^a-z\- ]", " ", clause.lower())
    tokens = [t.rstrip("s") if t.rstrip("s") in TYPE_WORDS else t for t in text.split()]
    grams = set(tokens) | {f"{a} {b}" for a, b in itertools.pairwise(tokens)}
    types = {TYPE_WORDS[normalise_type(g)] for g in grams if normalise_type(g) in TYPE_WORDS}
    return grams & COLOUR_WORDS, grams & STYLE_WORDS, types


def parse_preferences(text: str | None) -> Preferences:
    """Best effort: each comma/`and`-free clause is liked unless it starts with a negation."""
    liked: tuple[set[str], set[str], set[str]] = (set(), set(), set())
    disliked: tuple[set[str], set[str], set[str]] = (set(), set(), set())
    for clause in re.split(r"[,;.\n]| but ", (text or "").lower()):
        clause = clause.strip() + " "
        target = disliked if clause.startswith(NEGATIONS) or " no " in f" {clause}" else liked
        for bucket, found in zip(target, _words(clause), strict=True):
            bucket.update(found)
    return Preferences(
        liked_colours=frozenset(liked[0] - disliked[0]),
        disliked_colours=frozenset(disliked[0]),
        liked_styles=frozenset(liked[1] - disliked[1]),
        disliked_styles=frozenset(disliked[1]),
        liked_types=frozenset(liked[2] - disliked[2]),
        disliked_types=frozenset(disliked[2]),
    )
