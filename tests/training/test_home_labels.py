"""The home photos labelled by eye for training never overlap the ones the evaluation scores."""

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def images(path: Path) -> list[str]:
    with path.open(newline="") as handle:
        return [row["image"] for row in csv.DictReader(handle)]


def test_training_labels_are_disjoint_from_the_evaluation_set() -> None:
    evaluated = set(images(ROOT / "eval" / "home_photos.csv"))
    for name in ("home_colours.csv", "home_patterns.csv", "home_shoe_kinds.csv"):
        labelled = images(ROOT / "training" / name)
        assert len(labelled) == len(set(labelled)), name  # one label per photo
        assert not evaluated & set(labelled), name
