"""Calibrated confidence: shipped maps are increasing, change no answer, and drive `needs_review`."""

import itertools
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from app.vision.analyze import REVIEW_THRESHOLD, REVIEWED_FIELDS, ItemAnalysis, LocalAnalyzer
from app.vision.colours import ColourShare
from app.vision.confidence import ConfidenceCalibration, LogitMap, StepMap
from app.vision.model import manifest_version
from tests.vision.test_analyze import photo

FIXTURES = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "images").glob("*.jpg"))
ANSWERS = ("type", "category", "pattern", "style", "formality", "seasons", "warmth", "colors", "color_candidates")


def test_every_tagged_field_has_a_shipped_map_and_each_is_increasing(local_analyzer: LocalAnalyzer) -> None:
    calibration = local_analyzer.calibration
    assert calibration is not None
    fields = {"type", "category", "pattern", "style", "season", "formality", "color_family", "shoe_kind"}
    assert fields <= set(calibration.maps)
    grid = np.linspace(0.0, 1.0, 201)
    for name, mapping in calibration.maps.items():
        values = [mapping(float(p)) for p in grid]
        assert all(b >= a for a, b in itertools.pairwise(values)), name
        assert all(0.0 <= v <= 1.0 for v in values), name


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_calibration_changes_no_answer_only_the_confidence(local_analyzer: LocalAnalyzer, path: Path) -> None:
    uncalibrated = LocalAnalyzer(local_analyzer.model, local_analyzer.masker, local_analyzer.colour_head)
    image = photo(path.name)
    calibrated, raw = local_analyzer.analyze(image), uncalibrated.analyze(image)
    assert {a: getattr(calibrated, a) for a in ANSWERS} == {a: getattr(raw, a) for a in ANSWERS}
    assert calibrated.raw_confidence == raw.confidence
    assert set(calibrated.confidence) == set(raw.confidence) >= {"type", "style", "season", "formality"}


def test_needs_review_reads_the_calibrated_confidence(local_analyzer: LocalAnalyzer) -> None:
    analysis = local_analyzer.analyze(photo("shoes-black-boot.jpg"))
    unsure = {name for name, p in analysis.confidence.items() if p < REVIEW_THRESHOLD}
    assert set(analysis.needs_review) == unsure & set(REVIEWED_FIELDS)
    sure = ItemAnalysis(colors=[ColourShare("black", "#111111", "black", 1.0)], confidence={"type": 0.9})
    assert replace(sure, confidence={"type": REVIEW_THRESHOLD - 0.01}).needs_review == ["type"]
    assert sure.needs_review == []


def test_a_refitted_calibration_changes_the_model_version(local_analyzer: LocalAnalyzer) -> None:
    manifest = local_analyzer.model.manifest
    name = manifest["confidence"]["file"]
    assert name in manifest["files"]
    refitted = {**manifest, "files": {**manifest["files"], name: "0" * 64}}
    assert manifest_version(refitted) != manifest_version(manifest)


def test_maps_of_both_kinds_read_back_as_written(tmp_path: Path) -> None:
    from app.vision.confidence import as_json

    maps: dict[str, LogitMap | StepMap] = {
        "type": LogitMap(0.8, -0.2),
        "style": StepMap((0.0, 0.5, 1.0), (0.1, 0.4, 0.95)),
    }
    path = tmp_path / "confidence.json"
    path.write_text(as_json(maps, "test"))
    loaded = ConfidenceCalibration.load(path)
    assert loaded.apply({"type": 0.9, "style": 0.75, "other": 0.5}) == {
        "type": round(maps["type"](0.9), 3), "style": 0.675, "other": 0.5}  # fmt: skip
