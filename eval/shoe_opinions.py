"""Should the type head's own shoe classes be pooled with the shoe-kind head? `python -m eval.shoe_opinions --data`

app/vision/candidates.py takes a shoe's kinds from the shoe-kind head alone. This measures the alternative on the
held-out shoes eval/vision.py uses (home photos labelled by eye, product-attributes validation): the shoe-kind head
weighted w against the type head's shoe classes (w = 1: the head alone, what ships), by accuracy, calibration,
log loss, and how often the true kind is among the kinds given at least RISKY (the rules' line, certainty.RISKY_CHANCE).
"""

import argparse
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from PIL import Image

from app.styling.certainty import RISKY_CHANCE
from app.vision.analyze import LocalAnalyzer, analysis_copy
from app.vision.taxonomy import SHOE_KIND_OF_TYPE, category_of
from eval.vision import home_rows
from training.calibration import ece
from training.datasets import product_attributes
from training.labels import product_shoe_kind

WEIGHTS = (1.0, 0.8, 0.6, 0.5)


def shoes(data: Path) -> Iterator[tuple[str, str, Path]]:
    for row in home_rows(data):
        if row["shoe_kind"]:
            yield "home", row["shoe_kind"], Path(row["path"])
    dataset = product_attributes(data)
    for row, path, validation in zip(dataset.raw, dataset.paths(), dataset.is_val, strict=True):
        kind = product_shoe_kind(row["articleType"], row["productDisplayName"]) if validation else None
        if kind:
            yield "shop", kind, path


def opinions(analyzer: LocalAnalyzer, path: Path) -> tuple[dict[str, float], dict[str, float]]:
    """The shoe-kind head's distribution, and the type head's shoe classes as kinds (renormalised)."""
    with Image.open(path) as image:
        output = analyzer.model.predict(analysis_copy(image.convert("RGB")))
    by_type: dict[str, float] = {}
    for name, p in output.garment_type.probabilities.items():
        if category_of(name) == "shoes" and name in SHOE_KIND_OF_TYPE:
            by_type[SHOE_KIND_OF_TYPE[name]] = by_type.get(SHOE_KIND_OF_TYPE[name], 0.0) + p
    total = sum(by_type.values()) or 1.0
    return output.extra["shoe_kind"].probabilities, {kind: p / total for kind, p in by_type.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--models", type=Path, default=Path("models"))
    args = parser.parse_args()
    analyzer = LocalAnalyzer.load(args.models)
    rows: dict[tuple[str, float], list[tuple[bool, float, float, bool]]] = {}
    for source, truth, path in shoes(args.data):
        head, by_type = opinions(analyzer, path)
        for w in WEIGHTS:
            pooled = {k: w * head.get(k, 0.0) + (1 - w) * by_type.get(k, 0.0) for k in head.keys() | by_type.keys()}
            top = max(pooled, key=lambda k: pooled[k])
            given = pooled.get(truth, 0.0) >= RISKY_CHANCE
            rows.setdefault((source, w), []).append((top == truth, pooled[top], pooled.get(truth, 0.0), given))
    for (source, w), seen in rows.items():
        hits = np.array([row[0] for row in seen])
        confidence, truth_p = np.array([row[1] for row in seen]), np.array([row[2] for row in seen])
        kept = np.array([row[3] for row in seen])
        log_loss = -np.mean(np.log(np.clip(truth_p, 1e-6, 1.0)))
        print(
            f"{source} w={w:.1f}: accuracy {hits.mean():.3f}  ECE {ece(confidence, hits):.3f}  log loss {log_loss:.3f}"
            f"  true kind given >= {RISKY_CHANCE:g}: {kept.mean():.3f}  n={len(seen)}"
        )


if __name__ == "__main__":
    main()
