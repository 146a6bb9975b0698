"""Dialogue state, rebuilt from the stored history on every question, so every replica sees the same thread.

For each earlier turn, oldest first, the question is understood again (deterministically) and the items its
answer named are read back from the answer (`#<id>`, first sentence = what was suggested or talked about).
What carries forward: the language, the situation (occasion, weather, activity) of the thread, the items of
the last answer ("it", "that", "with that" point at them), whether that answer was a suggestion that can be
revised, and what was asked to be left out ("without the blazer", a dislike said in chat).
"""

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace

from app.assistant.base import Turn
from app.assistant.local import kinds as k
from app.assistant.local.refs import of_kind, of_kind_or_near, resolve
from app.assistant.local.slots import PRONOUN, Garment, Slots
from app.assistant.local.understand import Understanding, understand
from app.styling import WardrobeItem

CITED = re.compile(r"#(\d{1,9})\b")
SUGGESTING = frozenset({k.OUTFIT, k.PAIRING, k.REVISE, k.DISLIKE, k.PACKING, k.YESNO, k.COMPARE})
OUTFITS = frozenset({k.OUTFIT, k.REVISE, k.DISLIKE, k.PACKING, k.PAIRING})
WEATHER = ("temperature_c", "rain", "wind", "day_and_evening", "warm_day")
CARRIED = (
    "trip_days",
    "occasion",
    "event",
    "temperature_c",
    "rain",
    "wind",
    "cycling",
    "walking",
    "on_water",
    "evening",
    "day_and_evening",
    "warm_day",
    "season",
    "day",
)


@dataclass(frozen=True)
class State:
    lang: str | None = None
    kind: str | None = None  # what the last question was
    slots: Slots = field(default_factory=Slots)  # the thread's situation so far
    focus: tuple[int, ...] = ()  # ids in the last answer's first sentence
    named: tuple[int, ...] = ()  # every id the last answer named
    named_before: tuple[int, ...] = ()  # every id the answer before it named ("which is better?" after two asks)
    suggestion: tuple[int, ...] = ()  # the last outfit or pairing suggested
    outfit: tuple[int, ...] = ()  # the last outfit itself, past any yes/no or comparison about one of its pieces
    worn: tuple[int, ...] = ()  # that outfit as it was dressed: its pieces and the layer put on top, not the "Or:"
    excluded: frozenset[int] = frozenset()  # left out on request or disliked

    @property
    def has_suggestion(self) -> bool:
        return bool(self.suggestion)


THREAD_SITUATION = re.compile(
    r"\b(?:the|this|that) (?:trip|holiday|vacation|wedding|interview|dinner|party|date|event|meeting|weekend)\b"
)
DAYTIME_OCCASIONS = frozenset({"work", "interview", "casual", "travel", "outdoor", "gym"})
RELAXED_DAYS = frozenset({"casual", "outdoor"})  # a day out whose evening is the same day out


def carry(slots: Slots, earlier: Slots) -> Slots:
    """The situation of the thread: what this question does not say is taken from before."""
    changes = {}
    for name in CARRIED:
        value = getattr(slots, name)
        if _unset(value) and not _unset(getattr(earlier, name)):
            changes[name] = getattr(earlier, name)
    if slots.day and earlier.day and slots.day != earlier.day:  # "and for a hike on Saturday?": its own weather
        for name in WEATHER:
            changes.pop(name, None)
    if "temperature_c" in changes:
        changes["degrees"] = earlier.degrees
    if slots.occasion and slots.occasion != earlier.occasion:
        changes.pop("evening", None)  # "and for the office on Friday?" after a dinner: not an evening any more
        changes.pop("event", None)
    # "and if it gets cool in the evening?" after a barbecue or the office: the same day, cooler, not a dinner
    cooler_same_day = slots.day_and_evening or (earlier.occasion in RELAXED_DAYS and slots.temperature_c is not None)
    if slots.evening and not slots.occasion and earlier.occasion == "day-wedding":
        changes["occasion"] = "wedding-guest"  # "and if it gets windy in the evening?": the same wedding, by night
    if slots.evening and not slots.occasion and earlier.occasion in DAYTIME_OCCASIONS and not cooler_same_day:
        changes["occasion"] = "dinner"  # "and for the evenings?" on a work trip: dressed for dinner, not the office
        changes.pop("event", None)
    return replace(slots, **changes)


CONTINUED = {
    k.OUTFIT: k.OUTFIT, k.REVISE: k.OUTFIT, k.DISLIKE: k.OUTFIT, k.PACKING: k.OUTFIT, k.PAIRING: k.PAIRING,
    k.OWN: k.OWN, k.COUNT: k.COUNT,
}  # fmt: skip


