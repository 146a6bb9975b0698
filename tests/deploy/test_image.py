"""The Dockerfile and .dockerignore, checked without Docker: stages, user, health check, server and context."""

import fnmatch
import re
from functools import cache

from tests.deploy.cfn import ROOT, properties

BUILD_TOOLS = re.compile(r"\b(build-essential|gcc|g\+\+|clang|cmake|make|pkg-config|[a-z0-9.+-]+-dev)\b")
Instruction = tuple[str, str]


@cache
def _stages() -> list[list[Instruction]]:
    """Instructions (KEYWORD, arguments) grouped by stage; continuation lines joined, comments dropped."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    stages: list[list[Instruction]] = [[]]  # stage 0 holds what precedes the first FROM (global ARGs)
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keyword, _, arguments = line.partition(" ")
        if keyword.upper() == "FROM":
            stages.append([])
        stages[-1].append((keyword.upper(), " ".join(arguments.split())))
    return stages


def _final() -> list[Instruction]:
    return _stages()[-1]


def _arguments(keyword: str, stage: list[Instruction]) -> list[str]:
    return [arguments for instruction, arguments in stage if instruction == keyword]


def _option(command: str, name: str) -> int:
    match = re.search(rf'"{name}",\s*"(\d+)"', command)
    assert match, f"{name} is not set in {command}"
    return int(match.group(1))


def test_multi_stage_on_slim_python_3_11() -> None:
    assert len(_stages()) >= 3, "at least a build and a runtime stage"
    (base_image,) = _arguments("ARG", _stages()[0])
    assert re.fullmatch(r"PYTHON_IMAGE=python:3\.11-slim(-\w+)?", base_image)
    assert all(_arguments("FROM", stage)[0].startswith("${PYTHON_IMAGE}") for stage in _stages()[1:])


def test_runtime_dependencies_are_pinned_and_torch_free() -> None:
    installs = [run for stage in _stages() for run in _arguments("RUN", stage) if "pip install" in run]
    assert installs and all("-r requirements.txt" in run and "-c constraints.txt" in run for run in installs)
    assert "torch" not in (ROOT / "Dockerfile").read_text().lower()
    requirements = (ROOT / "requirements.txt").read_text().splitlines()
    names = {re.split(r"[<>=\[; ]", line.strip(), maxsplit=1)[0].lower() for line in requirements}
    assert not {name for name in names if name.startswith("torch")}, "torch belongs to training, not the image"


def test_final_stage_has_no_build_tools() -> None:
    for run in _arguments("RUN", _final()):
        assert not BUILD_TOOLS.search(run), f"build tool in the final stage: {run}"
    assert any(arguments.startswith("--from=") for arguments in _arguments("COPY", _final()))


def test_final_stage_ships_code_migrations_and_models() -> None:
    copied = {arguments.split()[0] for arguments in _arguments("COPY", _final()) if not arguments.startswith("--")}
    assert {"app/", "alembic/", "alembic.ini", "models/"} <= copied
    assert not {"tests/", "training/", "data/", "."} & copied


def test_runs_as_a_non_root_user() -> None:
    users = _arguments("USER", _final())
    assert users, "the final stage must switch user"
    assert users[-1].split(":")[0] not in {"root", "0"}


def test_health_check_uses_urllib_on_the_liveness_route() -> None:
    (check,) = _arguments("HEALTHCHECK", _final())
    assert "/health/live" in check
    assert "urllib" in check
    assert not re.search(r"\b(curl|wget)\b", check)


def test_server_drains_inside_the_fargate_stop_window_and_does_not_migrate() -> None:
    environment = " ".join(_arguments("ENV", _final()))
    assert "STYLIST_AUTO_MIGRATE=false" in environment
    assert "WEB_CONCURRENCY=2" in environment  # uvicorn reads its worker count from it
    (command,) = _arguments("CMD", _final())
    assert command.startswith('["uvicorn", "app.main:app"')
    assert "alembic" not in command and not _arguments("ENTRYPOINT", _final())
    container = properties("WebTaskDefinition")["ContainerDefinitions"][0]
    assert _option(command, "--timeout-graceful-shutdown") < container["StopTimeout"] <= 30
    # Keep-alive must outlast the load balancer's idle timeout, else the ALB may reuse a closed connection (502).
    attributes = {item["Key"]: item["Value"] for item in properties("LoadBalancer")["LoadBalancerAttributes"]}
    assert _option(command, "--timeout-keep-alive") > int(attributes["idle_timeout.timeout_seconds"])
    assert "8000" in " ".join(_arguments("EXPOSE", _final()))


def _ignored(path: str, patterns: list[str]) -> bool:
    """Docker's rule, for the patterns used here: the last pattern matching the path or a parent decides."""
    parts = path.split("/")
    candidates = ["/".join(parts[: end + 1]) for end in range(len(parts))]
    ignored = False
    for pattern in patterns:
        negated = pattern.startswith("!")
        glob = pattern.removeprefix("!").rstrip("/")
        globs = [glob, glob.removeprefix("**/")] if glob.startswith("**/") else [glob]
        if any(fnmatch.fnmatchcase(candidate, g) for candidate in candidates for g in globs):
            ignored = not negated
    return ignored


def test_dockerignore_keeps_the_context_to_what_the_image_needs() -> None:
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    patterns = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    kept = ["app/main.py", "alembic/env.py", "alembic.ini", "models/manifest.json", "requirements.txt"]
    kept.append("constraints.txt")
    left_out = [".venv/bin/python", ".venv-train/lib/x.py", "training/cache/x.npy", "tests/conftest.py"]
    left_out += ["data/stylist.db", ".git/HEAD", ".env", "app/__pycache__/main.cpython-311.pyc", "docs/deploy.md"]
    assert [path for path in kept if _ignored(path, patterns)] == []
    assert [path for path in left_out if not _ignored(path, patterns)] == []


def test_only_the_load_balancer_may_name_the_client_address() -> None:
    # uvicorn's --forwarded-allow-ips * would let anyone pick the address their requests are limited by.
    (command,) = _arguments("CMD", _final())
    assert "--no-proxy-headers" in command and "forwarded-allow-ips" not in command
    container = properties("WebTaskDefinition")["ContainerDefinitions"][0]
    environment = {item["Name"]: item["Value"] for item in container["Environment"] if "Name" in item}
    assert environment["STYLIST_TRUSTED_PROXIES"] == {"Fn::Sub": '["${VpcCidr}"]'}
