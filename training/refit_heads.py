"""Refit the main heads (type, pattern, style) on the SHIPPED backbone's embeddings and calibrate them.

    python -m training.shipped_cache --data ../shared/data --sources clothing-types product-attributes patterns
    python -m training.refit_heads --data ../shared/data --out models/

`training.heads` fits its MLPs on the fp32 tail's embeddings of every training row, so nothing
unseen is left to calibrate them on (and the int8 backbone that ships moves the embeddings a little).
Here the same MLPs are fitted on what the service computes (`training.shipped_cache`: int8 backbone,
both views) using four fifths of the TRAINING rows; each head's temperature is then fitted on the
remaining calibration fifth (negative log-likelihood of the label, set-valued for clothing-types
"Shoes"). The validation split (and eval/home_photos.csv) is never used for fitting or calibration.
Rewrites <out>/heads.npz (the colour and season heads are copied unchanged) and the manifest.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from app.vision.model import stamp_version
from training.calibration import ece, equal_source_weights, fit_temperature, image_probabilities
from training.datasets import DEFAULT_DATA, Dataset, load_all, refuse_validation_images, stratified_split
from training.heads import BALANCED, HEADS_FILE, HeadData, fit, to_arrays
from training.labels import HEAD_LABELS
from training.shipped_cache import CACHE

REFIT_HEADS = ("type", "pattern", "style")
TRAIN, CALIBRATION, VALIDATION = 0, 1, 2
# Home photos labelled by eye for this project (clothing-types TRAINING split, never in
# eval/home_photos.csv): whole garments on beds and floors, which the pattern folders never show.
HOME_PATTERN_LABELS = Path(__file__).with_name("home_patterns.csv")
HOME_REPEAT = 3  # few of them, and they look like user uploads


@dataclass
class Part:
    views: np.ndarray  # (N, 2, 1280)
    allowed: np.ndarray  # (N, C)
    split: np.ndarray  # TRAIN / CALIBRATION / VALIDATION per row
    source: str


@dataclass
class Split:
    data: HeadData
    split: np.ndarray


def shipped_views(ds: Dataset) -> np.ndarray:
    """(N, 2, 1280) shipped embeddings of the data set's images, in its order."""
    cached = np.load(CACHE / f"shipped-{ds.name}.npz")
    index = {str(k): i for i, k in enumerate(cached["keys"])}
    missing = [image for image in ds.images if image not in index]
    if missing:
        raise SystemExit(f"{ds.name}: {len(missing)} images not in the shipped cache; rerun training.shipped_cache")
    return np.asarray(cached["views"][[index[image] for image in ds.images]], dtype=np.float32)


def calibration_fifth(keys: list[str], allowed: np.ndarray) -> np.ndarray:
    strata = ["".join("1" if a else "0" for a in row) for row in allowed]
    return stratified_split([f"calibration:{k}" for k in keys], strata)


def dataset_part(head: str, ds: Dataset, views: np.ndarray) -> Part:
    keep = ds.targets[head].any(axis=1)
    allowed = ds.targets[head][keep]
    calibration = calibration_fifth([img for img, k in zip(ds.images, keep, strict=True) if k], allowed)
    split = np.where(ds.is_val[keep], VALIDATION, np.where(calibration, CALIBRATION, TRAIN))
    return Part(views[keep], allowed, split, ds.name)


def home_pattern_part(ds: Dataset) -> Part:
    """The home photos labelled for pattern, looked up in the shipped cache: some carry clothing-types
    labels outside our types ("Not sure", "Other") and are not in the data set at all."""
    cached = np.load(CACHE / f"shipped-{ds.name}.npz")
    index = {str(k): i for i, k in enumerate(cached["keys"])}
    with HOME_PATTERN_LABELS.open(newline="") as handle:
        labelled = [(row["image"], row["pattern"]) for row in csv.DictReader(handle)]
    refuse_validation_images(HOME_PATTERN_LABELS, [image for image, _ in labelled], ds)
    views = np.asarray(cached["views"][[index[image] for image, _ in labelled]], dtype=np.float32)
    allowed = np.array([[label == p for label in HEAD_LABELS["pattern"]] for _, p in labelled])
    split = np.where(calibration_fifth([image for image, _ in labelled], allowed), CALIBRATION, TRAIN)
    repeat = np.concatenate([np.arange(len(labelled)), np.repeat(np.flatnonzero(split == TRAIN), HOME_REPEAT - 1)])
    return Part(views[repeat], allowed[repeat], split[repeat], "home-patterns")


