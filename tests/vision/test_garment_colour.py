"""The garment colour head's inputs (garment pixels vs backdrop) and the shipped head on real photos."""

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from app.vision.analyze import LocalAnalyzer
from app.vision.garment_colour import GARMENT_COLOUR_DIM, GARMENT_STATS, N_HIST, garment_colour_features

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "images"


RGB = tuple[int, int, int]


def garment_on_backdrop(garment: RGB, backdrop: RGB) -> tuple[Image.Image, np.ndarray]:
    pixels = np.zeros((120, 90, 3), dtype=np.uint8)
    pixels[:] = backdrop
    mask = np.zeros((120, 90), dtype=bool)
    mask[30:90, 20:70] = True
    pixels[mask] = garment
    return Image.fromarray(pixels), mask


def test_features_describe_the_masked_pixels_not_the_backdrop() -> None:
    image, mask = garment_on_backdrop((200, 30, 40), (40, 60, 200))
    features = garment_colour_features(image, mask)
    assert features.shape == (GARMENT_COLOUR_DIM,) and features.dtype == np.float32
    garment_mean_a = features[N_HIST + 1] * 50.0  # Lab mean a* of the garment pixels
    backdrop_mean_b = features[N_HIST + 3 * GARMENT_STATS + 2] * 50.0  # Lab mean b* of the backdrop
    assert garment_mean_a > 40  # red
    assert backdrop_mean_b < -40  # blue bed
    swapped = garment_colour_features(*garment_on_backdrop((40, 60, 200), (200, 30, 40)))
    assert not np.allclose(features[:N_HIST], swapped[:N_HIST])


def test_features_fall_back_to_the_whole_photo_without_a_usable_mask() -> None:
    image, _ = garment_on_backdrop((20, 20, 20), (230, 230, 230))
    empty = np.zeros((120, 90), dtype=bool)
    assert np.allclose(garment_colour_features(image, empty), garment_colour_features(image, None))


def test_histogram_is_normalised() -> None:
    image, mask = garment_on_backdrop((120, 120, 120), (250, 250, 250))
    histogram = garment_colour_features(image, mask)[:N_HIST] ** 2  # stored as square roots of shares
    assert histogram.sum() == pytest.approx(1.0, abs=1e-5)


@pytest.mark.parametrize(("name", "family"), [("tshirt-blue.jpg", "blue"), ("shoes-black-boot.jpg", "black")])
def test_shipped_head_names_the_garment_family(local_analyzer: LocalAnalyzer, name: str, family: str) -> None:
    assert local_analyzer.colour_head is not None, "models/ ships the garment colour head"
    with Image.open(FIXTURES / name) as opened:
        analysis = local_analyzer.analyze(opened.convert("RGB"))
    assert analysis.colors[0].family == family
    assert analysis.color_candidates[0] == family
    assert 0 < analysis.confidence["color_family"] <= 1
