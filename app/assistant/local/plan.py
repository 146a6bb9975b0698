"""Planning: from what the question asks (an Understanding) and the thread (State) to the facts of an answer.

A plan is a list of Lines: a phrase key plus the owned items and values it speaks about. Planners decide
what is true (which items, which verdict, what is missing) and never word anything; the wording step
(app/assistant/local/word.py) renders the same plan in any language. Each kind of question has one planner
function in PLANNERS; adding a kind is one function and its phrase keys.
"""

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from app import styling
from app.assistant.base import ConversationContext
from app.assistant.local import kinds as k
from app.assistant.local.entities import LAST_UPLOAD, SPOKEN_KINDS
from app.assistant.local.refs import Resolved, of_kind_or_near, resolve, resolve_near
from app.assistant.local.slots import PRONOUN, Garment, Slots
from app.assistant.local.state import (
    ASKED_AGAIN,
    State,
    carry,
    focus_kind,
    in_thread,
    leans_on_thread,
    rebuild,
    whole_outfit,
)
from app.assistant.local.understand import Understanding, understand
from app.styling import WardrobeItem
from app.vision.taxonomy import base_formality, base_warmth

_NOTHING: Mapping[str, Any] = MappingProxyType({})
PURPOSE = re.compile(r"\bfor (?:that|it|this|them)\b")  # "is the polo ok for that?": the occasion, not a piece


@dataclass(frozen=True)
class Line:
    key: str  # a phrase key every language's table has
    items: tuple[WardrobeItem, ...] = ()
    other: tuple[WardrobeItem, ...] = ()
    values: Mapping[str, Any] = field(default_factory=lambda: _NOTHING)


@dataclass
class Plan:
    kind: str
    lines: list[Line] = field(default_factory=list)
    disliked: tuple[int, ...] = ()  # a dislike said in chat, for the service to record
    outfits: tuple[tuple[int, ...], ...] = ()  # outfits the engine suggested, for remote models

    def say(self, key: str, *items: WardrobeItem, other: Sequence[WardrobeItem] = (), **values: Any) -> None:
        self.lines.append(Line(key, tuple(items), tuple(other), MappingProxyType(values)))


@dataclass(frozen=True)
class Ask:
    """Everything a planner may read: the question understood, the thread, the wardrobe and history."""

    u: Understanding
    state: State
    slots: Slots  # the question's slots, with the thread's situation carried into follow-ups
    wardrobe: tuple[WardrobeItem, ...]
    by_id: Mapping[int, WardrobeItem]
    refs: tuple[Resolved, ...]  # owned garments the question names, resolved
    context: ConversationContext

    @property
    def items(self) -> list[WardrobeItem]:
        """The owned items the question is about: explicit ids, resolved references, else "it" from before."""
        found = [self.by_id[i] for i in self.slots.ids if i in self.by_id]
        if self.wardrobe and LAST_UPLOAD.search(self.u.text):
            found.append(self.wardrobe[0])  # the service passes the newest upload first
        found += [r.one for r in self.refs if r.one is not None]
        pointing = PRONOUN.search(PURPOSE.sub(" ", self.u.text)) if found else PRONOUN.search(self.u.text)
        if pointing and (not found or self.u.kind in (k.YESNO, k.PAIRING)):
            whole = self.outfit_in_focus
            earlier = [self.by_id[i] for i in whole or self.state.focus[:1] if i in self.by_id]
            # "do white sneakers go with it?" after an outfit: the sneakers in place of its shoes, with all the rest
            found += [item for item in earlier if not any(_same_place(item, other, bool(whole)) for other in found)]
        return list(dict.fromkeys(found))

    @property
    def worn(self) -> list[WardrobeItem]:
        """The last outfit as it was dressed (State.worn), as owned items."""
        return [self.by_id[i] for i in self.state.worn if i in self.by_id]

    @property
    def outfit_in_focus(self) -> tuple[int, ...]:
        """The last answer's outfit, when "that" in a pairing ("what shoes go with that?") points at all of it."""
        focus = self.state.focus
        outfit_said = self.state.kind in (k.OUTFIT, k.REVISE, k.DISLIKE)  # not a pairing built around one piece
        if self.u.kind not in (k.PAIRING, k.YESNO) or not outfit_said or not whole_outfit(focus, self.by_id):
            return ()
        first_of_each = {self.by_id[i].category: i for i in reversed(focus)}  # shoes offered as choices: one
        return tuple(i for i in focus if i in first_of_each.values())

    @property
    def ambiguous(self) -> Resolved | None:
        return next((r for r in self.refs if len(r.items) > 1), None)

    @property
    def missing(self) -> Resolved | None:
        return next((r for r in self.refs if r.missing and r.garment.owned), None)

    def style(self, **changes: Any) -> styling.StyleContext:
        slots = self.slots
        base = styling.StyleContext(
            occasion=slots.occasion,
            temperature_c=effective_temperature(slots),
            rain=slots.rain,
            season=slots.season,
            worn_days_ago=dict(self.context.worn_days_ago),
            preferences=styling.parse_preferences(self.context.style_preferences),
        )
        return styling.StyleContext(**{**base.__dict__, **changes})


