"""What a user sees: the shipped analysis (`LocalAnalyzer`, models/) scored on home and shop photos.

    python -m eval.vision --data ../shared/data

Home photos: `eval/home_photos.csv`, clothing-types photos whose colour family, pattern and shoe kind
were labelled by eye for this project (blank = not judged: multicoloured, or the kind was unclear),
and the clothing-types validation split for the ten main types (and the category and seasons they imply).
Shop photos: the product-attributes validation split (baseColour -> family, article type + name -> shoe kind
and type, usage -> style, weak pattern labels from names). Seasons and formality are derived from the type (and
style) by the rule tables, so their truth is what the same tables say for the true type and usage.

Every validation photo falls in one of two fixed halves (SHA-256 of its name): `training/confidence.py` fits the
confidence calibration on the FIT half; the expected calibration error (ECE, 10 equal-width bins) is reported on
the other half only, before calibration (the heads' temperatures alone) and after (what the tags report), beside
the ECE a perfectly calibrated field would show on as few photos ("noise").
Accuracy is over both halves (calibration never changes an answer). Then, per `needs_review` threshold on the
report half, how many items would be asked about and how often the rest and the asked ones are right.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from app.vision.analyze import STYLE_NAMES, ItemAnalysis, LocalAnalyzer
from app.vision.knowledge import formality_of, seasons_of, style_of
from app.vision.taxonomy import PARENT_TYPE, TYPE_OF_SHOE_KIND, category_of, parent_type, shoe_kind
from training.calibration import ece
from training.datasets import clothing_types, product_attributes
from training.labels import (
    BASE_COLOUR_MAP,
    CLOTHING_TYPES_MAP,
    MAIN_CLOTHING_TYPES,
    STYLE_MAP,
    product_fine_type,
    product_pattern,
    product_shoe_kind,
    product_type,
)
from training.progress import Progress

HOME_LABELS = Path(__file__).with_name("home_photos.csv")
REVIEW_GRID = (0.4, 0.5, 0.6, 0.7, 0.8)
CT_NAME_OF_TYPE = {t: ct for ct, types in CLOTHING_TYPES_MAP.items() if ct != "Blouse" for t in types}
# The tags' confidence key of each scored field.
CONFIDENCE_KEY = {
    "colour family": "color_family", "pattern": "pattern", "shoe kind": "shoe_kind", "ten main types": "type",
    "type": "type", "category": "category", "season": "season", "style": "style", "formality": "formality",
}  # fmt: skip
HOME, HOME_TYPES, SHOP = "home photos (labelled by eye)", "home photos (clothing-types validation)", "shop photos"
SETS = (HOME, HOME_TYPES, SHOP)


def is_fit_half(image: str) -> bool:
    """The half of the validation photos the calibration is fitted on (the other half reports it)."""
    return hashlib.sha256(image.encode()).digest()[0] % 2 == 0


@dataclass(frozen=True)
class Record:
    """One field of one photo: right or not, and the confidence before and after calibration."""

    set: str
    field: str
    image: str
    hit: bool
    second_hit: bool  # right with the second colour candidate, where one is given
    confidence: float
    raw: float

    @property
    def fit(self) -> bool:
        return is_fit_half(self.image)


def _open(path: Path) -> Image.Image:
    with Image.open(path) as opened:
        return opened.convert("RGB")


def home_rows(data: Path) -> Iterator[dict[str, str]]:
    with HOME_LABELS.open(newline="") as handle:
        for row in csv.DictReader(handle):
            row["path"] = str(data / "clothing-types" / row["image"])
            yield row


@dataclass
class Seen:
    """One photo's analysis, noting each scored field as a Record."""

    analysis: ItemAnalysis
    set: str
    image: str
    records: list[Record]

    def add(self, name: str, hit: bool, second_hit: bool = False) -> None:
        key = CONFIDENCE_KEY[name]
        confidence, raw = self.analysis.confidence.get(key, 1.0), self.analysis.raw_confidence.get(key, 1.0)
        self.records.append(Record(self.set, name, self.image, hit, hit or second_hit, confidence, raw))


