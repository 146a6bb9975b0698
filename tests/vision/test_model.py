"""The shipped garment model (models/) through its runtime, on real home photos from clothing-types (CC0)."""

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageOps

from app.vision.model import IMAGE_SIZE, ModelArtefactError, ModelOutput, VisionModel, manifest_version, preprocess

MODEL_DIR = Path(__file__).resolve().parents[2] / "models"
IMAGES = Path(__file__).resolve().parents[1] / "fixtures" / "images"


def photo(name: str) -> Image.Image:
    with Image.open(IMAGES / name) as image:
        return image.copy()


@pytest.fixture(scope="module")
def model() -> VisionModel:
    return VisionModel.load(MODEL_DIR, threads=1)


@pytest.fixture(scope="module")
def single_view_model() -> VisionModel:
    return VisionModel.load(MODEL_DIR, threads=1, flip=False)


@pytest.fixture(scope="module")
def outputs(model: VisionModel) -> dict[str, ModelOutput]:
    return {path.name: model.predict(photo(path.name)) for path in sorted(IMAGES.glob("*.jpg"))}


@pytest.mark.parametrize(
    ("name", "garment_type", "category"),
    [
        ("tshirt-blue.jpg", "t-shirt", "top"),
        ("tshirt-grey.jpg", "t-shirt", "top"),
        ("pants-jeans.jpg", "pants", "bottom"),
        ("dress-floral.jpg", "dress", "one-piece"),
    ],
)
def test_clear_photos_get_their_type(outputs, name, garment_type, category) -> None:
    out = outputs[name]
    assert out.garment_type.label == garment_type
    assert out.category.label == category


def test_a_boot_is_footwear(outputs) -> None:
    out = outputs["shoes-black-boot.jpg"]
    assert out.category.label == "shoes"
    assert out.category.confidence > 0.8
    assert out.color.label == "black"


@pytest.mark.parametrize(
    ("name", "pattern", "color"),
    [
        ("pants-jeans.jpg", "solid", "blue"),
        ("dress-floral.jpg", "floral", None),
        ("tshirt-blue.jpg", "graphic", "blue"),
    ],
)
def test_pattern_and_colour_of_clear_photos(outputs, name, pattern, color) -> None:
    out = outputs[name]
    assert out.pattern.label == pattern
    if color:
        assert out.color.label == color


def test_every_head_is_a_distribution_over_the_manifest_labels(model, outputs) -> None:
    heads = model.manifest["heads"]
    out = outputs["tshirt-blue.jpg"]
    for field, head in [("garment_type", "type"), ("pattern", "pattern"), ("style", "style"),
                        ("season", "season"), ("color", "color")]:  # fmt: skip
        prediction = getattr(out, field)
        assert list(prediction.probabilities) == heads[head]["labels"]
        assert sum(prediction.probabilities.values()) == pytest.approx(1.0, abs=1e-5)
        assert prediction.confidence == max(prediction.probabilities.values())
        assert prediction.probabilities[prediction.label] == prediction.confidence
    assert list(out.category.probabilities) == model.manifest["category_labels"]
    assert out.model_version == model.model_version


def test_embedding_is_unit_length_float32(outputs) -> None:
    embedding = outputs["pants-jeans.jpg"].embedding
    assert embedding.shape == (1280,)
    assert embedding.dtype == np.float32
    assert np.linalg.norm(embedding) == pytest.approx(1.0, abs=1e-5)


def test_mirror_image_embeds_close_and_other_garments_far(single_view_model) -> None:
    tee = photo("tshirt-blue.jpg")
    e = single_view_model.predict(tee).embedding
    mirrored = single_view_model.predict(ImageOps.mirror(tee)).embedding
    other_tee = single_view_model.predict(photo("tshirt-grey.jpg")).embedding
    boot = single_view_model.predict(photo("shoes-black-boot.jpg")).embedding
    assert float(e @ mirrored) > 0.9
    assert float(e @ mirrored) > float(e @ other_tee) > float(e @ boot)


def test_preprocess_is_a_centre_crop_scaled_to_unit_range() -> None:
    x = preprocess(photo("dress-floral.jpg"))
    assert x.shape == (3, IMAGE_SIZE, IMAGE_SIZE)
    assert x.dtype == np.float32
    assert -1.0 <= x.min() < x.max() <= 1.0
    white = preprocess(Image.new("RGB", (300, 200), "white"))
    assert np.allclose(white, 1.0)


def test_transparent_and_greyscale_inputs_are_accepted(model) -> None:
    tee = photo("tshirt-grey.jpg")
    rgba = tee.convert("RGBA")
    assert model.predict(rgba).garment_type.label == model.predict(tee).garment_type.label
    grey = model.predict(tee.convert("L"))
    assert np.linalg.norm(grey.embedding) == pytest.approx(1.0, abs=1e-5)


def test_a_file_that_does_not_match_the_manifest_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "models"
    shutil.copytree(MODEL_DIR, copy)
    manifest = json.loads((copy / "manifest.json").read_text())
    heads = copy / manifest["heads_file"]
    heads.write_bytes(heads.read_bytes() + b"\0")
    with pytest.raises(ModelArtefactError, match="does not match"):
        VisionModel.load(copy)


def test_the_version_follows_every_shipped_file_and_temperature(model) -> None:
    manifest = model.manifest
    assert model.model_version == manifest_version(manifest)
    assert model.model_version == manifest["model_version"]  # the manifest was stamped when written
    for name in manifest["files"]:  # a new mask or heads file alone must change the version re-analysis compares
        changed = {**manifest, "files": {**manifest["files"], name: "0" * 64}}
        assert manifest_version(changed) != model.model_version
    refitted = json.loads(json.dumps(manifest))
    refitted["heads"]["type"]["temperature"] = 1.0
    assert manifest_version(refitted) != model.model_version


def test_every_head_is_calibrated_and_the_temperature_is_applied(model, outputs) -> None:
    heads = {**model.manifest["heads"], **model.manifest["extra_heads"]}
    for name in ("type", "pattern", "style", *model.manifest["extra_heads"]):
        assert heads[name]["temperature"] > 1.0, name  # fitted on held-out rows: these MLPs were too sure
    raw = model.uncalibrated().predict(photo("tshirt-blue.jpg"))
    calibrated = outputs["tshirt-blue.jpg"]
    assert raw.garment_type.label == calibrated.garment_type.label  # a temperature never changes the arg-max
    assert raw.garment_type.confidence > calibrated.garment_type.confidence
