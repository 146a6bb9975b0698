"""Understanding: what kind of question this is, its slots (occasion, weather, activity, trip, colours,
garments), what it refers to, and which language it was asked in.

Questions in another language are first glossed into English words by that language's lexicon
(app/assistant/languages), so one set of English rules reads them all. Kinds are decided by ordered rules,
most specific first: an honest "I can't see that" before anything that merely mentions rain, a revision of the
last suggestion before a fresh outfit request.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from app.assistant import languages
from app.assistant.local.classify import classify
from app.assistant.local.entities import COLOUR_VOCABULARY, TYPE_VOCABULARY, normalise
from app.assistant.local.slots import DISLIKE_CUE, FOLLOW_UP, PATTERNS, PRONOUN, Slots, slots_of

# "the green floral one", "the camel one": a piece named by its colour or print, its noun left out
ELIDED = re.compile(r"\b(?:the|my|that|this|your)((?: [a-z\-]+){1,2}) ones?\b")
# "la camisa blanca o la rosa", "a camisa branca ou a azul para o trabalho?", "la camicia bianca o quella blu":
# Romance languages drop the noun and the "one" after "or the", and the question may go on after it
ELIDED_OR = re.compile(
    r"\b(?:or|vs|versus) (?:the|my|your|that|quella|quello|aquela|aquele)((?: [a-z\-]+){1,2}?)"
    r"(?=\s*$|\s\s|\s?[?,.;]|\s(?:for|to|at|in|on|with|today|tonight|tomorrow)\b)"
)


@dataclass(frozen=True)
class Understanding:
    question: str
    lang: str
    text: str  # normalised English (glossed) text the rules read
    kind: str
    slots: Slots
    follow_up: bool  # elliptical: leans on the previous turn ("and if it rains?", "what instead?")
    dislike: bool = False


def elided_ones(text: str, focus_kind: str | None) -> str:
    """ "black dress or the green floral one" -> "... the green floral dress": the noun of the piece named just
    before, else of the piece the last answer was about ("what about the camel one?")."""

    def noun(match: re.Match[str]) -> str:
        said = match.group(1)
        if not (COLOUR_VOCABULARY.spans(said) or any(p in said.split() for p in PATTERNS)):
            return match.group(0)
        before = TYPE_VOCABULARY.spans(text[: match.start()])
        kind = text[before[-1][0] : before[-1][1]] if before else (focus_kind or "").replace("-", " ")
        return f"{match.group(0).rsplit(' ', 1)[0]} {kind}" if kind else match.group(0)

    def noun_after_or(match: re.Match[str]) -> str:
        said = match.group(1)
        if TYPE_VOCABULARY.spans(said) or not COLOUR_VOCABULARY.spans(said):
            return match.group(0)
        before = TYPE_VOCABULARY.spans(text[: match.start()])
        return f"{match.group(0)} {text[before[-1][0] : before[-1][1]]}" if before else match.group(0)

    return ELIDED_OR.sub(noun_after_or, ELIDED.sub(noun, text))


POLITE_OPENING = re.compile(r"^\s*(?:thanks|thank you|cheers|perfect|lovely|super)\b[\s,!.]*")


@lru_cache(maxsize=4096)
def understand(
    question: str, *, previous_lang: str | None = None, has_suggestion: bool = False, focus_kind: str | None = None
) -> Understanding:
    """The question's kind and slots. `has_suggestion`: the last answer suggested something to revise;
    `focus_kind`: the kind of the piece it was about.

    A pure function of its arguments, remembered: every answer replays the conversation's stored questions to
    rebuild the dialogue state (state.rebuild), so without the cache turn n parses n questions again, ~40% of an
    answer's CPU with six earlier turns (measured with py-spy under make load)."""
    lang = languages.detect(question, previous_lang)
    text = elided_ones(normalise(languages.gloss(question, lang)), focus_kind)
    slots = slots_of(text)
    opened = POLITE_OPENING.sub("", text)  # "thanks, and for a dinner after?" still leans on the thread
    leaning = FOLLOW_UP.search(text) or FOLLOW_UP.search(opened) or PRONOUN.search(text)
    follow_up = bool(leaning) or len(text.split()) <= 4
    dislike = bool(DISLIKE_CUE.search(text))
    asked = question.rstrip().endswith("?")
    kind = classify(text, slots, has_suggestion=has_suggestion, dislike=dislike, question_mark=asked)
    return Understanding(question, lang, text, kind, slots, follow_up, dislike)
