"""Linear probes of a backbone on the home photos: how much of what we need its embedding already carries.

The same protocol for every backbone (a fine-tuned tail in training.finetune_images, or an ONNX file such as the
shipped one), so variants can be compared before the slow head refits: a plain (not class-balanced) logistic regression
on the standardised embeddings of both views, trained on training photos and scored on held-out ones:
- type10: the ten main clothing-types classes, clothing-types training split -> its validation split;
- home colour / shoe / pattern: training/home_*.csv (labelled by eye, training split) -> eval/home_photos.csv.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from training.datasets import clothing_types

TRAINING = Path(__file__).parent
EVAL_PHOTOS = TRAINING.parent / "eval" / "home_photos.csv"
MAIN10 = ("T-Shirt", "Pants", "Longsleeve", "Shoes", "Shirt", "Dress", "Shorts", "Outwear", "Hat", "Skirt")
Embed = Callable[[list[Path]], np.ndarray]  # photo paths -> (N, 2, D): the photo and its mirror image


def _column(path: Path, column: str) -> dict[str, str]:
    with path.open(newline="") as handle:
        return {r["image"]: r[column] for r in csv.DictReader(handle) if r.get(column)}


def tasks(data: Path) -> dict[str, tuple[dict[str, str], dict[str, str]]]:
    """Task -> (training photo -> label, held-out photo -> label), photos named as in clothing-types/labels.csv."""
    ds = clothing_types(data)
    held_out = _column(EVAL_PHOTOS, "image")
    label = {r["image"]: r["label"] for r in ds.raw}
    train_type = {i: label[i] for i, v in zip(ds.images, ds.is_val, strict=True)
                  if not v and label[i] in MAIN10 and i not in held_out}  # fmt: skip
    val_type = {i: label[i] for i, v in zip(ds.images, ds.is_val, strict=True) if v and label[i] in MAIN10}
    return {
        "type10": (train_type, val_type),
        "home colour": (_column(TRAINING / "home_colours.csv", "color_family"), _column(EVAL_PHOTOS, "color_family")),
        "home shoe": (_column(TRAINING / "home_shoe_kinds.csv", "shoe_kind"), _column(EVAL_PHOTOS, "shoe_kind")),
        "home pattern": (_column(TRAINING / "home_patterns.csv", "pattern"), _column(EVAL_PHOTOS, "pattern")),
    }


def _score(views: dict[str, np.ndarray], train: dict[str, str], test: dict[str, str]) -> float:
    x = np.concatenate([np.stack([views[k][v] for k in train]) for v in (0, 1)])
    y = [train[k] for k in train] * 2
    scaler = StandardScaler().fit(x)
    model = LogisticRegression(C=0.5, max_iter=2000).fit(scaler.transform(x), y)
    keys = [k for k in test if test[k] in set(y)]
    probs = sum(model.predict_proba(scaler.transform(np.stack([views[k][v] for k in keys]))) for v in (0, 1))
    predicted = model.classes_[np.asarray(probs).argmax(1)]
    return float(np.mean([p == test[k] for p, k in zip(predicted, keys, strict=True)]))


def report(name: str, embed: Embed, data: Path) -> dict[str, float]:
    all_tasks = tasks(data)
    photos = sorted({k for train, test in all_tasks.values() for k in (*train, *test)})
    embedded = embed([data / "clothing-types" / p for p in photos])
    views = dict(zip(photos, embedded, strict=True))
    scores = {task: _score(views, train, test) for task, (train, test) in all_tasks.items()}
    print(f"probe {name}: " + "  ".join(f"{t} {s:.3f}" for t, s in scores.items()), flush=True)
    return scores


def onnx_embedder(model: Path, threads: int = 1) -> Embed:
    """The service's own preprocessing through an ONNX backbone (e.g. models/backbone.onnx)."""
    import onnxruntime as ort
    from PIL import Image

    from app.vision.model import preprocess, with_flip

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])

    def embed(paths: list[Path]) -> np.ndarray:
        out = []
        for start in range(0, len(paths), 16):
            batch = np.stack([preprocess(Image.open(p)) for p in paths[start : start + 16]])
            (e,) = session.run(None, {"image": with_flip(batch)})
            out.append(np.stack([e[: len(batch)], e[len(batch) :]], axis=1))
        return np.concatenate(out)

    return embed


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="linear probes of an ONNX backbone")
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--model", type=Path, default=Path("models/backbone.onnx"))
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    report(str(args.model), onnx_embedder(args.model, args.threads), args.data)
