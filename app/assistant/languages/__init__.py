"""Languages the local engine understands and answers in: one module per language.

Each module defines a `Language`: the words that give it away (detection), a gloss table that turns its
phrases into the English words the understanding rules read ("est-ce que je peux porter" -> "can i wear",
"pluie" -> "rain"), and the wording: phrase templates per plan key, garment and colour names with their
grammar, occasions and the situation phrase. Adding a language is one module and one line in LANGUAGES.
"""

import re
import unicodedata
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache

from app.styling import WardrobeItem

Forms = tuple[str, str, str, str]  # masculine singular, feminine singular, masculine plural, feminine plural


@dataclass(frozen=True)
class Noun:
    singular: str
    plural: str
    gender: str = "m"  # m, f (n for German neuter)
    plural_only: bool = False  # jeans, trousers: named in the plural


def plurals(noun: str) -> tuple[str, ...]:
    """The English plurals of a kind's name: "scarves" (and "scarfs"), "watches", "trenches", "dresses"."""
    if noun.endswith(("s", "x", "ch", "sh")):
        return (noun + "es",)
    if noun.endswith("f"):
        return (noun[:-1] + "ves", noun + "s")
    return (noun + "s",)


@dataclass(frozen=True)
class Language:
    code: str
    cues: frozenset[str]  # words only (or mostly) this language uses
    gloss: Mapping[str, str]  # phrase -> English words, longest phrase wins
    phrases: Mapping[str, tuple[str, ...]]  # plan key -> template variants
    nouns: Mapping[str, Noun]  # taxonomy type or "category:<slot>" -> noun
    colours: Mapping[str, Forms]  # palette colour -> adjective forms
    occasions: Mapping[str, str]  # canonical occasion -> "for <occasion>" phrase
    name_item: Callable[["Language", WardrobeItem, bool], str]  # (language, item, possessive) -> words
    # languages whose articles change with case (German): (language, item, "acc" | "dat") -> words
    name_cased: Callable[["Language", WardrobeItem, str], str] | None = None
    and_word: str = "and"
    or_word: str = "or"
    extra: Mapping[str, str] = field(default_factory=dict)
    # word orders a phrase table cannot hold (German "ich mag die Stiefel nicht"): pattern -> replacement,
    # applied to the lowered question before the gloss
    rewrites: tuple[tuple[str, str], ...] = ()
    # how a print is said after the noun ("à fleurs", "mit Streifen"); English puts it before ("floral dress")
    patterns: Mapping[str, str] = field(default_factory=dict)
    # adjectives of the phrase tables that agree with the items they judge ("trop décontractées" for sneakers):
    # masculine singular -> the four forms; the templates are written in the masculine
    agreeing: Mapping[str, Forms] = field(default_factory=dict)

    def pattern(self, item: WardrobeItem) -> str:
        """The print the photo shows, so "your pink floral dress" is the one the user sees; solid says nothing."""
        return self.patterns.get(item.pattern or "", "")

    def noun(self, kind: str | None, plural: bool = False) -> str:
        noun = self.nouns.get(kind or "") or self.nouns.get(f"category:{kind}") or self.nouns["item"]
        return noun.plural if plural or noun.plural_only else noun.singular

    def colour(self, colour: str | None, gender: str = "m", plural: bool = False) -> str:
        if not colour:
            return ""
        forms = self.colours.get(colour)
        if forms is None:
            return colour
        return forms[(2 if plural else 0) + (1 if gender == "f" else 0)]

    def item(self, item: WardrobeItem, possessive: bool = True) -> str:
        return f"{self.name_item(self, item, possessive)} (#{item.id})"

    def item_in(self, item: WardrobeItem, case: str) -> str:
        """The item after a preposition that governs `case`; the plain form where grammar does not change."""
        if self.name_cased is None:
            return self.item(item)
        return f"{self.name_cased(self, item, case)} (#{item.id})"

    def join(self, parts: list[str], word: str | None = None) -> str:
        word = word or self.and_word
        if len(parts) <= 1:
            return "".join(parts)
        return f"{', '.join(parts[:-1])} {word} {parts[-1]}"

    def template(self, key: str, seed: str) -> str | None:
        variants = self.phrases.get(key)
        if not variants:
            return None
        return variants[zlib.crc32(f"{seed}|{key}".encode()) % len(variants)]


# The rest of a short question that leans on intonation alone: no "with what", at most a few words, then "?".
_SHORT_QUESTION = r"(?![^?]*\b(?:con|com|avec|qué|cosa|quoi|que)\b)(?=[^?,.;]{1,30}\?\s*$)"


