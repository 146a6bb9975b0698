"""Fine-tune the backbone's tail on the photos themselves, augmented toward home photos (on a GPU when there is one).

    python -m training.finetune_images --data ../shared/data [--epochs 30] [--device cuda]

The same tail as training.finetune (blocks 11-15 + head conv after the frozen ImageNet front), so every later
step (training.heads, export, the refits) is unchanged. What differs is what it learns from: augmented photos
instead of the two cached views, so it can learn what a home photo looks like:
- random crops and mirror images; warm and cool light, camera white balance and exposure; slight blur;
- product photos laid on home backdrops (the outer bands of clothing-types photos) where their white background
  is an exact mask, so the garment, not the studio, carries the colour;
- more tasks: the five heads of training.finetune, shoe kind and the finer types (jeans, joggers, coat...), with
  the home photos labelled by eye for this project (training/home_*.csv) counted three times.
Photos of eval/home_photos.csv are never trained on (77 of them are in the clothing-types training split).

Writes training/cache/tail.pt (and a copy in --copy-to, for a GPU machine's output folder).
"""

from __future__ import annotations

import argparse
import csv
import math
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image, ImageOps
from torch import nn

from app.vision.features import to_rgb
from app.vision.model import CROP_FRACTION, IMAGE_SIZE
from app.vision.taxonomy import SHOE_KINDS
from training import backbone, probe
from training.common import partial_label_loss
from training.datasets import DEFAULT_DATA, load_all
from training.finetune import TAIL_WEIGHTS
from training.labels import FINE_GROUPS, HEAD_LABELS, product_fine_type, product_shoe_kind
from training.studio import backdrops, product_mask

SEED = 20261204
STORE_SIDE = 256  # images are kept as their central square at this side; crops of it are taken at IMAGE_SIZE
TRAINING = Path(__file__).parent
EVAL_PHOTOS = TRAINING.parent / "eval" / "home_photos.csv"
HOME_REPEAT = 3
FINE_LABELS: tuple[str, ...] = tuple(dict.fromkeys(k for kinds in FINE_GROUPS.values() for k in kinds))
TASKS: dict[str, tuple[str, ...]] = {**HEAD_LABELS, "shoe_kind": SHOE_KINDS, "fine": FINE_LABELS}
LOSS_WEIGHT = {"type": 1.0, "pattern": 1.0, "color": 1.0, "style": 0.5, "season": 0.25, "shoe_kind": 1.0, "fine": 0.5}
NO_BACKDROP_COLOURS = ("white", "metallic")  # their garment pixels are too close to the studio white to cut out


@dataclass
class Row:
    path: Path
    source: str
    is_val: bool
    weight: float
    labels: dict[str, tuple[str, ...]]
    worn_by_model: bool = False


def _home_labels(name: str, column: str) -> dict[str, str]:
    with (TRAINING / name).open(newline="") as handle:
        return {r["image"]: r[column] for r in csv.DictReader(handle)}


def _eval_photos() -> set[str]:
    with EVAL_PHOTOS.open(newline="") as handle:
        return {r["image"] for r in csv.DictReader(handle)}


def _labels_of(targets: dict[str, np.ndarray], i: int) -> dict[str, tuple[str, ...]]:
    return {h: tuple(np.array(HEAD_LABELS[h])[m[i]]) for h, m in targets.items() if m[i].any()}


