"""Embeddings of every training image through the SHIPPED backbone (onnxruntime, no torch).

    python -m training.shipped_cache --data ../shared/data

The extra heads (shoe kind, finer garment types; `training.extra_heads`) and the calibration are
fitted on exactly the numbers the service computes: each photo is reduced as `analyze` reduces it,
embedded as is and mirrored by `models/backbone.onnx`. Writes training/cache/shipped-<source>.npz
with `keys`, `views` (N, 2, 1280) float16. Sources: clothing-types, product-attributes, patterns and
`worn-garments`: every garment of the worn-outfits photos cut out by its pixel mask and laid on a
home-photo backdrop (a blurred clothing-types photo), the augmentation toward home photos.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter

from app.vision.analyze import analysis_copy
from app.vision.model import VisionModel, preprocess, with_flip
from training.progress import Progress

CACHE = Path("training/cache")
MODELS = Path("models")
MIN_GARMENT_PIXELS = 300  # smaller garments in a 256-px street photo are a few dozen pixels of shoe
NOT_GARMENT = {"null", "skin", "hair"}


def mask_labels(data: Path) -> dict[int, str]:
    lines = (data / "worn-outfits" / "mask_labels.txt").read_text().splitlines()
    return {int(i): name for i, name in (line.split("\t") for line in lines if line.strip())}


def _stable_rng(key: str) -> np.random.Generator:
    return np.random.default_rng(int(hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:8], 16))


def home_backdrops(data: Path, count: int = 200) -> list[Path]:
    """A fixed set of clothing-types photos whose blurred pixels serve as beds, floors and tables."""
    images = sorted((data / "clothing-types" / "images").iterdir())
    return images[:: max(1, len(images) // count)][:count]


def backdrop(path: Path, size: tuple[int, int], rng: np.random.Generator) -> Image.Image:
    with Image.open(path) as opened:
        photo = opened.convert("RGB")
    w, h = photo.size
    # The outer band of a home photo is mostly backdrop; blur so the photo's own garment is not legible.
    band = max(8, int(min(w, h) * 0.2))
    side = rng.integers(4)
    box = [(0, 0, w, band), (0, h - band, w, h), (0, 0, band, h), (w - band, 0, w, h)][side]
    return photo.crop(box).resize(size, Image.Resampling.BILINEAR).filter(ImageFilter.GaussianBlur(2))


def worn_garments(data: Path) -> Iterator[tuple[str, Image.Image, Image.Image]]:
    """(key 'photo:label', garment on a home backdrop, garment mask) for every garment large enough."""
    names = mask_labels(data)
    backdrops = home_backdrops(data)
    with (data / "worn-outfits" / "outfits.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        photo = Image.open(data / "worn-outfits" / row["photo"]).convert("RGB")
        mask = np.asarray(Image.open(data / "worn-outfits" / row["mask"]))
        for index in np.unique(mask):
            name = names.get(int(index), "null")
            pixels = mask == index
            if name in NOT_GARMENT or pixels.sum() < MIN_GARMENT_PIXELS:
                continue
            key = f"{row['photo']}:{name}"
            rng = _stable_rng(key)
            ys, xs = np.nonzero(pixels)
            pad = int(0.15 * max(np.ptp(ys), np.ptp(xs))) + 2
            box = (max(0, xs.min() - pad), max(0, ys.min() - pad), xs.max() + pad, ys.max() + pad)
            crop = photo.crop(box)
            alpha = Image.fromarray((pixels * 255).astype(np.uint8)).crop(box)
            canvas = backdrop(backdrops[int(rng.integers(len(backdrops)))], crop.size, rng)
            canvas.paste(crop, mask=alpha)
            yield key, canvas, alpha


def labelled_photos(data: Path, source: str) -> Iterator[tuple[str, Image.Image, None]]:
    with (data / source / "labels.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        with Image.open(data / source / row["image"]) as opened:
            yield row["image"], opened.convert("RGB"), None


def count(data: Path, source: str) -> int:
    if source == "worn-garments":
        return 2400  # an estimate, for the progress line only
    with (data / source / "labels.csv").open(newline="") as handle:
        return sum(1 for _ in csv.DictReader(handle))


def backbone_digest(model: VisionModel) -> str:
    """The cache depends on the backbone alone: new heads or masks must not invalidate it."""
    return str(model.manifest["files"][model.manifest["backbone"]])


def embed_source(model: VisionModel, data: Path, source: str) -> None:
    out = CACHE / f"shipped-{source}.npz"
    backbone = backbone_digest(model)
    if out.exists() and str(np.load(out)["backbone"]) == backbone:
        print(f"{out} is current; skipped")
        return
    items = worn_garments(data) if source == "worn-garments" else labelled_photos(data, source)
    keys: list[str] = []
    views: list[np.ndarray] = []
    progress = Progress(source, count(data, source), every=250)
    for key, image, _ in items:
        x = preprocess(analysis_copy(image))[None]
        views.append(model.embed_views(with_flip(x)).astype(np.float16))
        keys.append(key)
        progress.update(len(keys))
    np.savez(out, keys=np.array(keys), views=np.stack(views), backbone=backbone)
    print(f"wrote {out}: {len(keys)} images")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    sources = ["worn-garments", "clothing-types", "product-attributes", "patterns"]
    parser.add_argument("--sources", nargs="*", default=sources)
    args = parser.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    model = VisionModel.load(MODELS, threads=1)
    for source in args.sources:
        embed_source(model, args.data, source)


if __name__ == "__main__":
    main()