ASKED_AGAIN = re.compile(r"^\s*(?:and )?(?:what|how) about\b|^\s*and (?:the|my|for|to|at)\b")
REASKABLE = frozenset({k.CLARIFY, k.OFF_TOPIC, k.PAIRING})


OUTFIT_KINDS = frozenset({k.OUTFIT, k.REVISE, k.DISLIKE})
SHOE_WORDS = frozenset({"category:shoes", "sneakers", "boots", "loafers", "heels", "flats", "sandals", "formal-shoes"})


def _shoes_with_a_reason(u: Understanding) -> bool:
    said = u.slots
    shoes = bool(said.garments) and all(g.kind in SHOE_WORDS and not g.colour for g in said.garments)
    return shoes and (said.walking or said.rain) and not said.occasion


# a question of its own, not a remark on the weather ("what should I wear when it's 12 degrees?")
ASKING_ANEW = re.compile(r"\b(?:what|which|how|wear\w*|outfits?|suggest|dress\w*|put on|look)\b")


def _bare_weather(u: Understanding) -> bool:
    """ "it will be 12 degrees", "il fera 3 degrés": only the weather said, so the rest of the thread stands."""
    said = u.slots
    weather = said.temperature_c is not None or said.rain or said.wind
    other = said.occasion or said.garments or said.ids or said.trip_days or said.cycling or said.walking
    return bool(weather) and not other and not ASKING_ANEW.search(u.text)


def in_thread(u: Understanding, state: State) -> Understanding:
    """An elliptical follow-up with no kind of its own ("and for the evenings?", "et s'il fait frais le soir ?")
    continues the thread: an outfit for the new situation, or the same pairing."""
    no_piece = not (u.slots.garments or u.slots.ids)
    if u.kind == k.OUTFIT and state.kind == k.PAIRING and u.follow_up and no_piece:
        # "e se fa freddo la sera?" after "what goes with my dress": over it; "and if it's casual friday?" after
        # "what goes with my grey trousers to work": the trousers, dressed down
        return replace(u, kind=k.PAIRING)
    again = u.slots.garments or (u.slots.colours and state.focus)  # "e o azul-marinho?": the same kind in navy
    if state.kind == k.YESNO and ASKED_AGAIN.search(u.text) and again and u.kind in REASKABLE:
        return replace(u, kind=k.YESNO)  # "what about the camel one?" after "is my trench ok for a wedding?"
    if state.kind == k.YESNO and ASKED_AGAIN.search(u.text) and u.slots.occasion and not u.slots.garments:
        return replace(u, kind=k.YESNO)  # "and what about a wedding?" after "is my tie ok for a funeral?"
    if u.kind in (k.OWN, k.PAIRING) and state.kind in OUTFIT_KINDS and _shoes_with_a_reason(u):
        return replace(u, kind=k.OUTFIT, follow_up=True)  # "what shoes? I'm standing all day": for that outfit
    weather_only = not (u.slots.occasion or u.slots.garments or u.slots.ids or u.slots.evening)
    if u.kind == k.OUTFIT and state.kind in OUTFIT_KINDS and not u.follow_up and _bare_weather(u):
        return replace(u, follow_up=True)  # "it will be 12 degrees" after a wedding outfit: that wedding at 12 °C
    if state.kind == k.PACKING and u.kind == k.OUTFIT and u.follow_up and weather_only and situation_changed(u.slots):
        return replace(u, kind=k.PACKING)  # "and if it rains a lot?" after a packing list: the suitcase for that
    if u.kind not in (k.CLARIFY, k.OFF_TOPIC) or not u.follow_up or state.kind not in CONTINUED:
        return u
    asks_again = state.kind in (k.OWN, k.COUNT) and bool(u.slots.colours or u.slots.garments)
    if state.kind in (k.OWN, k.COUNT) and not asks_again:
        return u  # "ok what about green?" after "anything pink?" asks the wardrobe again; weather alone does not
    if not (situation_changed(u.slots) or u.slots.garments or asks_again):
        return u
    trip = state.kind == k.PACKING and bool(u.slots.trip_days or u.slots.season)
    return replace(u, kind=k.PACKING if trip else CONTINUED[state.kind])