def build_rows(data: Path) -> list[Row]:
    """Every labelled photo with all the labels it has, as allowed-label sets per task."""
    datasets = load_all(data)
    colours = _home_labels("home_colours.csv", "color_family")
    patterns = _home_labels("home_patterns.csv", "pattern")
    shoes = _home_labels("home_shoe_kinds.csv", "shoe_kind")
    held_out = _eval_photos()
    rows: list[Row] = []
    ct = datasets["clothing-types"]
    for i, (image, val) in enumerate(zip(ct.images, ct.is_val, strict=True)):
        if image in held_out:
            continue
        labels = _labels_of(ct.targets, i)
        home = {"color": colours.get(image), "pattern": patterns.get(image), "shoe_kind": shoes.get(image)}
        labels.update({h: (v,) for h, v in home.items() if v})
        rows.append(Row(ct.root / image, ct.name, bool(val), HOME_REPEAT if any(home.values()) else 2.0, labels))
    for image in set(patterns).difference(ct.images).difference(held_out):  # "Not sure"/"Other" photos
        rows.append(Row(ct.root / image, ct.name, False, HOME_REPEAT, {"pattern": (patterns[image],)}))
    pa = datasets["product-attributes"]
    for i, (image, val, raw) in enumerate(zip(pa.images, pa.is_val, pa.raw, strict=True)):
        labels = _labels_of(pa.targets, i)
        shoe = product_shoe_kind(raw["articleType"], raw["productDisplayName"])
        fine = product_fine_type(raw["articleType"], raw["productDisplayName"])
        labels.update({h: (v,) for h, v in {"shoe_kind": shoe, "fine": fine}.items() if v})
        rows.append(Row(pa.root / image, pa.name, bool(val), 1.0, labels, raw["masterCategory"] == "Apparel"))
    pt = datasets["patterns"]
    for i, (image, val) in enumerate(zip(pt.images, pt.is_val, strict=True)):
        rows.append(Row(pt.root / image, pt.name, bool(val), 1.0, _labels_of(pt.targets, i)))
    return sorted(rows, key=lambda r: str(r.path))


