"""How often a second colour is named, on home photos labelled plain (solid) and patterned.

`python -m eval.secondary_colours --data ../shared/data`: a plain garment has one colour, so a second colour on it
is almost always a fold or the light's fall-off named as a colour ("light blue" and "silver" on one plain shirt).
A patterned garment may have two, but a 64-px sample often averages fine stripes into one, so its rate is context,
not a target. Photos: `eval/home_photos.csv`, the same labels as eval.vision.
"""

import argparse
from collections import Counter
from pathlib import Path

from app.core.config import Settings
from app.vision.factory import create_analyzer
from eval.vision import _open, home_rows
from training.progress import Progress


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = parser.parse_args()
    analyzer = create_analyzer(Settings(_env_file=None))
    rows = [row for row in home_rows(args.data) if row["pattern"]]
    named_two: Counter[bool] = Counter()
    total: Counter[bool] = Counter()
    progress = Progress("home photos", len(rows), every=100)
    for i, row in enumerate(rows, 1):
        solid = row["pattern"] == "solid"
        total[solid] += 1
        named_two[solid] += len(analyzer.analyze(_open(Path(row["path"]))).colors) > 1
        progress.update(i)
    for solid, label in ((True, "plain (solid)"), (False, "patterned")):
        share = named_two[solid] / max(1, total[solid])
        print(f"{label:14} photos with a second colour: {named_two[solid]}/{total[solid]} = {share:.3f}")


if __name__ == "__main__":
    main()
