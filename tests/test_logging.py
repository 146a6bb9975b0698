"""No token or bound SQL value ever reaches a log line, and uvicorn's lines are JSON too (issue 11, items 18-19)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from websockets.sync.client import connect

from app.core.config import Settings
from app.core.db import create_engine
from app.core.logging import scrub
from tests.conftest import free_port
from tests.scale.test_two_replicas import ROOT, wait_ready


@pytest.mark.parametrize(
    "line",
    [
        '127.0.0.1:5 - "WebSocket /api/conversations/ws?token=sty_AbC-12_x" [accepted]',
        "Authorization: Bearer sty_AbC-12_x",
        "sec-websocket-protocol: stylist, bearer.AbC-12_x",
    ],
)
def test_scrub_removes_tokens(line: str) -> None:
    assert "AbC-12_x" not in scrub(line)


def _serve(tmp_path: Path, port: int, stderr: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "STYLIST_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'stylist.db'}",
        "STYLIST_STORAGE_DIR": str(tmp_path / "images"),
        "STYLIST_LOG_LEVEL": "INFO",
        "STYLIST_LOG_FORMAT": "json",
    }
    return subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=stderr.open("wb"),
    )


def test_a_real_server_logs_json_lines_without_tokens(tmp_path: Path) -> None:
    port, log = free_port(), tmp_path / "server.log"
    process = _serve(tmp_path, port, log)
    try:
        wait_ready(f"http://127.0.0.1:{port}", process)
        user = httpx.post(f"http://127.0.0.1:{port}/api/users/", json={"username": "logged"}).json()
        token = user["api_token"]
        with connect(f"ws://127.0.0.1:{port}/api/conversations/ws?token={token}") as socket:
            socket.send(json.dumps({"question": "What goes with navy?"}))
            while json.loads(socket.recv(timeout=30))["type"] != "done":
                pass
        httpx.get(f"http://127.0.0.1:{port}/api/users/me", headers={"Authorization": f"Bearer {token}"})
    finally:
        process.terminate()
        process.wait(30)
    output = log.read_text()
    assert token not in output and token[4:] not in output
    lines = [json.loads(line) for line in output.splitlines() if line.strip()]  # every line is JSON, uvicorn's too
    assert any(line["logger"].startswith("uvicorn") for line in lines)
    assert any("WebSocket /api/conversations/ws?token=[redacted]" in line["message"] for line in lines)


async def test_database_errors_never_carry_the_bound_values(settings: Settings) -> None:
    engine = create_engine(settings)
    secret = "my private question about my body"
    try:
        async with engine.connect() as connection:
            with pytest.raises(DBAPIError) as failed:
                await connection.execute(text("SELECT * FROM no_such_table WHERE x = :v"), {"v": secret})
    finally:
        await engine.dispose()
    assert secret not in str(failed.value)
    assert "hidden" in str(failed.value)  # SQLAlchemy says the parameters were withheld