# "ok different question, ...", "unrelated, but ...": the user says the thread's situation is over
FRESH_TOPIC = re.compile(
    r"\b(?:different|another|other|new|random|separate|unrelated) (?:question|topic|thing)\b|\bunrelated\b"
    r"|\bchanging (?:the )?(?:subject|topic)\b|\bon another note\b|\bby the way\b|\bbtw\b"
)
# "do my navy shorts go with the grey tee?": whether two pieces go together, not whether they suit the last occasion
TWO_PIECES_TOGETHER = re.compile(r"\b(?:go|goes) (?:well )?with\b|\bmatch(?:es)?\b|\bwork (?:well )?with\b")


def leans_on_thread(u: Understanding) -> bool:
    """Whether this question's situation comes from the thread: elliptical, a revision, or about its items."""
    if FRESH_TOPIC.search(u.text):
        return False
    together = len(u.slots.garments) >= 2 and TWO_PIECES_TOGETHER.search(u.text) and not PRONOUN.search(u.text)
    about_the_thread = u.kind in (k.YESNO, k.PAIRING, k.COMPARE) and not situation_changed(u.slots) and not together
    named_before = bool(THREAD_SITUATION.search(u.text))  # "what am I missing for the trip?"
    return u.follow_up or u.kind in (k.REVISE, k.DISLIKE) or about_the_thread or named_before


def situation_changed(slots: Slots) -> bool:
    return any(not _unset(getattr(slots, f.name)) for f in fields(Slots) if f.name in CARRIED)


def _unset(value: object) -> bool:
    """Not said: None or False, but never 0 °C (0.0 == False, so `in (None, False)` would drop it)."""
    return value is None or value is False


def _ids(text: str, known: Collection[int]) -> tuple[int, ...]:
    return tuple(dict.fromkeys(int(m) for m in CITED.findall(text) if int(m) in known))


SENTENCES = re.compile(r"[^.!?]*(?:[.!?](?=\s|$)|$)")


def _first_ids(answer: str, known: Collection[int]) -> tuple[int, ...]:
    """The items of the first sentence that names any: past "Got it, no more tan loafers." to the replacement."""
    for sentence in SENTENCES.findall(answer):
        found = _ids(sentence, known)
        if found:
            return found
    return ()


def whole_outfit(ids: Sequence[int], by_id: Mapping[int, WardrobeItem]) -> bool:
    slots = {by_id[i].category for i in ids if i in by_id}
    return "shoes" in slots and ("one-piece" in slots or {"top", "bottom"} <= slots)


WORN_SLOTS = frozenset({"top", "bottom", "one-piece", "shoes"})
DRESSED = frozenset({k.OUTFIT, k.REVISE, k.DISLIKE})


def _worn(answer: str, known: Mapping[int, WardrobeItem]) -> tuple[int, ...]:
    """The outfit an answer dressed: its first sentence with items and the layers added after it ("Put your black
    blazer on top"), up to the next sentence with a top, bottom or shoes in it (the alternative)."""
    worn: list[int] = []
    for sentence in SENTENCES.findall(answer):
        found = _ids(sentence, known)
        if worn and any(known[i].category in WORN_SLOTS for i in found):
            break
        worn += [i for i in found if i not in worn]
    return tuple(worn)


def advance(
    state: State, u: Understanding, answer: str, known: Mapping[int, WardrobeItem], left_out: Sequence[int] = ()
) -> State:
    """The state after one turn: the question understood as `u`, answered with `answer`."""
    focus = _first_ids(answer, known)
    named = _ids(answer, known) or state.named
    # a wardrobe question that sets no situation of its own ("ho qualcosa di rosso?") leaves the thread's standing
    aside = u.kind in (k.OWN, k.COUNT) and not situation_changed(u.slots)
    slots = carry(u.slots, state.slots) if leans_on_thread(u) or aside else u.slots
    suggestion = named if u.kind in SUGGESTING and named else state.suggestion
    # "what would I put over it?" names a coat, not a new outfit: the interview outfit stays the thread's
    layers_only = u.kind == k.PAIRING and not whole_outfit(named, known)
    outfit = named if u.kind in OUTFITS and named and not layers_only else state.outfit
    worn = _worn(answer, known) if u.kind in DRESSED and whole_outfit(focus, known) else state.worn
    return State(
        lang=u.lang,
        kind=u.kind,
        slots=slots,
        focus=focus or state.focus,
        named=named,
        named_before=state.named,
        suggestion=suggestion,
        outfit=outfit,
        worn=worn,
        excluded=state.excluded | frozenset(left_out),
    )


