"""Training pairs for the garment mask: (photo, exact garment mask), composited toward home photos.

Sources (all at MASK_SIDE x MASK_SIDE, cached in training/cache/mask-pairs.npz):
- product photos: the white studio background is the exact mask (near-white pixels connected to the
  border); on apparel worn by a model, skin-coloured pixels are taken out of the mask;
- worn-outfits garments: each garment cut out by its human-drawn pixel mask;
- backdrops: the outer bands of clothing-types home photos (beds, floors, tables, blankets).
`compose` lays a garment on a random backdrop with random scale, shift, warm/cool light and blur, so
the model learns to find the garment on the surfaces people photograph clothes on.
"""

from __future__ import annotations

import csv
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from training.progress import Progress
from training.shipped_cache import CACHE, worn_garments
from training.studio import backdrops, product_mask

MASK_SIDE = 128


def _square(image: np.ndarray, side: int, interpolation: int) -> np.ndarray:
    """Letter-box to a square (pad with zeros) and resize, so garments keep their shape."""
    h, w = image.shape[:2]
    size = max(h, w)
    canvas = np.zeros((size, size, *image.shape[2:]), dtype=image.dtype)
    canvas[(size - h) // 2 : (size - h) // 2 + h, (size - w) // 2 : (size - w) // 2 + w] = image
    return cv2.resize(canvas, (side, side), interpolation=interpolation)


def product_pairs(data: Path) -> tuple[list[np.ndarray], list[np.ndarray]]:
    images, masks = [], []
    with (data / "product-attributes" / "labels.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    progress = Progress("product masks", len(rows), every=1000)
    for i, row in enumerate(rows, 1):
        with Image.open(data / "product-attributes" / row["image"]) as opened:
            rgb = np.asarray(opened.convert("RGB"))
        mask = product_mask(rgb, worn_by_model=row["masterCategory"] == "Apparel")
        if 0.03 < mask.mean() < 0.97:
            images.append(_square(rgb, MASK_SIDE, cv2.INTER_AREA))
            masks.append(_square(mask.astype(np.uint8), MASK_SIDE, cv2.INTER_NEAREST))
        progress.update(i)
    return images, masks


def worn_pairs(data: Path) -> tuple[list[np.ndarray], list[np.ndarray]]:
    images, masks = [], []
    for _, canvas, alpha in worn_garments(data):
        rgb, mask = np.asarray(canvas), (np.asarray(alpha) > 127).astype(np.uint8)
        images.append(_square(rgb, MASK_SIDE, cv2.INTER_AREA))
        masks.append(_square(mask, MASK_SIDE, cv2.INTER_NEAREST))
    return images, masks


def build(data: Path) -> Path:
    path = CACHE / "mask-pairs.npz"
    if path.exists():
        return path
    product_images, product_masks = product_pairs(data)
    worn_images, worn_masks = worn_pairs(data)
    np.savez_compressed(
        path,
        images=np.stack(product_images + worn_images),
        masks=np.stack(product_masks + worn_masks),
        worn=np.array([False] * len(product_images) + [True] * len(worn_images)),
        backdrops=backdrops(data, MASK_SIDE),
    )
    return path


def compose(
    image: np.ndarray, mask: np.ndarray, backdrop: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """The garment scaled and shifted onto a home backdrop, under a random light colour."""
    side = image.shape[0]
    scale = rng.uniform(0.55, 1.0)
    size = max(8, int(side * scale))
    small = cv2.resize(image, (size, size), interpolation=cv2.INTER_AREA)
    small_mask = cv2.resize(mask, (size, size), interpolation=cv2.INTER_NEAREST)
    x, y = rng.integers(0, side - size + 1, size=2)
    out = backdrop.copy()
    target = np.zeros((side, side), dtype=np.uint8)
    region = out[y : y + size, x : x + size]
    region[small_mask > 0] = small[small_mask > 0]
    target[y : y + size, x : x + size] = small_mask
    light = np.clip(rng.normal(1.0, 0.08, size=3), 0.8, 1.2) * np.array([1.0 + rng.uniform(0, 0.12), 1.0, 1.0])
    gain = rng.uniform(0.7, 1.15)
    out = np.clip(out.astype(np.float32) * light * gain, 0, 255).astype(np.uint8)
    if rng.random() < 0.3:
        out = cv2.GaussianBlur(out, (3, 3), 0)
    return out, target
