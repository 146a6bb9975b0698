"""Hand-made colour features: a CIELAB histogram of the (estimated) foreground of a garment photo.

The CNN embedding is poor at telling navy from black or beige from white under studio lighting;
a histogram in a perceptual colour space over the garment pixels gives the colour head that signal.
Only numpy and Pillow, so it runs the same in training and in the service.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

_SIDE = 64  # analysis resolution: colour statistics need few pixels
_BORDER = 3  # border ring (pixels) used to estimate the background colour
_BG_DELTA_E = 14.0  # pixels this far (CIE76) from the background colour count as foreground
_MIN_FG_FRACTION = 0.05

# Non-uniform bin edges: finer near neutral, where navy/black/grey and beige/white differ.
L_EDGES = np.array([0.0, 20.0, 35.0, 50.0, 65.0, 80.0, 101.0])
AB_EDGES = np.array([-np.inf, -30.0, -15.0, -5.0, 5.0, 15.0, 30.0, np.inf])
N_HIST = (len(L_EDGES) - 1) * (len(AB_EDGES) - 1) ** 2
COLOR_FEATURE_DIM = N_HIST + 6 + 3 + 3 + 1

# sRGB (D65) -> XYZ, and the D65 white point.
_RGB_TO_XYZ = np.array(
    [[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750], [0.0193339, 0.1191920, 0.9503041]]
)
_WHITE = np.array([0.95047, 1.0, 1.08883])


def rgb_to_lab(rgb: np.ndarray) -> np.ndarray:
    """Convert sRGB values in [0, 1] (shape (..., 3)) to CIELAB.

    Deliberately not app.vision.colours.rgb_to_lab: the trained colour head was fitted to exactly
    these numbers, so they are versioned with the model rather than with the colour-naming code.
    """
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    xyz = linear @ _RGB_TO_XYZ.T / _WHITE
    f = np.where(xyz > 216 / 24389, np.cbrt(xyz), (24389 / 27 * xyz + 16) / 116)
    lab = np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])], -1)
    return lab.astype(np.float32)


def to_rgb(image: Image.Image) -> Image.Image:
    """RGB view of any PIL image; transparent areas become white, as on a product photo."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        canvas = Image.new("RGB", rgba.size, (255, 255, 255))
        canvas.paste(rgba, mask=rgba.getchannel("A"))
        return canvas
    return as_rgb(image)


def as_rgb(image: Image.Image) -> Image.Image:
    """The image in RGB, itself when it already is: every caller only reads it (convert() would copy it)."""
    return image if image.mode == "RGB" else image.convert("RGB")


def foreground_weights(lab: np.ndarray) -> np.ndarray:
    """Per-pixel weights that favour the garment: far from the border colour and near the centre."""
    h, w, _ = lab.shape
    edges = (lab[:_BORDER], lab[-_BORDER:], lab[:, :_BORDER], lab[:, -_BORDER:])
    ring = np.concatenate([edge.reshape(-1, 3) for edge in edges])
    background = np.median(ring, axis=0)
    far = np.linalg.norm(lab - background, axis=-1) > _BG_DELTA_E
    yy, xx = np.mgrid[0:h, 0:w]
    centre = np.exp(-(((yy - h / 2) / (0.45 * h)) ** 2 + ((xx - w / 2) / (0.45 * w)) ** 2))
    # A garment photographed on a busy background, or filling the frame, leaves too few "far"
    # pixels; fall back to the centre prior then rather than describing a handful of pixels.
    if far.mean() < _MIN_FG_FRACTION:
        return np.asarray(centre / centre.sum(), dtype=np.float32)
    weights = far * centre
    return np.asarray(weights / weights.sum(), dtype=np.float32)


def color_features(image: Image.Image) -> np.ndarray:
    """Fixed-length colour descriptor of the garment (float32, length COLOR_FEATURE_DIM)."""
    small = to_rgb(image).resize((_SIDE, _SIDE), Image.Resampling.BOX)
    lab = rgb_to_lab(np.asarray(small, dtype=np.float32) / 255.0)
    weights = foreground_weights(lab)
    flat, wflat = lab.reshape(-1, 3), weights.reshape(-1)
    li = np.clip(np.digitize(flat[:, 0], L_EDGES) - 1, 0, len(L_EDGES) - 2)
    ai = np.digitize(flat[:, 1], AB_EDGES) - 1
    bi = np.digitize(flat[:, 2], AB_EDGES) - 1
    n_ab = len(AB_EDGES) - 1
    hist = np.bincount((li * n_ab + ai) * n_ab + bi, weights=wflat, minlength=N_HIST)
    mean = wflat @ flat
    std = np.sqrt(np.maximum(wflat @ (flat - mean) ** 2, 0.0))
    order = np.argsort(flat[:, 0])
    cdf = np.cumsum(wflat[order])
    l_pct = flat[order, 0][np.minimum(np.searchsorted(cdf, [0.1, 0.5, 0.9]), len(cdf) - 1)]
    chroma = np.hypot(flat[:, 1], flat[:, 2])
    chroma_stats = np.array([wflat @ chroma, float(wflat @ (chroma > 10)), float(wflat @ (chroma > 25))])
    fg_fraction = float((weights > 0).mean())
    parts = [np.sqrt(hist), mean / 50.0, std / 25.0, l_pct / 50.0, chroma_stats / [25.0, 1.0, 1.0]]
    return np.concatenate([*parts, [fg_fraction]]).astype(np.float32)
