"""The learned garment mask: which pixels of a photo are the garment, not the bed, floor or hanger.

`models/mask.onnx` (trained by `training/mask.py`) is a small U-Net on a 128x128 letter-boxed view.
Its probabilities drive the colour measurement, the pattern crop and the cut-out. OpenCV does the
resizing and the connected-component clean-up (C++: faster than numpy for these sizes).
"""

from __future__ import annotations

from collections.abc import Callable
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
MIN_MAIN_PIECE = 0.45  # the largest piece's share of all garment pixels (a pair of shoes is two halves)
# A second piece that touches the photo's edge this far from its centre (share of the photo's side, either axis) is
# the model's hair or a bag at the frame, not a shoe's other half (a pair's halves sit within 0.25 of the centre).
FAR_FROM_CENTRE = 0.3
# On a worn product photo the mask runs on past the garment into another one: below a top into the jeans, above
# trousers into the shirt. When the mask reaches that edge of the photo and its band there is this far (CIELAB
# distance) in colour from the garment's middle, the rows past the hem (or waist) are not the garment. Nearer colours
# cannot be told apart, and the mask is kept. Not above a top: the model's hair stays (a hood, a fur trim or a bed
# above a jacket at home were cut off with it, read off the home sheets).
OTHER_GARMENT_DELTA_E = 20.0
RUNS_ON = {"top": ("below",), "outerwear": ("below",), "bottom": ("above",)}
_UNSURE_LOW, _UNSURE_HIGH = 0.2, 0.8
_CENTRE = (0.35, 0.65)  # the middle of the photo, as shares of its height and width
_HEM_SEARCH = 0.5  # a top's hem is looked for below this share of the photo's height
_HEM_RUN = 3  # rows in a row that look like the top: the hem, not a stripe of the jeans' colour
_BAND = 0.1  # the bottom band (another garment's colour) and half the middle band (the top's), as shares of the height
# The photo's own colours settle the pixels the model is unsure of (a 128 px model's edge is blurred over several
# pixels at the analysis size): a pixel coloured like the backdrop the model is sure of (the floor round a boot, the
# bed between two trouser legs, the green sheet along a jacket's edge) is pushed out, one coloured like the garment it
# is sure of is pulled in. A colour model of the photo (GrabCut's unary term, without its graph cut: cv2.grabCut took
# 26-170 ms at 320x240, the budget has ~2): log-likelihood ratio of colour histograms, added to the model's logit.
# RGB bins, not Lab: on the mask's held-out pairs (`python -m eval.masks --iou`) as good (IoU 0.895 vs 0.893 for
# 8x16x16 Lab on home backdrops) without a colour conversion.
SURE_GARMENT, SURE_BACKDROP = 0.9, 0.1  # the model's probability past which a pixel trains the colour model
MIN_SURE_SHARE = 0.02  # fewer sure pixels of either kind than this share of the photo: no colour model
RGB_SHIFT = 4  # histogram bins: 16 per channel
COLOUR_EVIDENCE_CLIP = 3.0  # at most this much log-odds from colour: a pixel's colour alone does not decide
_EVIDENCE_BLUR = (5, 5)  # the ratio map is smoothed: one pixel of a print or a weave is not an edge


@dataclass(frozen=True)
class GarmentMask:
    probability: FloatArray  # (h, w) in [0, 1], at the size of the image it was computed for
    mask: BoolArray  # the cleaned garment pixels
    fallback: bool  # True when the model found no garment and the centre prior was used
    reason: str | None = None  # which plausibility rule made it fall back

    @property
    def fraction(self) -> float:
        return float(self.mask.mean())

    @property
    def colour_from_mask(self) -> bool:
        """Whether the garment-pixel colour head may read `mask`: the learned one, or the centre prior standing in
        for a mask that kept the surroundings of a garment in the middle of the photo."""
        return not self.fallback or self.reason in CENTRE_IS_GARMENT


@dataclass(frozen=True)
class Shape:
    """The cleaned mask and what it came from, as the plausibility rules measure it."""

    probability: FloatArray
    mask: NDArray[np.uint8]
    category: str | None = None  # the garment's slot, when the caller knows it (top, bottom, shoes, ...)
    # The unsure rule's own measure, taken before another garment was cut off: its threshold was read off masks
    # that still held the jeans, and a pink tee the model doubts looks right once they are gone (None: measure here).
    unsure: float | None = None


