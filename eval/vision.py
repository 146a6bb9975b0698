"""What a user sees: the shipped analysis (`LocalAnalyzer`, models/) scored on home and shop photos.

    python -m eval.vision --data ../shared/data

Home photos: `eval/home_photos.csv`, clothing-types photos whose colour family, pattern and shoe kind
were labelled by eye for this project (blank = not judged: multicoloured, or the kind was unclear),
and the clothing-types validation split for the ten main types. Shop photos: the product-attributes
validation split (baseColour -> family, article type + name -> shoe kind). Each field also gets its
expected calibration error (ECE, 10 equal-width bins) over the confidence the tags report.
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
from training.datasets import clothing_types, product_attributes
from training.labels import BASE_COLOUR_MAP, CLOTHING_TYPES_MAP, MAIN_CLOTHING_TYPES, product_shoe_kind
from training.progress import Progress

HOME_LABELS = Path(__file__).with_name("home_photos.csv")
CT_NAME_OF_TYPE = {t: ct for ct, types in CLOTHING_TYPES_MAP.items() if ct != "Blouse" for t in types}


@dataclass
class FieldScore:
    """Hits and reported confidences of one field on one set."""

    hits: list[bool] = field(default_factory=list)
    second: list[bool] = field(default_factory=list)  # hit with the second candidate, where one is given
    confidence: list[float] = field(default_factory=list)

    def add(self, hit: bool, confidence: float, second_hit: bool | None = None) -> None:
        self.hits.append(hit)
        self.confidence.append(confidence)
        self.second.append(hit or bool(second_hit))

    def line(self, name: str) -> str:
        if not self.hits:
            return f"| {name} | - | - | - | 0 |"
        acc, top2 = float(np.mean(self.hits)), float(np.mean(self.second))
        return f"| {name} | {acc:.3f} | {top2:.3f} | {ece(self.confidence, self.hits):.3f} | {len(self.hits)} |"


def ece(confidence: list[float], hits: list[bool], bins: int = 10) -> float:
    """Expected calibration error: mean |accuracy - confidence| over equal-width bins, weighted by size."""
    conf, ok = np.asarray(confidence, dtype=float), np.asarray(hits, dtype=float)
    index = np.minimum((conf * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        members = index == b
        if members.any():
            total += members.mean() * abs(ok[members].mean() - conf[members].mean())
    return total


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


def score_colour(scores: FieldScore, analysis: ItemAnalysis, truth: str) -> None:
    candidates = colour_candidates(analysis)
    scores.add(candidates[0] == truth, analysis.confidence.get("color_family", 1.0), truth in candidates[1:2])


def home_report(analyzer: LocalAnalyzer, data: Path) -> dict[str, FieldScore]:
    scores = {name: FieldScore() for name in ("colour family", "pattern", "shoe kind")}
    rows = list(home_rows(data))
    progress = Progress("home photos", len(rows), every=100)
    for i, row in enumerate(rows, 1):
        analysis = analyzer.analyze(_open(Path(row["path"])))
        if row["color_family"]:
            score_colour(scores["colour family"], analysis, row["color_family"])
        if row["pattern"]:
            scores["pattern"].add(analysis.pattern == row["pattern"], analysis.confidence.get("pattern", 1.0))
        if row["shoe_kind"]:
            kind = shoe_kind(analysis.type)
            scores["shoe kind"].add(kind == row["shoe_kind"], analysis.confidence.get("shoe_kind", 1.0))
        progress.update(i)
    return scores


def main_types_report(analyzer: LocalAnalyzer, data: Path, limit: int) -> FieldScore:
    dataset = clothing_types(data)
    rows = [
        (row["label"], path)
        for row, path, val in zip(dataset.raw, dataset.paths(), dataset.is_val, strict=True)
        if val and row["label"] in MAIN_CLOTHING_TYPES
    ][: limit or None]
    scores = FieldScore()
    progress = Progress("clothing-types validation", len(rows), every=200)
    for i, (label, path) in enumerate(rows, 1):
        analysis = analyzer.analyze(_open(path))
        predicted = CT_NAME_OF_TYPE.get(parent_type(analysis.type or ""), "")
        if analysis.category == "shoes":
            predicted = "Shoes"
        scores.add(predicted == label, analysis.confidence.get("type", 1.0))
        progress.update(i)
    return scores


def product_report(analyzer: LocalAnalyzer, data: Path, limit: int) -> dict[str, FieldScore]:
    dataset = product_attributes(data)
    rows = [(r, p) for r, p, val in zip(dataset.raw, dataset.paths(), dataset.is_val, strict=True) if val]
    rows = rows[: limit or None]
    scores = {name: FieldScore() for name in ("colour family", "shoe kind")}
    progress = Progress("product-attributes validation", len(rows), every=200)
    for i, (row, path) in enumerate(rows, 1):
        colour = BASE_COLOUR_MAP.get(row["baseColour"])
        kind = product_shoe_kind(row["articleType"], row["productDisplayName"])
        if colour or kind:
            analysis = analyzer.analyze(_open(path))
            if colour:
                score_colour(scores["colour family"], analysis, colour)
            if kind:
                scores["shoe kind"].add(shoe_kind(analysis.type) == kind, analysis.confidence.get("shoe_kind", 1.0))
        progress.update(i)
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--models", type=Path, default=Path("models"))
    parser.add_argument("--limit", type=int, default=0, help="only the first N photos of each validation split")
    parser.add_argument("--home-only", action="store_true")
    args = parser.parse_args()
    analyzer = LocalAnalyzer.load(args.models)
    home = home_report(analyzer, args.data)
    types = None if args.home_only else main_types_report(analyzer, args.data, args.limit)
    product = {} if args.home_only else product_report(analyzer, args.data, args.limit)
    print(f"\nmodel {analyzer.model.model_version}")
    print("| set: field | accuracy | with 2nd candidate | ECE | n |\n|---|---|---|---|---|")
    for name, scores in home.items():
        print(scores.line(f"home photos (labelled by eye): {name}"))
    if types is not None:
        print(types.line("home photos (clothing-types validation): ten main types"))
    for name, scores in product.items():
        print(scores.line(f"shop photos (product-attributes validation): {name}"))


if __name__ == "__main__":
    main()
