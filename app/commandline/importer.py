"""`stylist import DIR`: every photo under a folder (recursively, HEIC included) into one user's wardrobe.

Resumable by content: a file whose bytes are already in the wardrobe (same SHA-256, the key the service uses for
duplicates) is skipped before any analysis, so an interrupted import simply runs again.
"""

import hashlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from app.commandline.backend import Account, AddResult, Backend

PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif"}


def photos_under(folder: Path) -> list[Path]:
    """Photo files by extension, in a stable order; hidden folders (.git, .thumbnails) are left out."""
    found: Iterator[Path] = (p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in PHOTO_SUFFIXES)
    return sorted(p for p in found if not any(part.startswith(".") for part in p.relative_to(folder).parts))


@dataclass
class ImportSummary:
    imported: int = 0
    already_there: int = 0  # skipped: the same file is in the wardrobe (an earlier run, or a copy in the folder)
    duplicates: int = 0  # the service answered 409 (the same file came in during this run)
    rejected: list[tuple[Path, str]] = field(default_factory=list)
    types: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return self.imported + self.already_there + self.duplicates + len(self.rejected)


async def import_folder(
    backend: Backend,
    account: Account,
    folder: Path,
    *,
    on_start: Callable[[int], None] = lambda total: None,
    on_file: Callable[[Path, AddResult | None], None] = lambda path, result: None,
) -> ImportSummary:
    """Uploads each photo once; `on_file` gets None for a file skipped as already imported."""
    paths = photos_under(folder)
    on_start(len(paths))
    known = await backend.known_hashes(account)
    summary = ImportSummary()
    for path in paths:
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest in known:
            summary.already_there += 1
            on_file(path, None)
            continue
        result = await backend.add_photo(account, data, path.name)
        _count(summary, path, result)
        if result.outcome == "created":
            known.add(digest)
        on_file(path, result)
    return summary


def _count(summary: ImportSummary, path: Path, result: AddResult) -> None:
    if result.outcome == "created":
        summary.imported += 1
        summary.types[str((result.item or {}).get("tags", {}).get("type") or "unrecognised")] += 1
    elif result.outcome == "duplicate":
        summary.duplicates += 1
    else:
        summary.rejected.append((path, result.detail))