def _same_place(item: WardrobeItem, other: WardrobeItem, whole_outfit: bool) -> bool:
    """Whether `other` takes `item`'s place: its slot in a whole outfit, else its kind."""
    return item.category == other.category if whole_outfit else item.type == other.type


def effective_temperature(slots: Slots) -> float | None:
    """What it feels like: wind takes a few degrees off; unknown stays unknown."""
    if slots.temperature_c is None:  # a windy day feels cool, but not a windy beach in August
        return 10.0 if slots.wind and slots.season != "summer" else None
    return slots.temperature_c - (4.0 if slots.wind else 0.0)


def kind_formality(kind: str) -> int:
    """How dressed a kind reads, for kinds said in a question ("can I wear a suit?"), owned or not."""
    return base_formality(kind) or SPOKEN_KINDS.get(kind, (2, ""))[0]


def formality(item: WardrobeItem) -> int:
    return item.formality or base_formality(item.type) or 2


def warmth(item: WardrobeItem) -> int:
    return item.warmth or base_warmth(item.type) or 2


def owned_garments(u: Understanding, kind: str) -> list[Garment]:
    """Garments that point at owned items: said as "my/the ...", or any garment in a wardrobe question."""
    if kind in (k.OWN, k.COUNT, k.COMPARE, k.YESNO, k.DISLIKE, k.REVISE):
        return list(u.slots.garments)
    if kind == k.PAIRING:  # "what can I wear with white sneakers?": people drop the "my"
        # "a navy suit" nobody owns as such is a kind to dress for, not the navy blazer
        return [g for g in u.slots.garments if g.owned or (not g.asked and g.colour and g.kind not in SPOKEN_KINDS)]
    return [g for g in u.slots.garments if g.owned]


def prepare(context: ConversationContext) -> Ask:
    """Understand the question in the light of the rebuilt thread."""
    by_id = {item.id: item for item in context.wardrobe}
    state = rebuild(context.recent_turns, by_id)
    asked = understand(
        context.question, previous_lang=state.lang, has_suggestion=state.has_suggestion,
        focus_kind=focus_kind(state, by_id),
    )  # fmt: skip
    u = in_thread(asked, state)
    slots = carry(u.slots, state.slots) if leans_on_thread(u) else u.slots
    garments = owned_garments(u, u.kind)
    contrast = frozenset(state.focus) if u.kind == state.kind and ASKED_AGAIN.search(u.text) else frozenset()
    pool = tuple(i for i in context.wardrobe if i.id not in contrast)  # "what about the camel one?": another one
    # ties go to the last answer's pieces, then to the thread's outfit ("what about the shoes?" after a coat)
    named = () if contrast else tuple(dict.fromkeys((*state.named, *state.outfit)))
    refs = tuple(_resolve_other(g, pool, context.wardrobe, named) if contrast else resolve(g, pool, named)
                 for g in garments)  # fmt: skip
    return Ask(u, state, slots, context.wardrobe, by_id, refs, context)


def _resolve_other(
    garment: Garment, pool: Sequence[WardrobeItem], wardrobe: Sequence[WardrobeItem], named: Sequence[int]
) -> Resolved:
    """ "What about the navy one?": another piece than the one just discussed, of that kind or one people call by
    its name; the piece just discussed only when nothing else of the kind is there."""
    found = resolve_near(garment, pool, named)
    return found if found.items or of_kind_or_near(pool, garment.kind) else resolve(garment, wardrobe, named)


PLANNERS: dict[str, Callable[[Ask], Plan]] = {}


def planner(kind: str) -> Callable[[Callable[[Ask], Plan]], Callable[[Ask], Plan]]:
    def register(function: Callable[[Ask], Plan]) -> Callable[[Ask], Plan]:
        PLANNERS[kind] = function
        return function

    return register


def plan(ask: Ask) -> Plan:
    from app.assistant.local import plan_items, plan_outfits, plan_talk, plan_verdict  # noqa: F401  (they register)

    if not ask.wardrobe and ask.u.kind not in (
        k.GREETING,
        k.THANKS,
        k.CANNOT,
        k.OFF_TOPIC,
        k.CARE,
        k.FIT,
        k.COLOUR,
        k.TECHNIQUE,
        k.DRESS_CODE,
    ):
        result = Plan(ask.u.kind)
        result.say("empty_wardrobe")
        return result
    return PLANNERS.get(ask.u.kind, PLANNERS[k.CLARIFY])(ask)


def resolve_all(ask: Ask, garments: Sequence[Garment]) -> list[Resolved]:
    return [resolve(g, ask.wardrobe, ask.state.named) for g in garments]
