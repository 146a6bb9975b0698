"""What a good answer must do, checked from the answer alone (text, cited ids, recorded feedback).

The evaluation's own word lists, written apart from the engine's phrase tables, so a check does not pass
just because the engine says what the checker expects: yes/no/"it depends" openings, honest "I can't see
that", "you have none", number words, and a small function-word language detector.
"""

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.styling import WardrobeItem

# "it can work" opens a qualified answer in every language, as "it can" does in English
OPENINGS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "yes": ("yes", "yeah", "yep", "absolutely", "sure", "definitely", "of course"),
        "no": ("no", "not really", "nope", "i wouldn't", "better not", "i'd avoid", "i would avoid"),
        "depends": ("it depends", "depends", "that depends", "sometimes", "it can", "only if"),
    },
    "fr": {
        "yes": ("oui", "absolument", "bien sûr", "tout à fait"),
        "no": ("non", "pas vraiment", "plutôt pas", "je l'éviterais", "mieux vaut pas"),
        "depends": ("ça dépend", "cela dépend", "tout dépend", "ca depend", "ça peut marcher", "ça peut aller"),
    },
    "de": {
        "yes": ("ja", "klar", "absolut", "natürlich", "auf jeden fall"),
        "no": ("nein", "eher nicht", "lieber nicht"),
        "depends": ("kommt darauf an", "es kommt darauf an", "je nachdem", "das kommt darauf an", "kann funktionieren"),
    },
    "es": {
        "yes": ("sí", "si,", "claro", "por supuesto"),
        "no": ("no", "mejor no"),
        "depends": ("depende", "eso depende", "puede funcionar"),
    },
    "it": {
        "yes": ("sì", "si,", "certo", "assolutamente"),
        "no": ("no", "meglio di no", "non proprio"),
        "depends": ("dipende", "può funzionare"),
    },
    "pt": {
        "yes": ("sim", "claro", "com certeza"),
        "no": ("não", "melhor não"),
        "depends": ("depende", "pode funcionar"),
    },
}
CANNOT: dict[str, tuple[str, ...]] = {
    "en": ("can't", "cannot", "can not", "unable", "don't have access", "no access", "no way to"),
    "fr": ("je ne peux pas", "je n'ai pas accès", "impossible", "je ne vois pas", "je ne connais pas"),
    "de": ("kann ich nicht", "kann nicht", "keinen zugriff", "sehe ich nicht", "nicht sehen", "nicht abrufen"),
    "es": ("no puedo", "no tengo acceso", "no veo"),
    "it": ("non posso", "non ho accesso", "non vedo", "non riesco"),
    "pt": ("não posso", "não consigo", "não tenho acesso", "não vejo"),
}
NONE: dict[str, tuple[str, ...]] = {
    "en": ("don't see", "don't have", "none", "nothing", "not in your wardrobe", "don't own", "no "),
    "fr": ("je ne vois pas", "pas de", "aucun", "rien", "n'as pas", "ne vois"),
    "de": ("kein", "nichts", "sehe ich nicht", "nicht"),
    "es": ("no veo", "no tienes", "ningún", "ninguna", "nada"),
    "it": ("non vedo", "non hai", "nessun", "niente", "nulla"),
    "pt": ("não vejo", "não tens", "não tem", "nenhum", "nenhuma", "nada"),
}
NUMBER_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("zero", "one", "two", "three", "four", "five"),
    "fr": ("zéro", "un", "deux", "trois", "quatre", "cinq"),
    "de": ("null", "ein", "zwei", "drei", "vier", "fünf"),
    "es": ("cero", "uno", "dos", "tres", "cuatro", "cinco"),
    "it": ("zero", "uno", "due", "tre", "quattro", "cinque"),
    "pt": ("zero", "um", "dois", "três", "quatro", "cinco"),
}
_FUNCTION_WORDS = {
    "en": ("the and your you with for is it of to this that or on in but my what would i'd it's a an"),
    "fr": ("le la les et ton ta tes avec pour est un une des du je tu que qui pas mais ou sur dans "
                    "c'est il tu es avec as oui aussi cette sont"),
    "de": ("der die das und dein deine deinen deinem mit für ist ein eine einen zu nicht ich du oder "
                    "auf aber sie es den dem zum zur ja nein nichts kein keine sehe hast"),
    "es": ("el la los las y o de al tu tus con para es un una del que pero en lo se muy te "
           "tienes sí también esta son no qué veo"),
    "it": ("il la le i gli e tuo tua tuoi tue con per è un una di del che non ma in lo si ti "
           "tu hai sì anche questa sono"),
    "pt": ("o a os as e teu tua teus seu sua com para é um uma do da que não mas em no na te "
           "tu tens tem você sim também"),
}  # fmt: skip
FUNCTION_WORDS = {lang: frozenset(words.split()) for lang, words in _FUNCTION_WORDS.items()}
# A word several languages share ("tu", "a", "la") is weak evidence for each: it counts 1/n for the n that use it,
# so "tu" in a Portuguese answer is no vote for French and "A straight leg..." is no vote for Portuguese.
WEIGHT = {
    word: 1 / sum(word in vocab for vocab in FUNCTION_WORDS.values())
    for vocab in FUNCTION_WORDS.values() for word in vocab
}  # fmt: skip
CITED = re.compile(r"#(\d{1,9})\b")
FIRST_SENTENCE = re.compile(r"^.*?(?:[.!?:](?:\s|$)|$)", re.S)


