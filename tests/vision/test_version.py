"""The analyser's version changes when its tags can change (rule tables, model files) and only then."""

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from app.vision import knowledge
from app.vision.analyze import ANALYSER_MODULES
from app.vision.version import canonical, rules_digest

ROOT = Path(__file__).resolve().parents[2]
PRINT_DIGEST = "from app.vision.analyze import analyser_digest; print(analyser_digest())"


def _digest_in_fresh_process(root: Path, seed: str) -> str:
    env = {"PYTHONPATH": str(root), "PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", PRINT_DIGEST], env=env, cwd=root, capture_output=True, text=True)  # noqa: S603
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_digest_is_the_same_in_every_process() -> None:
    """Sets (a style rule's allowed styles) are hashed sorted, so string hash randomisation cannot move it."""
    assert _digest_in_fresh_process(ROOT, "1") == _digest_in_fresh_process(ROOT, "2")


def test_editing_an_analyser_module_without_changing_a_rule_keeps_the_version(tmp_path: Path) -> None:
    """Before, the digest hashed the modules' source: a comment marked every stored item for re-analysis."""
    shutil.copytree(ROOT / "app", tmp_path / "app", ignore=shutil.ignore_patterns("__pycache__", "static"))
    for name in ANALYSER_MODULES:
        source = tmp_path / (name.replace(".", "/") + ".py")
        source.write_text(source.read_text() + "\n# an edit that changes no output\n")
    assert _digest_in_fresh_process(tmp_path, "0") == _digest_in_fresh_process(ROOT, "0")


def test_a_changed_rule_table_changes_the_digest(monkeypatch: pytest.MonkeyPatch) -> None:
    before = rules_digest(ANALYSER_MODULES)
    monkeypatch.setitem(knowledge.SEASONS_OF_TYPE, "sandals", ("summer",))
    assert rules_digest(ANALYSER_MODULES) != before


def test_a_changed_threshold_changes_the_digest(monkeypatch: pytest.MonkeyPatch) -> None:
    from app.vision import analyze

    before = rules_digest(ANALYSER_MODULES)
    monkeypatch.setattr(analyze, "REVIEW_THRESHOLD", analyze.REVIEW_THRESHOLD + 0.05)
    assert rules_digest(ANALYSER_MODULES) != before


def test_canonical_forms_are_plain_and_ordered() -> None:
    assert canonical({1: frozenset({"b", "a"}), "x": np.array([1.5, 2.0])}) == {"1": ["a", "b"], "x": [1.5, 2.0]}
    with pytest.raises(TypeError):
        canonical(object())
