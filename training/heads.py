"""Train the shipped MLP heads on backbone embeddings (+ colour features) and save them as numpy arrays.

    python -m training.heads --data ../shared/data --out models/

Uses the fine-tuned tail from training/cache/tail.pt when present (else the ImageNet tail). Each
training row contributes both of its views (as is, mirrored); validation averages the two views'
probabilities, exactly as app.vision.model does at run time. Writes <out>/heads.npz.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn

from training import backbone
from training.common import HEADS_WITH_COLOR, Cached, accuracy_and_f1, load_cached, tail_embeddings
from training.datasets import DEFAULT_DATA
from training.embed import CACHE
from training.finetune import TAIL_WEIGHTS
from training.labels import HEAD_LABELS

HEADS_FILE = "heads.npz"
HIDDEN = 256
EPOCHS = 40
SEED = 7
# Heads whose metric is macro-F1 on skewed labels get inverse-sqrt-frequency class weights.
BALANCED = ("style", "season")
# Home photos (clothing-types) are what users upload, so they count double where sets share a head.
DOMAIN_WEIGHT = {"clothing-types": 2.0}


@dataclass
class HeadData:
    x: np.ndarray  # (N, 2, D): both views
    allowed: np.ndarray  # (N, C)
    is_val: np.ndarray
    source: np.ndarray  # data set name per row, for per-set reporting


def load_tail() -> tuple[backbone.Tail, str]:
    _, tail = backbone.split(backbone.pretrained())
    if not TAIL_WEIGHTS.exists():
        return tail, "imagenet"
    tail.load_state_dict(torch.load(TAIL_WEIGHTS))
    return tail, hashlib.sha256(TAIL_WEIGHTS.read_bytes()).hexdigest()[:12]


def embeddings(cached: dict[str, Cached], tail: backbone.Tail, tag: str) -> dict[str, np.ndarray]:
    """(N, 2, 1280) embeddings per data set, cached per tail version."""
    path = CACHE / f"emb-{tag}.npz"
    if path.exists():
        with np.load(path) as f:
            return {k: f[k] for k in f.files}
    out = {}
    for name, c in cached.items():
        print(f"  embedding {name} ({len(c.front)} images)", flush=True)
        out[name] = tail_embeddings(tail, c.front)
    np.savez(path, **out)  # type: ignore[arg-type]
    return out


def head_data(head: str, cached: dict[str, Cached], emb: dict[str, np.ndarray]) -> HeadData:
    parts = []
    for name, c in cached.items():
        if head not in c.ds.targets:
            continue
        x = emb[name]
        if head in HEADS_WITH_COLOR:
            x = np.concatenate([x, np.repeat(c.color[:, None, :], 2, axis=1)], axis=2)
        keep = c.ds.targets[head].any(axis=1)
        parts.append((x[keep], c.ds.targets[head][keep], c.ds.is_val[keep], np.full(keep.sum(), name)))
    return HeadData(*(np.concatenate([p[i] for p in parts]) for i in range(4)))


def class_weights(allowed: np.ndarray, balanced: bool) -> torch.Tensor:
    counts = allowed.sum(axis=0).astype(np.float64) + 1.0
    w = counts**-0.5 if balanced else np.ones_like(counts)
    return torch.tensor(w / (w * counts).sum() * counts.sum(), dtype=torch.float32)


def fit(data: HeadData, balanced: bool) -> tuple[nn.Sequential, np.ndarray, np.ndarray]:
    """Train an MLP on the training rows; returns it with the input standardisation."""
    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    x, allowed = data.x[~data.is_val], data.allowed[~data.is_val]
    mean, scale = x.reshape(-1, x.shape[-1]).mean(0), x.reshape(-1, x.shape[-1]).std(0) + 1e-6
    xs = torch.from_numpy(((x - mean) / scale).astype(np.float32))
    target = torch.from_numpy(allowed)
    weights = class_weights(allowed, balanced)
    model = nn.Sequential(nn.Dropout(0.2), nn.Linear(x.shape[-1], HIDDEN), nn.ReLU(), nn.Dropout(0.5),
                          nn.Linear(HIDDEN, allowed.shape[1]))  # fmt: skip
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-2)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, EPOCHS)
    row_weight = (target.float() * weights).sum(1) / target.float().sum(1)
    row_weight *= torch.tensor([DOMAIN_WEIGHT.get(s, 1.0) for s in data.source[~data.is_val]])
    for _ in range(EPOCHS):
        model.train()
        order = torch.from_numpy(rng.permutation(len(xs)))
        views = torch.from_numpy(rng.integers(0, 2, len(xs)))
        for b in range(0, len(xs), 128):
            idx = order[b : b + 128]
            logits = model(xs[idx, views[idx]])
            loss = weighted_loss(logits, target[idx], row_weight[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()
    return model.eval(), mean, scale


def weighted_loss(logits: torch.Tensor, allowed: torch.Tensor, row_weight: torch.Tensor) -> torch.Tensor:
    """Partial-label negative log-likelihood, weighted per row (by its class's weight)."""
    log_p = torch.log_softmax(logits, dim=1).masked_fill(~allowed, float("-inf"))
    return -(torch.logsumexp(log_p, dim=1) * row_weight).sum() / row_weight.sum()


def predict(model: nn.Sequential, mean: np.ndarray, scale: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Probabilities averaged over the two views."""
    xs = torch.from_numpy(((x - mean) / scale).astype(np.float32))
    with torch.no_grad():
        return np.asarray(torch.softmax(model(xs), dim=-1).mean(dim=1).numpy())


def to_arrays(name: str, model: nn.Sequential, mean: np.ndarray, scale: np.ndarray) -> dict[str, np.ndarray]:
    linears = [m for m in model if isinstance(m, nn.Linear)]
    arrays = {f"{name}.mean": mean.astype(np.float32), f"{name}.scale": scale.astype(np.float32)}
    for i, lin in enumerate(linears):
        # float16 halves the file; the runtime computes in float32 (accuracy unchanged at this size)
        arrays[f"{name}.w{i}"] = lin.weight.detach().numpy().T.astype(np.float16).copy()
        arrays[f"{name}.b{i}"] = lin.bias.detach().numpy().astype(np.float32)
    return arrays


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=Path("models"))
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    cached = load_cached(args.data)
    tail, tag = load_tail()
    emb = embeddings(cached, tail, tag)
    arrays: dict[str, np.ndarray] = {}
    spec = {}
    for head, labels in HEAD_LABELS.items():
        data = head_data(head, cached, emb)
        model, mean, scale = fit(data, balanced=head in BALANCED)
        probs = predict(model, mean, scale, data.x[data.is_val])
        for source in np.unique(data.source):
            sel = data.source[data.is_val] == source
            acc, f1, n = accuracy_and_f1(probs[sel], data.allowed[data.is_val][sel])
            print(f"  val {source:20s} {head:8s} acc {acc:.3f} macro-F1 {f1:.3f} (n={n})", flush=True)
        arrays |= to_arrays(head, model, mean, scale)
        inputs = ["embedding", "color"] if head in HEADS_WITH_COLOR else ["embedding"]
        spec[head] = {"labels": list(labels), "inputs": inputs, "layers": 2}
    arrays["spec"] = np.array(json.dumps({"tail": tag, "heads": spec}))
    args.out.mkdir(parents=True, exist_ok=True)
    np.savez(args.out / HEADS_FILE, **arrays)  # type: ignore[arg-type]
    print(f"wrote {args.out / HEADS_FILE}")


if __name__ == "__main__":
    main()
