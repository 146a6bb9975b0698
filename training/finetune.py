"""Fine-tune the backbone's tail (blocks 11-15 + head conv) on the cached front maps, multi-task.

    python -m training.finetune --data ../shared/data

All five fields train at once with linear heads (the shipped MLP heads are trained afterwards by
training.heads on the resulting embeddings). Writes training/cache/tail.pt.
"""

from __future__ import annotations

import argparse
import math
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

from training import backbone
from training.common import HEADS_WITH_COLOR, Cached, accuracy_and_f1, load_cached, partial_label_loss
from training.datasets import DEFAULT_DATA
from training.embed import CACHE
from training.labels import HEAD_LABELS

TAIL_WEIGHTS = CACHE / "tail.pt"
LOSS_WEIGHT = {"type": 1.0, "pattern": 1.0, "color": 0.5, "style": 0.5, "season": 0.25}
SEED = 20240611
# Weak labels (pattern words in product names) train the MLP heads only; the shipped tail was
# fine-tuned without them, and leaving them out here keeps this step reproducing it.
HEADS_ONLY_TARGETS = {("product-attributes", "pattern")}


class MultiTask(nn.Module):  # type: ignore[misc,unused-ignore]
    def __init__(self, tail: backbone.Tail, color_dim: int) -> None:
        super().__init__()
        self.tail = tail
        self.drop = nn.Dropout(0.3)
        self.heads = nn.ModuleDict({
            f"h_{name}": nn.Linear(1280 + (color_dim if name in HEADS_WITH_COLOR else 0), len(labels))
            for name, labels in HEAD_LABELS.items()
        })  # fmt: skip

    def forward(self, front: torch.Tensor, color: torch.Tensor) -> dict[str, torch.Tensor]:
        emb = self.drop(self.tail(front))
        out = {}
        for key, head in self.heads.items():
            name = key.removeprefix("h_")  # ModuleDict keys must not shadow attributes such as `type`
            x = torch.cat([emb, color], dim=1) if name in HEADS_WITH_COLOR else emb
            out[name] = head(x)
        return out


def rows_of(cached: dict[str, Cached], val: bool) -> list[tuple[str, int]]:
    return [(name, int(i)) for name, c in cached.items() for i in np.flatnonzero(c.ds.is_val == val)]


def make_batch(
    cached: dict[str, Cached], rows: list[tuple[str, int]], rng: np.random.Generator, train: bool
) -> tuple[torch.Tensor, torch.Tensor, dict[str, torch.Tensor]]:
    """Front maps (a random view when training), colour features and per-head allowed-class masks."""
    views = rng.integers(0, 2, len(rows)) if train else np.zeros(len(rows), dtype=int)
    front = np.stack([cached[n].front[i, v] for (n, i), v in zip(rows, views, strict=True)]).astype(np.float32)
    if train and rng.random() < 0.5:  # small translation: shift the 14x14 map by one cell
        front = np.roll(front, shift=tuple(rng.integers(-1, 2, 2)), axis=(2, 3))
    color = np.stack([cached[n].color[i] for n, i in rows])
    targets = {}
    for head, labels in HEAD_LABELS.items():
        mask = np.zeros((len(rows), len(labels)), dtype=bool)
        for r, (n, i) in enumerate(rows):
            if head in cached[n].ds.targets and (n, head) not in HEADS_ONLY_TARGETS:
                mask[r] = cached[n].ds.targets[head][i]
        targets[head] = torch.from_numpy(mask)
    return torch.from_numpy(front), torch.from_numpy(color), targets


def color_stats(cached: dict[str, Cached]) -> tuple[np.ndarray, np.ndarray]:
    allc = np.concatenate([c.color[~c.ds.is_val] for c in cached.values()])
    return allc.mean(0), allc.std(0) + 1e-6


def train(model: MultiTask, cached: dict[str, Cached], args: argparse.Namespace) -> None:
    rng = np.random.default_rng(SEED)
    rows = rows_of(cached, val=False)
    steps = args.epochs * math.ceil(len(rows) / args.batch)
    tail_params = [p for i, b in enumerate(model.tail.blocks) if i + 11 >= args.train_from for p in b.parameters()]
    tail_params += list(model.tail.head.parameters())
    opt = torch.optim.AdamW([
        {"params": tail_params, "lr": args.lr},
        {"params": model.heads.parameters(), "lr": args.lr * 10},
    ], weight_decay=1e-4)  # fmt: skip
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=[args.lr, args.lr * 10], total_steps=steps)
    for p in model.tail.parameters():
        p.requires_grad_(False)
    for p in tail_params:
        p.requires_grad_(True)
    step, start = 0, time.monotonic()
    for epoch in range(args.epochs):
        order = rng.permutation(len(rows))
        for b in range(0, len(rows), args.batch):
            front, color, targets = make_batch(cached, [rows[i] for i in order[b : b + args.batch]], rng, True)
            model.train()
            model.tail.eval()  # keep BatchNorm statistics frozen: batches are small and mixed-domain
            logits = model(front, color)
            loss = torch.stack([LOSS_WEIGHT[h] * partial_label_loss(logits[h], targets[h]) for h in HEAD_LABELS]).sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            step += 1
            if step % 25 == 0:
                eta = (time.monotonic() - start) / step * (steps - step)
                print(f"  epoch {epoch + 1} step {step}/{steps} loss {float(loss):.3f} ~{eta:.0f}s left", flush=True)


def report(model: MultiTask, cached: dict[str, Cached]) -> None:
    """Validation accuracy of the linear heads, for information (the shipped heads come later)."""
    model.eval()
    rng = np.random.default_rng(0)
    with torch.no_grad():
        _report(model, cached, rng)


def _report(model: MultiTask, cached: dict[str, Cached], rng: np.random.Generator) -> None:
    for name, c in cached.items():
        rows = [(name, int(i)) for i in np.flatnonzero(c.ds.is_val)]
        probs: dict[str, list[np.ndarray]] = {h: [] for h in c.ds.targets if (name, h) not in HEADS_ONLY_TARGETS}
        for b in range(0, len(rows), 256):
            front, color, _ = make_batch(cached, rows[b : b + 256], rng, False)
            logits = model(front, color)
            for h in probs:
                probs[h].append(torch.softmax(logits[h], 1).numpy())
        for h, p in probs.items():
            acc, f1, n = accuracy_and_f1(np.concatenate(p), c.ds.targets[h][c.ds.is_val])
            print(f"  val {name:20s} {h:8s} acc {acc:.3f} macro-F1 {f1:.3f} (n={n})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--lr", type=float, default=3e-4)
    parser.add_argument("--train-from", type=int, default=11, help="first block to train (11-15)")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.manual_seed(SEED)
    torch.set_num_threads(args.threads)
    cached = load_cached(args.data)
    mean, std = color_stats(cached)
    for c in cached.values():  # standardise colour features once, in place
        c.color = ((c.color - mean) / std).astype(np.float32)
    _, tail = backbone.split(backbone.pretrained())
    model = MultiTask(tail, color_dim=len(mean))
    train(model, cached, args)
    torch.save(model.tail.state_dict(), TAIL_WEIGHTS)
    print(f"wrote {TAIL_WEIGHTS}")
    report(model, cached)


if __name__ == "__main__":
    main()
