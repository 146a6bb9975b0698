"""The garment cut out of its photo: a WebP with the learned mask as its transparency."""

from __future__ import annotations

import io

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

from app.vision.mask import GarmentMask

CUTOUT_SIDE = 512  # longest side: enough for a wardrobe grid or a collage tile, cheap to encode
CUTOUT_CONTENT_TYPE = "image/webp"
CUTOUT_QUALITY = 80
# The alpha plane lossy too: soft mask edges look the same, and lossless alpha took 40% of the encode.
CUTOUT_ALPHA_QUALITY = 50
_EDGE_LOW, _EDGE_HIGH = 0.3, 0.7  # the mask probability ramps from transparent to opaque between these
_EDGE_BAND = np.ones((5, 5), np.uint8)  # how far (2 px at the mask's size) a soft edge reaches outside it
_INNER_BAND = np.ones((3, 3), np.uint8)  # and inside it (1 px): further in, the garment is opaque
_MARGIN = 0.04  # of the garment's size, kept around its bounding box
_VISIBLE = 25  # alpha above this counts as garment for the crop


def _reduced(image: Image.Image) -> Image.Image:
    rgb = image if image.mode == "RGB" else image.convert("RGB")
    factor = max(1, max(rgb.size) // CUTOUT_SIDE)
    rgb = rgb.reduce(factor) if factor > 1 else rgb.copy()
    rgb.thumbnail((CUTOUT_SIDE, CUTOUT_SIDE), Image.Resampling.BILINEAR)
    return rgb


def _alpha(garment: GarmentMask, size: tuple[int, int]) -> NDArray[np.uint8]:
    """Opacity at `size` (w, h): soft edges from the probability, never a hole inside the cleaned mask.

    Computed at the mask's own (analysis) size and scaled up once, as 8 bits: the mask has no finer detail.
    """
    if garment.fallback:  # an implausible mask: the photo itself, rather than a garment half erased
        return np.full((size[1], size[0]), 255, dtype=np.uint8)
    ramp = np.clip((garment.probability - _EDGE_LOW) * (1 / (_EDGE_HIGH - _EDGE_LOW)), 0, 1)
    # Soft only at the garment's own edge: a blob the clean-up dropped (a model's hair, a bag beside the shirt)
    # stays out instead of showing as a half-transparent ghost.
    mask = garment.mask.astype(np.uint8)
    edge = cv2.dilate(mask, _EDGE_BAND) > 0
    # Inside its outline the garment is opaque: a print the model doubted (white letters on a tee) showed the
    # backdrop through at 15% where the probability was low, holes in the cut-out.
    inner = cv2.erode(mask, _INNER_BAND, borderType=cv2.BORDER_REPLICATE) > 0
    alpha = np.where(inner, 1.0, np.where(garment.mask, np.maximum(ramp, 0.85), np.where(edge, ramp * 0.5, 0.0)))
    small = (alpha * 255).astype(np.uint8)
    return np.asarray(cv2.resize(small, size, interpolation=cv2.INTER_LINEAR), dtype=np.uint8)


def _crop_box(alpha: NDArray[np.uint8]) -> tuple[int, int, int, int]:
    """The garment's bounding box with a margin, as (left, top, right, bottom); the whole frame if empty."""
    h, w = alpha.shape
    points = cv2.findNonZero((alpha > _VISIBLE).astype(np.uint8))
    if points is None:
        return 0, 0, w, h
    x, y, bw, bh = cv2.boundingRect(points)
    pad = int(_MARGIN * max(bw - 1, bh - 1)) + 1
    return max(0, x - pad), max(0, y - pad), min(w, x + bw + pad), min(h, y + bh + pad)


def cutout_webp(image: Image.Image, garment: GarmentMask) -> bytes:
    """The garment on a transparent background, cropped to it, at most CUTOUT_SIDE px."""
    rgb = _reduced(image)
    alpha = _alpha(garment, rgb.size)
    left, top, right, bottom = _crop_box(alpha)
    red, green, blue = rgb.crop((left, top, right, bottom)).split()
    rgba = Image.merge("RGBA", (red, green, blue, Image.fromarray(alpha[top:bottom, left:right])))
    out = io.BytesIO()
    rgba.save(out, format="WEBP", quality=CUTOUT_QUALITY, alpha_quality=CUTOUT_ALPHA_QUALITY, method=0)
    return out.getvalue()
