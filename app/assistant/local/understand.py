"""Understanding: what kind of question this is, its slots (occasion, weather, activity, trip, colours,
garments), what it refers to, and which language it was asked in.

Questions in another language are first glossed into English words by that language's lexicon
(app/assistant/languages), so one set of English rules reads them all. Kinds are decided by ordered rules,
most specific first: an honest "I can't see that" before anything that merely mentions rain, a revision of the
last suggestion before a fresh outfit request.
"""

from dataclasses import dataclass, field

from app.assistant import languages
from app.assistant.local.classify import classify
from app.assistant.local.entities import normalise
from app.assistant.local.slots import DISLIKE_CUE, FOLLOW_UP, PRONOUN, Slots, slots_of


@dataclass(frozen=True)
class Understanding:
    question: str
    lang: str
    text: str  # normalised English (glossed) text the rules read
    kind: str
    slots: Slots
    follow_up: bool  # elliptical: leans on the previous turn ("and if it rains?", "what instead?")
    dislike: bool = False
    extra: dict[str, str] = field(default_factory=dict)


def understand(question: str, *, previous_lang: str | None = None, has_suggestion: bool = False) -> Understanding:
    """The question's kind and slots. `has_suggestion`: the last answer suggested something to revise."""
    lang = languages.detect(question, previous_lang)
    text = normalise(languages.gloss(question, lang))
    slots = slots_of(text)
    follow_up = bool(FOLLOW_UP.search(text)) or len(text.split()) <= 4 or bool(PRONOUN.search(text))
    dislike = bool(DISLIKE_CUE.search(text))
    kind = classify(text, slots, has_suggestion=has_suggestion, dislike=dislike)
    return Understanding(question, lang, text, kind, slots, follow_up, dislike)
