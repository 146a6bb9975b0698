"""Rich tables for the terminal: tags of a photo, outfits, an import summary."""

from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from app.commandline.importer import ImportSummary

TAG_ROWS = [
    ("type", "type"),
    ("category", "category"),
    ("primary_color", "color_family"),
    ("secondary_color", None),
    ("color_family", "color_family"),
    ("pattern", "pattern"),
    ("style", "style"),
    ("formality", None),
    ("seasons", "season"),
    ("warmth", None),
]


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "-"
    return "-" if value is None else str(value)


def tags_table(name: str, tags: dict[str, Any]) -> Table:
    table = Table(title=name, title_justify="left")
    table.add_column("tag")
    table.add_column("value")
    table.add_column("confidence", justify="right")
    confidence = tags.get("confidence") or {}
    for field, key in TAG_ROWS:
        score = confidence.get(key) if key else None
        table.add_row(field, _text(tags.get(field)), f"{score:.0%}" if isinstance(score, float) else "")
    colours = ", ".join(f"{c['name']} {c['share']:.0%}" for c in tags.get("colors") or [])
    table.add_row("colours", colours or "-", "")
    table.add_row("model", _text(tags.get("model_version")), "")
    return table


def outfits_table(result: dict[str, Any]) -> Table:
    table = Table(title=result["message"], title_justify="left", show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("score", justify="right")
    table.add_column("items")
    table.add_column("why")
    for rank, outfit in enumerate(result["outfits"], 1):
        pieces = "\n".join(
            f"{i['id']}: {' '.join(filter(None, [(i['colors'] or [None])[0], i['type']]))}" for i in outfit["items"]
        )
        table.add_row(str(rank), f"{outfit['score']:.0%}", pieces, outfit["explanation"])
    return table


def print_import_summary(console: Console, summary: ImportSummary, folder: Path) -> None:
    table = Table(title=f"Import of {folder}", title_justify="left")
    table.add_column("result")
    table.add_column("files", justify="right")
    table.add_row("imported", str(summary.imported))
    table.add_row("already in the wardrobe (skipped)", str(summary.already_there))
    table.add_row("duplicates in this run", str(summary.duplicates))
    table.add_row("rejected", str(len(summary.rejected)))
    table.add_row("total", str(summary.total), style="bold")
    console.print(table)
    if summary.types:
        console.print("Imported: " + ", ".join(f"{n} {t}" for t, n in summary.types.most_common()), soft_wrap=True)
    for path, reason in summary.rejected:
        console.print(f"[red]rejected[/red] {path.relative_to(folder)}: {reason}", soft_wrap=True)
