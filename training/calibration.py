"""Confidence calibration shared by the head trainers and the evaluation: temperature scaling and ECE."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from app.vision.model import softmax

TEMPERATURES = np.exp(np.linspace(np.log(0.3), np.log(8.0), 80))


def label_nll(logits: np.ndarray, allowed: np.ndarray, weights: np.ndarray | None = None) -> float:
    """Mean -log P(label in allowed set) over rows: cross-entropy when each row has one label."""
    z = logits - logits.max(axis=-1, keepdims=True)
    log_norm = np.log(np.exp(z).sum(axis=-1))
    log_allowed = np.log(np.where(allowed, np.exp(z), 0.0).sum(axis=-1) + 1e-300)
    return float(np.average(log_norm - log_allowed, weights=weights))


def fit_temperature(logits: np.ndarray, allowed: np.ndarray, weights: np.ndarray | None = None) -> float:
    """The temperature minimising the (row-weighted) negative log-likelihood; a grid search is robust.

    logits: (N, C) or per view (N, V, C); allowed: (N, C) boolean (one-hot for single labels).
    """
    if logits.ndim == 3:  # every view is a sample of its image's label
        allowed = np.repeat(allowed[:, None, :], logits.shape[1], axis=1)
        weights = None if weights is None else np.repeat(weights[:, None], logits.shape[1], axis=1)
    nll = [label_nll(logits / t, allowed, weights) for t in TEMPERATURES]
    return float(TEMPERATURES[int(np.argmin(nll))])


def equal_source_weights(source: np.ndarray) -> np.ndarray:
    """Row weights under which every source (data set) counts as much as any other."""
    _, index, counts = np.unique(source, return_inverse=True, return_counts=True)
    return np.asarray(1.0 / counts[index], dtype=float)


def image_probabilities(view_logits: np.ndarray, temperature: float) -> np.ndarray:
    """(N, V, C) per-view logits -> (N, C): softmax at the temperature, averaged over views (as served)."""
    return np.asarray(softmax(view_logits / temperature).mean(axis=1))


def ece(confidence: Sequence[float] | np.ndarray, hits: Sequence[bool] | np.ndarray, bins: int = 10) -> float:
    """Expected calibration error: mean |accuracy - confidence| over equal-width bins, weighted by size."""
    conf, ok = np.asarray(confidence, dtype=float), np.asarray(hits, dtype=float)
    index = np.minimum((conf * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        members = index == b
        if members.any():
            total += members.mean() * abs(ok[members].mean() - conf[members].mean())
    return float(total)


def one_hot(truth: np.ndarray, classes: int) -> np.ndarray:
    return np.asarray(np.eye(classes, dtype=bool)[truth])


def fit_logit_map(confidence: np.ndarray, hits: np.ndarray, weights: np.ndarray | None = None) -> tuple[float, float]:
    """Platt scaling of reported confidences: (slope, offset) of sigmoid(slope * logit(p) + offset) minimising
    the weighted log loss of the hits (Newton's method on two parameters; a small ridge keeps it finite when a
    field is always right)."""
    from app.vision.confidence import logit

    x = np.asarray([logit(float(p)) for p in confidence])
    y = np.asarray(hits, dtype=float)
    w = np.ones_like(x) if weights is None else np.asarray(weights, dtype=float) / np.mean(weights)
    design = np.stack([x, np.ones_like(x)], axis=1)
    theta = np.array([1.0, 0.0])
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-np.clip(design @ theta, -30, 30)))
        gradient = design.T @ (w * (p - y)) + 1e-2 * theta
        hessian = (design * (w * p * (1 - p))[:, None]).T @ design + 1e-2 * np.eye(2)
        step = np.clip(np.linalg.solve(hessian, gradient), -1.0, 1.0)  # damped: a nearly separable field converges
        theta = theta - step
        if np.abs(step).max() < 1e-8:
            break
    return float(max(theta[0], 1e-3)), float(theta[1])  # increasing, so no answer's rank can change


def fit_isotonic(
    confidence: np.ndarray, hits: np.ndarray, weights: np.ndarray | None = None
) -> tuple[list[float], list[float]]:
    """Pool-adjacent-violators: the non-decreasing step function of the confidence closest to the hits
    (weighted least squares), as knots (each block's lowest and highest confidence, at the block's accuracy)."""
    order = np.argsort(confidence, kind="stable")
    x = np.asarray(confidence, dtype=float)[order]
    y = np.asarray(hits, dtype=float)[order]
    w = np.ones_like(x) if weights is None else np.asarray(weights, dtype=float)[order]
    blocks: list[list[float]] = []  # weighted sum of hits, weight, lowest and highest confidence
    for xi, yi, wi in zip(x, y, w, strict=True):
        blocks.append([wi * yi, wi, xi, xi])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] >= blocks[-1][0] / blocks[-1][1]:
            last = blocks.pop()
            blocks[-1] = [blocks[-1][0] + last[0], blocks[-1][1] + last[1], blocks[-1][2], last[3]]
    knots_x = [v for block in blocks for v in (block[2], block[3])]
    knots_y = [block[0] / block[1] for block in blocks for _ in (0, 1)]
    return knots_x, knots_y
