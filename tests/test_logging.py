"""No token or bound SQL value ever reaches a log line, and uvicorn's lines are JSON too (issue 11, items 18-19)."""

import json
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from websockets.sync.client import connect

from app.core.config import Settings
from app.core.db import create_engine
from app.core.logging import scrub
from tests.servers import local_env, start, stop, wait_ready


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


def test_a_real_server_logs_json_lines_without_tokens(tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    server = start(local_env(tmp_path, STYLIST_LOG_LEVEL="INFO", STYLIST_LOG_FORMAT="json"), log)
    port = server.port
    try:
        wait_ready(server)
        user = httpx.post(f"http://127.0.0.1:{port}/api/users/", json={"username": "logged"}).json()
        token = user["api_token"]
        with connect(f"ws://127.0.0.1:{port}/api/conversations/ws?token={token}") as socket:
            socket.send(json.dumps({"question": "What goes with navy?"}))
            while json.loads(socket.recv(timeout=30))["type"] != "done":
                pass
        httpx.get(f"http://127.0.0.1:{port}/api/users/me", headers={"Authorization": f"Bearer {token}"})
    finally:
        stop(server)
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
