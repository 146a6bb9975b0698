"""Calibrate near-duplicate detection: `python -m eval.duplicates --data ../shared/data`.

Positives: a clothing-types photo and a simulated second shot of it (reframed, rescaled, relit, slightly
rotated, re-encoded). Negatives: two different photos with the same garment label (the hard case: two navy
t-shirts). Prints, per embedding weight, the threshold at 1% and 0.1% false flags and the recall there.
"""

import argparse
import csv
import io
import random
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageEnhance

from app.core.config import Settings
from app.vision.analyze import LocalAnalyzer, analysis_copy
from app.vision.features import color_features

LABELS = ("T-Shirt", "Pants", "Shoes", "Shirt", "Dress", "Longsleeve")


def second_shot(image: Image.Image, rng: random.Random) -> Image.Image:
    w, h = image.size
    left, top = rng.randint(0, w // 10), rng.randint(0, h // 10)
    right, bottom = w - rng.randint(0, w // 10), h - rng.randint(0, h // 10)
    scale = rng.uniform(1.5, 4)
    shot = image.crop((left, top, right, bottom)).resize((int((right - left) * scale), int((bottom - top) * scale)))
    shot = ImageEnhance.Brightness(shot).enhance(rng.uniform(0.85, 1.15))
    if rng.random() < 0.5:
        backdrop = tuple(int(v) for v in np.median(np.asarray(image).reshape(-1, 3), axis=0))
        shot = shot.rotate(rng.uniform(-8, 8), fillcolor=backdrop)
    buffer = io.BytesIO()
    shot.save(buffer, format="JPEG", quality=rng.randint(70, 92))
    return Image.open(buffer).convert("RGB")


def unit_rows(matrix: NDArray[np.float32]) -> NDArray[np.float32]:
    unit: NDArray[np.float32] = matrix / np.linalg.norm(matrix, axis=1, keepdims=True)
    return unit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--count", type=int, default=240)
    args = parser.parse_args()
    root = args.data / "clothing-types"
    rows = [r for r in csv.DictReader((root / "labels.csv").open()) if r["label"] in LABELS]
    random.Random(1).shuffle(rows)
    rows = rows[: args.count]
    analyzer = LocalAnalyzer.load(Settings(_env_file=None).model_dir)
    rng = random.Random(2)
    embeddings: list[NDArray[np.float32] | None] = []
    shots: list[NDArray[np.float32] | None] = []
    colours: list[NDArray[np.float32]] = []
    shot_colours: list[NDArray[np.float32]] = []
    labels: list[str] = []
    for index, row in enumerate(rows, 1):
        with Image.open(root / row["image"]) as opened:
            image = opened.convert("RGB")
        again = second_shot(image, rng)
        for target, colour_target, picture in ((embeddings, colours, image), (shots, shot_colours, again)):
            target.append(analyzer.analyze(picture).embedding)
            colour_target.append(color_features(analysis_copy(picture)))
        labels.append(row["label"])
        if index % 40 == 0 or index == len(rows):
            print(f"  analysed {index}/{len(rows)} photos and their second shots", flush=True)
    e, e2 = unit_rows(np.array(embeddings)), unit_rows(np.array(shots))
    c, c2 = unit_rows(np.array(colours)), unit_rows(np.array(shot_colours))
    label_array = np.array(labels)
    same_label = (label_array[:, None] == label_array[None, :]) & ~np.eye(len(labels), dtype=bool)
    print(f"{len(labels)} garments, {int(same_label.sum()) // 2} same-label pairs of different garments")
    for weight in (1.0, 0.7, 0.5, 0.3):
        positives = weight * np.sum(e * e2, axis=1) + (1 - weight) * np.sum(c * c2, axis=1)
        negatives = (weight * (e @ e.T) + (1 - weight) * (c @ c.T))[same_label]
        for false_rate in (0.01, 0.001):
            threshold = float(np.quantile(negatives, 1 - false_rate))
            recall = float(np.mean(positives >= threshold))
            print(
                f"embedding weight {weight:.1f}: {false_rate:.1%} false flags at threshold {threshold:.3f}, "
                f"second shots found {recall:.1%}"
            )


if __name__ == "__main__":
    main()
