"""The whole analysis on real photos (CC0 clothing-types samples in tests/fixtures/images)."""

import json
from pathlib import Path

import pytest
from PIL import Image

from app.vision.analyze import LocalAnalyzer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "images"


def photo(name: str) -> Image.Image:
    with Image.open(FIXTURES / name) as image:
        return image.convert("RGB")


@pytest.mark.parametrize(
    ("name", "category"),
    [
        ("tshirt-blue.jpg", "top"),
        ("tshirt-grey.jpg", "top"),
        ("pants-jeans.jpg", "bottom"),
        ("dress-floral.jpg", "one-piece"),
        ("shoes-black-boot.jpg", "shoes"),
    ],
)
def test_real_photos_land_in_the_right_slot(local_analyzer: LocalAnalyzer, name: str, category: str) -> None:
    analysis = local_analyzer.analyze(photo(name))
    assert analysis.category == category
    assert 0 < analysis.confidence["category"] <= 1


def test_tags_are_complete_json_with_the_original_keys(local_analyzer: LocalAnalyzer) -> None:
    tags = local_analyzer.analyze(photo("tshirt-blue.jpg")).to_tags()
    json.dumps(tags)  # storable as-is
    assert list(tags)[:4] == ["type", "primary_color", "secondary_color", "style"]
    assert tags["type"] == "t-shirt"
    assert tags["color_family"] == "blue"
    assert 1 <= tags["formality"] <= 5 and 1 <= tags["warmth"] <= 5
    assert tags["seasons"] and tags["comfort_min_c"] < tags["comfort_max_c"]
    assert tags["model_version"] and tags["backend"] == "local"


def test_floral_dress_pattern(local_analyzer: LocalAnalyzer) -> None:
    assert local_analyzer.analyze(photo("dress-floral.jpg")).pattern == "floral"


def test_embedding_is_unit_length_and_stable_under_rescaling(local_analyzer: LocalAnalyzer) -> None:
    image = photo("pants-jeans.jpg")
    a = local_analyzer.analyze(image).embedding
    b = local_analyzer.analyze(image.resize((image.width * 3, image.height * 3))).embedding
    assert a is not None and b is not None
    assert float(a @ a) == pytest.approx(1.0, abs=1e-3)
    assert float(a @ b) > 0.95


def test_the_version_names_the_model_files_and_the_analyser_rules(local_analyzer: LocalAnalyzer) -> None:
    from app.vision.analyze import analyser_digest

    model_part, analyser_part = local_analyzer.model_version.split("+a")
    assert model_part == local_analyzer.model.model_version
    assert analyser_part == analyser_digest() and len(analyser_part) == 8