def fold(text: str) -> str:
    """Lower case without accents, for substring checks that forgive "creme" for "crème"."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def detect_language(text: str) -> str:
    words = re.findall(r"[a-zà-ÿß']+", CITED.sub(" ", text.lower()))
    counts = {lang: sum(WEIGHT[word] for word in words if word in vocab) for lang, vocab in FUNCTION_WORDS.items()}
    counts["pt"] += 2 * len(re.findall(r"ção|ções|ã|õ", text.lower()))
    counts["es"] += 2 * len(re.findall(r"ñ|¿|¡", text.lower()))
    counts["de"] += 2 * len(re.findall(r"ß|ä|ö|ü", text.lower()))
    return max(counts, key=lambda lang: (counts[lang], lang == "en"))


def opening(text: str, lang: str) -> str | None:
    """Which of yes / no / depends the answer starts with, if any (the first few words)."""
    head = fold(text.strip())[:40]
    for form in ("depends", "no", "yes"):  # "no" before "yes": "not really" is not a yes
        for phrase in OPENINGS.get(lang, OPENINGS["en"])[form]:
            if re.match(rf"{re.escape(fold(phrase))}\b", head):
                return form
    return None


@dataclass(frozen=True)
class Turn:
    text: str
    cited: tuple[int, ...]  # in order of first mention
    feedback_ids: tuple[int, ...]  # items the answer recorded as disliked
    lang: str  # the language the answer must be in
    previous_cited: tuple[int, ...]
    wardrobe: Mapping[int, WardrobeItem]


def _types(turn: Turn) -> set[str]:
    return {str(turn.wardrobe[i].type) for i in turn.cited if i in turn.wardrobe}


def _cats(turn: Turn) -> set[str]:
    return {str(turn.wardrobe[i].category) for i in turn.cited if i in turn.wardrobe}


def _has_any(text: str, phrases: Sequence[str]) -> bool:
    folded = fold(text)
    return any(fold(phrase) in folded for phrase in phrases)


def _is_outfit(turn: Turn) -> bool:
    cats = _cats(turn)
    return "shoes" in cats and ("one-piece" in cats or {"top", "bottom"} <= cats)


# "one" agrees with the noun it counts: "Ne hai una: la tua cravatta", "Du hast eine: deine Jacke"
ONE_AGREEING: dict[str, tuple[str, ...]] = {
    "fr": ("une",),
    "de": ("eine", "einen", "eins"),
    "es": ("una",),
    "it": ("una",),
    "pt": ("uma",),
}


def _number(turn: Turn, n: int) -> bool:
    words = NUMBER_WORDS.get(turn.lang, NUMBER_WORDS["en"])
    spoken = [words[n] if n < len(words) else str(n), *(ONE_AGREEING.get(turn.lang, ()) if n == 1 else ())]
    said = any(re.search(rf"\b{fold(word)}\b", fold(turn.text)) for word in spoken)
    return bool(re.search(rf"(?<![#\d]){n}\b", turn.text)) or said


def _picks(turn: Turn, options: Sequence[int], best: Sequence[int] | None) -> bool:
    first = FIRST_SENTENCE.match(turn.text)
    sentence = first.group(0) if first else turn.text
    chosen = [int(i) for i in dict.fromkeys(CITED.findall(sentence)) if int(i) in options]
    if len(chosen) != 1 and turn.cited:
        chosen = [i for i in turn.cited if i in options][:1]  # "Your camel coat (#20): it is ..." style
    return len(chosen) == 1 and (not best or chosen[0] in best) and not turn.text.rstrip().endswith("?")


CHECKS: dict[str, Callable[[Turn, Any], bool]] = {
    "form": lambda t, forms: opening(t.text, t.lang) in forms,
    "name_all": lambda t, ids: set(ids) <= set(t.cited),
    "name_any": lambda t, ids: bool(set(ids) & set(t.cited)),
    "name_none": lambda t, ids: not set(ids) & set(t.cited),
    "only": lambda t, ids: set(t.cited) <= set(ids),
    "cites": lambda t, want: bool(t.cited) == want,
    "cites_other": lambda t, want: len(set(t.cited)) >= 2,
    "outfit": lambda t, want: _is_outfit(t) == want,
    "types_none": lambda t, types: not _types(t) & set(types),
    "cats_any": lambda t, cats: bool(_cats(t) & set(cats)),
    "words_any": lambda t, words: _has_any(t.text, words),
    "words_any2": lambda t, words: _has_any(t.text, words),
    "words_none": lambda t, words: not _has_any(t.text, words),
    "number": _number,
    "max_words": lambda t, n: len(t.text.split()) <= n,
    "none": lambda t, want: _has_any(t.text, NONE.get(t.lang, NONE["en"])) == want,
    "cannot": lambda t, want: _has_any(t.text, CANNOT.get(t.lang, CANNOT["en"])) == want,
    "ask": lambda t, want: ("?" in t.text) == want,
    "not_ask": lambda t, want: not t.text.rstrip().endswith("?"),
    "pick": lambda t, options: _picks(t, options, None),
    "differs": lambda t, want: (set(t.cited) != set(t.previous_cited)) == want,
    "dislike": lambda t, want: bool(t.feedback_ids) == bool(want),
}


def failures(turn: Turn, checks: Mapping[str, Any]) -> list[str]:
    """The names of the checks this answer fails, the language check included."""
    failed = [name for name, value in checks.items() if name != "best" and not CHECKS[name](turn, value)]
    if "pick" in checks and "best" in checks and not _picks(turn, checks["pick"], checks["best"]):
        failed.append("best")
    if detect_language(turn.text) != turn.lang and _has_evidence(turn.text):
        failed.append(f"lang({detect_language(turn.text)})")
    return failed


def _has_evidence(text: str) -> bool:
    """Whether the answer has a single word the detector knows: "Gern geschehen!" has none, and is not English."""
    words = re.findall(r"[a-zà-ÿß']+", CITED.sub(" ", text.lower()))
    marks = re.search(r"ção|ções|ã|õ|ñ|¿|¡|ß|ä|ö|ü", text.lower())
    return bool(marks) or any(word in vocab for word in words for vocab in FUNCTION_WORDS.values())