def head_split(head: str, datasets: dict[str, Dataset], views: dict[str, np.ndarray]) -> Split:
    parts = [dataset_part(head, ds, views[name]) for name, ds in datasets.items() if head in ds.targets]
    if head == "pattern":
        parts.append(home_pattern_part(datasets["clothing-types"]))
    x = np.concatenate([p.views for p in parts])
    allowed = np.concatenate([p.allowed for p in parts])
    split = np.concatenate([p.split for p in parts])
    source = np.concatenate([np.full(len(p.split), p.source) for p in parts])
    return Split(HeadData(x, allowed, split != TRAIN, source), split)


def logits_of(model: torch.nn.Sequential, mean: np.ndarray, scale: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Per-view logits (N, 2, C)."""
    with torch.no_grad():
        return np.asarray(model(torch.from_numpy(((x - mean) / scale).astype(np.float32))).numpy())


def report(head: str, rows: Split, logits: np.ndarray, temperature: float) -> None:
    """Accuracy and ECE per source on the calibration rows (used for choices) and validation (reported)."""
    for part, name in ((CALIBRATION, "calibration"), (VALIDATION, "validation")):
        for source in np.unique(rows.data.source):
            sel = (rows.split == part) & (rows.data.source == source)
            if not sel.any():
                continue
            allowed = rows.data.allowed[sel]
            raw, calibrated = image_probabilities(logits[sel], 1.0), image_probabilities(logits[sel], temperature)
            hits = allowed[np.arange(len(allowed)), calibrated.argmax(1)]
            print(f"  {name:11s} {source:18s} {head:8s} acc {hits.mean():.3f} ECE {ece(raw.max(1), hits):.3f} -> "
                  f"{ece(calibrated.max(1), hits):.3f} at T={temperature:.2f} (n={sel.sum()})", flush=True)  # fmt: skip


def refit(head: str, rows: Split) -> tuple[dict[str, np.ndarray], float]:
    model, mean, scale = fit(rows.data, balanced=head in BALANCED)
    logits = logits_of(model, mean, scale, rows.data.x)
    calibration = rows.split == CALIBRATION
    # Every source counts equally: the home photos are few, and they are what users upload.
    weights = equal_source_weights(rows.data.source[calibration])
    temperature = fit_temperature(logits[calibration], rows.data.allowed[calibration], weights)
    report(head, rows, logits, temperature)
    return to_arrays(head, model, mean, scale), temperature


def write(out: Path, arrays: dict[str, np.ndarray], temperatures: dict[str, float]) -> None:
    with np.load(out / HEADS_FILE) as old:
        kept = {k: old[k] for k in old.files if k.split(".")[0] not in temperatures}
    spec = json.loads(str(kept["spec"]))
    for head, temperature in temperatures.items():
        spec["heads"][head]["temperature"] = round(temperature, 4)
    kept["spec"] = np.array(json.dumps(spec))
    # Sorted keys: the same heads give the same bytes however many were refitted this run.
    np.savez(out / HEADS_FILE, **dict(sorted({**kept, **arrays}.items())))  # type: ignore[arg-type]
    manifest_path = out / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["heads"] = spec["heads"]
    manifest["files"][HEADS_FILE] = hashlib.sha256((out / HEADS_FILE).read_bytes()).hexdigest()
    stamp_version(manifest)
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"wrote {out / HEADS_FILE}; model_version {manifest['model_version']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=Path("models"))
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--heads", nargs="*", choices=REFIT_HEADS, default=list(REFIT_HEADS))
    parser.add_argument("--dry-run", action="store_true", help="train and report, write nothing")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    datasets = load_all(args.data)
    views = {name: shipped_views(ds) for name, ds in datasets.items() if set(args.heads) & set(ds.targets)}
    arrays: dict[str, np.ndarray] = {}
    temperatures: dict[str, float] = {}
    for head in args.heads:
        head_arrays, temperatures[head] = refit(head, head_split(head, datasets, views))
        arrays |= head_arrays
    if args.dry_run:
        return
    write(args.out, arrays, temperatures)


if __name__ == "__main__":
    main()
