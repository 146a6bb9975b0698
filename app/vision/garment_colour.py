"""The colour family of the garment's own pixels, learned: `models/colour_head.npz` (training/colour_head.py).

The head is an MLP over the photo's embedding and a CIELAB description of the pixels the learned mask
calls garment (histogram, percentiles, hue) next to the same statistics of the backdrop, which tell the
head what the light did (a warm bulb turns the bed and the shirt yellow alike). It is trained on shop
photos, the same photos laid on home backdrops under warm/cool light, shadow and phone JPEG, and home
photos labelled by eye (training/home_colours.csv), so navy vs black or grey vs beige is judged on the
garment, not on the room. OpenCV does the Lab conversion and the resizing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

from app.vision.features import as_rgb
from app.vision.model import Head, load_heads

FloatArray = NDArray[np.float32]
BoolArray = NDArray[np.bool_]

SAMPLE_SIDE = 64  # colour needs area, not detail
MIN_PIXELS = 16  # fewer garment pixels than this: describe the whole photo instead
# Histogram bins, finer near neutral and in the dark, where navy/black/grey and beige/white differ.
L_EDGES = np.array([0.0, 15.0, 25.0, 35.0, 50.0, 65.0, 80.0, 90.0, 101.0], dtype=np.float32)
AB_EDGES = np.array([-np.inf, -25.0, -10.0, -3.0, 3.0, 10.0, 25.0, np.inf], dtype=np.float32)
N_HIST = (len(L_EDGES) - 1) * (len(AB_EDGES) - 1) ** 2
L_PERCENTILES = (10, 25, 50, 75, 90)
GARMENT_STATS = 6 + len(L_PERCENTILES) + 3 + 2
BACKDROP_STATS = 6 + 3
GARMENT_COLOUR_DIM = N_HIST + 3 * GARMENT_STATS + BACKDROP_STATS + 1
MAX_GAIN = 1.4  # white-balance gains are capped: a cast stronger than this is more likely the backdrop's colour


def garment_sample(image: Image.Image, mask: BoolArray | None) -> tuple[NDArray[np.uint8], BoolArray]:
    """The photo at SAMPLE_SIDE x SAMPLE_SIDE (area-averaged RGB) and which of those pixels are garment."""
    side = (SAMPLE_SIDE, SAMPLE_SIDE)
    rgb = np.asarray(cv2.resize(np.asarray(as_rgb(image)), side, interpolation=cv2.INTER_AREA), dtype=np.uint8)
    if mask is None:
        return rgb, np.ones(side, dtype=bool)
    resized = cv2.resize(mask.astype(np.uint8), side, interpolation=cv2.INTER_NEAREST)
    return rgb, np.asarray(resized > 0)


def _lab(rgb: FloatArray) -> FloatArray:
    """CIELAB (L 0-100) of float RGB in [0, 1], any shape (..., 3)."""
    if rgb.size == 0:
        return np.zeros(rgb.shape, dtype=np.float32)
    flat = np.ascontiguousarray(np.clip(rgb, 0, 1).reshape(-1, 1, 3), dtype=np.float32)
    return np.asarray(cv2.cvtColor(flat, cv2.COLOR_RGB2Lab), dtype=np.float32).reshape(rgb.shape)


def _histogram(lab: FloatArray) -> FloatArray:
    li = np.clip(np.digitize(lab[:, 0], L_EDGES) - 1, 0, len(L_EDGES) - 2)
    n_ab = len(AB_EDGES) - 1
    ai, bi = np.digitize(lab[:, 1], AB_EDGES) - 1, np.digitize(lab[:, 2], AB_EDGES) - 1
    hist = np.bincount((li * n_ab + ai) * n_ab + bi, minlength=N_HIST).astype(np.float32)
    return np.asarray(np.sqrt(hist / max(len(lab), 1)), dtype=np.float32)


def _garment_stats(lab: FloatArray) -> FloatArray:
    mean, std = lab.mean(axis=0), lab.std(axis=0)
    lightness = np.percentile(lab[:, 0], L_PERCENTILES)
    chroma = np.hypot(lab[:, 1], lab[:, 2])
    weights = chroma / max(float(chroma.sum()), 1e-6)  # hue of the coloured pixels, not of the greys
    unit = lab[:, 1:] / np.maximum(chroma, 1e-6)[:, None]
    spread = [chroma.mean() / 25.0, float((chroma > 8).mean()), float((chroma > 20).mean())]
    return np.concatenate([mean / 50.0, std / 25.0, lightness / 50.0, spread, weights @ unit]).astype(np.float32)


def _backdrop_stats(lab: FloatArray, white: FloatArray) -> FloatArray:
    if len(lab) == 0:
        return np.concatenate([np.zeros(6, np.float32), white])
    return np.concatenate([lab.mean(axis=0) / 50.0, lab.std(axis=0) / 25.0, white]).astype(np.float32)


def _under_neutral_light(garment: FloatArray, reference: FloatArray) -> FloatArray:
    """Garment RGB with the reference's cast removed (von Kries gains, capped: a red bed is not a red bulb)."""
    gains = np.clip(reference.mean() / np.maximum(reference, 1e-3), 1 / MAX_GAIN, MAX_GAIN)
    return np.asarray(garment * gains, dtype=np.float32)


def sample_features(rgb: NDArray[np.uint8], garment_pixels: BoolArray) -> FloatArray:
    """GARMENT_COLOUR_DIM numbers from a garment_sample: garment histogram and statistics, as seen and
    under two guesses of neutral light (the photo's brightest tones, the backdrop's average), and the backdrop."""
    if garment_pixels.sum() < MIN_PIXELS:
        garment_pixels = np.ones_like(garment_pixels)
    linear = rgb.astype(np.float32) / 255.0
    garment_rgb, backdrop_rgb = linear[garment_pixels], linear[~garment_pixels]
    white = np.percentile(linear.reshape(-1, 3), 95, axis=0).astype(np.float32)  # where the light's colour shows
    backdrop_mean = backdrop_rgb.mean(axis=0) if len(backdrop_rgb) else white
    lab = _lab(linear)  # one conversion for garment and backdrop, one for both relit views (C++ call cost)
    garment, n = lab[garment_pixels], int(garment_pixels.sum())
    relit = _lab(np.concatenate([_under_neutral_light(garment_rgb, ref) for ref in (white, backdrop_mean)]))
    parts: list[FloatArray] = [
        _histogram(garment),
        _garment_stats(garment),
        _garment_stats(relit[:n]),
        _garment_stats(relit[n:]),
        _backdrop_stats(lab[~garment_pixels], white),
        np.array([garment_pixels.mean()], dtype=np.float32),
    ]
    return np.concatenate(parts).astype(np.float32)


def garment_colour_features(image: Image.Image, mask: BoolArray | None) -> FloatArray:
    """Fixed-length description (GARMENT_COLOUR_DIM) of the garment's pixels and of the light on the backdrop."""
    return sample_features(*garment_sample(image, mask))


@dataclass(frozen=True)
class ColourHead:
    """Colour family probabilities of one garment from its embedding and garment_colour_features."""

    head: Head

    @classmethod
    def load(cls, path: Path, spec: dict[str, object]) -> ColourHead:
        return cls(load_heads(path, {"garment_colour": spec})["garment_colour"])

    @property
    def labels(self) -> tuple[str, ...]:
        return self.head.labels

    def probabilities(self, embedding: FloatArray, garment: FloatArray) -> dict[str, float]:
        probs = self.head.probabilities({"embedding": embedding[None], "garment_colour": garment[None]})[0]
        return {label: float(p) for label, p in zip(self.head.labels, probs, strict=True)}
