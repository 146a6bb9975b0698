"""Quoting the knowledge base: a section's first sentences, more when they are too short to stand alone.

Other languages quote the section's translation (knowledge/translations/<code>.md), which says the English
answer sentence for sentence, so a one-sentence tip is the translation's first sentence too.
"""

import re

from app.assistant.local.knowledge import Section, translations

SENTENCE = re.compile(r"(?<=[.!?])\s+")


def tip(section: Section, sentences: int = 2, min_chars: int = 80) -> str:
    parts = SENTENCE.split(section.body)
    count = sentences
    while count < len(parts) and len(" ".join(parts[:count])) < min_chars:
        count += 1
    return " ".join(parts[:count])


def tip_in(section: Section, code: str, sentences: int = 2) -> str | None:
    """The section's tip said in the language `code` (at most the two sentences translated); None without one."""
    english = tip(section, sentences)
    if code == "en":
        return english
    said = translations(code).get(section.title)
    if said is None:
        return None
    count = len(SENTENCE.split(english))
    return " ".join(SENTENCE.split(said)[:count])
