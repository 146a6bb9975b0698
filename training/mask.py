"""Train the garment mask (foreground segmentation) and export it to ONNX: models/mask.onnx.

    python -m training.mask --data ../shared/data --out models/ --epochs 6

A small U-Net (4 stride-2 stages, 16-96 channels, ~0.2 M parameters) on 128x128 photos, trained
with binary cross-entropy + soft Dice on the pairs of `training.mask_data` (product photos on white
and garments composited onto home-photo backdrops under random light). Every fifth pair is held out;
the script prints the intersection-over-union on it, on white backgrounds and on home backdrops.
The exported graph takes uint8-range RGB floats (1, 3, 128, 128) and returns garment logits.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from app.vision.model import stamp_version
from training import mask_data
from training.mask_data import MASK_SIDE, compose

MASK_FILE = "mask.onnx"


def block(cin: int, cout: int, stride: int = 1, dilation: int = 1) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, stride=stride, padding=dilation, dilation=dilation, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True),
    )


class MaskNet(nn.Module):
    """Garment-vs-backdrop logits at the input resolution."""

    def __init__(self) -> None:
        super().__init__()
        self.enc1 = nn.Sequential(block(3, 16, 2), block(16, 16))
        self.enc2 = nn.Sequential(block(16, 32, 2), block(32, 32))
        self.enc3 = nn.Sequential(block(32, 64, 2), block(64, 64))
        self.enc4 = nn.Sequential(block(64, 96, 2), block(96, 96, dilation=2), block(96, 96, dilation=4))
        self.dec3 = block(96 + 64, 64)
        self.dec2 = block(64 + 32, 32)
        self.dec1 = block(32 + 16, 16)
        self.out = nn.Conv2d(16, 1, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = (x / 255.0 - 0.5) / 0.5
        e1 = self.enc1(x)
        e2 = self.enc2(e1)
        e3 = self.enc3(e2)
        e4 = self.enc4(e3)
        d3 = self.dec3(torch.cat([F.interpolate(e4, scale_factor=2.0, mode="bilinear"), e3], 1))
        d2 = self.dec2(torch.cat([F.interpolate(d3, scale_factor=2.0, mode="bilinear"), e2], 1))
        d1 = self.dec1(torch.cat([F.interpolate(d2, scale_factor=2.0, mode="bilinear"), e1], 1))
        return F.interpolate(self.out(d1), scale_factor=2.0, mode="bilinear")  # type: ignore[no-any-return]


def sample(
    images: np.ndarray, masks: np.ndarray, backdrops: np.ndarray, index: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    image, mask = images[index], masks[index]
    if rng.random() < 0.7:  # most of the time on a home backdrop; the rest on the studio white
        image, mask = compose(image, mask, backdrops[rng.integers(len(backdrops))], rng)
    if rng.random() < 0.5:
        image, mask = image[:, ::-1], mask[:, ::-1]
    return image, mask


def batch(items: list[tuple[np.ndarray, np.ndarray]]) -> tuple[torch.Tensor, torch.Tensor]:
    x = torch.from_numpy(np.stack([i for i, _ in items]).astype(np.float32)).permute(0, 3, 1, 2)
    y = torch.from_numpy(np.stack([m for _, m in items]).astype(np.float32))[:, None]
    return x, y


def loss_fn(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    bce = F.binary_cross_entropy_with_logits(logits, target)
    p = torch.sigmoid(logits)
    dice = 1 - (2 * (p * target).sum((1, 2, 3)) + 1) / (p.sum((1, 2, 3)) + target.sum((1, 2, 3)) + 1)
    return bce + dice.mean()


def iou(model: MaskNet, pairs: list[tuple[np.ndarray, np.ndarray]]) -> float:
    model.eval()
    scores = []
    with torch.no_grad():
        for start in range(0, len(pairs), 64):
            x, y = batch(pairs[start : start + 64])
            predicted = model(x) > 0
            truth = y > 0.5
            inter = (predicted & truth).sum((1, 2, 3)).float()
            union = (predicted | truth).sum((1, 2, 3)).float().clamp(min=1)
            scores.extend((inter / union).tolist())
    model.train()
    return float(np.mean(scores))


def train(data: Path, epochs: int, threads: int) -> MaskNet:
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    cached = np.load(mask_data.build(data))
    images, masks, backdrops = cached["images"], cached["masks"], cached["backdrops"]
    held_out = np.arange(len(images)) % 5 == 0
    train_index = np.flatnonzero(~held_out)
    rng_val = np.random.default_rng(1)
    val_home = [compose(images[i], masks[i], backdrops[rng_val.integers(len(backdrops))], rng_val)
                for i in np.flatnonzero(held_out)]  # fmt: skip
    val_white = [(images[i], masks[i]) for i in np.flatnonzero(held_out & ~cached["worn"])]
    model = MaskNet()
    optimiser = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=1e-4)
    steps = epochs * (len(train_index) // 32)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=3e-3, total_steps=steps)
    rng = np.random.default_rng(0)
    started, step = time.monotonic(), 0
    for epoch in range(epochs):
        order = rng.permutation(train_index)
        for start in range(0, len(order) - 31, 32):
            x, y = batch([sample(images, masks, backdrops, int(i), rng) for i in order[start : start + 32]])
            loss = loss_fn(model(x), y)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            step += 1
            if step % 50 == 0:
                print(f"  epoch {epoch + 1}/{epochs} step {step}/{steps} loss {loss.item():.3f} "
                      f"{time.monotonic() - started:.0f}s", flush=True)  # fmt: skip
        print(f"epoch {epoch + 1}: held-out IoU home backdrops {iou(model, val_home):.3f}, "
              f"white backgrounds {iou(model, val_white):.3f}", flush=True)  # fmt: skip
    return model.eval()


def export(model: MaskNet, out: Path) -> None:
    path = out / MASK_FILE
    dummy = torch.zeros(1, 3, MASK_SIDE, MASK_SIDE)
    torch.onnx.export(model, (dummy,), str(path), input_names=["rgb"], output_names=["logits"], opset_version=17,
                      dynamo=False)  # fmt: skip
    register(out)


def register(out: Path) -> None:
    """List <out>/mask.onnx in the manifest (with its hash), which each backbone export writes anew."""
    path = out / MASK_FILE
    manifest_path = out / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["mask"] = {"file": MASK_FILE, "side": MASK_SIDE, "input": "RGB 0-255 float, NCHW, letter-boxed"}
    manifest["files"][MASK_FILE] = hashlib.sha256(path.read_bytes()).hexdigest()
    stamp_version(manifest)
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"listed {path} ({path.stat().st_size / 1e6:.2f} MB) in {manifest_path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=Path("models"))
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the mask in --out (a backbone retrain): list it only")
    args = parser.parse_args()
    if args.keep:
        register(args.out)
        return
    export(train(args.data, args.epochs, args.threads), args.out)


if __name__ == "__main__":
    main()