def _load(path: Path, source: str, worn_by_model: bool) -> tuple[np.ndarray, np.ndarray]:
    """The photo's central square at STORE_SIDE (as app.vision.model.preprocess sees it) and, for a product
    photo, its studio mask (all zero when it has none)."""
    with Image.open(path) as opened:
        rgb = to_rgb(ImageOps.exif_transpose(opened))
    w, h = rgb.size
    side = min(w, h)
    box = ((w - side) // 2, (h - side) // 2, (w - side) // 2 + side, (h - side) // 2 + side)
    square = rgb.crop(box).resize((STORE_SIDE, STORE_SIDE), Image.Resampling.BICUBIC)
    pixels = np.asarray(square, dtype=np.uint8)
    mask = np.zeros((STORE_SIDE, STORE_SIDE), dtype=np.uint8)
    if source == "product-attributes":
        full = product_mask(np.asarray(rgb), worn_by_model)
        cut = Image.fromarray(full.astype(np.uint8) * 255).crop(box).resize((STORE_SIDE, STORE_SIDE))
        mask = np.asarray(cut, dtype=np.uint8)
    return pixels, mask


def load_images(rows: list[Row], workers: int) -> tuple[np.ndarray, np.ndarray]:
    start = time.monotonic()
    with ProcessPoolExecutor(workers) as pool:
        loaded = list(pool.map(_load, [r.path for r in rows], [r.source for r in rows],
                               [r.worn_by_model for r in rows], chunksize=64))  # fmt: skip
    print(f"decoded {len(rows)} photos in {time.monotonic() - start:.0f}s", flush=True)
    return np.stack([p for p, _ in loaded]), np.stack([m for _, m in loaded])


def targets_of(rows: list[Row]) -> dict[str, torch.Tensor]:
    out = {}
    for task, labels in TASKS.items():
        index = {label: j for j, label in enumerate(labels)}
        mask = np.zeros((len(rows), len(labels)), dtype=bool)
        for i, row in enumerate(rows):
            for label in row.labels.get(task, ()):
                mask[i, index[label]] = True
        out[task] = torch.from_numpy(mask)
    return out


class Augment:
    """Batch augmentation on the device: backdrop, light, crop, mirror, blur; uint8 NHWC in, [-1, 1] NCHW out."""

    def __init__(self, backdrop_pool: torch.Tensor, generator: torch.Generator) -> None:
        self.backdrops = backdrop_pool  # (K, 3, S, S) float in [0, 1]
        self.gen = generator

    def _rand(self, *shape: int) -> torch.Tensor:
        return torch.rand(*shape, generator=self.gen, device=self.gen.device)

    def __call__(self, pixels: torch.Tensor, mask: torch.Tensor, may_backdrop: torch.Tensor) -> torch.Tensor:
        x = pixels.permute(0, 3, 1, 2).float() / 255.0
        n = len(x)
        alpha = F.avg_pool2d(mask[:, None].float() / 255.0, 5, stride=1, padding=2)
        coverage = (mask > 127).float().mean(dim=(1, 2))
        lay = may_backdrop & (coverage > 0.1) & (coverage < 0.9) & (self._rand(n) < 0.5)
        if bool(lay.any()):
            picks = torch.randint(len(self.backdrops), (n,), generator=self.gen, device=self.gen.device)
            composed = alpha * x + (1 - alpha) * self.backdrops[picks]
            x = torch.where(lay[:, None, None, None], composed, x)
        x = self._light(x)
        x = self._crop(x)
        if self._rand(1).item() < 0.2:
            x = F.avg_pool2d(F.pad(x, (1, 1, 1, 1), mode="replicate"), 3, stride=1)
        return (x.clamp(0, 1) - 0.5) / 0.5

    def _light(self, x: torch.Tensor) -> torch.Tensor:
        """Warm or cool light and white balance, exposure, on 80% of photos."""
        n = len(x)
        warm = self._rand(n) * 0.25 - 0.1  # -0.1 (cool) .. +0.15 (warm, indoor bulbs)
        gains = torch.stack([1 + warm, torch.ones_like(warm), 1 - warm], dim=1)
        gains = gains * (1 + (self._rand(n, 3) - 0.5) * 0.08)
        exposure = 0.75 + self._rand(n, 1) * 0.4
        apply = (self._rand(n, 1) < 0.8).float()
        factor = apply * gains * exposure + (1 - apply)
        return x * factor[:, :, None, None]

    def _crop(self, x: torch.Tensor) -> torch.Tensor:
        """Random square-ish crops (0.5-1 of the area, the shipped crop is 0.77), mirrored half the time."""
        n = len(x)
        area = 0.5 + self._rand(n) * 0.5
        ratio = torch.exp((self._rand(n) - 0.5) * 2 * math.log(4 / 3))
        sx, sy = (area * ratio).sqrt().clamp(max=1), (area / ratio).sqrt().clamp(max=1)
        tx, ty = (self._rand(n) * 2 - 1) * (1 - sx), (self._rand(n) * 2 - 1) * (1 - sy)
        flip = torch.where(self._rand(n) < 0.5, -1.0, 1.0)
        theta = torch.zeros(n, 2, 3, device=x.device)
        theta[:, 0, 0], theta[:, 0, 2], theta[:, 1, 1], theta[:, 1, 2] = sx * flip, tx, sy, ty
        grid = F.affine_grid(theta, [n, 3, IMAGE_SIZE, IMAGE_SIZE], align_corners=False)
        return F.grid_sample(x, grid, mode="bilinear", padding_mode="reflection", align_corners=False)


def central(pixels: torch.Tensor) -> torch.Tensor:
    """What the service sees: the central CROP_FRACTION of the square at IMAGE_SIZE, in [-1, 1]."""
    x = pixels.permute(0, 3, 1, 2).float() / 255.0
    margin = round(STORE_SIDE * (1 - CROP_FRACTION) / 2)
    x = x[:, :, margin : STORE_SIDE - margin, margin : STORE_SIDE - margin]
    x = F.interpolate(x, size=(IMAGE_SIZE, IMAGE_SIZE), mode="bicubic", align_corners=False, antialias=True)
    return (x.clamp(0, 1) - 0.5) / 0.5


class Model(nn.Module):  # type: ignore[misc,unused-ignore]
    def __init__(self, front: backbone.Front, tail: backbone.Tail) -> None:
        super().__init__()
        self.front, self.tail = front, tail
        self.drop = nn.Dropout(0.3)
        self.heads = nn.ModuleDict({f"h_{t}": nn.Linear(backbone.EMBED_DIM, len(v)) for t, v in TASKS.items()})

    def forward(self, x: torch.Tensor) -> dict[str, torch.Tensor]:
        with torch.no_grad():
            front = self.front(x)
        emb = self.drop(self.tail(front))
        return {key.removeprefix("h_"): head(emb) for key, head in self.heads.items()}


def learning_rate_factor(progress: float) -> float:
    """Linear warm-up over the first 5%, then cosine to zero; progress is the larger of the steps' and the time
    budget's share, so a slower machine anneals within its budget instead of stopping at a high rate."""
    if progress < 0.05:
        return 0.04 + 0.96 * progress / 0.05
    return 0.5 * (1 + math.cos(math.pi * (progress - 0.05) / 0.95))


def train(model: Model, images: torch.Tensor, masks: torch.Tensor, rows: list[Row], args: argparse.Namespace) -> None:
    device = images.device
    gen = torch.Generator(device=device).manual_seed(SEED)
    pool = torch.from_numpy(backdrops(args.data, STORE_SIDE)).to(device).permute(0, 3, 1, 2).float() / 255.0
    augment = Augment(pool, gen)
    targets = {t: m.to(device) for t, m in targets_of(rows).items()}
    train_idx = torch.tensor([i for i, r in enumerate(rows) if not r.is_val], device=device)
    weights = torch.tensor([rows[i].weight for i in train_idx.tolist()], device=device)
    may_backdrop = torch.tensor(
        [r.source == "product-attributes" and not set(r.labels.get("color", ())) & set(NO_BACKDROP_COLOURS)
         for r in rows], device=device)  # fmt: skip
    per_epoch = len(train_idx) // args.batch
    steps = args.epochs * per_epoch
    tail_params = list(model.tail.parameters())
    opt = torch.optim.AdamW([{"params": tail_params, "lr": args.lr}, {"params": model.heads.parameters(),
                             "lr": args.lr * 10}], weight_decay=0.05)  # fmt: skip
    ema = torch.optim.swa_utils.AveragedModel(model.tail, multi_avg_fn=torch.optim.swa_utils.get_ema_multi_avg_fn(
        args.ema), use_buffers=True)  # fmt: skip
    autocast = torch.autocast(device.type, dtype=torch.bfloat16, enabled=device.type == "cuda")
    start = time.monotonic()
    for step in range(steps):
        progress = max(step / steps, (time.monotonic() - start) / args.budget_seconds)
        if progress >= 1:
            print(f"  stopped at step {step}: the {args.budget_seconds:.0f}s budget is spent", flush=True)
            break
        for group, base in zip(opt.param_groups, (args.lr, args.lr * 10), strict=True):
            group["lr"] = base * learning_rate_factor(progress)
        picks = train_idx[torch.multinomial(weights, args.batch, replacement=True, generator=gen)]
        x = augment(images[picks], masks[picks], may_backdrop[picks]).contiguous(memory_format=torch.channels_last)
        model.train()
        model.front.eval()
        if args.batch < 64 or args.freeze_bn:
            model.tail.eval()  # BatchNorm statistics of tiny batches would wreck the pretrained ones
        with autocast:
            logits = model(x)
            loss = sum(LOSS_WEIGHT[t] * partial_label_loss(logits[t].float(), targets[t][picks]) for t in TASKS)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        ema.update_parameters(model.tail)
        if (step + 1) % per_epoch == 0 or step + 1 == steps:
            elapsed = time.monotonic() - start
            left = elapsed / (step + 1) * (steps - step - 1)
            print(f"  epoch {(step + 1) // per_epoch}/{args.epochs} step {step + 1}/{steps}"
                  f" loss {float(loss.detach()):.3f}  {elapsed:.0f}s, ~{left:.0f}s left", flush=True)  # fmt: skip
    model.tail.load_state_dict(ema.module.state_dict())


def report(model: Model, images: torch.Tensor, rows: list[Row]) -> None:
    """Validation accuracy of the linear heads (the shipped heads are fitted later), on the service's crop."""
    model.eval()
    targets = targets_of(rows)
    held = [i for i, r in enumerate(rows) if r.is_val]
    probs: dict[str, list[torch.Tensor]] = {t: [] for t in TASKS}
    with torch.no_grad():
        for b in range(0, len(held), 256):
            idx = torch.tensor(held[b : b + 256], device=images.device)
            x = central(images[idx])
            logits = model(x)
            mirrored = model(x.flip(3))
            for t in TASKS:
                probs[t].append(((logits[t].float().softmax(1) + mirrored[t].float().softmax(1)) / 2).cpu())
    for t in TASKS:
        p = torch.cat(probs[t])
        allowed = targets[t][held]
        for source in sorted({rows[i].source for i in held}):
            pick = torch.tensor([rows[i].source == source for i in held]) & allowed.any(1)
            if int(pick.sum()):
                hit = allowed[pick].float().gather(1, p[pick].argmax(1, keepdim=True)).mean()
                print(f"  val {source:20s} {t:9s} acc {float(hit):.3f} (n={int(pick.sum())})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--lr", type=float, default=5e-4)
    parser.add_argument("--ema", type=float, default=0.998)
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--workers", type=int, default=2, help="processes decoding the photos")
    parser.add_argument("--limit", type=int, default=0, help="only this many photos (a smoke test)")
    parser.add_argument("--budget-seconds", type=float, default=math.inf, help="anneal and stop within this long")
    parser.add_argument("--freeze-bn", action="store_true", help="keep the tail's BatchNorm statistics")
    parser.add_argument("--probe", action="store_true", help="print training.probe's linear probes after training")
    parser.add_argument("--copy-to", type=Path, help="also write tail.pt here")
    parser.add_argument("--tail-out", type=Path, default=TAIL_WEIGHTS, help="where to write the tail")
    args = parser.parse_args()
    torch.manual_seed(SEED)
    rows = build_rows(args.data)
    if args.limit:
        rows = rows[:: max(1, len(rows) // args.limit)][: args.limit]
    print(f"{len(rows)} photos, {sum(not r.is_val for r in rows)} for training", flush=True)
    pixels, masks = load_images(rows, args.workers)
    device = torch.device(args.device)
    images, mask_t = torch.from_numpy(pixels).to(device), torch.from_numpy(masks).to(device)
    front, tail = backbone.split(backbone.pretrained())
    model = Model(front, tail).to(device).to(memory_format=torch.channels_last)
    train(model, images, mask_t, rows, args)
    state = {k: v.float().cpu() for k, v in model.tail.state_dict().items()}
    args.tail_out.parent.mkdir(parents=True, exist_ok=True)
    torch.save(state, args.tail_out)
    print(f"wrote {args.tail_out}", flush=True)
    if args.copy_to:
        args.copy_to.mkdir(parents=True, exist_ok=True)
        torch.save(state, args.copy_to / "tail.pt")
    report(model, images, rows)
    if args.probe:
        probe.report(args.tail_out.name, torch_embedder(model, args.workers), args.data)


def torch_embedder(model: Model, workers: int) -> probe.Embed:
    """Embeddings of photos as the service crops them, and of their mirror images."""
    device = next(model.parameters()).device

    def embed(paths: list[Path]) -> np.ndarray:
        rows = [Row(p, "clothing-types", True, 1.0, {}) for p in paths]
        pixels, _ = load_images(rows, workers)
        model.eval()
        out = []
        with torch.no_grad():
            for start in range(0, len(pixels), 256):
                x = central(torch.from_numpy(pixels[start : start + 256]).to(device))
                views = [model.tail(model.front(v)).float().cpu().numpy() for v in (x, x.flip(3))]
                out.append(np.stack(views, axis=1))
        return np.concatenate(out)

    return embed


if __name__ == "__main__":
    main()
