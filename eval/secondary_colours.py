"""How often a second colour is named, on home photos labelled plain (solid) and patterned; and how often the main
colour's swatch (its measured hex) reads as another family than its name.

`python -m eval.secondary_colours --data ../shared/data`: a plain garment has one colour, so a second colour on it
is almost always a fold or the light's fall-off named as a colour ("light blue" and "silver" on one plain shirt).
A patterned garment may have two, but a 64-px sample often averages fine stripes into one, so its rate is context,
not a target. A swatch whose nearest palette colour is of another family than the name ("white" shown #5A3A22) shows
the client a colour the tag does not say. Photos: `eval/home_photos.csv`, the same labels as eval.vision.
"""

import argparse
from collections import Counter
from pathlib import Path

import numpy as np

from app.core.config import Settings
from app.vision.colours import hex_to_rgb, name_colour, rgb_to_lab
from app.vision.factory import create_analyzer
from eval.vision import _open, home_rows
from training.progress import Progress


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = parser.parse_args()
    analyzer = create_analyzer(Settings(_env_file=None))
    rows = list(home_rows(args.data))
    named_two: Counter[bool] = Counter()
    total: Counter[bool] = Counter()
    swatch_differs = 0
    progress = Progress("home photos", len(rows), every=100)
    for i, row in enumerate(rows, 1):
        colours = analyzer.analyze(_open(Path(row["path"]))).colors
        swatch_differs += bool(colours) and swatch_family(colours[0].hex) != colours[0].family
        if row["pattern"]:
            solid = row["pattern"] == "solid"
            total[solid] += 1
            named_two[solid] += len(colours) > 1
        progress.update(i)
    for solid, label in ((True, "plain (solid)"), (False, "patterned")):
        share = named_two[solid] / max(1, total[solid])
        print(f"{label:14} photos with a second colour: {named_two[solid]}/{total[solid]} = {share:.3f}")
    share = swatch_differs / max(1, len(rows))
    print(f"main colour whose swatch reads as another family: {swatch_differs}/{len(rows)} = {share:.3f}")


def swatch_family(hex_value: str) -> str:
    """The family of the palette colour nearest to a measured hex."""
    return name_colour(rgb_to_lab(np.array([hex_to_rgb(hex_value)]))[0])[1]


if __name__ == "__main__":
    main()
