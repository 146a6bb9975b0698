"""The learned garment mask (models/mask.onnx) and the cut-out it drives, on real and synthetic photos."""

import io

import numpy as np
from PIL import Image

from app.vision.analyze import LocalAnalyzer, analysis_copy
from app.vision.cutout import cutout_webp
from app.vision.mask import clean
from tests.vision.test_analyze import photo


def test_the_mask_finds_a_garment_laid_on_a_wooden_floor(local_analyzer: LocalAnalyzer) -> None:
    # A navy rectangle "garment" on a striped brown "floor": the border heuristic's worst case.
    rng = np.random.default_rng(0)
    floor = np.zeros((240, 320, 3), dtype=np.uint8)
    floor[:] = (150, 105, 70)
    floor[::12] = (120, 80, 50)
    floor = np.clip(floor + rng.normal(0, 6, floor.shape), 0, 255).astype(np.uint8)
    floor[60:200, 100:220] = (30, 40, 70)
    garment = local_analyzer.garment(Image.fromarray(floor))
    assert garment is not None and not garment.fallback
    inside, outside = garment.mask[80:180, 120:200].mean(), garment.mask[:30].mean()
    assert inside > 0.9 and outside < 0.2


def test_a_real_photo_gets_a_mask_covering_part_of_it(local_analyzer: LocalAnalyzer) -> None:
    garment = local_analyzer.garment(analysis_copy(photo("tshirt-blue.jpg")))
    assert garment is not None
    assert 0.1 < garment.fraction < 0.95


def test_clean_keeps_the_garment_fills_its_holes_and_drops_specks() -> None:
    probability = np.zeros((100, 100), dtype=np.float32)
    probability[20:80, 20:80] = 0.9
    probability[45:55, 45:55] = 0.1  # a print the model doubted
    probability[2:4, 2:4] = 0.9  # a speck of backdrop
    mask, fallback = clean(probability)
    assert not fallback and mask[50, 50] and not mask[3, 3]


def test_nothing_found_falls_back_to_the_centre() -> None:
    mask, fallback = clean(np.zeros((50, 50), dtype=np.float32))
    assert fallback and mask[25, 25] and not mask[0, 0]


def test_the_cutout_is_a_transparent_webp_cropped_to_the_garment(local_analyzer: LocalAnalyzer) -> None:
    image = photo("dress-floral.jpg")
    analysis = local_analyzer.analyze(image)
    assert analysis.cutout is not None
    with Image.open(io.BytesIO(analysis.cutout)) as cutout:
        assert cutout.format == "WEBP" and cutout.mode == "RGBA"
        alpha = np.asarray(cutout.getchannel("A"))
        assert max(cutout.size) <= 512
        assert alpha.min() == 0 and alpha.max() == 255  # both backdrop removed and garment kept
    garment = local_analyzer.garment(analysis_copy(image))
    assert garment is not None
    assert cutout_webp(image, garment) == analysis.cutout  # deterministic
