"""Shared pieces of the training steps: cached features joined to targets, losses and metrics."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from sklearn.metrics import f1_score

from training.datasets import Dataset, load_all
from training.embed import CACHE

HEADS_WITH_COLOR = ("color",)  # heads that also see the hand-made colour features


@dataclass
class Cached:
    """One data set's cached front maps (N, 2, C, H, W), colour features and targets, in CSV order."""

    ds: Dataset
    front: np.ndarray
    color: np.ndarray


def load_cached(data: Path) -> dict[str, Cached]:
    out = {}
    for name, ds in load_all(data).items():
        with np.load(CACHE / f"{name}.npz") as cache:
            if list(cache["images"]) != ds.images:
                raise SystemExit(f"{name}: cache is stale; rerun `python -m training.embed --force`")
            out[name] = Cached(ds, cache["front"], cache["color"])
    return out


def partial_label_loss(logits: torch.Tensor, allowed: torch.Tensor) -> torch.Tensor:
    """-log P(label in allowed set); equals cross-entropy for single labels. Rows with no label skipped."""
    has = allowed.any(dim=1)
    if not bool(has.any()):
        return logits.sum() * 0.0
    log_p = torch.log_softmax(logits[has], dim=1)
    masked = log_p.masked_fill(~allowed[has], float("-inf"))
    return -torch.logsumexp(masked, dim=1).mean()


def correct(probs: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """Per labelled row: is the top class one of the allowed ones."""
    has = allowed.any(axis=1)
    top = probs[has].argmax(axis=1)
    return np.asarray(allowed[has][np.arange(len(top)), top])


def accuracy_and_f1(probs: np.ndarray, allowed: np.ndarray) -> tuple[float, float, int]:
    """Top-1 accuracy and macro-F1 over labelled rows (a set-valued label counts as its first class)."""
    has = allowed.any(axis=1)
    top = probs[has].argmax(axis=1)
    hit = allowed[has][np.arange(len(top)), top]
    truth = np.where(hit, top, allowed[has].argmax(axis=1))
    return float(hit.mean()), float(f1_score(truth, top, average="macro")), int(has.sum())


def tail_embeddings(tail: torch.nn.Module, front: np.ndarray, batch: int = 128) -> np.ndarray:
    """Run the tail over cached front maps of both views: (N, 2, ...) -> (N, 2, 1280) float32."""
    tail.eval()
    n = len(front)
    flat = front.reshape(n * 2, *front.shape[2:])
    out = np.zeros((n * 2, 1280), dtype=np.float32)
    with torch.no_grad():
        for start in range(0, len(flat), batch):
            chunk = torch.from_numpy(flat[start : start + batch].astype(np.float32))
            out[start : start + batch] = tail(chunk).numpy()
    return out.reshape(n, 2, 1280)
