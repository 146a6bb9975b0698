"""Validation numbers of what ships: models/ loaded through app.vision.model, on the held-out splits.

python -m training.evaluate --data ../shared/data --out models/
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from PIL import Image

from app.vision.model import ModelOutput, VisionModel
from training.datasets import DEFAULT_DATA, Dataset, load_all
from training.labels import (
    BASE_COLOUR_MAP,
    CATEGORY_OF_TYPE,
    CLOTHING_TYPES_MAP,
    MAIN_CLOTHING_TYPES,
    PATTERN_MAP,
    SEASON_MAP,
    STYLE_MAP,
    product_pattern,
    product_type,
)
from training.progress import Progress, macro_f1

# Fine type -> clothing-types name, to score predictions in that set's vocabulary.
CT_NAME_OF_TYPE = {t: ct for ct, types in CLOTHING_TYPES_MAP.items() if ct != "Blouse" for t in types}


def predict_val(model: VisionModel, ds: Dataset) -> tuple[list[dict[str, str]], list[ModelOutput]]:
    rows = [row for row, val in zip(ds.raw, ds.is_val, strict=True) if val]
    paths = [p for p, val in zip(ds.paths(), ds.is_val, strict=True) if val]
    progress = Progress(ds.name, len(paths))
    outputs = []
    for i, path in enumerate(paths):
        with Image.open(path) as image:
            outputs.append(model.predict(image))
        progress.update(i + 1)
    return rows, outputs


def score(
    name: str, truth: Sequence[str | None], pred: Sequence[str], hit: Callable[[str, str], bool] | None = None
) -> None:
    """Print accuracy and macro-F1 over rows that have a truth label."""
    pairs = [(t, p) for t, p in zip(truth, pred, strict=True) if t is not None]
    t, p = [a for a, _ in pairs], [b for _, b in pairs]
    ok = [hit(a, b) if hit else a == b for a, b in pairs]
    f1 = macro_f1(t, p, labels=sorted(set(t)))
    print(f"| {name} | {np.mean(ok):.3f} | {f1:.3f} | {len(pairs)} |")


def clothing_types_report(rows: list[dict[str, str]], out: list[ModelOutput]) -> None:
    truth = [r["label"] for r in rows]
    fine = [o.garment_type.label for o in out]
    as_ct = [CT_NAME_OF_TYPE.get(f, "(other)") for f in fine]
    main = [t if t in MAIN_CLOTHING_TYPES else None for t in truth]
    score("clothing-types: type, 10 main classes", main, as_ct)
    # Blouse and Top share the fine type "top": a hit is any fine type the true label allows.
    in_set = lambda t, p: CLOTHING_TYPES_MAP.get(p) == CLOTHING_TYPES_MAP[t]  # noqa: E731
    score("clothing-types: type, all 17 classes", truth, as_ct, in_set)
    cat_truth = [CATEGORY_OF_TYPE[CLOTHING_TYPES_MAP[t][0]] for t in truth]
    score("clothing-types: category, all classes", cat_truth, [o.category.label for o in out])
    score("clothing-types: category, 10 main classes", [c if m else None for c, m in zip(cat_truth, main, strict=True)],
          [o.category.label for o in out])  # fmt: skip


def product_report(rows: list[dict[str, str]], out: list[ModelOutput]) -> None:
    fine_truth = [product_type(r["articleType"], r["productDisplayName"]) for r in rows]
    score("product-attributes: fine type", fine_truth, [o.garment_type.label for o in out])
    cat_truth = [CATEGORY_OF_TYPE[t] if t else None for t in fine_truth]
    score("product-attributes: category", cat_truth, [o.category.label for o in out])
    score("product-attributes: style (usage)", [STYLE_MAP.get(r["usage"]) for r in rows], [o.style.label for o in out])
    score("product-attributes: season", [SEASON_MAP.get(r["season"]) for r in rows], [o.season.label for o in out])
    colour_truth = [BASE_COLOUR_MAP.get(r["baseColour"]) for r in rows]
    score("product-attributes: colour family vs baseColour", colour_truth, [o.color.label for o in out])
    pattern_truth = [product_pattern(r["masterCategory"], r["articleType"], r["productDisplayName"]) for r in rows]
    score("product-attributes: pattern (weak, from names)", pattern_truth, [o.pattern.label for o in out])


def patterns_report(rows: list[dict[str, str]], out: list[ModelOutput]) -> None:
    pred = [o.pattern.label for o in out]
    score("patterns: pattern family, both sources", [PATTERN_MAP[r["label"]] for r in rows], pred)
    for source in ("fashion-texture", "dress-patterns"):
        truth = [PATTERN_MAP[r["label"]] if r["source"] == source else None for r in rows]
        score(f"patterns: pattern family, {source}", truth, pred)


def latency(model_dir: Path, ds: Dataset) -> None:
    """Median wall time of predict() at 2 threads, flip on and off, after warm-up."""
    with Image.open(ds.paths()[0]) as im:
        image = im.copy()
    for flip in (True, False):
        model = VisionModel.load(model_dir, threads=2, flip=flip)
        for _ in range(5):
            model.predict(image)
        times = []
        for _ in range(40):
            start = time.perf_counter()
            model.predict(image)
            times.append(time.perf_counter() - start)
        print(f"predict() latency, 2 threads, flip={flip}: median {1000 * np.median(times):.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=Path("models"), help="model directory to evaluate")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    model = VisionModel.load(args.out, threads=args.threads)
    print(f"model {model.model_version}")
    datasets = load_all(args.data)
    results = {name: predict_val(model, ds) for name, ds in datasets.items()}
    print("\n| validation split | accuracy | macro-F1 | n |\n|---|---|---|---|")
    clothing_types_report(*results["clothing-types"])
    product_report(*results["product-attributes"])
    patterns_report(*results["patterns"])
    print()
    latency(args.out, datasets["clothing-types"])


if __name__ == "__main__":
    main()
