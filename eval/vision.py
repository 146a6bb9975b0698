"""What a user sees: the shipped analysis (`LocalAnalyzer`, models/) scored on home and shop photos.

    python -m eval.vision --data ../shared/data

Home photos: `eval/home_photos.csv`, clothing-types photos whose colour family, pattern and shoe kind
were labelled by eye for this project (blank = not judged: multicoloured, or the kind was unclear),
and the clothing-types validation split for the ten main types. Shop photos: the product-attributes
validation split (baseColour -> family, article type + name -> shoe kind). Each field also gets its
expected calibration error (ECE, 10 equal-width bins) over the confidence the tags report, and over
the same heads at temperature 1 (before calibration); then, per `needs_review` threshold, how many
items would be asked about and how often the rest and the asked ones are right.
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image

from app.vision.analyze import ItemAnalysis, LocalAnalyzer
from app.vision.taxonomy import parent_type, shoe_kind
from training.calibration import ece
from training.datasets import clothing_types, product_attributes
from training.labels import (
    BASE_COLOUR_MAP,
    CATEGORY_OF_TYPE,
    CLOTHING_TYPES_MAP,
    MAIN_CLOTHING_TYPES,
    product_shoe_kind,
)
from training.progress import Progress

HOME_LABELS = Path(__file__).with_name("home_photos.csv")
REVIEW_GRID = (0.4, 0.5, 0.6, 0.7, 0.8)
CT_NAME_OF_TYPE = {t: ct for ct, types in CLOTHING_TYPES_MAP.items() if ct != "Blouse" for t in types}


@dataclass
class FieldScore:
    """Hits and reported confidences of one field on one set."""

    hits: list[bool] = field(default_factory=list)
    second: list[bool] = field(default_factory=list)  # hit with the second candidate, where one is given
    confidence: list[float] = field(default_factory=list)
    raw_confidence: list[float] = field(default_factory=list)  # the same heads at temperature 1

    def add(self, hit: bool, confidence: float, second_hit: bool | None = None, raw: float | None = None) -> None:
        self.hits.append(hit)
        self.confidence.append(confidence)
        self.second.append(hit or bool(second_hit))
        self.raw_confidence.append(confidence if raw is None else raw)

    def line(self, name: str) -> str:
        if not self.hits:
            return f"| {name} | - | - | - | - | 0 |"
        acc, top2 = float(np.mean(self.hits)), float(np.mean(self.second))
        before, after = ece(self.raw_confidence, self.hits), ece(self.confidence, self.hits)
        return f"| {name} | {acc:.3f} | {top2:.3f} | {before:.3f} | {after:.3f} | {len(self.hits)} |"

    def review_line(self, name: str, thresholds: tuple[float, ...]) -> str:
        """Per threshold: share of items asked about, accuracy of the others / of the asked ones."""
        conf, hits = np.asarray(self.confidence), np.asarray(self.hits, dtype=float)
        cells = []
        for t in thresholds:
            asked = conf < t
            kept_acc = f"{hits[~asked].mean():.2f}" if (~asked).any() else "-"
            asked_acc = f"{hits[asked].mean():.2f}" if asked.any() else "-"
            cells.append(f"{asked.mean():.2f} / {kept_acc} / {asked_acc}")
        return f"| {name} | " + " | ".join(cells) + " |"


def colour_candidates(analysis: ItemAnalysis) -> list[str]:
    candidates = list(getattr(analysis, "color_candidates", []) or [])
    return candidates or [c.family for c in analysis.colors[:1]]


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
    """One photo's analysis, and the confidences the same heads give at temperature 1."""

    analysis: ItemAnalysis
    raw: dict[str, float]

    def add(self, scores: FieldScore, hit: bool, name: str, second_hit: bool | None = None) -> None:
        scores.add(hit, self.analysis.confidence.get(name, 1.0), second_hit, self.raw.get(name, 1.0))


class Analyst:
    """The shipped analyser, and beside it the same model uncalibrated (for the ECE before/after)."""

    def __init__(self, analyzer: LocalAnalyzer) -> None:
        self.analyzer = analyzer
        self.uncalibrated = LocalAnalyzer(analyzer.model.uncalibrated(), analyzer.masker)

    def see(self, path: Path) -> Seen:
        image = _open(path)
        return Seen(self.analyzer.analyze(image), self.uncalibrated.analyze(image).confidence)


