"""The curated knowledge base: markdown files in ./knowledge, one `##` section per topic.

A section's `tags:` line lists the phrases that retrieve it and an optional `pairs:` line lists palette
colours that sit well beside it. Retrieval is phrase overlap with a boost for the files that belong to the
question's intent: a few dozen sections do not need embeddings, and the result is deterministic.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from app.vision.colours import PALETTE

COLOUR_WORDS = tuple(name for name, _, _ in PALETTE)
FOLDER = Path(__file__).with_name("knowledge")
TRANSLATED = FOLDER / "translations"  # <code>.md: each section's answer said in that language, under its English title
FILES_BY_INTENT: dict[str, tuple[str, ...]] = {
    "outfit": ("occasions", "dress_codes"),
    "pairing": ("colour",),
    "colour": ("colour",),
    "dress_code": ("dress_codes",),
    "fit": ("fit",),
    "technique": ("technique",),
    "care": ("fabric_care",),
    "packing": ("packing", "occasions"),
    "gap": ("capsule",),
}


@dataclass(frozen=True)
class Section:
    file: str
    title: str
    tags: tuple[str, ...]
    pairs: tuple[str, ...]
    body: str

    @property
    def pattern(self) -> re.Pattern[str]:
        return _tag_pattern(self.tags)


def _parse(file: str, text: str) -> list[Section]:
    sections = []
    for chunk in re.split(r"^## ", text, flags=re.M)[1:]:
        title, _, rest = chunk.partition("\n")
        meta = dict(re.findall(r"^(tags|pairs): (.*)$", rest, flags=re.M))
        body = " ".join(line for line in rest.splitlines() if line and not re.match(r"^(tags|pairs): ", line))

        def split(value: str) -> tuple[str, ...]:
            return tuple(part.strip().lower() for part in value.split(",") if part.strip())

        sections.append(Section(file, title.strip(), split(meta.get("tags", "")), split(meta.get("pairs", "")), body))
    return sections


@cache
def sections() -> tuple[Section, ...]:
    """Every section of every file, read once on first use."""
    found: list[Section] = []
    for path in sorted(FOLDER.glob("*.md")):
        found.extend(_parse(path.stem, path.read_text(encoding="utf-8")))
    return tuple(found)


@cache
def translations(code: str) -> dict[str, str]:
    """Section title -> its answer in the language `code`, read once; empty for a language with no file."""
    path = TRANSLATED / f"{code}.md"
    if not path.exists():
        return {}
    chunks = re.split(r"^## ", path.read_text(encoding="utf-8"), flags=re.M)[1:]
    return {title.strip(): " ".join(rest.split()) for title, _, rest in (chunk.partition("\n") for chunk in chunks)}


@cache
def _tag_pattern(tags: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(tag) for tag in sorted(tags, key=len, reverse=True)) + r")\b")


def _matches(section: Section, text: str) -> int:
    """How many of the section's tags the text contains (overlapping tags count once)."""
    return len({match.group(0) for match in section.pattern.finditer(text)})


def retrieve(text: str, intent: str, *, limit: int = 2, files: tuple[str, ...] | None = None) -> list[Section]:
    """The best sections for normalised question text; the intent's own files first."""
    preferred = files if files is not None else FILES_BY_INTENT.get(intent, ())
    ranked = []
    for index, section in enumerate(sections()):
        hits = _matches(section, text)
        if hits and (section.file in preferred or not preferred):
            ranked.append((-(hits + 2 * (section.file in preferred[:1])), index, section))
    return [section for _, _, section in sorted(ranked)[:limit]]


def find(title: str) -> Section | None:
    return next((section for section in sections() if section.title.lower() == title.lower()), None)


def colour_section(colour: str) -> Section | None:
    """The colour.md section for a palette colour (by its tags), e.g. "denim blue" -> "Denim and blue"."""
    return next((s for s in sections() if s.file == "colour" and s.pairs and colour in s.tags), None)