def asked_short(opening: str, articles: str, replacement: str) -> tuple[str, str]:
    """A rewrite of a short "do I take one?" ("¿llevo un bolso?") into the language's "can I bring one?" form:
    `opening` and then one of `articles` start the question; only a whole short question is rewritten."""
    return rf"^\s*{opening} ((?:{articles}) ){_SHORT_QUESTION}", replacement


def forms(
    masculine: str, feminine: str | None = None, plural_m: str | None = None, plural_f: str | None = None
) -> Forms:
    """Adjective forms; an invariable colour ("bleu marine", "camel") gives one form for all four."""
    feminine = feminine or masculine
    return masculine, feminine, plural_m or masculine, plural_f or plural_m or feminine


@cache
def registry() -> dict[str, Language]:
    from app.assistant.languages import de, en, es, fr, it, pt

    return {module.LANGUAGE.code: module.LANGUAGE for module in (en, fr, de, es, it, pt)}


def get(code: str | None) -> Language:
    return registry().get(code or "en") or registry()["en"]


_WORD = re.compile(r"[a-zà-ÿß']+")
_ACCENTS = {"pt": re.compile(r"ção|ções|[ãõ]|\bé\b"), "es": re.compile(r"[ñ¿¡]"), "de": re.compile(r"[äöüß]"),
            "fr": re.compile(r"[êç]|\bà\b|è(?=\w)|qu'|\bj'|\bc'(?!è)|\bs'|\bn'"),  # l' and d' are Italian too
            "it": re.compile(r"\w[àò]\b|\bè\b|ì|\bun'|\bc'è\b")}  # fmt: skip


@cache
def _named_words() -> dict[str, frozenset[str]]:
    """Garment and colour words only one language names items with ("gelb", "jaune", "amarelo"): a sign of it."""
    forms: dict[str, set[str]] = {}
    for code, lang in registry().items():
        words = {w for noun in lang.nouns.values() for w in _WORD.findall(f"{noun.singular} {noun.plural}".lower())}
        words |= {w for colour in lang.colours.values() for w in _WORD.findall(" ".join(colour).lower())}
        forms[code] = {w for w in words if len(w) >= 4}
    return {
        code: frozenset(w for w in words if all(w not in other for c, other in forms.items() if c != code))
        for code, words in forms.items()
    }


def detect(text: str, previous: str | None = None) -> str:
    """The question's language from its words; a short follow-up with no clear sign keeps the thread's."""
    lowered = text.lower().replace("’", "'")
    words = _WORD.findall(lowered)
    named = _named_words()
    scores = {
        code: sum(word in lang.cues or word in named[code] for word in words) for code, lang in registry().items()
    }
    for code, pattern in _ACCENTS.items():
        scores[code] += 2 * len(pattern.findall(lowered))
    best = max(scores, key=lambda code: (scores[code], code == (previous or "en"), code == "en"))
    if scores[best] == 0 or (previous and best != previous and scores[best] <= 1 and len(words) <= 4):
        return previous or "en"
    return best


PLURALS = {  # how single words form plurals, so "camisas" and "camicie" are read like "camisa" and "camicia"
    "es": (("", "s"), ("", "es")), "pt": (("", "s"), ("", "es"), ("l", "is")), "fr": (("", "s"), ("", "x")),
    "it": (("a", "e"), ("o", "i"), ("e", "i"), ("ca", "che"), ("cia", "cie")), "de": (("", "e"), ("", "en"), ("", "n")),
}  # fmt: skip


# The English word the understanding rules read for each slot noun ("category:shoes" is said as "shoes").
SLOT_WORDS = {"category:shoes": "shoes", "category:top": "tops", "category:bottom": "bottoms",
              "category:outerwear": "outerwear"}  # fmt: skip
GENERIC_TYPES = ("outerwear", "top", "pants")  # nouns these share with a specific type ("chaqueta") mean that type
PATTERN_WORDS = {"striped": "striped", "checked": "checked", "dotted": "spotty", "floral": "floral"}  # words slots read
ADJECTIVE_ENDINGS = {"de": ("e", "er", "es", "en", "em")}
EVERYDAY_WORDS = frozenset({"uhr", "haut", "bas"})  # "um 8 Uhr", "en haut": read as a watch or a top, never


