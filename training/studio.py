"""Studio photos and home backdrops, with no dependency on the service: garment masks of white-background
product photos and the outer bands of home photos (the bed, floor or table under the garment).

Used by the mask's training pairs (training.mask_data) and by the image fine-tune (training.finetune_images),
which also runs on a GPU machine that has torch, numpy, OpenCV and Pillow but not the service's packages.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from PIL import Image

WHITE_LEVEL = 232  # a studio background pixel is at least this bright in every channel


def product_mask(rgb: np.ndarray, worn_by_model: bool) -> np.ndarray:
    """Foreground of a white-background product photo: not near-white-connected-to-border, minus skin."""
    near_white = (rgb.min(axis=2) >= WHITE_LEVEL).astype(np.uint8)
    _, labels = cv2.connectedComponents(near_white, connectivity=4)
    border = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    background = np.isin(labels, border[border > 0]) & (near_white > 0)
    mask = ~background
    if worn_by_model:
        ycrcb = cv2.cvtColor(rgb, cv2.COLOR_RGB2YCrCb)
        skin = (ycrcb[..., 1] >= 138) & (ycrcb[..., 1] <= 173) & (ycrcb[..., 2] >= 77) & (ycrcb[..., 2] <= 127)
        mask &= ~skin
    mask = cv2.morphologyEx(mask.astype(np.uint8), cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    return mask.astype(bool)


def backdrops(data: Path, side: int, count: int = 600) -> np.ndarray:
    """Square crops of the outer bands of home photos: mostly the bed, floor or table under the garment."""
    paths = sorted((data / "clothing-types" / "images").iterdir())[::7][:count]
    out = []
    for i, path in enumerate(paths):
        with Image.open(path) as opened:
            rgb = np.asarray(opened.convert("RGB"))
        h, w = rgb.shape[:2]
        band = max(16, min(h, w) // 4)
        crop = [rgb[:band], rgb[-band:], rgb[:, :band], rgb[:, -band:]][i % 4]
        out.append(cv2.resize(crop, (side, side), interpolation=cv2.INTER_LINEAR))
    return np.stack(out)
