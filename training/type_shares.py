"""Kinds one model class was trained on, and each kind's share of that class's training photos.

`python -m training.type_shares --data ../shared/data` prints what app/vision/candidates.py `MERGED_KINDS` holds:
the type head's `sandals` class learned from Sandals, Sports Sandals and Flip Flops alike, so a photo it calls
sandals is flip-flops about as often as the training catalogue holds them (the outfit rules tell them apart).
"""

import argparse
from collections import Counter
from pathlib import Path

from training.datasets import DEFAULT_DATA, product_attributes
from training.labels import ARTICLE_TYPE_MAP

# articleType -> the finer kind the outfit rules know, for the model classes that merge several.
FINER_KIND = {"Sandals": "sandals", "Sports Sandals": "sandals", "Flip Flops": "flip-flops"}


def shares(data: Path) -> dict[str, dict[str, float]]:
    """Per merged model class, each finer kind's share of its training-split photos."""
    dataset = product_attributes(data)
    counts: dict[str, Counter[str]] = {}
    for row, validation in zip(dataset.raw, dataset.is_val, strict=True):
        kind = FINER_KIND.get(row["articleType"])
        if kind is not None and not validation:
            counts.setdefault(ARTICLE_TYPE_MAP[row["articleType"]], Counter())[kind] += 1
    return {model: {k: n / sum(c.values()) for k, n in c.most_common()} for model, c in counts.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    for model_class, kinds in shares(parser.parse_args().data).items():
        print(f"{model_class}: " + ", ".join(f"{kind} {share:.2f}" for kind, share in kinds.items()))


if __name__ == "__main__":
    main()
