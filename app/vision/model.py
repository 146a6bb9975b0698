"""Runtime for the trained garment model: ONNX backbone + numpy heads. Needs onnxruntime, numpy, Pillow.

The artefacts (see models/manifest.json) are produced by the offline pipeline in training/; the
preprocessing here is the single definition that training imports too, so the two cannot drift.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime as ort
from PIL import Image, ImageOps

from app.vision.features import color_features, to_rgb

MANIFEST_NAME = "manifest.json"
IMAGE_SIZE = 224
CROP_FRACTION = 0.875  # central crop of the shorter side, as in the backbone's ImageNet evaluation
PIXEL_MEAN = 0.5  # the checkpoint follows Google's TF EfficientNet-Lite: (x/255 - 0.5) / 0.5
PIXEL_STD = 0.5


class ModelArtefactError(RuntimeError):
    """The model directory is missing a file, or a file does not match the manifest."""


@dataclass(frozen=True)
class HeadPrediction:
    """One head's answer: the top label, its probability, and the full distribution."""

    label: str
    confidence: float
    probabilities: dict[str, float]


@dataclass(frozen=True)
class ModelOutput:
    """Everything the model says about one garment photo."""

    garment_type: HeadPrediction
    category: HeadPrediction  # top / bottom / one-piece / outerwear / shoes / accessory, from garment_type
    pattern: HeadPrediction
    style: HeadPrediction
    season: HeadPrediction
    color: HeadPrediction
    embedding: np.ndarray  # float32, shape (1280,), L2-normalised
    model_version: str
    extra: dict[str, HeadPrediction] = field(default_factory=dict)  # shoe_kind, pants_kind, ... (extra_heads)
    # The whole-photo colour statistics the heads were given: the near-duplicate signature reuses them.
    color_features: np.ndarray | None = field(default=None, repr=False, compare=False)


def preprocess(image: Image.Image, *, size: int = IMAGE_SIZE) -> np.ndarray:
    """Image -> float32 array (3, size, size): central square crop, bicubic resize, scaled to [-1, 1]."""
    rgb = to_rgb(ImageOps.exif_transpose(image))
    w, h = rgb.size
    side = CROP_FRACTION * min(w, h)
    box = ((w - side) / 2, (h - side) / 2, (w + side) / 2, (h + side) / 2)
    resized = rgb.resize((size, size), Image.Resampling.BICUBIC, box=box)
    pixels = np.asarray(resized, dtype=np.float32) / 255.0
    return ((pixels - PIXEL_MEAN) / PIXEL_STD).transpose(2, 0, 1).copy()


def with_flip(batch: np.ndarray) -> np.ndarray:
    """Stack each (3, H, W) image with its horizontal mirror: (N, 3, H, W) -> (2N, 3, H, W)."""
    return np.concatenate([batch, batch[..., ::-1]], axis=0)


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=-1, keepdims=True)
    exp = np.exp(shifted)
    return np.asarray(exp / exp.sum(axis=-1, keepdims=True))


@dataclass(frozen=True)
class Head:
    """A small MLP (or linear) classifier over standardised [embedding, colour features]."""

    labels: tuple[str, ...]
    inputs: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    layers: tuple[tuple[np.ndarray, np.ndarray], ...]
    temperature: float = 1.0  # fitted on held-out data so that confidence matches accuracy

    def probabilities(self, features: dict[str, np.ndarray]) -> np.ndarray:
        """Class probabilities, shape (N, len(labels)), for features of shape (N, D_input)."""
        x = (np.concatenate([features[name] for name in self.inputs], axis=-1) - self.mean) / self.scale
        for i, (weight, bias) in enumerate(self.layers):
            x = x @ weight + bias
            if i < len(self.layers) - 1:
                x = np.maximum(x, 0.0)
        return softmax(x / self.temperature)


def load_heads(path: Path, spec: dict[str, Any], temperatures: dict[str, float] | None = None) -> dict[str, Head]:
    """Read heads from the .npz file; the manifest gives each head's labels, inputs and temperature."""
    arrays = np.load(path)
    heads = {}
    for name, head_spec in spec.items():
        n_layers = int(head_spec["layers"])
        layers = tuple(
            (arrays[f"{name}.w{i}"].astype(np.float32), arrays[f"{name}.b{i}"].astype(np.float32))
            for i in range(n_layers)
        )
        heads[name] = Head(
            labels=tuple(head_spec["labels"]),
            inputs=tuple(head_spec["inputs"]),
            mean=arrays[f"{name}.mean"],
            scale=arrays[f"{name}.scale"],
            layers=layers,
            temperature=float(head_spec.get("temperature", (temperatures or {}).get(name, 1.0))),
        )
    return heads


def manifest_version(manifest: dict[str, Any]) -> str:
    """The model version: the series and a hash of the whole manifest but this field. The manifest
    holds every shipped file's SHA-256 and the heads' labels and temperatures, so a new file or a
    re-fitted temperature changes it (never a string someone must remember to bump)."""
    content = {key: value for key, value in manifest.items() if key != "model_version"}
    digest = hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()
    return f"{manifest['model_series']}-{digest[:10]}"


def stamp_version(manifest: dict[str, Any]) -> None:
    """Write the derived version into a manifest being saved (for people reading the file)."""
    manifest["model_version"] = manifest_version(manifest)


