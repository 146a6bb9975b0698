"""Read the labelled folders, give every image a fixed train/validation split and per-head targets."""

from __future__ import annotations

import csv
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from training import labels as L

DATASETS: tuple[str, ...] = ("clothing-types", "product-attributes", "patterns")
VAL_EVERY = 5  # 1 in 5 images of every stratum goes to validation (20%)
DEFAULT_DATA = Path("../shared/data")


@dataclass
class Dataset:
    """Image paths of one folder with, per head, a boolean mask of allowed classes (all False = no label)."""

    name: str
    root: Path
    images: list[str]
    is_val: np.ndarray
    raw: list[dict[str, str]]
    targets: dict[str, np.ndarray] = field(default_factory=dict)

    def paths(self) -> list[Path]:
        return [self.root / image for image in self.images]


def _stable_hash(text: str) -> str:
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def stratified_split(keys: list[str], strata: list[str]) -> np.ndarray:
    """Deterministic stratified hold-out: within each stratum, every VAL_EVERY-th image by hash order."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, stratum in enumerate(strata):
        groups[stratum].append(i)
    is_val = np.zeros(len(keys), dtype=bool)
    for members in groups.values():
        ordered = sorted(members, key=lambda i: _stable_hash(keys[i]))
        for rank, i in enumerate(ordered):
            is_val[i] = rank % VAL_EVERY == 0
    return is_val


def _mask(rows: list[dict[str, str]], head_labels: tuple[str, ...], allowed_of: object) -> np.ndarray:
    index = {label: i for i, label in enumerate(head_labels)}
    mask = np.zeros((len(rows), len(head_labels)), dtype=bool)
    for r, row in enumerate(rows):
        allowed = allowed_of(row)  # type: ignore[operator]
        for label in allowed:
            mask[r, index[label]] = True
    return mask


def _read(root: Path, stratum_key: str, keep: object) -> tuple[list[dict[str, str]], np.ndarray]:
    with (root / "labels.csv").open(newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if keep(row)]  # type: ignore[operator]
    is_val = stratified_split([row["image"] for row in rows], [row[stratum_key] for row in rows])
    return rows, is_val


def _one(value: str | None) -> tuple[str, ...]:
    return (value,) if value else ()


def clothing_types(data: Path) -> Dataset:
    root = data / "clothing-types"
    rows, is_val = _read(root, "label", lambda row: row["label"] in L.CLOTHING_TYPES_MAP)
    ds = Dataset("clothing-types", root, [r["image"] for r in rows], is_val, rows)
    ds.targets["type"] = _mask(rows, L.TYPE_LABELS, lambda row: L.CLOTHING_TYPES_MAP[row["label"]])
    return ds


def refuse_validation_images(labels_file: Path, images: list[str], ds: Dataset) -> None:
    """A label file for training must not name a photo of the data set's validation split."""
    validation = {image for image, val in zip(ds.images, ds.is_val, strict=True) if val}
    named = sorted(validation.intersection(images))
    if named:
        raise SystemExit(f"{labels_file} names {len(named)} validation images, e.g. {named[0]}")


def product_attributes(data: Path) -> Dataset:
    root = data / "product-attributes"
    rows, is_val = _read(root, "articleType", lambda row: True)
    ds = Dataset("product-attributes", root, [r["image"] for r in rows], is_val, rows)
    ds.targets["type"] = _mask(
        rows, L.TYPE_LABELS, lambda r: _one(L.product_type(r["articleType"], r["productDisplayName"]))
    )
    ds.targets["style"] = _mask(rows, L.STYLE_LABELS, lambda r: _one(L.STYLE_MAP.get(r["usage"])))
    ds.targets["season"] = _mask(rows, L.SEASON_LABELS, lambda r: _one(L.SEASON_MAP.get(r["season"])))
    ds.targets["color"] = _mask(rows, L.COLOR_LABELS, lambda r: _one(L.BASE_COLOUR_MAP.get(r["baseColour"])))
    ds.targets["pattern"] = _mask(
        rows,
        L.PATTERN_LABELS,
        lambda r: _one(L.product_pattern(r["masterCategory"], r["articleType"], r["productDisplayName"])),
    )
    return ds


def patterns(data: Path) -> Dataset:
    root = data / "patterns"
    rows, is_val = _read(root, "label", lambda row: row["label"] in L.PATTERN_MAP)
    ds = Dataset("patterns", root, [r["image"] for r in rows], is_val, rows)
    ds.targets["pattern"] = _mask(rows, L.PATTERN_LABELS, lambda r: (L.PATTERN_MAP[r["label"]],))
    return ds


def load_all(data: Path) -> dict[str, Dataset]:
    return {"clothing-types": clothing_types(data), "product-attributes": product_attributes(data),
            "patterns": patterns(data)}  # fmt: skip