def _area_share(shape: Shape) -> float:
    return float(shape.mask.mean())


def _unsure_per_garment(shape: Shape) -> float:
    if shape.unsure is not None:
        return shape.unsure
    unsure = np.count_nonzero((shape.probability > _UNSURE_LOW) & (shape.probability < _UNSURE_HIGH))
    return float(unsure / max(1, int(shape.mask.sum())))


def _least_border_covered(shape: Shape) -> float:
    mask = shape.mask
    return float(min(mask[0].mean(), mask[-1].mean(), mask[:, 0].mean(), mask[:, -1].mean()))


def _solidity(shape: Shape) -> float:
    contours, _ = cv2.findContours(shape.mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    hull_area = sum(cv2.contourArea(cv2.convexHull(contour)) for contour in contours)
    return float(shape.mask.sum() / max(1.0, hull_area))


def _centre_covered(shape: Shape) -> float:
    h, w = shape.mask.shape
    (low, high) = _CENTRE
    return float(shape.mask[int(low * h) : int(high * h), int(low * w) : int(high * w)].mean())


@dataclass(frozen=True)
class Rule:
    """A mask whose measure passes the limit (above it, or below it) is not the garment, for the reason given."""

    reason: str
    measure: Callable[[Shape], float]
    limit: float
    above: bool = False  # implausible above the limit; otherwise below it
    categories: frozenset[str] | None = None  # the slots it holds for (None: every photo)
    # When broken, the photo's middle is still the garment: its colour is measured there by the garment-pixel head
    # (the whole-photo head, which the other fallbacks use, said "red" for two pink tops whose prints were kept).
    centre_is_garment: bool = False

    def broken(self, shape: Shape) -> bool:
        if self.categories is not None and shape.category not in self.categories:
            return False
        value = self.measure(shape)
        return value > self.limit if self.above else value < self.limit


# A mask that breaks one of these is not the garment: colours then come from the centre of the photo and the cut-out
# is the photo itself. Read off the home and product photos' cut-outs by eye (docs/model-card.md).
RULES = (
    # A light tee on a light bed gave 5% of the photo: its owner framed the item, a smaller mask missed it.
    Rule("too small", _area_share, 0.08),
    # Pixels the model is unsure of (0.2..0.8) per garment pixel: a guess, not a mask.
    Rule("unsure", _unsure_per_garment, 0.9, above=True),
    # Covering half of every border: it took the backdrop around the garment.
    Rule("all borders", _least_border_covered, 0.5, above=True),
    # Area per area of its convex hull: a ragged outline of a print's fragments.
    Rule("ragged", _solidity, 0.45),
    # The photo's middle, where its owner (or the shop) put the garment, left out: the mask kept what is around it
    # (a white shirt on white erased, the model's hair and jeans kept; a tee's print kept, the tee erased). Not asked
    # of trousers and shorts (the middle falls between the legs, or on the legs below worn shorts), a pair of shoes
    # (the middle between the two) or a tie or strap (thin).
    Rule(
        "centre missed",
        _centre_covered,
        0.7,
        categories=frozenset({"top", "outerwear", "one-piece"}),
        centre_is_garment=True,
    ),
)
CENTRE_IS_GARMENT = frozenset(rule.reason for rule in RULES if rule.centre_is_garment)
FRAGMENTS = "fragments"  # the largest piece holds under MIN_MAIN_PIECE of the garment pixels: specks of a print


def with_colour_evidence(probability: FloatArray, rgb: NDArray[np.uint8]) -> FloatArray:
    """The model's probability, with the pixels it is unsure of moved by how garment-like their colour is."""
    garment, backdrop = probability >= SURE_GARMENT, probability <= SURE_BACKDROP
    if garment.mean() < MIN_SURE_SHARE or backdrop.mean() < MIN_SURE_SHARE:
        return probability
    levels = (np.asarray(rgb) >> RGB_SHIFT).astype(np.intp)
    bits = 8 - RGB_SHIFT
    bins = (levels[..., 0] << (2 * bits)) | (levels[..., 1] << bits) | levels[..., 2]
    size = 1 << (3 * bits)
    garment_hist = np.bincount(bins[garment], minlength=size) + 0.5  # half a count: a colour never seen is rare,
    backdrop_hist = np.bincount(bins[backdrop], minlength=size) + 0.5  # not impossible
    ratio = np.log(garment_hist / garment_hist.sum()) - np.log(backdrop_hist / backdrop_hist.sum())
    ratio = np.clip(ratio, -COLOUR_EVIDENCE_CLIP, COLOUR_EVIDENCE_CLIP).astype(np.float32)
    evidence = cv2.GaussianBlur(ratio[bins], _EVIDENCE_BLUR, 0)
    unsure = ~garment & ~backdrop
    p = np.clip(probability[unsure], 1e-4, 1 - 1e-4)
    out = probability.copy()
    out[unsure] = 1.0 / (1.0 + np.exp(-(np.log(p / (1 - p)) + evidence[unsure])))
    return out


def centre_prior(h: int, w: int) -> BoolArray:
    yy, xx = np.mgrid[0:h, 0:w]
    return np.asarray((((yy - h / 2) / (0.4 * h)) ** 2 + ((xx - w / 2) / (0.4 * w)) ** 2) <= 1.0)


def clean(
    probability: FloatArray,
    *,
    rgb: NDArray[np.uint8] | None = None,
    category: str | None = None,
    model_probability: FloatArray | None = None,
) -> tuple[BoolArray, str | None]:
    """Threshold, keep the garment's blobs (the largest and any of comparable size), fill their holes.

    With the photo (`rgb`) and the garment's category, a top's mask is cut at its hem when another garment runs on
    below it. `model_probability`, when `probability` has had colour evidence added, is the model's own: the unsure
    and fragments rules judge the model's doubts over the garment the model found (colour evidence settles them, and
    so kept 11 shop masks of fragments these rules had caught). Returns the mask and, when it is the centre prior
    standing in for an implausible one, the reason.
    """
    # The model's own doubts (specks of a print, coin-toss pixels) are judged on its own probability; colour evidence
    # tidies them away, and with it 0976f46d's fragments and 10359's print without its tee passed as garments.
    model = probability if model_probability is None else model_probability
    model_mask, reason = _pieces(model)
    if model_mask is None:
        return centre_prior(*probability.shape), reason
    filled = _filled(model_mask)
    unsure = _unsure_per_garment(Shape(model, filled))
    mask = model_mask
    if model is not probability:
        pieces, reason = _pieces(probability)
        if pieces is None:
            return centre_prior(*probability.shape), reason
        mask, filled = pieces, _filled(pieces)
    if rgb is not None:
        cut = mask
        for side in RUNS_ON.get(category or "", ()):
            cut, probability = _without_other_garment(cut, probability, rgb, side)
        filled = _filled(cut) if cut is not mask else filled
    reason = _broken_rule(Shape(probability, filled, category, unsure))
    if reason is not None:
        return centre_prior(*probability.shape), reason
    return filled.astype(bool), None


def _pieces(probability: FloatArray) -> tuple[NDArray[np.uint8] | None, str | None]:
    """The garment's blobs (the largest and any of comparable size, not a far piece at the edge), or why none."""
    binary = (probability >= THRESHOLD).astype(np.uint8)
    count, labels, stats, centroids = cv2.connectedComponentsWithStats(binary, connectivity=8)
    areas = stats[1:, cv2.CC_STAT_AREA]
    if count <= 1 or areas.max() < MIN_MAIN_PIECE * areas.sum():
        return None, "too small" if count <= 1 else FRAGMENTS
    keep = [n + 1 for n in np.flatnonzero(areas >= MIN_PART_FRACTION * areas.max())]
    largest = int(np.argmax(areas)) + 1
    keep = [n for n in keep if n == largest or not _far_at_the_edge(stats[n], centroids[n], probability.shape)]
    lookup = np.zeros(count, dtype=np.uint8)
    lookup[keep] = 1
    return lookup[labels], None


def _filled(mask: NDArray[np.uint8]) -> NDArray[np.uint8]:
    """Holes (a print the model doubted, a button) belong to the garment: fill what the border cannot reach."""
    flood = np.pad(1 - mask, 1, constant_values=1)
    cv2.floodFill(flood, None, (0, 0), 2)
    return np.asarray(mask | (flood[1:-1, 1:-1] == 1).astype(np.uint8), dtype=np.uint8)


def _far_at_the_edge(stat: NDArray[np.int32], centroid: NDArray[np.float64], shape: tuple[int, ...]) -> bool:
    h, w = shape[:2]
    x, y, bw, bh = (int(v) for v in stat[:4])
    at_edge = x == 0 or y == 0 or x + bw >= w or y + bh >= h
    offset = max(abs(centroid[0] / w - 0.5), abs(centroid[1] / h - 0.5))
    return at_edge and offset > FAR_FROM_CENTRE


def _without_other_garment(
    mask: NDArray[np.uint8], probability: FloatArray, rgb: NDArray[np.uint8], side: str
) -> tuple[NDArray[np.uint8], FloatArray]:
    """The mask and probability without the rows past the garment's edge on `side` (below a top's hem, above a
    bottom's waist) when another garment runs on there.

    Those rows are neither the garment's pixels nor its doubts, so the plausibility rules do not count them.
    """
    flip = side == "above"  # a waist is a hem seen upside down
    hem = _hem(mask[::-1] if flip else mask, rgb[::-1] if flip else rgb)
    if hem is None:
        return mask, probability
    rows = slice(0, mask.shape[0] - hem) if flip else slice(hem, None)
    mask, probability = mask.copy(), probability.copy()
    mask[rows] = 0
    probability[rows] = 0
    return mask, probability


def _hem(mask: NDArray[np.uint8], rgb: NDArray[np.uint8]) -> int | None:
    """The row of a top's hem when its mask runs on into another garment of a different colour below it, else None."""
    h = mask.shape[0]
    band = max(1, int(_BAND * h))
    start = int(0.45 * h) - band  # the middle band's first row: nothing above it is looked at
    bottom, middle = mask[h - band :] > 0, mask[start : start + 2 * band] > 0
    if not mask[-1].any() or bottom.sum() < band or middle.sum() < band:  # not at the edge: nothing else is there
        return None
    lab = np.asarray(cv2.cvtColor(rgb[start:].astype(np.float32) / 255, cv2.COLOR_RGB2Lab), dtype=np.float32)
    below = lab[h - band - start :][bottom].mean(axis=0)
    top = lab[: 2 * band][middle].mean(axis=0)
    if float(np.linalg.norm(below - top)) < OTHER_GARMENT_DELTA_E:
        return None
    return _hem_row(mask, lab, start, top, below)


def _hem_row(
    mask: NDArray[np.uint8], lab: NDArray[np.float32], start: int, top: FloatArray, below: FloatArray
) -> int | None:
    """The first row (going up from the bottom) from which the mask's pixels look like the top again, for a few rows.

    `lab` holds the photo's rows from `start` down. None when the other colour reaches up into the top's upper half:
    that is the top's own (a two-tone kurta), not another garment's.
    """
    first = int(_HEM_SEARCH * mask.shape[0]) + 1
    rows = lab[first - start :]
    nearer_below = ((rows - below) ** 2).sum(axis=2) < ((rows - top) ** 2).sum(axis=2)
    pixels = mask[first:] > 0
    counts = pixels.sum(axis=1)
    looks_below = (counts > 0) & ((nearer_below & pixels).sum(axis=1) >= 0.5 * counts)
    run = 0
    for index in range(len(looks_below) - 1, -1, -1):
        run = 0 if looks_below[index] else run + 1
        if run >= _HEM_RUN:
            return first + index + _HEM_RUN
    return None


def implausible(probability: FloatArray, mask: NDArray[np.uint8], *, category: str | None = None) -> str | None:
    """The reason the cleaned mask cannot be the garment (the first rule of RULES it breaks), or None."""
    return _broken_rule(Shape(probability, mask, category))


def _broken_rule(shape: Shape) -> str | None:
    return next((rule.reason for rule in RULES if rule.broken(shape)), None)


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

    def __call__(self, rgb: NDArray[np.uint8], *, category: str | None = None) -> GarmentMask:
        model = self.probability(rgb)
        probability = with_colour_evidence(model, rgb)
        mask, reason = clean(probability, rgb=rgb, category=category, model_probability=model)
        return GarmentMask(probability=probability, mask=mask, fallback=reason is not None, reason=reason)
