"""Item ids in answers: which ones are real, and a streaming filter that flags the ones that are not.

Answers cite owned items as `#<id>`. Only ids present in the wardrobe become `referenced_item_ids`; an
id a remote model invented is rewritten in the text as "(not in your wardrobe)", so the user is never
pointed at an item that does not exist.
"""

import re
from collections.abc import Collection

CITED = re.compile(r"#(\d{1,9})\b")
UNKNOWN = "(not in your wardrobe)"
_BRACKETED = re.compile(r"\(#(\d{1,9})\)")
_PARTIAL_TAIL = re.compile(r"\(?#?\d*$")  # a citation that may continue in the next chunk


def cited_ids(text: str, known: Collection[int]) -> list[int]:
    """Known ids cited in the text, first mention first, no repeats."""
    return list(dict.fromkeys(int(match) for match in CITED.findall(text) if int(match) in known))


def flag_unknown(text: str, known: Collection[int]) -> str:
    text = _BRACKETED.sub(lambda m: m.group(0) if int(m.group(1)) in known else UNKNOWN, text)
    return CITED.sub(lambda m: m.group(0) if int(m.group(1)) in known else UNKNOWN, text)


class CitationFilter:
    """Rewrites unknown ids in a stream of chunks; holds back a chunk's tail that might be half an id."""

    def __init__(self, known: Collection[int]) -> None:
        self.known = frozenset(known)
        self._pending = ""
        self.text = ""  # everything released so far

    def feed(self, chunk: str) -> str:
        buffered = self._pending + chunk
        tail = _PARTIAL_TAIL.search(buffered)
        cut = tail.start() if tail and tail.group(0) else len(buffered)
        self._pending = buffered[cut:]
        return self._release(buffered[:cut])

    def flush(self) -> str:
        pending, self._pending = self._pending, ""
        return self._release(pending)

    def _release(self, text: str) -> str:
        clean = flag_unknown(text, self.known)
        self.text += clean
        return clean

    @property
    def referenced(self) -> list[int]:
        return cited_ids(self.text, self.known)
