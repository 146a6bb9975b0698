"""The learned garment mask (models/mask.onnx) and the cut-out it drives, on real and synthetic photos."""

import io

import numpy as np
import pytest
from PIL import Image

from app.vision.analyze import LocalAnalyzer, analysis_copy
from app.vision.cutout import cutout_webp
from app.vision.mask import RULES, GarmentMask, centre_prior, clean, with_colour_evidence
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
    assert analysis.garment is not None and analysis.garment_mask == "learned"
    made = cutout_webp(image, analysis.garment)
    with Image.open(io.BytesIO(made)) as cutout:
        assert cutout.format == "WEBP" and cutout.mode == "RGBA"
        alpha = np.asarray(cutout.getchannel("A"))
        assert max(cutout.size) <= 512
        assert alpha.min() == 0 and alpha.max() == 255  # both backdrop removed and garment kept
    # The same file whether made from the upload's analysis or later from the photo alone (a missing cut-out).
    assert local_analyzer.cutout(image) == made


def test_a_cutout_given_its_category_does_not_predict_the_type_again(
    local_analyzer: LocalAnalyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    image = photo("dress-floral.jpg")
    analysis = local_analyzer.analyze(image)
    assert analysis.garment is not None and analysis.category is not None
    made = cutout_webp(image, analysis.garment)
    predictions: list[Image.Image] = []
    predict = local_analyzer.model.predict

    def watched(small: Image.Image) -> object:
        predictions.append(small)
        return predict(small)

    monkeypatch.setattr(local_analyzer.model, "predict", watched)
    assert local_analyzer.cutout(image, category=analysis.category) == made
    assert predictions == []
    assert local_analyzer.cutout(image) == made and len(predictions) == 1  # without it, the slot is predicted


def _square(probability: float = 0.95, side: int = 100) -> np.ndarray:
    grid = np.zeros((side, side), dtype=np.float32)
    grid[20:80, 20:80] = probability
    return grid


def test_a_plausible_mask_is_kept() -> None:
    mask, fallback = clean(_square())
    assert not fallback and mask[50, 50] and not mask[5, 5]


def _fragments() -> np.ndarray:
    grid = np.zeros((100, 100), dtype=np.float32)
    for y in range(5, 95, 18):
        for x in range(5, 95, 18):
            grid[y : y + 8, x : x + 8] = 0.95  # a print's motifs, no garment around them
    return grid


def _ragged() -> np.ndarray:
    grid = np.zeros((100, 100), dtype=np.float32)
    grid[10:90, 10:16] = grid[10:16, 10:90] = grid[84:90, 10:90] = 0.95  # an outline, nothing inside it reaches
    grid[10:84, 84:90] = 0.95
    grid[16:84, 16:84] = 0.0
    grid[40:60, 0:100] = 0.0  # cut in two: the holes are not closed
    return grid


def _borders() -> np.ndarray:
    grid = np.full((100, 100), 0.95, dtype=np.float32)
    grid[30:70, 30:70] = 0.0  # the "garment" is the backdrop around a hole
    return grid


@pytest.mark.parametrize(
    ("why", "probability"),
    [
        ("too small", _square(side=300)),  # 60x60 of 300x300: 4% of the photo
        ("unsure", _square(probability=0.55)),  # every garment pixel a coin toss
        ("fragments", _fragments()),
        ("ragged", _ragged()),
        ("all four borders", _borders()),
    ],
)
def test_an_implausible_mask_falls_back_to_the_centre(why: str, probability: np.ndarray) -> None:
    mask, fallback = clean(probability)
    assert fallback, why
    assert np.array_equal(mask, centre_prior(*probability.shape))


@pytest.mark.parametrize("name", ["tshirt-grey.jpg", "dress-light-grey.jpg"])
def test_a_light_garment_on_a_light_backdrop_keeps_the_whole_photo(local_analyzer: LocalAnalyzer, name: str) -> None:
    """Issue 13: the mask found ~5% of these light-grey photos, and their cut-outs came out almost all erased."""
    image = photo(name)
    assert local_analyzer.masker is not None
    found = local_analyzer.masker.probability(np.asarray(analysis_copy(image))) >= 0.5
    assert found.mean() < 0.15  # what the model alone says: the case this test is about
    analysis = local_analyzer.analyze(image)
    assert analysis.garment is not None and analysis.garment.fallback
    assert analysis.to_tags()["garment_mask"] == "fallback"  # the client can tell, and show the photo
    with Image.open(io.BytesIO(cutout_webp(image, analysis.garment))) as cutout:
        assert cutout.size == image.size  # the photo itself, not a crop of specks
        assert np.asarray(cutout.convert("RGBA").getchannel("A")).min() == 255  # opaque (may be stored as RGB)
    assert analysis.colors and analysis.colors[0].family == "grey"  # measured on the centre: the garment


def test_a_blob_the_clean_up_dropped_is_not_a_ghost_in_the_cutout() -> None:
    """A model's hair above a shop shirt came out as a grey half-transparent patch: only the garment's edge is soft."""
    probability = np.zeros((100, 100), dtype=np.float32)
    probability[30:90, 20:80] = 0.95  # the garment
    probability[5:15, 40:60] = 0.6  # hair: likely enough to pass the edge ramp, dropped by the clean-up
    mask, reason = clean(probability)
    assert reason is None and not mask[5:15, 40:60].any()
    image = Image.new("RGB", (100, 100), (120, 60, 70))
    with Image.open(io.BytesIO(cutout_webp(image, GarmentMask(probability, mask, False)))) as cutout:
        alpha = np.asarray(cutout.convert("RGBA").getchannel("A"), dtype=np.int32)
    # The cut-out is cropped to what is visible: the hair would have stretched it 25 px upwards.
    assert cutout.size[1] <= 70
    assert alpha.max() >= 250


# Issue 13, the office-women collage: a white shirt worn on white kept the model's hair and jeans and lost itself;
# a striped sweater kept the jeans. The rules below are app/vision/mask.py's, one synthetic case each way.


def _hair_and_jeans() -> np.ndarray:
    """What the mask saw of a white shirt on a white backdrop: the hair above it and the jeans below, not the shirt."""
    grid = np.zeros((100, 100), dtype=np.float32)
    grid[0:22, 35:65] = 0.95  # hair, from the top edge
    grid[68:100, 30:70] = 0.95  # jeans, to the bottom edge
    return grid


def test_every_rule_has_a_reason_and_a_limit() -> None:
    assert all(rule.reason and rule.limit > 0 for rule in RULES)


def test_a_top_whose_mask_misses_the_middle_of_the_photo_falls_back() -> None:
    mask, reason = clean(_hair_and_jeans(), category="top")
    assert reason == "centre missed"
    assert np.array_equal(mask, centre_prior(100, 100))


def test_a_top_covering_the_middle_is_kept() -> None:
    mask, reason = clean(_square(), category="top")
    assert reason is None and mask[50, 50]


def test_a_pair_of_shoes_may_leave_the_middle_empty() -> None:
    grid = np.zeros((100, 100), dtype=np.float32)
    grid[35:65, 8:45] = grid[35:65, 55:92] = 0.95  # two shoes side by side, nothing between them
    mask, reason = clean(grid, category="shoes")
    assert reason is None and mask[50, 20] and mask[50, 80] and not mask[50, 50]


def test_a_second_piece_at_the_edge_far_from_the_centre_is_dropped() -> None:
    grid = _square()  # the garment, 20..80
    grid[0:15, 30:70] = 0.95  # the model's hair at the top edge, a separate piece of comparable size
    mask, reason = clean(grid)
    assert reason is None and mask[50, 50] and not mask[0:15].any()


def test_a_second_piece_near_the_centre_or_off_the_edge_is_kept() -> None:
    grid = np.zeros((100, 100), dtype=np.float32)
    grid[30:70, 10:45] = grid[30:70, 55:90] = 0.95  # a pair's halves: neither touches the edge
    grid[2:14, 40:60] = 0.95  # a piece near the top that does not touch the edge
    mask, reason = clean(grid)
    assert reason is None and mask[50, 20] and mask[50, 80] and mask[5, 50]


def _worn(top: tuple[int, int, int], other: tuple[int, int, int], *, waist: int = 70) -> tuple[np.ndarray, np.ndarray]:
    """A garment over rows 10..waist and another below it to the bottom edge, one connected mask, on white."""
    rgb = np.full((100, 100, 3), 255, dtype=np.uint8)
    rgb[10:waist, 20:80] = top
    rgb[waist:100, 30:70] = other
    probability = np.zeros((100, 100), dtype=np.float32)
    probability[10:waist, 20:80] = probability[waist:100, 30:70] = 0.95
    return probability, rgb


def test_the_jeans_below_a_tops_hem_are_cut_off() -> None:
    probability, rgb = _worn((200, 40, 40), (40, 60, 120))  # a red shirt over blue jeans
    mask, reason = clean(probability, rgb=rgb, category="top")
    assert reason is None
    assert mask[40, 50] and mask[65, 50] and not mask[75:].any()


def test_without_the_category_or_with_one_colour_the_mask_runs_on() -> None:
    probability, rgb = _worn((200, 40, 40), (40, 60, 120))
    assert clean(probability, rgb=rgb)[0][90, 50]  # the category is not known: nothing is cut
    assert clean(probability, rgb=rgb, category="shoes")[0][90, 50]
    probability, rgb = _worn((40, 60, 120), (45, 62, 118))  # a navy shirt over navy trousers cannot be told apart
    assert clean(probability, rgb=rgb, category="top")[0][90, 50]


def test_a_two_tone_top_reaching_up_past_its_middle_is_not_cut() -> None:
    """The other colour reaches up into the top's upper half: a colour-blocked top, not another garment."""
    probability, rgb = _worn((200, 40, 40), (40, 60, 120), waist=35)
    rgb[35:100, 20:80] = (40, 60, 120)
    probability[35:100, 20:80] = 0.95
    mask, reason = clean(probability, rgb=rgb, category="top")
    assert reason is None and mask[95, 50]


def test_the_shirt_above_trousers_is_cut_off() -> None:
    rgb = np.full((100, 100, 3), 255, dtype=np.uint8)
    probability = np.zeros((100, 100), dtype=np.float32)
    rgb[0:25, 20:80] = (230, 200, 60)  # a yellow shirt from the top edge
    rgb[25:95, 30:70] = (40, 40, 50)  # dark trousers
    probability[0:25, 20:80] = probability[25:95, 30:70] = 0.95
    mask, reason = clean(probability, rgb=rgb, category="bottom")
    assert reason is None and mask[60, 50] and not mask[:20].any()


def test_colour_is_measured_on_the_centre_only_when_the_rule_says_the_garment_is_there() -> None:
    """A top that lost its middle is still in the middle; a mask too small to be anything says nothing of where."""
    prior = centre_prior(100, 100)
    probability = np.zeros((100, 100), dtype=np.float32)
    assert GarmentMask(probability, prior, True, "centre missed").colour_from_mask
    assert not GarmentMask(probability, prior, True, "too small").colour_from_mask
    assert GarmentMask(probability, prior, False).colour_from_mask


# Colour evidence (app/vision/mask.py `with_colour_evidence`): the 128 px model blurs a garment's edge over several
# analysis pixels; the photo's own colours settle them. Issue 13's home photos showed a floor rim round a boot, the bed
# between two trouser legs and a jacket's ragged edge kept.


def _boot_on_a_floor() -> tuple[np.ndarray, np.ndarray]:
    """A dark boot on a light wooden floor, and the model's probability: sure in the middle, 0.6 over a rim of floor."""
    rgb = np.zeros((120, 120, 3), dtype=np.uint8)
    rgb[:] = (190, 150, 110)
    rgb[::9] = (170, 130, 95)  # the boards
    rgb[30:90, 35:85] = (25, 25, 30)
    probability = np.zeros((120, 120), dtype=np.float32)
    probability[22:98, 27:93] = 0.6  # 8 px of floor the model could not tell from the boot
    probability[34:86, 39:81] = 0.97
    probability[30:90, 35:85] = np.maximum(probability[30:90, 35:85], 0.7)  # the boot's own edge, unsure too
    return probability, rgb


def test_a_rim_of_floor_round_a_boot_is_not_the_boot() -> None:
    probability, rgb = _boot_on_a_floor()
    refined = with_colour_evidence(probability, rgb)
    assert (refined[22:29, 27:93] < 0.5).all() and (refined[92:98, 27:93] < 0.5).all()  # the rim: floor
    assert (refined[31:89, 36:84] > 0.6).all()  # the boot's edge pulled in
    mask, reason = clean(refined, rgb=rgb, category="shoes", model_probability=probability)
    assert reason is None and mask[60, 60] and not mask[25, 60] and not mask[60, 30]


def test_the_bed_between_trouser_legs_is_dropped() -> None:
    rgb = np.full((120, 100, 3), (200, 190, 170), dtype=np.uint8)  # a beige sheet
    probability = np.zeros((120, 100), dtype=np.float32)
    for left in (20, 55):
        rgb[10:115, left : left + 25] = (40, 60, 110)  # denim legs
        probability[10:115, left : left + 25] = 0.95
    rgb[10:40, 20:80] = (40, 60, 110)  # the seat joins them
    probability[10:40, 20:80] = 0.95
    probability[40:115, 45:55] = 0.6  # the gap the model was unsure of
    mask, reason = clean(with_colour_evidence(probability, rgb), rgb=rgb, category="bottom")
    assert reason is None and mask[80, 30] and mask[80, 65] and not mask[80, 50]


def test_without_a_backdrop_the_model_is_sure_of_nothing_changes() -> None:
    probability, rgb = _boot_on_a_floor()
    probability[probability == 0.0] = 0.3  # no pixel the model calls backdrop: no colour model to learn
    assert np.array_equal(with_colour_evidence(probability, rgb), probability)


def test_colour_evidence_does_not_hide_the_models_own_doubts() -> None:
    """Fragments and coin tosses are judged on the model's probability, even when colour evidence tidied them."""
    assert clean(_square(), model_probability=_fragments())[1] == "fragments"
    assert clean(_square(), model_probability=_square(probability=0.55))[1] == "unsure"
    assert clean(_square(), model_probability=_square())[1] is None


def test_a_print_the_model_doubted_is_opaque_in_the_cutout() -> None:
    """White letters on a tee: low probability inside the garment showed the backdrop through the cut-out."""
    probability = _square()
    probability[40:60, 30:70] = 0.15  # the print, which the clean-up fills as a hole
    mask, reason = clean(probability)
    assert reason is None and mask[50, 50]
    image = Image.new("RGB", (100, 100), (200, 30, 40))
    with Image.open(io.BytesIO(cutout_webp(image, GarmentMask(probability, mask, False)))) as cutout:
        alpha = np.asarray(cutout.convert("RGBA").getchannel("A"), dtype=np.int32)
    h, w = alpha.shape
    assert alpha[h // 2 - 8 : h // 2 + 8, w // 2 - 15 : w // 2 + 15].min() >= 250