def score_colour(scores: FieldScore, seen: Seen, truth: str) -> None:
    candidates = colour_candidates(seen.analysis)
    seen.add(scores, candidates[0] == truth, "color_family", truth in candidates[1:2])


def home_report(analyst: Analyst, data: Path) -> dict[str, FieldScore]:
    scores = {name: FieldScore() for name in ("colour family", "pattern", "shoe kind")}
    rows = list(home_rows(data))
    progress = Progress("home photos", len(rows), every=100)
    for i, row in enumerate(rows, 1):
        seen = analyst.see(Path(row["path"]))
        if row["color_family"]:
            score_colour(scores["colour family"], seen, row["color_family"])
        if row["pattern"]:
            seen.add(scores["pattern"], seen.analysis.pattern == row["pattern"], "pattern")
        if row["shoe_kind"]:
            seen.add(scores["shoe kind"], shoe_kind(seen.analysis.type) == row["shoe_kind"], "shoe_kind")
        progress.update(i)
    return scores


def main_types_report(analyst: Analyst, data: Path, limit: int) -> dict[str, FieldScore]:
    dataset = clothing_types(data)
    rows = [
        (row["label"], path)
        for row, path, val in zip(dataset.raw, dataset.paths(), dataset.is_val, strict=True)
        if val and row["label"] in MAIN_CLOTHING_TYPES
    ][: limit or None]
    scores = {"ten main types": FieldScore(), "category": FieldScore()}
    progress = Progress("clothing-types validation", len(rows), every=200)
    for i, (label, path) in enumerate(rows, 1):
        seen = analyst.see(path)
        predicted = CT_NAME_OF_TYPE.get(parent_type(seen.analysis.type or ""), "")
        if seen.analysis.category == "shoes":
            predicted = "Shoes"
        seen.add(scores["ten main types"], predicted == label, "type")
        truth_category = {CATEGORY_OF_TYPE[t] for t in CLOTHING_TYPES_MAP[label]}
        seen.add(scores["category"], seen.analysis.category in truth_category, "category")
        progress.update(i)
    return scores


def product_report(analyst: Analyst, data: Path, limit: int) -> dict[str, FieldScore]:
    dataset = product_attributes(data)
    rows = [(r, p) for r, p, val in zip(dataset.raw, dataset.paths(), dataset.is_val, strict=True) if val]
    rows = rows[: limit or None]
    scores = {name: FieldScore() for name in ("colour family", "shoe kind")}
    progress = Progress("product-attributes validation", len(rows), every=200)
    for i, (row, path) in enumerate(rows, 1):
        colour = BASE_COLOUR_MAP.get(row["baseColour"])
        kind = product_shoe_kind(row["articleType"], row["productDisplayName"])
        if colour or kind:
            seen = analyst.see(path)
            if colour:
                score_colour(scores["colour family"], seen, colour)
            if kind:
                seen.add(scores["shoe kind"], shoe_kind(seen.analysis.type) == kind, "shoe_kind")
        progress.update(i)
    return scores


def print_tables(version: str, tables: dict[str, dict[str, FieldScore]]) -> None:
    print(f"\nmodel {version}")
    print("| set: field | accuracy | with 2nd candidate | ECE at T=1 | ECE (calibrated, ships) | n |")
    print("|---|---|---|---|---|---|")
    for set_name, scores in tables.items():
        for name, score in scores.items():
            print(score.line(f"{set_name}: {name}"))
    print("\nneeds_review: per threshold, share of items asked about / accuracy of the rest / of the asked")
    print("| set: field | " + " | ".join(f"< {t:.1f}" for t in REVIEW_GRID) + " |")
    print("|---|" + "---|" * len(REVIEW_GRID))
    for set_name, scores in tables.items():
        for name, score in scores.items():
            if score.hits:
                print(score.review_line(f"{set_name}: {name}", REVIEW_GRID))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--models", type=Path, default=Path("models"))
    parser.add_argument("--limit", type=int, default=0, help="only the first N photos of each validation split")
    parser.add_argument("--home-only", action="store_true")
    args = parser.parse_args()
    analyst = Analyst(LocalAnalyzer.load(args.models))
    tables = {"home photos (labelled by eye)": home_report(analyst, args.data)}
    if not args.home_only:
        tables["home photos (clothing-types validation)"] = main_types_report(analyst, args.data, args.limit)
        tables["shop photos (product-attributes validation)"] = product_report(analyst, args.data, args.limit)
    print_tables(analyst.analyzer.model_version, tables)


if __name__ == "__main__":
    main()
