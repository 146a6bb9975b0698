"""Schemathesis against the app's own OpenAPI schema: no 5xx, every response as documented.

Runs a real server (uvicorn in a thread, SQLite and local files in a temporary folder) with one user whose token
is sent on every call; examples per operation are bounded so the suite stays fast.
"""

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import schemathesis
import uvicorn
from hypothesis import HealthCheck, settings
from schemathesis import checks

from app.core import migrations
from app.core.config import Settings
from app.main import create_app
from tests.conftest import free_port

MAX_EXAMPLES = 12
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]
# "One of query or body" and "ids that exist" cannot be said in OpenAPI; methods a route does not have are 405s.
EXCLUDED = [checks.positive_data_acceptance, checks.unsupported_method, checks.allow_header_conformance]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str], dict[str, object]]]:
    folder: Path = tmp_path_factory.mktemp("fuzz")
    url = f"sqlite+aiosqlite:///{folder / 'fuzz.db'}"
    migrations.upgrade(url)
    config = Settings(
        _env_file=None,
        database_url=url,
        storage_dir=folder / "images",
        auto_migrate=False,
        rate_limit_writes_per_minute=0,
        rate_limit_assistant_per_minute=0,
        log_level="WARNING",
    )
    app = create_app(config)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    user = httpx.post(f"{base}/api/users/", json={"username": "fuzzer"}).json()
    headers = {"Authorization": f"Bearer {user['api_token']}"}
    try:
        yield base, headers, app.openapi()
    finally:
        server.should_exit = True
        thread.join(timeout=10)


# The committed document is the contract (a test keeps it equal to the app's own schema).
schema = schemathesis.openapi.from_path(str(Path(__file__).resolve().parents[2] / "docs" / "openapi.json"))


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors_and_documented_responses(
    case: schemathesis.Case,  # type: ignore[type-arg]
    server: tuple[str, dict[str, str], dict[str, object]],
) -> None:
    base, headers, _ = server
    case.call_and_validate(base_url=base, headers=headers, checks=CHECKS, excluded_checks=EXCLUDED)
