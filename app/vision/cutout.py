"""The garment cut out of its photo: a WebP with the learned mask as its transparency."""

from __future__ import annotations

import io

import cv2
import numpy as np
from PIL import Image

from app.vision.mask import GarmentMask

CUTOUT_SIDE = 512  # longest side: enough for a wardrobe grid or a collage tile, cheap to encode
CUTOUT_CONTENT_TYPE = "image/webp"
CUTOUT_QUALITY = 80
_EDGE_LOW, _EDGE_HIGH = 0.3, 0.7  # the mask probability ramps from transparent to opaque between these
_MARGIN = 0.04  # of the garment's size, kept around its bounding box


def _reduced(image: Image.Image) -> Image.Image:
    rgb = image.convert("RGB")
    factor = max(1, max(rgb.size) // CUTOUT_SIDE)
    rgb = rgb.reduce(factor) if factor > 1 else rgb.copy()
    rgb.thumbnail((CUTOUT_SIDE, CUTOUT_SIDE), Image.Resampling.BILINEAR)
    return rgb


def cutout_webp(image: Image.Image, garment: GarmentMask) -> bytes:
    """The garment on a transparent background, cropped to it, at most CUTOUT_SIDE px."""
    rgb = _reduced(image)
    w, h = rgb.size
    probability = cv2.resize(garment.probability, (w, h), interpolation=cv2.INTER_LINEAR)
    inside = cv2.resize(garment.mask.astype(np.uint8), (w, h), interpolation=cv2.INTER_NEAREST) > 0
    # Soft edges from the probability, but never a hole inside what the cleaned mask calls garment.
    ramp = np.clip((probability - _EDGE_LOW) / (_EDGE_HIGH - _EDGE_LOW), 0, 1)
    alpha = np.where(inside, np.maximum(ramp, 0.85), ramp * 0.5) if not garment.fallback else np.ones((h, w))
    alpha_u8 = (alpha * 255).astype(np.uint8)
    ys, xs = np.nonzero(alpha_u8 > 25)
    rgba = rgb.convert("RGBA")
    rgba.putalpha(Image.fromarray(alpha_u8))
    if len(xs):
        pad = int(_MARGIN * max(np.ptp(xs), np.ptp(ys))) + 1
        box = (max(0, xs.min() - pad), max(0, ys.min() - pad), min(w, xs.max() + pad + 1), min(h, ys.max() + pad + 1))
        rgba = rgba.crop(box)
    out = io.BytesIO()
    rgba.save(out, format="WEBP", quality=CUTOUT_QUALITY, method=0)
    return out.getvalue()