def colour_candidates(analysis: ItemAnalysis) -> list[str]:
    candidates = list(getattr(analysis, "color_candidates", []) or [])
    return candidates or [c.family for c in analysis.colors[:1]]


def score_colour(seen: Seen, truth: str) -> None:
    candidates = colour_candidates(seen.analysis)
    seen.add("colour family", candidates[0] == truth, truth in candidates[1:2])


def home_report(analyzer: LocalAnalyzer, data: Path, records: list[Record]) -> None:
    rows = list(home_rows(data))
    progress = Progress("home photos", len(rows), every=100)
    for i, row in enumerate(rows, 1):
        seen = Seen(analyzer.analyze(_open(Path(row["path"]))), HOME, row["image"], records)
        if row["color_family"]:
            score_colour(seen, row["color_family"])
        if row["pattern"]:
            seen.add("pattern", seen.analysis.pattern == row["pattern"])
        if row["shoe_kind"]:
            seen.add("shoe kind", shoe_kind(seen.analysis.type) == row["shoe_kind"])
        progress.update(i)


def types_of_label(label: str) -> set[str]:
    """The types a clothing-types label covers, with their finer kinds (Pants: jeans, joggers, ...)."""
    coarse = set(CLOTHING_TYPES_MAP[label])
    finer = {fine for fine, parent in PARENT_TYPE.items() if parent in coarse}
    shoes = set(TYPE_OF_SHOE_KIND.values()) if any(category_of(t) == "shoes" for t in coarse) else set()
    return coarse | finer | shoes


def main_types_report(analyzer: LocalAnalyzer, data: Path, limit: int, records: list[Record]) -> None:
    dataset = clothing_types(data)
    rows = [
        (row["label"], row["image"], path)
        for row, path, val in zip(dataset.raw, dataset.paths(), dataset.is_val, strict=True)
        if val and row["label"] in MAIN_CLOTHING_TYPES
    ][: limit or None]
    progress = Progress("clothing-types validation", len(rows), every=200)
    for i, (label, image, path) in enumerate(rows, 1):
        seen = Seen(analyzer.analyze(_open(path)), HOME_TYPES, image, records)
        predicted = CT_NAME_OF_TYPE.get(parent_type(seen.analysis.type or ""), "")
        if seen.analysis.category == "shoes":
            predicted = "Shoes"
        seen.add("ten main types", predicted == label)
        truth = types_of_label(label)
        seen.add("category", seen.analysis.category in {category_of(t) for t in truth})
        seen.add("season", seen.analysis.seasons in [seasons_of(t) for t in truth])
        progress.update(i)


def shop_truth_type(row: dict[str, str]) -> str | None:
    """The finest type the catalogue row names (a shoe by its kind, jeans rather than pants)."""
    kind = product_shoe_kind(row["articleType"], row["productDisplayName"])
    if kind:
        return TYPE_OF_SHOE_KIND[kind]
    return product_fine_type(row["articleType"], row["productDisplayName"]) or product_type(
        row["articleType"], row["productDisplayName"]
    )


def score_shop_row(seen: Seen, row: dict[str, str]) -> None:
    a = seen.analysis
    if colour := BASE_COLOUR_MAP.get(row["baseColour"]):
        score_colour(seen, colour)
    if kind := product_shoe_kind(row["articleType"], row["productDisplayName"]):
        seen.add("shoe kind", shoe_kind(a.type) == kind)
    if pattern := product_pattern(row["masterCategory"], row["articleType"], row["productDisplayName"]):
        seen.add("pattern", a.pattern == pattern)
    truth_type = shop_truth_type(row)
    if truth_type is None:
        return
    seen.add("category", a.category == category_of(truth_type))
    seen.add("season", a.seasons == seasons_of(truth_type))
    if usage := STYLE_MAP.get(row["usage"]):
        # The stored style is the type's rules applied to the head's guess: the truth is them on the true usage.
        truth_style = style_of(truth_type, STYLE_NAMES[usage], a.pattern)
        seen.add("style", a.style == truth_style)
        seen.add("formality", a.formality == formality_of(truth_type, truth_style))


