"""Train the garment colour head (`models/colour_head.npz`) on what the service computes from each photo.

    python -m training.colour_head --data ../shared/data --out models/

Every training photo goes through the shipped pipeline (`analysis_copy`, the int8 backbone with flip
averaging, the learned mask) and `app.vision.garment_colour.garment_colour_features`; the rows are
cached in training/cache/colour-<source>.npz. Sources:
- `shop`: product-attributes photos as they are (baseColour -> family; Multi and blank dropped);
- `shop-home`: the TRAINING split of them laid on home-photo backdrops by their exact white-background
  mask, under warm/cool light, exposure change, a soft shadow, blur and phone JPEG (`home_like`);
- `home`: clothing-types photos labelled by eye for this project (training/home_colours.csv, disjoint
  from eval/home_photos.csv), as they are and twice under mild light changes.
The MLP (256 ReLU units, dropout) is fitted on four fifths of the training rows; its temperature on the
remaining calibration fifth. Validation = the product-attributes validation split (printed here) and
eval/home_photos.csv (`python -m eval.vision`), never used for fitting or calibration.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import torch
from PIL import Image
from torch import nn

from app.vision import mask as garment_mask_module
from app.vision.analyze import SECOND_COLOUR_CANDIDATE, analysis_copy
from app.vision.garment_colour import garment_sample, sample_features
from app.vision.mask import GarmentMasker
from app.vision.model import VisionModel, stamp_version
from training.calibration import equal_source_weights, fit_temperature, one_hot
from training.datasets import clothing_types, product_attributes, refuse_validation_images, stratified_split
from training.labels import BASE_COLOUR_MAP, COLOR_LABELS
from training.progress import Progress
from training.shipped_cache import CACHE

COLOUR_FILE = "colour_head.npz"
HOME_LABELS = Path(__file__).with_name("home_colours.csv")
EVAL_LABELS = Path(__file__).parent.parent / "eval" / "home_photos.csv"
HOME_VARIANTS = 3  # each labelled home photo: as is, and twice under a mild change of light
SHOP_HOME_VARIANTS = 2  # each training shop photo laid on two different home backdrops
HOME_WEIGHT = 4.0  # few home photos, and they look like user uploads
HIDDEN = 256
WEIGHT_DECAY = 1e-2


def _rng(key: str) -> np.random.Generator:
    return np.random.default_rng(int(hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:8], 16))


def backdrop_pool(data: Path, count: int = 300) -> list[Path]:
    """clothing-types photos whose outer bands serve as beds and floors (never a validation photo)."""
    with EVAL_LABELS.open(newline="") as handle:
        held_out = {row["image"] for row in csv.DictReader(handle)}
    images = sorted(p for p in (data / "clothing-types" / "images").iterdir() if f"images/{p.name}" not in held_out)
    return images[:: max(1, len(images) // count)][:count]


def backdrop(path: Path, size: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    with Image.open(path) as opened:
        rgb = np.asarray(opened.convert("RGB"))
    h, w = rgb.shape[:2]
    band = max(16, min(h, w) // 4)
    crop = [rgb[:band], rgb[-band:], rgb[:, :band], rgb[:, -band:]][int(rng.integers(4))]
    return cv2.resize(crop, size, interpolation=cv2.INTER_LINEAR)


def relight(rgb: np.ndarray, rng: np.random.Generator, strength: float = 1.0) -> np.ndarray:
    """Warm or cool light, exposure, a soft linear shadow and phone JPEG: what a home photo does to colour."""
    h, w = rgb.shape[:2]
    warmth = rng.normal(0.0, 0.08 * strength)  # > 0: tungsten (more red, less blue)
    gains = np.array([1 + warmth, 1 + rng.normal(0, 0.025 * strength), 1 - warmth]) * rng.uniform(
        1 - 0.3 * strength, 1 + 0.12 * strength
    )
    out = rgb.astype(np.float32) * gains.astype(np.float32)
    if rng.random() < 0.5 * strength:
        angle = rng.uniform(0, 2 * np.pi)
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        ramp = (np.cos(angle) * xx / w + np.sin(angle) * yy / h) + 0.5
        out *= (1 - rng.uniform(0.1, 0.35) * np.clip(ramp, 0, 1))[..., None]
    out = np.clip(out, 0, 255).astype(np.uint8)
    if rng.random() < 0.3:
        out = cv2.GaussianBlur(out, (3, 3), 0)
    quality = int(rng.integers(45, 92))
    _, encoded = cv2.imencode(".jpg", out[..., ::-1], [cv2.IMWRITE_JPEG_QUALITY, quality])
    return np.asarray(cv2.imdecode(encoded, cv2.IMREAD_COLOR)[..., ::-1])


def home_like(rgb: np.ndarray, mask: np.ndarray, backdrop_path: Path, rng: np.random.Generator) -> np.ndarray:
    """The shop garment (exact mask) scaled onto a home backdrop, then relit as a phone photo."""
    h, w = rgb.shape[:2]
    scale = rng.uniform(0.6, 0.95)
    gw, gh = max(8, int(w * scale)), max(8, int(h * scale))
    garment = cv2.resize(rgb, (gw, gh), interpolation=cv2.INTER_AREA)
    alpha = cv2.resize(mask.astype(np.uint8), (gw, gh), interpolation=cv2.INTER_NEAREST) > 0
    canvas = backdrop(backdrop_path, (w, h), rng).copy()
    x, y = int(rng.integers(0, w - gw + 1)), int(rng.integers(0, h - gh + 1))
    region = canvas[y : y + gh, x : x + gw]
    region[alpha] = garment[alpha]
    return relight(canvas, rng)


STUDIO_WHITE = 246  # stricter than the mask's 232: a white shirt on the studio white keeps its body
MIN_GARMENT_SHARE = 0.08  # a cut-out smaller than this lost the garment to the white; not composited


def studio_mask(rgb: np.ndarray) -> np.ndarray:
    """The product's pixels: everything but the near-white background connected to the photo's border."""
    near_white = (rgb.min(axis=2) >= STUDIO_WHITE).astype(np.uint8)
    _, labels = cv2.connectedComponents(near_white, connectivity=4)
    border = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    background = np.isin(labels, border[border > 0]) & (near_white > 0)
    return np.asarray(cv2.morphologyEx((~background).astype(np.uint8), cv2.MORPH_OPEN, np.ones((3, 3), np.uint8)) > 0)


@dataclass
class Sample:
    key: str
    family: str
    image: np.ndarray  # RGB uint8, as it would be uploaded


def shop_samples(data: Path, home: bool) -> Iterator[Sample]:
    dataset = product_attributes(data)
    pool = backdrop_pool(data)
    for row, path, val in zip(dataset.raw, dataset.paths(), dataset.is_val, strict=True):
        family = BASE_COLOUR_MAP.get(row["baseColour"])
        if not family or (home and val):
            continue
        with Image.open(path) as opened:
            rgb = np.asarray(opened.convert("RGB"))
        if not home:
            yield Sample(row["image"], family, rgb)
            continue
        mask = studio_mask(rgb)
        if mask.mean() < MIN_GARMENT_SHARE:
            continue
        for v in range(SHOP_HOME_VARIANTS):
            rng = _rng(f"{row['image']}:{v}")
            yield Sample(f"{row['image']}:{v}", family, home_like(rgb, mask, pool[int(rng.integers(len(pool)))], rng))


def home_samples(data: Path) -> Iterator[Sample]:
    with HOME_LABELS.open(newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["color_family"]]
    refuse_validation_images(HOME_LABELS, [row["image"] for row in rows], clothing_types(data))
    for row in rows:
        with Image.open(data / "clothing-types" / row["image"]) as opened:
            rgb = np.asarray(opened.convert("RGB"))
        for v in range(HOME_VARIANTS):
            image = rgb if v == 0 else relight(rgb, _rng(f"{row['image']}:{v}"), strength=0.5)
            yield Sample(f"{row['image']}:{v}", row["color_family"], image)


SOURCES = {
    "shop": lambda data: shop_samples(data, home=False),
    "shop-home": lambda data: shop_samples(data, home=True),
    "home": home_samples,
}


def cache_stamp(model: VisionModel) -> str:
    """What the cached rows depend on: the backbone and mask files, the mask's clean-up code, and the heads file
    (the type head's slot decides which of the mask's rules apply, as in the service)."""
    files = model.manifest["files"]
    mask_code = hashlib.sha256(Path(garment_mask_module.__file__ or "").read_bytes()).hexdigest()
    backbone, mask = files[model.manifest["backbone"]], files[model.manifest["mask"]["file"]]
    heads = files[model.manifest["heads_file"]]
    return f"backbone {backbone[:12]} mask {mask[:12]} {mask_code[:12]} heads {heads[:12]}"


def cache_source(model: VisionModel, masker: GarmentMasker, data: Path, source: str, force: bool) -> Path:
    """Served embedding and the garment sample (64x64 RGB + garment pixels) of every photo of a source.

    The sample, not the features, is cached, so that the colour features can change without re-embedding."""
    out = CACHE / f"colour-{source}.npz"
    made_by = cache_stamp(model)
    if source == "home":  # a changed label file changes the rows
        made_by += f" labels {hashlib.sha256(HOME_LABELS.read_bytes()).hexdigest()[:12]}"
    if out.exists() and not force and str(np.load(out)["made_by"]) == made_by:
        print(f"{out} is current; skipped")
        return out
    keys, families, embeddings, samples, pixels = [], [], [], [], []
    progress = Progress(f"colour cache {source}", 13000 if source == "shop-home" else 6500, every=500)
    for sample in SOURCES[source](data):
        small = analysis_copy(Image.fromarray(sample.image))
        output = model.predict(small)
        embeddings.append(output.embedding.astype(np.float16))
        # The mask the service makes (LocalAnalyzer.garment): its slot lets it drop the other garment of a worn photo.
        rgb, garment = garment_sample(small, masker(np.asarray(small), category=output.category.label).mask)
        samples.append(rgb)
        pixels.append(garment)
        keys.append(sample.key)
        families.append(sample.family)
        progress.update(len(keys))
    np.savez(out, keys=np.array(keys), families=np.array(families), embedding=np.stack(embeddings),
             sample=np.stack(samples), pixels=np.stack(pixels), made_by=made_by)  # fmt: skip
    print(f"wrote {out}: {len(keys)} rows", flush=True)
    return out


@dataclass
class Table:
    x: np.ndarray
    y: np.ndarray
    weight: np.ndarray
    split: np.ndarray  # 0 fit, 1 calibration, 2 validation
    source: np.ndarray  # which of SOURCES each row comes from

    @property
    def home(self) -> np.ndarray:
        return np.asarray(self.source == "home")


def _photo(key: str) -> str:
    return key.split(":")[0]


def table(data: Path) -> Table:
    dataset = product_attributes(data)
    val_of = dict(zip(dataset.images, dataset.is_val, strict=True))
    index = {label: i for i, label in enumerate(COLOR_LABELS)}
    xs, ys, ws, splits, sources = [], [], [], [], []
    for source in SOURCES:
        cached = np.load(CACHE / f"colour-{source}.npz")
        keys, families = [str(k) for k in cached["keys"]], [str(f) for f in cached["families"]]
        photos = [_photo(k) for k in keys]
        # The calibration fifth is drawn per photo, so a photo's variants never straddle fit and calibration.
        calib = stratified_split([f"colour-calibration:{p}" for p in photos], families)
        calib_of = dict(zip(photos, calib, strict=True))
        val = np.array([bool(val_of.get(p, False)) and source == "shop" for p in photos])
        samples = zip(cached["sample"], cached["pixels"], strict=True)
        started = time.process_time()
        garment = np.stack([sample_features(rgb, pixels) for rgb, pixels in samples])
        cpu_ms = (time.process_time() - started) / len(keys) * 1000
        print(f"{source}: {len(keys)} rows, garment colour features {cpu_ms:.2f} ms of CPU per photo", flush=True)
        xs.append(np.concatenate([cached["embedding"].astype(np.float32), garment], axis=1))
        ys.append(np.array([index[f] for f in families]))
        ws.append(np.full(len(keys), HOME_WEIGHT if source == "home" else 1.0))
        sources.append(np.full(len(keys), source))
        splits.append(np.where(val, 2, np.where([calib_of[p] for p in photos], 1, 0)))
    joined = (np.concatenate(part) for part in (xs, ys, ws, splits, sources))
    return Table(*joined)


def make_net(n_in: int, n_out: int) -> nn.Sequential:
    return nn.Sequential(nn.Dropout(0.2), nn.Linear(n_in, HIDDEN), nn.ReLU(), nn.Dropout(0.3), nn.Linear(HIDDEN, n_out))


def fit(tab: Table, epochs: int, seed: int = 0) -> tuple[nn.Sequential, np.ndarray, np.ndarray]:
    torch.manual_seed(seed)
    fit_rows = tab.split == 0
    mean, scale = tab.x[fit_rows].mean(axis=0), tab.x[fit_rows].std(axis=0) + 1e-3
    x = torch.from_numpy((tab.x[fit_rows] - mean) / scale).float()
    y, w = torch.from_numpy(tab.y[fit_rows]), torch.from_numpy(tab.weight[fit_rows]).float()
    counts = np.bincount(tab.y[fit_rows], minlength=len(COLOR_LABELS)).astype(np.float32)
    balance = torch.from_numpy((counts.sum() / np.maximum(counts, 1) / len(COLOR_LABELS)) ** 0.5)
    net = make_net(x.shape[1], len(COLOR_LABELS))
    optimiser = torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=WEIGHT_DECAY)
    steps = epochs * ((len(x) + 255) // 256)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=2e-3, total_steps=steps)
    for epoch in range(epochs):
        net.train()
        order = torch.randperm(len(x))
        total = 0.0
        for start in range(0, len(x), 256):
            batch = order[start : start + 256]
            loss_each = nn.functional.cross_entropy(net(x[batch]), y[batch], weight=balance, reduction="none")
            loss = (loss_each * w[batch]).sum() / w[batch].sum()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += float(loss) * len(batch)
        print(f"  epoch {epoch + 1}/{epochs}: loss {total / len(x):.3f}", flush=True)
    net.eval()
    return net, mean, scale


def logits(net: nn.Sequential, tab: Table, rows: np.ndarray, mean: np.ndarray, scale: np.ndarray) -> np.ndarray:
    with torch.no_grad():
        return net(torch.from_numpy((tab.x[rows] - mean) / scale).float()).numpy()  # type: ignore[no-any-return]


def temperature(net: nn.Sequential, tab: Table, mean: np.ndarray, scale: np.ndarray) -> float:
    """Fitted on the calibration rows with every source weighted alike, so the home photos count."""
    rows = tab.split == 1
    z = logits(net, tab, rows, mean, scale)
    return fit_temperature(z, one_hot(tab.y[rows], len(COLOR_LABELS)), equal_source_weights(tab.source[rows]))


def export(net: nn.Sequential, mean: np.ndarray, scale: np.ndarray, t: float, out: Path) -> None:
    linear = [m for m in net if isinstance(m, nn.Linear)]
    arrays = {"garment_colour.mean": mean.astype(np.float32), "garment_colour.scale": scale.astype(np.float32)}
    for i, layer in enumerate(linear):
        arrays[f"garment_colour.w{i}"] = layer.weight.detach().numpy().T.astype(np.float16)
        arrays[f"garment_colour.b{i}"] = layer.bias.detach().numpy().astype(np.float16)
    path = out / COLOUR_FILE
    np.savez_compressed(path, **arrays)
    manifest_path = out / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    manifest["files"][COLOUR_FILE] = digest
    manifest["garment_colour"] = {"file": COLOUR_FILE, "labels": list(COLOR_LABELS),
                                  "inputs": ["embedding", "garment_colour"], "layers": len(linear),
                                  "temperature": round(t, 3)}  # fmt: skip
    stamp_version(manifest)  # the version hashes every file: a new colour head re-tags on re-analysis
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB), temperature {t:.2f}; model {manifest['model_version']}")


def report(net: nn.Sequential, tab: Table, mean: np.ndarray, scale: np.ndarray, t: float) -> None:
    """Top-1, and with the second candidate the service offers (SECOND_COLOUR_CANDIDATE), per split."""
    splits = (
        ("calibration rows", tab.split == 1),
        ("calibration rows, home photos", (tab.split == 1) & tab.home),
        ("shop validation", tab.split == 2),
    )
    for name, rows in splits:
        z = logits(net, tab, rows, mean, scale) / t
        probs = np.exp(z - z.max(axis=1, keepdims=True))
        probs /= probs.sum(axis=1, keepdims=True)
        top = np.argsort(-probs, axis=1)
        truth = tab.y[rows]
        second = probs[np.arange(len(top)), top[:, 1]] >= SECOND_COLOUR_CANDIDATE
        hit2 = (top[:, 0] == truth) | (second & (top[:, 1] == truth))
        print(f"{name}: colour family {float((top[:, 0] == truth).mean()):.3f}, with 2nd candidate "
              f"{float(hit2.mean()):.3f} (2nd given on {float(second.mean()):.0%}), n={int(rows.sum())}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=Path("models"))
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--sources", nargs="*", default=list(SOURCES))
    parser.add_argument("--force", action="store_true", help="recompute the cached rows")
    args = parser.parse_args()
    torch.set_num_threads(1)
    CACHE.mkdir(parents=True, exist_ok=True)
    model = VisionModel.load(args.out, threads=1)
    mask_spec = model.manifest["mask"]
    masker = GarmentMasker.load(model.checked_file(mask_spec["file"]), mask_spec["side"], threads=1)
    for source in args.sources:
        cache_source(model, masker, args.data, source, args.force)
    tab = table(args.data)
    net, mean, scale = fit(tab, args.epochs)
    t = temperature(net, tab, mean, scale)
    report(net, tab, mean, scale, t)
    export(net, mean, scale, t, args.out)


if __name__ == "__main__":
    main()
