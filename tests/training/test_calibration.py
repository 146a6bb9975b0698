"""Temperature scaling and calibration error (training/calibration.py), on data whose truth is known."""

import numpy as np
import pytest

from training.calibration import ece, equal_source_weights, fit_temperature, image_probabilities, label_nll, one_hot


def sampled(rng: np.random.Generator, n: int = 4000, classes: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """Logits whose softmax IS the probability the label was drawn from: calibrated at T = 1."""
    logits = rng.normal(0.0, 2.0, size=(n, classes))
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    truth = np.array([rng.choice(classes, p=row) for row in p])
    return logits, truth


def test_an_overconfident_model_gets_its_temperature_back() -> None:
    logits, truth = sampled(np.random.default_rng(0))
    allowed = one_hot(truth, logits.shape[1])
    assert fit_temperature(logits, allowed) == pytest.approx(1.0, abs=0.12)
    assert fit_temperature(logits * 3.0, allowed) == pytest.approx(3.0, rel=0.12)  # 3x too sure


def test_calibration_error_is_small_when_confidence_matches_accuracy() -> None:
    logits, truth = sampled(np.random.default_rng(1))
    honest = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    overconfident = image_probabilities((logits * 3.0)[:, None, :], 1.0)
    hits = honest.argmax(1) == truth
    assert ece(honest.max(1), hits) < 0.03
    assert ece(overconfident.max(1), hits) > 0.1
    assert ece(image_probabilities((logits * 3.0)[:, None, :], 3.0).max(1), hits) < 0.03


def test_a_set_valued_label_counts_as_right_for_any_of_its_classes() -> None:
    logits = np.log(np.array([[0.5, 0.3, 0.2]]))
    assert label_nll(logits, np.array([[False, True, True]])) == pytest.approx(-np.log(0.5))
    assert label_nll(logits, np.array([[True, False, False]])) == pytest.approx(-np.log(0.5))


def test_views_are_averaged_after_the_temperature() -> None:
    views = np.array([[[2.0, 0.0], [0.0, 2.0]]])  # the two views disagree
    assert image_probabilities(views, 1.0)[0] == pytest.approx([0.5, 0.5])
    assert image_probabilities(views, 2.0).sum() == pytest.approx(1.0)


def test_a_small_source_counts_as_much_as_a_large_one() -> None:
    weights = equal_source_weights(np.array(["shop"] * 9 + ["home"]))
    assert weights[:9].sum() == pytest.approx(weights[9:].sum())


def test_platt_and_isotonic_maps_take_an_overconfident_field_back_to_its_accuracy() -> None:
    from app.vision.confidence import LogitMap, StepMap
    from training.calibration import fit_isotonic, fit_logit_map

    rng = np.random.default_rng(2)
    truth_p = rng.uniform(0.3, 1.0, 5000)
    hits = rng.random(5000) < truth_p
    reported = truth_p**0.3  # says 0.7 when right half the time
    assert ece(reported, hits) > 0.1
    platt = LogitMap(*fit_logit_map(reported, hits))
    knots = fit_isotonic(reported, hits)
    isotonic = StepMap(tuple(knots[0]), tuple(knots[1]))
    for mapping in (platt, isotonic):
        mapped = [mapping(float(p)) for p in reported]
        assert ece(mapped, hits) < 0.03
    assert list(knots[1]) == sorted(knots[1])  # never decreasing: no answer's rank can change