def product_report(analyzer: LocalAnalyzer, data: Path, limit: int, records: list[Record]) -> None:
    dataset = product_attributes(data)
    rows = [(r, p) for r, p, val in zip(dataset.raw, dataset.paths(), dataset.is_val, strict=True) if val]
    rows = rows[: limit or None]
    progress = Progress("product-attributes validation", len(rows), every=200)
    for i, (row, path) in enumerate(rows, 1):
        score_shop_row(Seen(analyzer.analyze(_open(path)), SHOP, row["image"], records), row)
        progress.update(i)


def collect(analyzer: LocalAnalyzer, data: Path, *, limit: int = 0, home_only: bool = False) -> list[Record]:
    """Every scored field of every validation photo (both halves)."""
    records: list[Record] = []
    home_report(analyzer, data, records)
    if not home_only:
        main_types_report(analyzer, data, limit, records)
        product_report(analyzer, data, limit, records)
    return records


def noise_floor(confidence: list[float], draws: int = 200) -> float:
    """The ECE a perfectly calibrated field would still show on this many photos (hits drawn at the confidence):
    below it, a measured ECE says nothing more."""
    rng = np.random.default_rng(0)
    conf = np.asarray(confidence)
    return float(np.mean([ece(conf, rng.random(len(conf)) < conf) for _ in range(draws)]))


def _line(name: str, rows: list[Record]) -> str:
    held = [r for r in rows if not r.fit]
    acc, top2 = np.mean([r.hit for r in rows]), np.mean([r.second_hit for r in rows])
    hits = [r.hit for r in held]
    before, after = ece([r.raw for r in held], hits), ece([r.confidence for r in held], hits)
    floor = noise_floor([r.confidence for r in held])
    return f"| {name} | {acc:.3f} | {top2:.3f} | {before:.3f} | {after:.3f} | {floor:.3f} | {len(rows)} | {len(held)} |"


def review_line(name: str, rows: list[Record], thresholds: tuple[float, ...]) -> str:
    """Per threshold: share of items asked about, accuracy of the others / of the asked ones."""
    conf = np.asarray([r.confidence for r in rows])
    hits = np.asarray([r.hit for r in rows], dtype=float)
    cells = []
    for t in thresholds:
        asked = conf < t
        kept_acc = f"{hits[~asked].mean():.2f}" if (~asked).any() else "-"
        asked_acc = f"{hits[asked].mean():.2f}" if asked.any() else "-"
        cells.append(f"{asked.mean():.2f} / {kept_acc} / {asked_acc}")
    return f"| {name} | " + " | ".join(cells) + " |"


def grouped(records: list[Record]) -> dict[tuple[str, str], list[Record]]:
    groups: dict[tuple[str, str], list[Record]] = {}
    for record in records:
        groups.setdefault((record.set, record.field), []).append(record)
    return groups


def print_tables(version: str, records: list[Record]) -> None:
    groups = grouped(records)
    print(f"\nmodel {version}")
    print("| set: field | accuracy | with 2nd candidate | ECE before | ECE calibrated (ships) | noise | n | held out |")
    print("|---|---|---|---|---|---|---|---|")
    for (set_name, name), rows in groups.items():
        print(_line(f"{set_name}: {name}", rows))
    print("\nneeds_review (held-out half): per threshold, share asked about / accuracy of the rest / of the asked")
    print("| set: field | " + " | ".join(f"< {t:.1f}" for t in REVIEW_GRID) + " |")
    print("|---|" + "---|" * len(REVIEW_GRID))
    for (set_name, name), rows in groups.items():
        held = [r for r in rows if not r.fit]
        if held:
            print(review_line(f"{set_name}: {name}", held, REVIEW_GRID))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--models", type=Path, default=Path("models"))
    parser.add_argument("--limit", type=int, default=0, help="only the first N photos of each validation split")
    parser.add_argument("--home-only", action="store_true")
    args = parser.parse_args()
    analyzer = LocalAnalyzer.load(args.models)
    records = collect(analyzer, args.data, limit=args.limit, home_only=args.home_only)
    print_tables(analyzer.model_version, records)


if __name__ == "__main__":
    main()
