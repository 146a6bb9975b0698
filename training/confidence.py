"""Fit the confidence calibration of every tagged field on the FIT half of the validation photos.

    python -m training.confidence --data ../shared/data --out models/

Runs the shipped analyser (`LocalAnalyzer`, <out>/) over the validation photos `eval.vision` scores, and per field
fits an increasing map of the confidence the analyser reports before calibration (`raw_confidence`): Platt
scaling or isotonic regression, whichever predicts better across a split of the fit rows; each set weighted alike
(home photos labelled by eye, clothing-types validation, shop photos), on the half of the photos
`eval.vision.is_fit_half` selects. Writes <out>/confidence.json, lists it in the manifest (its hash enters the model
version) and prints the expected calibration error before and after on the other, held-out half.
Needs only the served runtime (no torch).
"""

from __future__ import annotations

import argparse
import hashlib
import json
from dataclasses import asdict
from pathlib import Path

import numpy as np

from app.vision.analyze import LocalAnalyzer
from app.vision.confidence import ConfidenceCalibration, LogitMap, StepMap, as_json
from app.vision.model import MANIFEST_NAME, stamp_version
from eval.vision import Record, collect
from training.calibration import ece, equal_source_weights, fit_isotonic, fit_logit_map
from training.datasets import DEFAULT_DATA

CALIBRATION_FILE = "confidence.json"
FIELD_KEYS = {"colour family": "color_family", "shoe kind": "shoe_kind", "ten main types": "type"}
NOTE = (
    "fitted by training/confidence.py on the fit half (eval.vision.is_fit_half) of eval/home_photos.csv and the "
    "clothing-types and product-attributes validation splits, each set weighted alike"
)


def key_of(record: Record) -> str:
    return FIELD_KEYS.get(record.field, record.field)


def _fit(method: str, rows: list[Record]) -> LogitMap | StepMap:
    weights = equal_source_weights(np.asarray([r.set for r in rows]))
    raw, hits = np.asarray([r.raw for r in rows]), np.asarray([r.hit for r in rows])
    if method == "platt":
        return LogitMap(*fit_logit_map(raw, hits, weights))
    knots_x, knots_y = fit_isotonic(raw, hits, weights)
    return StepMap(tuple(knots_x), tuple(knots_y))


def _brier(mapping: LogitMap | StepMap, rows: list[Record]) -> float:
    weights = equal_source_weights(np.asarray([r.set for r in rows]))
    errors = [(mapping(r.raw) - r.hit) ** 2 for r in rows]
    return float(np.average(errors, weights=weights))


def best_map(rows: list[Record]) -> tuple[str, LogitMap | StepMap]:
    """Platt (two numbers, smooth) or isotonic (follows a rule's point mass at 1.0), whichever predicts the hits
    of one half of these fit rows better (Brier score) when fitted on the other half, both ways; then refitted
    on all of them."""
    halves = [[r for r in rows if (hash_half(r.image) == side)] for side in (0, 1)]
    scores = {
        method: sum(_brier(_fit(method, halves[side]), halves[1 - side]) for side in (0, 1))
        for method in ("platt", "isotonic")
    }
    method = min(scores, key=lambda m: scores[m])
    return method, _fit(method, rows)


def hash_half(image: str) -> int:
    """A second, independent halving of the fit photos, for choosing the kind of map."""
    return hashlib.sha256(f"method:{image}".encode()).digest()[0] % 2


def fit_maps(records: list[Record]) -> dict[str, LogitMap | StepMap]:
    """Per field a map on the fit half, every set counting alike. (Maps per backdrop, white studio vs home, were
    tried: on the held-out half they were worse for every home field; 70-190 home rows per field are too few.)"""
    maps: dict[str, LogitMap | StepMap] = {}
    for key in sorted({key_of(r) for r in records}):
        rows = [r for r in records if key_of(r) == key and r.fit]
        method, maps[key] = best_map(rows)
        print(f"{key}: {method} on {len(rows)} rows")
    return maps


def report(records: list[Record], maps: dict[str, LogitMap | StepMap]) -> None:
    calibration = ConfidenceCalibration(maps)
    groups: dict[tuple[str, str], list[Record]] = {}
    for r in records:
        if not r.fit:
            groups.setdefault((r.set, r.field), []).append(r)
    print("| held-out half: set, field | accuracy | ECE before | ECE calibrated | n |")
    for (set_name, name), rows in groups.items():
        hits = [r.hit for r in rows]
        mapped = [calibration.apply({key_of(r): r.raw})[key_of(r)] for r in rows]
        before, after = ece([r.raw for r in rows], hits), ece(mapped, hits)
        print(f"| {set_name}: {name} | {np.mean(hits):.3f} | {before:.3f} | {after:.3f} | {len(rows)} |")


def write(out: Path, maps: dict[str, LogitMap]) -> None:
    path = out / CALIBRATION_FILE
    path.write_text(as_json(maps, NOTE))
    manifest_path = out / MANIFEST_NAME
    manifest = json.loads(manifest_path.read_text())
    manifest["files"][CALIBRATION_FILE] = hashlib.sha256(path.read_bytes()).hexdigest()
    manifest["confidence"] = {"file": CALIBRATION_FILE, "fields": sorted(maps)}
    stamp_version(manifest)
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"wrote {path}; model_version {manifest['model_version']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=Path("models"))
    parser.add_argument("--records", type=Path, help="read (or first write) the scored fields here, to refit fast")
    args = parser.parse_args()
    if args.records and args.records.exists():
        records = [Record(**row) for row in json.loads(args.records.read_text())]
    else:
        records = collect(LocalAnalyzer.load(args.out), args.data)
        if args.records:
            args.records.write_text(json.dumps([asdict(r) for r in records]))
    maps = fit_maps(records)
    report(records, maps)
    write(args.out, maps)


if __name__ == "__main__":
    main()
