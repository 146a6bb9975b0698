"""The learned garment mask: which pixels of a photo are the garment, not the bed, floor or hanger.

`models/mask.onnx` (trained by `training/mask.py`) is a small U-Net on a 128x128 letter-boxed view.
Its probabilities drive the colour measurement, the pattern crop and the cut-out. OpenCV does the
resizing and the connected-component clean-up (C++: faster than numpy for these sizes).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import onnxruntime as ort
from numpy.typing import NDArray

BoolArray = NDArray[np.bool_]
FloatArray = NDArray[np.float32]

THRESHOLD = 0.5
MIN_PART_FRACTION = 0.15  # a separate blob smaller than this share of the largest is backdrop clutter
# A mask that breaks one of these is not the garment (a light tee on a light bed gave 5% of the photo, or a
# print and some specks): colours then come from the centre of the photo and the cut-out is the photo itself.
# Read off the home and product photos' masks by eye (docs/model-card.md): 15 of 386 home photos fall back.
MIN_GARMENT_FRACTION = 0.08  # its owner framed the item: a mask under this share of the photo missed it
MAX_UNSURE_PER_GARMENT = 0.9  # pixels the model is unsure of (0.2..0.8) per garment pixel: a guess, not a mask
MIN_MAIN_PIECE = 0.45  # the largest piece's share of all garment pixels (a pair of shoes is two halves)
MIN_SOLIDITY = 0.45  # the mask's area per area of its convex hull: lower is a ragged outline of fragments
BORDER_COVERED = 0.5  # a mask covering this much of all four borders took the backdrop too
_UNSURE_LOW, _UNSURE_HIGH = 0.2, 0.8


@dataclass(frozen=True)
class GarmentMask:
    probability: FloatArray  # (h, w) in [0, 1], at the size of the image it was computed for
    mask: BoolArray  # the cleaned garment pixels
    fallback: bool  # True when the model found no garment and the centre prior was used

    @property
    def fraction(self) -> float:
        return float(self.mask.mean())


def centre_prior(h: int, w: int) -> BoolArray:
    yy, xx = np.mgrid[0:h, 0:w]
    return np.asarray((((yy - h / 2) / (0.4 * h)) ** 2 + ((xx - w / 2) / (0.4 * w)) ** 2) <= 1.0)


def clean(probability: FloatArray) -> tuple[BoolArray, bool]:
    """Threshold, keep the garment's blobs (the largest and any of comparable size), fill their holes.

    Returns the mask and whether it is the centre prior standing in for an implausible one.
    """
    binary = (probability >= THRESHOLD).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    areas = stats[1:, cv2.CC_STAT_AREA]
    if count <= 1 or areas.max() < MIN_MAIN_PIECE * areas.sum():
        return centre_prior(*probability.shape), True
    keep = np.flatnonzero(areas >= MIN_PART_FRACTION * areas.max()) + 1
    mask = np.isin(labels, keep).astype(np.uint8)
    # Holes (a print the model doubted, a button) belong to the garment: fill what the border cannot reach.
    flood = np.pad(1 - mask, 1, constant_values=1)
    cv2.floodFill(flood, None, (0, 0), 2)
    filled = mask | (flood[1:-1, 1:-1] == 1).astype(np.uint8)
    if implausible(probability, filled):
        return centre_prior(*probability.shape), True
    return filled.astype(bool), False


def implausible(probability: FloatArray, mask: NDArray[np.uint8]) -> bool:
    """True when the cleaned mask cannot be the garment (see the thresholds above)."""
    area = int(mask.sum())
    if area < MIN_GARMENT_FRACTION * mask.size:
        return True
    unsure = int(np.count_nonzero((probability > _UNSURE_LOW) & (probability < _UNSURE_HIGH)))
    if unsure > MAX_UNSURE_PER_GARMENT * area:
        return True
    borders = (mask[0].mean(), mask[-1].mean(), mask[:, 0].mean(), mask[:, -1].mean())
    if min(borders) >= BORDER_COVERED:
        return True
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    hull_area = sum(cv2.contourArea(cv2.convexHull(contour)) for contour in contours)
    return area < MIN_SOLIDITY * hull_area


class GarmentMasker:
    """Runs models/mask.onnx on an RGB array and returns a GarmentMask at the array's size."""

    def __init__(self, session: ort.InferenceSession, side: int) -> None:
        self._session = session
        self._side = side
        self._input = session.get_inputs()[0].name

    @classmethod
    def load(cls, path: Path, side: int, *, threads: int = 2) -> GarmentMasker:
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        return cls(ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"]), side)

    def probability(self, rgb: NDArray[np.uint8]) -> FloatArray:
        h, w = rgb.shape[:2]
        size = max(h, w)
        top, left = (size - h) // 2, (size - w) // 2
        square = np.zeros((size, size, 3), dtype=np.uint8)  # letter-boxed as in training
        square[top : top + h, left : left + w] = rgb
        small = cv2.resize(square, (self._side, self._side), interpolation=cv2.INTER_AREA)
        x = small.astype(np.float32).transpose(2, 0, 1)[None]
        (logits,) = self._session.run(None, {self._input: x})
        prob = 1.0 / (1.0 + np.exp(-np.asarray(logits, dtype=np.float32)[0, 0]))
        full = cv2.resize(prob, (size, size), interpolation=cv2.INTER_LINEAR)
        return np.asarray(full[top : top + h, left : left + w], dtype=np.float32)

    def __call__(self, rgb: NDArray[np.uint8]) -> GarmentMask:
        probability = self.probability(rgb)
        mask, fallback = clean(probability)
        return GarmentMask(probability=probability, mask=mask, fallback=fallback)