def _checked_file(model_dir: Path, name: str, expected_sha256: str) -> Path:
    path = model_dir / name
    if not path.is_file():
        raise ModelArtefactError(f"missing model file: {path}")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != expected_sha256:
        raise ModelArtefactError(f"{path} does not match the manifest (sha256 {digest})")
    return path


def _prediction(labels: tuple[str, ...], probs: np.ndarray) -> HeadPrediction:
    best = int(np.argmax(probs))
    return HeadPrediction(
        label=labels[best],
        confidence=float(probs[best]),
        probabilities={label: float(p) for label, p in zip(labels, probs, strict=True)},
    )


class VisionModel:
    """Garment type, category, pattern, style, season and colour family, plus a 1280-d embedding."""

    def __init__(
        self,
        *,
        session: ort.InferenceSession,
        heads: dict[str, Head],
        manifest: dict[str, Any],
        flip: bool,
        model_dir: Path = Path("models"),
    ) -> None:
        self._session = session
        self._heads = heads
        self._manifest = manifest
        self._flip = flip
        self._input_name = session.get_inputs()[0].name
        self._category_of_type: dict[str, str] = manifest["category_of_type"]
        self._categories: tuple[str, ...] = tuple(manifest["category_labels"])
        self._model_dir = model_dir
        self._model_version = manifest_version(manifest)  # hashing the manifest took ~0.2 ms per analysis

    @classmethod
    def load(cls, model_dir: Path, *, threads: int = 2, flip: bool = True) -> VisionModel:
        """Load and verify the artefacts; `flip` averages each prediction with the mirrored image."""
        manifest = json.loads((model_dir / MANIFEST_NAME).read_text())
        files = manifest["files"]
        backbone = _checked_file(model_dir, manifest["backbone"], files[manifest["backbone"]])
        heads_path = _checked_file(model_dir, manifest["heads_file"], files[manifest["heads_file"]])
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # Spinning pool threads would steal the cores from the numpy heads (and the web server)
        # right after each run; measured: 22 ms -> 10 ms per predict() on 2 cores.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        session = ort.InferenceSession(str(backbone), options, providers=["CPUExecutionProvider"])
        heads = load_heads(heads_path, manifest["heads"], manifest.get("temperatures"))
        if manifest.get("extra_heads_file"):
            name = manifest["extra_heads_file"]
            heads.update(load_heads(_checked_file(model_dir, name, files[name]), manifest["extra_heads"]))
        return cls(session=session, heads=heads, manifest=manifest, flip=flip, model_dir=model_dir)

    def uncalibrated(self) -> VisionModel:
        """The same model with every head's temperature at 1: what calibration is measured against."""
        heads = {name: replace(head, temperature=1.0) for name, head in self._heads.items()}
        return VisionModel(session=self._session, heads=heads, manifest=self._manifest, flip=self._flip,
                           model_dir=self._model_dir)  # fmt: skip

    def checked_file(self, name: str) -> Path:
        """Another artefact of this model's directory (e.g. the mask), verified against the manifest."""
        return _checked_file(self._model_dir, name, self._manifest["files"][name])

    @property
    def model_version(self) -> str:
        """Derived from the verified file hashes (never a string someone must remember to bump)."""
        return self._model_version

    @property
    def manifest(self) -> dict[str, Any]:
        return self._manifest

    def embed_views(self, batch: np.ndarray) -> np.ndarray:
        """Backbone embeddings (V, 1280) of preprocessed views (V, 3, H, W)."""
        (out,) = self._session.run(None, {self._input_name: batch.astype(np.float32, copy=False)})
        return np.asarray(out, dtype=np.float32)

    def head_probabilities(self, views: np.ndarray, color: np.ndarray) -> dict[str, np.ndarray]:
        """Each head's probabilities, averaged over the views of one image (views: (V, 1280))."""
        features = {"embedding": views, "color": np.repeat(color[None, :], len(views), axis=0)}
        return {name: head.probabilities(features).mean(axis=0) for name, head in self._heads.items()}

    def predict(self, image: Image.Image) -> ModelOutput:
        x = preprocess(image)[None]
        views = self.embed_views(with_flip(x) if self._flip else x)
        colours = color_features(image)
        probs = self.head_probabilities(views, colours)
        mean_view = views.mean(axis=0)
        embedding = (mean_view / max(float(np.linalg.norm(mean_view)), 1e-12)).astype(np.float32)
        return replace(self._output(probs, embedding), color_features=colours)

    def category_probabilities(self, type_probs: np.ndarray) -> np.ndarray:
        """Category distribution implied by the fine-type distribution."""
        type_labels = self._heads["type"].labels
        index = {c: i for i, c in enumerate(self._categories)}
        out = np.zeros(len(self._categories), dtype=np.float64)
        for label, p in zip(type_labels, type_probs, strict=True):
            out[index[self._category_of_type[label]]] += p
        return out

    def _output(self, probs: dict[str, np.ndarray], embedding: np.ndarray) -> ModelOutput:
        labels = {name: head.labels for name, head in self._heads.items()}
        return ModelOutput(
            garment_type=_prediction(labels["type"], probs["type"]),
            category=_prediction(self._categories, self.category_probabilities(probs["type"])),
            pattern=_prediction(labels["pattern"], probs["pattern"]),
            style=_prediction(labels["style"], probs["style"]),
            season=_prediction(labels["season"], probs["season"]),
            color=_prediction(labels["color"], probs["color"]),
            embedding=embedding,
            model_version=self.model_version,
            extra={name: _prediction(labels[name], probs[name]) for name in self._manifest.get("extra_heads", {})},
        )
