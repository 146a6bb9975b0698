"""What else an item may be (`type_candidates`): the heads' own probabilities, pooled over the finest kinds."""

import pytest

from app.vision.analyze import LocalAnalyzer
from app.vision.candidates import MERGED_KINDS, TYPE_CANDIDATE_MIN, TypeCandidate, kind_distribution, type_candidates
from tests.factories import garment_image
from tests.vision.test_fine_types import output


def as_pairs(candidates: list[TypeCandidate]) -> list[tuple[str, float]]:
    return [(c.type, c.p) for c in candidates]


def test_pants_the_finer_head_is_unsure_of_carry_its_finer_kinds() -> None:
    out = output({"pants": 0.95, "shorts": 0.05}, {"bottom": 1.0}, pants_kind={"jeans": 0.5, "trousers": 0.45,
                 "joggers": 0.05})  # fmt: skip
    assert as_pairs(type_candidates(out, "pants")) == [("pants", 0.95), ("jeans", 0.475), ("trousers", 0.427)]


def test_a_refined_type_keeps_its_sibling_and_other_slots_above_the_floor() -> None:
    out = output({"pants": 0.8, "skirt": 0.2}, {"bottom": 1.0}, pants_kind={"jeans": 0.8, "trousers": 0.2})
    assert as_pairs(type_candidates(out, "jeans")) == [("jeans", 0.64), ("skirt", 0.2), ("trousers", 0.16)]
    low = output({"pants": 0.95, "skirt": TYPE_CANDIDATE_MIN - 0.01}, {"bottom": 1.0},
                 pants_kind={"jeans": 1.0})  # fmt: skip
    assert as_pairs(type_candidates(low, "jeans")) == [("jeans", 0.95)]  # below the floor: not stored


def test_shoes_take_the_shoe_kind_head_and_sandals_may_be_flip_flops() -> None:
    out = output({"sandals": 0.6, "flats": 0.4}, {"shoes": 1.0}, shoe_kind={"sandals": 0.9, "flats": 0.1})
    kinds = kind_distribution(out)
    share = dict(MERGED_KINDS["sandals"])
    assert kinds["sandals"] == pytest.approx(0.9 * share["sandals"])
    assert kinds["flip-flops"] == pytest.approx(0.9 * share["flip-flops"])
    assert kinds["flats"] == pytest.approx(0.1)  # the type head's 0.4 for flats is not pooled in
    assert [c.type for c in type_candidates(out, "sandals")] == ["sandals", "flip-flops", "flats"]


def test_the_distribution_sums_to_one() -> None:
    out = output({"outerwear": 0.5, "shirt": 0.3, "sneakers": 0.2}, {"outerwear": 0.5, "top": 0.3, "shoes": 0.2},
                 outerwear_kind={"coat": 0.7, "jacket": 0.3}, shoe_kind={"boots": 1.0})  # fmt: skip
    assert sum(kind_distribution(out).values()) == pytest.approx(1.0)
    assert as_pairs(type_candidates(out, "coat")) == [("coat", 0.35), ("shirt", 0.3), ("boots", 0.2), ("jacket", 0.15)]


def test_the_analysis_stores_them_with_the_type_first(local_analyzer: LocalAnalyzer) -> None:
    analysis = local_analyzer.analyze(garment_image((30, 40, 90)))
    tags = analysis.to_tags()
    assert tags["type_candidates"][0]["type"] == tags["type"]
    assert all(c["p"] >= TYPE_CANDIDATE_MIN for c in tags["type_candidates"][1:])
    assert len({c["type"] for c in tags["type_candidates"]}) == len(tags["type_candidates"])
