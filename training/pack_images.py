"""Pack the training photos small enough to carry to a GPU machine, in parts of at most --part-mb each.

    python -m training.pack_images --data ../shared/data --out .gpu

Each part is a folder laid out like the data folder (labels.csv beside images/), so the parts copied into one
folder are a data folder that training.finetune_images reads as it reads ../shared/data. Clothing-types photos
are re-encoded (EXIF orientation applied, JPEG quality 70, at most 256 px), pattern crops at most 160 px; product
photos are copied as they are. The photos stay the same files by name; only their bytes are smaller.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from PIL import Image, ImageOps

from training.datasets import DEFAULT_DATA
from training.progress import Progress

# folder -> (max side, JPEG quality); None = copy the file as it is
ENCODING: dict[str, tuple[int, int] | None] = {
    "product-attributes": None,
    "clothing-types": (256, 70),
    "patterns": (160, 75),
}


def pack_folder(source: Path, target: Path, encoding: tuple[int, int] | None) -> int:
    (target / "images").mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / "labels.csv", target / "labels.csv")
    paths = sorted((source / "images").iterdir())
    progress = Progress(source.name, len(paths), every=2000)
    for i, path in enumerate(paths, 1):
        out = target / "images" / path.name
        if encoding is None:
            shutil.copy2(path, out)
        else:
            with Image.open(path) as opened:
                image = ImageOps.exif_transpose(opened).convert("RGB")
            image.thumbnail((encoding[0], encoding[0]), Image.Resampling.LANCZOS)
            image.save(out, "JPEG", quality=encoding[1])
        progress.update(i)
    return sum(p.stat().st_size for p in target.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=Path(".gpu"))
    args = parser.parse_args()
    for part, (name, encoding) in enumerate(ENCODING.items(), 1):
        size = pack_folder(args.data / name, args.out / f"part{part}" / name, encoding)
        print(f"part{part}: {name} {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