BROAD_WORDS = frozenset({"coat", "jacket", "outerwear", "top", "sweater", "trousers", "pants", "shoes"})
WANTED = re.compile(
    r"\b(?:with|in|wearing|wear|put on|try|prefer|go for|switch to|change to|instead(?! of))\s+"
    r"(?:the |my |some |a |an )?(?:[a-z\-]+ )?$"
    r"|\b(?:swap|change|switch|trade|replace)\b.*\bfor\s+(?:the |my |some |a |an )?(?:[a-z\-]+ )?$"
)  # "could I wear sneakers instead?", "swap the loafers for sneakers": the sneakers are asked for
INSTEAD_AFTER = re.compile(r"^(?:[a-z\-]+ ){1,3}instead\b(?! of)")  # "what about sneakers instead?"
REFUSED = re.compile(
    r"\b(?:never|not|don't|do not|won't|will not|can't|cannot)\s+(?:really\s+)?(?:wear|put on|go for)\s+"
    r"(?:the |my |some |a |an )?(?:[a-z\-]+ )?$"
)  # "I never wear heels": a habit, the heels left out


def wanted(u: Understanding, garment: Garment) -> bool:
    """The revision asks for this piece rather than leaving it out."""
    before = u.text[: garment.start]
    if REFUSED.search(before):
        return False
    return bool(WANTED.search(before) or INSTEAD_AFTER.search(u.text[garment.start :]))


def left_out(u: Understanding, state: State, by_id: Mapping[int, WardrobeItem]) -> list[int]:
    """What "without the blazer" or a dislike of one piece leaves out: that piece of the last answer, else all such."""
    if u.kind not in (k.REVISE, k.DISLIKE):
        return []
    out: list[int] = []
    # the last answer's pieces, then the outfit on the table ("the shoes" after a verdict on a layer for it)
    said = [by_id[i] for i in dict.fromkeys((*state.named, *state.worn)) if i in by_id]
    for garment in u.slots.garments:
        if wanted(u, garment):
            continue  # "something with flats instead": asked for, not left out
        # "the coat" of the last answer, even if a puffer; but "the black jacket" is not the camel blazer it had
        # "the coat" may be the puffer the answer had; "not the puffer", when one is owned, is never its coat
        owned = [] if garment.kind in BROAD_WORDS else of_kind(list(by_id.values()), garment.kind)
        near = of_kind(said, garment.kind) or owned or of_kind_or_near(said, garment.kind)
        # "the black flats" when the answer had black loafers: the flats owned, not the nearest kind it named
        among = said if of_kind(said, garment.kind) or not owned else owned
        here = resolve(garment, among).items if garment.colour else tuple(near)
        if here:
            out.append(here[0].id)
        elif garment.colour:
            out.extend(item.id for item in resolve(garment, list(by_id.values())).items[:1])
        else:
            out.extend(item.id for item in of_kind(list(by_id.values()), garment.kind))
    return out


POINTED = re.compile(r"\b(?:that|this|those|these)\s+(?:[a-z\-]+\s+)?$")


def absent_from_last(u: Understanding, state: State, by_id: Mapping[int, WardrobeItem]) -> Garment | None:
    """The piece a revision or a dislike names that the last answer did not have ("without the tie" after an
    outfit with no tie, "I don't like that coat" when none was suggested): said so, nothing recorded. A dislike of
    an owned kind said plainly ("I don't like the sneakers") is a taste, recorded, not this."""
    if u.kind not in (k.REVISE, k.DISLIKE) or not state.named:
        return None
    said = [by_id[i] for i in (*state.named, *state.named_before, *state.worn) if i in by_id]  # the first idea's heels
    last = [by_id[i] for i in (*state.named, *state.worn) if i in by_id]  # "without the heels": of the last outfit
    for garment in u.slots.garments:
        before = u.text[: garment.start]
        without = u.kind == k.REVISE and re.search(r"\bwithout\b", before)
        if wanted(u, garment) or garment.colour or of_kind_or_near(last if without else said, garment.kind):
            continue
        if without or POINTED.search(before) or not of_kind_or_near(list(by_id.values()), garment.kind):
            return garment
    return None


def focus_kind(state: State, by_id: Mapping[int, WardrobeItem]) -> str | None:
    """The kind of the piece the last answer was about, for "the camel one"."""
    focus = [by_id[i] for i in state.focus if i in by_id]
    return str(focus[0].type) if focus else None


def rebuild(turns: Sequence[Turn], by_id: Mapping[int, WardrobeItem]) -> State:
    """Replay the stored turns, oldest first."""
    state = State()
    for turn in turns:
        asked = understand(
            turn.question, previous_lang=state.lang, has_suggestion=state.has_suggestion,
            focus_kind=focus_kind(state, by_id),
        )  # fmt: skip
        u = in_thread(asked, state)
        state = advance(state, u, turn.answer, by_id, left_out(u, state, by_id))
    return state
