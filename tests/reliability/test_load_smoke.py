"""The load script end to end, tiny: its own server on SQLite, two users, three seconds, nothing lost."""

import os
import subprocess
import sys

import pytest

from load.report import Results, print_results
from tests.scale.test_two_replicas import ROOT


def test_load_script_runs_and_finds_nothing_lost() -> None:
    env = {key: value for key, value in os.environ.items() if key != "STYLIST_DATABASE_URL"}  # a temporary SQLite
    finished = subprocess.run(
        [sys.executable, "-m", "load.run", "--users", "2", "--seconds", "3", "--uploads", "1"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert "errors: 0" in finished.stdout
    assert "lost or inconsistent: 0" in finished.stdout


def test_refuses_a_non_loopback_url() -> None:
    finished = subprocess.run(
        [sys.executable, "-m", "load.run", "--url", "http://example.com", "--seconds", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert finished.returncode == 2
    assert "loopback" in finished.stderr


def test_the_report_lists_http_statuses_and_transport_errors_together(capsys: pytest.CaptureFixture[str]) -> None:
    """A run with a 503 and a ReadTimeout on one route crashed while printing its errors (int vs str)."""
    results = Results()
    results.record("POST /api/images/upload", 503, 0.1)
    results.record("POST /api/images/upload", "ReadTimeout", 30.0)
    print_results(results, elapsed=1.0, users=[], lost=[])
    printed = capsys.readouterr().out
    assert "errors: 2" in printed and "-> 503: 1" in printed and "-> ReadTimeout: 1" in printed
