"""Colour family of the whole analysis (what users see) vs product-attributes `baseColour`, validation split.

`python -m eval.colours --data ../shared/data` compares three namers on the same photos: the measured
clusters alone (CIELAB k-means + CIEDE2000 palette), the trained colour head alone, and the shipped
combination (clusters named within the head's family when the head is at least `trust` sure).
"""

import argparse
from pathlib import Path

import numpy as np
from PIL import Image

from app.core.config import Settings
from app.vision.analyze import COLOUR_HEAD_TRUST, analysis_copy
from app.vision.colours import dominant_colours
from app.vision.model import VisionModel
from training.datasets import product_attributes
from training.labels import BASE_COLOUR_MAP


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--limit", type=int, default=0, help="evaluate only the first N validation photos")
    args = parser.parse_args()
    dataset = product_attributes(args.data)
    validation = [
        (row, path) for row, path, val in zip(dataset.raw, dataset.paths(), dataset.is_val, strict=True) if val
    ]
    rows = [(BASE_COLOUR_MAP[r["baseColour"]], path) for r, path in validation if r["baseColour"] in BASE_COLOUR_MAP]
    rows = rows[: args.limit or None]
    model = VisionModel.load(Settings(_env_file=None).model_dir)
    trusts = (0.0, 0.5, 0.7, 0.9, 1.01)
    clusters: list[bool] = []
    head: list[bool] = []
    combined: dict[float, list[bool]] = {t: [] for t in trusts}
    for index, (truth, path) in enumerate(rows, 1):
        with Image.open(path) as opened:
            small = analysis_copy(opened.convert("RGB"))
        output = model.predict(small)
        measured = dominant_colours(small)[0].family
        clusters.append(measured == truth)
        head.append(output.color.label == truth)
        for trust in trusts:
            family = output.color.label if output.color.confidence >= trust else None
            combined[trust].append(dominant_colours(small, primary_family=family)[0].family == truth)
        if index % 200 == 0 or index == len(rows):
            print(f"  {index}/{len(rows)} photos", flush=True)
    print(f"colour family accuracy on {len(rows)} validation photos (product-attributes baseColour):")
    print(f"  measured clusters alone          {np.mean(clusters):.3f}")
    print(f"  colour head alone                {np.mean(head):.3f}")
    for trust, hits in combined.items():
        shipped = "  <- shipped" if trust == COLOUR_HEAD_TRUST else ""
        print(f"  clusters within head family, trust >= {trust:.2f}: {np.mean(hits):.3f}{shipped}")


if __name__ == "__main__":
    main()
