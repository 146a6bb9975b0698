"""Extra heads on the shipped backbone's embeddings: shoe kind and finer garment types.

    python -m training.shipped_cache --data ../shared/data     # once: embeddings of every photo
    python -m training.extra_heads --data ../shared/data --out models/

Each head is a multinomial logistic regression (class-balanced) on the standardised 1280-d
embedding of each view (as is and mirrored), trained on product photos (article types refined by
their names) and on worn-outfits garments cut out by their masks and laid on home-photo backdrops.
Its temperature is fitted on a calibration fifth of the TRAINING rows (never validation). Writes
<out>/extra_heads.npz and adds the heads and temperatures to the manifest (the model_version
follows from the file hashes).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from app.vision.model import stamp_version
from app.vision.taxonomy import SHOE_KINDS
from training.calibration import ece, fit_temperature, image_probabilities, one_hot
from training.datasets import clothing_types, product_attributes, refuse_validation_images, stratified_split
from training.labels import FINE_GROUPS, WORN_FINE_TYPES, WORN_SHOE_KINDS, product_fine_type, product_shoe_kind
from training.shipped_cache import CACHE

EXTRA_FILE = "extra_heads.npz"
SHOE_HEAD_LABELS = SHOE_KINDS
# Home photos of shoes (clothing-types, train split and never in eval/home_photos.csv) whose kind was
# labelled by eye for this project: the shop photos alone call most home-photographed shoes sneakers.
HOME_SHOE_LABELS = Path(__file__).with_name("home_shoe_kinds.csv")
HOME_REPEAT = 5  # each home photo counts five times: few of them, and they look like user uploads
HEAD_LABELS: dict[str, tuple[str, ...]] = {
    "shoe_kind": SHOE_HEAD_LABELS,
    **{f"{group}_kind": kinds for group, kinds in FINE_GROUPS.items() if group != "longsleeve"},
    "longsleeve_kind": ("sweater", "sweatshirt"),
}


@dataclass
class Rows:
    views: np.ndarray  # (N, 2, 1280) float32
    labels: list[str]
    split: np.ndarray  # 0 train, 1 calibration (from the training rows), 2 validation


def _load(source: str) -> tuple[list[str], np.ndarray]:
    cached = np.load(CACHE / f"shipped-{source}.npz")
    return [str(k) for k in cached["keys"]], cached["views"].astype(np.float32)


def _splits(keys: list[str], labels: list[str], is_val: np.ndarray) -> np.ndarray:
    calib = stratified_split([f"calibration:{k}" for k in keys], labels)
    return np.where(is_val, 2, np.where(calib, 1, 0))


def product_rows(data: Path, label_of: object) -> Rows:
    dataset = product_attributes(data)
    keys, views = _load("product-attributes")
    index = {k: i for i, k in enumerate(keys)}
    picked = [
        (index[img], lab, val)
        for img, row, val in zip(dataset.images, dataset.raw, dataset.is_val, strict=True)
        if (lab := label_of(row["articleType"], row["productDisplayName"]))  # type: ignore[operator]
    ]
    rows = [p[0] for p in picked]
    labels = [p[1] for p in picked]
    is_val = np.array([p[2] for p in picked], dtype=bool)
    return Rows(views[rows], labels, _splits([keys[r] for r in rows], labels, is_val))


def worn_rows(mapping: dict[str, str]) -> Rows:
    keys, views = _load("worn-garments")
    picked = [(i, mapping[k.split(":")[1]]) for i, k in enumerate(keys) if k.split(":")[1] in mapping]
    rows, labels = [p[0] for p in picked], [p[1] for p in picked]
    photos = [keys[r].split(":")[0] for r in rows]
    # Validation by photo, so two garments of one outfit never sit on both sides.
    is_val = stratified_split(photos, ["all"] * len(photos))
    return Rows(views[rows], labels, _splits([keys[r] for r in rows], labels, is_val))


def home_shoe_rows(data: Path) -> Rows:
    keys, views = _load("clothing-types")
    index = {k: i for i, k in enumerate(keys)}
    with HOME_SHOE_LABELS.open(newline="") as handle:
        named = [(r["image"], r["shoe_kind"]) for r in csv.DictReader(handle)]
    refuse_validation_images(HOME_SHOE_LABELS, [image for image, _ in named], clothing_types(data))
    labelled = [(index[image], kind) for image, kind in named]
    rows, labels = [i for i, _ in labelled], [k for _, k in labelled]
    calibration = stratified_split([f"calibration:{keys[r]}" for r in rows], labels)
    split = np.where(calibration, 1, 0)
    train = np.flatnonzero(split == 0)
    repeat = np.concatenate([np.arange(len(rows)), np.repeat(train, HOME_REPEAT - 1)])
    return Rows(views[rows][repeat], [labels[i] for i in repeat], split[repeat])


def joined(parts: list[Rows], allowed: tuple[str, ...]) -> Rows:
    keep = [(p, i) for p in parts for i, lab in enumerate(p.labels) if lab in allowed]
    return Rows(
        np.stack([p.views[i] for p, i in keep]),
        [p.labels[i] for p, i in keep],
        np.array([p.split[i] for p, i in keep]),
    )


def top_ece(probs: np.ndarray, truth: np.ndarray) -> float:
    return ece(probs.max(axis=1), probs.argmax(axis=1) == truth)


def train_head(name: str, rows: Rows, labels: tuple[str, ...]) -> dict[str, np.ndarray | float]:
    y = np.array([labels.index(lab) for lab in rows.labels])
    flat = rows.views.reshape(-1, rows.views.shape[-1])
    y2, split2 = np.repeat(y, 2), np.repeat(rows.split, 2)
    mean, scale = flat[split2 == 0].mean(0), flat[split2 == 0].std(0) + 1e-6
    x = (flat - mean) / scale
    model = LogisticRegression(C=0.05, max_iter=300, class_weight="balanced")
    model.fit(x[split2 == 0], y2[split2 == 0])
    coef, intercept = model.coef_, model.intercept_
    if len(labels) == 2:  # sklearn keeps one logit for two classes: split it into a symmetric pair
        coef, intercept = np.vstack([-coef / 2, coef / 2]), np.concatenate([-intercept / 2, intercept / 2])
    logits = x @ coef.T + intercept

    # One image = the mean of its two views' probabilities, as at run time.
    def image_probs(mask: np.ndarray, temperature: float) -> np.ndarray:
        return image_probabilities(logits[np.repeat(mask, 2)].reshape(-1, 2, len(labels)), temperature)

    temperature = fit_temperature(logits[split2 == 1], one_hot(y2[split2 == 1], len(labels)))
    val = rows.split == 2
    raw, calibrated = image_probs(val, 1.0), image_probs(val, temperature)
    acc = float((calibrated.argmax(1) == y[val]).mean())
    counts = {lab: int((np.array(rows.labels)[rows.split == 0] == lab).sum()) for lab in labels}
    print(f"{name}: train {counts}; validation n={val.sum()} accuracy {acc:.3f}, "
          f"ECE {top_ece(raw, y[val]):.3f} -> {top_ece(calibrated, y[val]):.3f} at T={temperature:.2f}")  # fmt: skip
    return {"mean": mean, "scale": scale, "w0": coef.T.astype(np.float32),
            "b0": intercept.astype(np.float32), "temperature": temperature}  # fmt: skip


def datasets_for(data: Path) -> dict[str, Rows]:
    shoe_parts = [product_rows(data, product_shoe_kind), worn_rows(WORN_SHOE_KINDS), home_shoe_rows(data)]
    shoes = joined(shoe_parts, SHOE_HEAD_LABELS)
    fine = [product_rows(data, product_fine_type), worn_rows(WORN_FINE_TYPES)]
    out = {"shoe_kind": shoes}
    for head, labels in HEAD_LABELS.items():
        if head != "shoe_kind":
            out[head] = joined(fine, labels)
    return out


def write(out: Path, heads: dict[str, dict[str, np.ndarray | float]]) -> None:
    arrays = {f"{name}.{key}": np.asarray(value, dtype=np.float16 if key[0] in "wb" else np.float32)
              for name, head in heads.items() for key, value in head.items() if key != "temperature"}  # fmt: skip
    np.savez(out / EXTRA_FILE, **arrays)
    digest = hashlib.sha256((out / EXTRA_FILE).read_bytes()).hexdigest()
    manifest_path = out / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["extra_heads_file"] = EXTRA_FILE
    manifest["extra_heads"] = {
        name: {"labels": list(HEAD_LABELS[name]), "inputs": ["embedding"], "layers": 1,
               "temperature": round(float(head["temperature"]), 4)}
        for name, head in heads.items()
    }  # fmt: skip
    manifest["files"][EXTRA_FILE] = digest
    stamp_version(manifest)
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"wrote {out / EXTRA_FILE}; model_version {manifest['model_version']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=Path("models"))
    parser.add_argument("--dry-run", action="store_true", help="train and report, write nothing")
    args = parser.parse_args()
    heads = {name: train_head(name, rows, HEAD_LABELS[name]) for name, rows in datasets_for(args.data).items()}
    if not args.dry_run:
        write(args.out, heads)


if __name__ == "__main__":
    main()