def _wording_gloss(language: Language) -> dict[str, str]:
    """What the language's own wording tables already say: every noun and colour form it names items with.

    A language names a flat shoe "ballerine" and a purple piece "morado" when it answers, so it understands
    them when asked too, without a second list to keep in step. Explicit gloss phrases win over these.
    """
    table: dict[str, str] = {}
    kinds = sorted(language.nouns, key=lambda kind: (kind.startswith("category:"), kind in GENERIC_TYPES))
    for kind in kinds:
        english = SLOT_WORDS.get(kind) if kind.startswith("category:") else kind.replace("-", " ")
        if english is None or kind == "item":
            continue
        noun = language.nouns[kind]
        for form in (noun.singular.lower(), noun.plural.lower()):
            if form not in EVERYDAY_WORDS:
                table.setdefault(form, english)
    for colour, colour_forms in language.colours.items():
        for form in colour_forms:
            if len(form) >= 3:  # "or" (French gold) would swallow the English "or" the rules read
                table.setdefault(form.lower(), colour)
                for ending in ADJECTIVE_ENDINGS.get(language.code, ()):  # "roter", "beigen": German declines
                    table.setdefault(form.lower() + ending, colour)
    for pattern, phrase in language.patterns.items():
        if pattern in PATTERN_WORDS:  # "camisa de cuadros" is a checked shirt
            table.setdefault(phrase.lower(), PATTERN_WORDS[pattern])
    return table


def _as_typed(phrase: str) -> str:
    """A phrase the way a hurried phone keyboard types it: no accents, a hyphen as a space (ß and ç kept)."""
    decomposed = unicodedata.normalize("NFKD", phrase.replace("ß", "\0").replace("ç", "\1"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("\0", "ß").replace("\1", "ç")
    return bare.replace("-", " ")


@cache
def phrases_of(code: str) -> dict[str, str]:
    """The gloss table, the wording tables' own words, and plural forms of single words (never replacing a
    listed phrase)."""
    language = get(code)
    table = dict(language.gloss)
    if code != "en":
        for phrase, english in _wording_gloss(language).items():
            table.setdefault(phrase, english)
    for phrase, english in list(table.items()):
        typed = _as_typed(phrase)  # "aout", "est ce que", "manana": typed without accents or hyphens
        if typed != phrase and (" " in typed or len(typed) >= 4):
            table.setdefault(typed, english)
    for phrase, english in list(table.items()):
        if " " in phrase or len(phrase) < 4:
            continue
        for ending, plural in PLURALS.get(code, ()):
            if phrase.endswith(ending):
                table.setdefault(phrase[: len(phrase) - len(ending)] + plural, english)
    return table


@cache
def _gloss_pattern(code: str) -> re.Pattern[str] | None:
    phrases = phrases_of(code)
    if not phrases:
        return None
    ordered = sorted(phrases, key=lambda phrase: (-len(phrase), phrase))
    return re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(p) for p in ordered) + r")(?![\w])")


COMPOUNDING = frozenset({"de"})  # languages that write a compound as one word, its head last
LOANWORDS = frozenset(
    {"brunch", "party", "date", "outfit", "look", "meeting", "dinner", "lunch"}
)  # heads said in English


def _split_compound(word: str, phrases: Mapping[str, str]) -> str:
    """ "sonntagsbrunch" -> "sunday brunch", "hochzeitsfeier" -> "wedding feier": the head a known word, the
    modifier glossed when known (a linking -s- dropped); a word with no known head stays whole."""
    if word in phrases or len(word) < 8:
        return word
    for cut in range(3, len(word) - 3):
        head = word[cut:]
        if head in phrases or head in LOANWORDS:
            modifier = word[:cut]
            modifier = modifier if modifier in phrases or not modifier.endswith("s") else modifier[:-1]
            return f"{phrases.get(modifier, modifier)} {phrases.get(head, head)}"
    return word


ELIDING = frozenset({"fr", "it"})  # "l'hiver", "d'hiver", "dell'ufficio": an article written onto its noun
_ELISION = re.compile(r"\b(l|d|j|n|s|c|m|t|qu|un|dell|all|nell|sull|dall|quest|quell)'(\w+)")


@cache
def _elided_phrases(code: str) -> frozenset[str]:
    """Elided words the gloss table holds as they are written ("j'ai", "d'embauche"), kept whole."""
    return frozenset(word for phrase in phrases_of(code) for word in phrase.split() if "'" in word)


def _unelide(text: str, code: str) -> str:
    """ "pour l'hiver" -> "pour l' hiver", so the noun is glossed like any other word."""
    kept = _elided_phrases(code)
    return _ELISION.sub(lambda m: m.group(0) if m.group(0) in kept else f"{m.group(1)}' {m.group(2)}", text)


def gloss(text: str, code: str) -> str:
    """The question in English words, phrase by phrase; words without a gloss stay as they are."""
    pattern = _gloss_pattern(code)
    if pattern is None:
        return text
    lowered = text.lower().replace("’", "'")
    for rewrite, replacement in get(code).rewrites:
        lowered = re.sub(rewrite, replacement, lowered)
    if code in ELIDING:
        lowered = _unelide(lowered, code)
    phrases = phrases_of(code)
    if code in COMPOUNDING:
        lowered = _WORD.sub(lambda match: _split_compound(match.group(0), phrases), lowered)
    return " ".join(pattern.sub(lambda match: f" {phrases[match.group(0)]} ", lowered).split())
