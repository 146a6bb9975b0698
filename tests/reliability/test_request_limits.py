"""Request bodies and headers within bounds (issue 11, item 9), against a real uvicorn served as `make run` serves it.

A chunked body without Content-Length is counted as it streams (413 once past the limit, without reading the
rest); a body that stops arriving is a 408 after STYLIST_REQUEST_BODY_TIMEOUT_S; oversized headers are refused
by the server before the app sees them.
"""

import re
import socket
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from app.core.serving import UVICORN_FLAGS, event_loop
from tests.servers import ROOT, local_env, serving

UPLOAD_LIMIT = 100_000  # STYLIST_MAX_UPLOAD_BYTES for these servers: small, so a test sends little


@pytest.fixture
def server(tmp_path: Path) -> Iterator[int]:
    env = local_env(tmp_path, STYLIST_MAX_UPLOAD_BYTES=str(UPLOAD_LIMIT), STYLIST_REQUEST_BODY_TIMEOUT_S="1")
    with serving(env, tmp_path / "server.log") as running:  # tests/servers.py serves with UVICORN_FLAGS
        yield running.port


def _exchange(port: int, head: bytes, chunks: Iterator[bytes] = iter(()), timeout: float = 10) -> tuple[bytes, float]:
    """Send a raw request (head, then chunks while the server listens), return the reply and how long it took."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        connection.sendall(head)
        try:
            for chunk in chunks:
                connection.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed while the body was still coming: what a limit should do
        reply = b""
        try:
            while part := connection.recv(65536):
                reply += part
        except (ConnectionResetError, TimeoutError):
            pass
    return reply, time.monotonic() - started


def _status(reply: bytes) -> int:
    match = re.match(rb"HTTP/1\.1 (\d{3})", reply)
    assert match, reply[:200]
    return int(match.group(1))


def test_a_chunked_body_past_the_limit_is_413_while_it_streams(server: int) -> None:
    sent = []

    def chunks() -> Iterator[bytes]:
        for _ in range(400):  # 400 x 8 KB = 3.2 MB, far past the limit, if anyone read it all
            sent.append(1)
            yield b"2000\r\n" + b"x" * 0x2000 + b"\r\n"
            time.sleep(0.001)
        yield b"0\r\n\r\n"

    head = (
        b"POST /api/users/ HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    reply, _ = _exchange(server, head, chunks())
    assert _status(reply) == 413, reply[:300]
    assert b"payload_too_large" in reply


def test_a_stalled_body_is_408(server: int) -> None:
    head = b'POST /api/users/ HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"us'
    reply, took = _exchange(server, head)
    assert _status(reply) == 408, reply[:300]
    assert b"request_timeout" in reply
    assert took < 8  # the 1 s timeout, not forever


def test_oversized_headers_are_refused_by_the_server(server: int) -> None:
    filler = b"X-Filler: " + b"a" * (1024 * 1024) + b"\r\n"  # the 1 MB the issue found accepted
    reply, _ = _exchange(server, b"GET /health/live HTTP/1.1\r\nHost: t\r\n" + filler + b"\r\n")
    assert _status(reply) == 431, reply[:300]
    assert b"request_header_fields_too_large" in reply
    normal, _ = _exchange(server, b"GET /health/live HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
    assert _status(normal) == 200


def test_headers_that_trickle_in_are_counted_across_reads(server: int) -> None:
    """Many small reads add up: the cap is on the head's bytes, not on one read."""

    def headers() -> Iterator[bytes]:
        for n in range(64):  # 64 x 1 KB headers, each its own packet
            yield b"X-Part-%d: " % n + b"b" * 1000 + b"\r\n"
            time.sleep(0.002)
        yield b"\r\n"

    reply, _ = _exchange(server, b"GET /health/live HTTP/1.1\r\nHost: t\r\n", headers())
    assert _status(reply) == 431, reply[:300]


def test_headers_under_the_cap_and_a_body_in_the_same_read_are_served(server: int) -> None:
    """12 KB of headers pass; a body that arrives with the head is not counted as head; keep-alive still works."""
    big = b"X-Big: " + b"c" * (12 * 1024) + b"\r\n"
    body = b'{"username": "' + b"u" * 40 + b'"}'
    first = b"POST /api/users/ HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n" + big
    first += b"Content-Length: %d\r\n\r\n" % len(body) + body
    second = b"GET /health/live HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
    reply, _ = _exchange(server, first + second)  # pipelined: both requests in one write
    statuses = [int(code) for code in re.findall(rb"HTTP/1\.1 (\d{3})", reply)]
    assert statuses == [200, 200], reply[:600]


def test_every_way_of_serving_uses_the_same_server_flags() -> None:
    """The capped parser and the event loop (app/core/serving.py) in `make run`, the image and `stylist serve`."""
    assert "app.core.http_protocol:CappedHttpToolsProtocol" in UVICORN_FLAGS and "--loop" in UVICORN_FLAGS
    assert " ".join(UVICORN_FLAGS) in (ROOT / "Makefile").read_text().replace("\\\n\t  ", "")
    assert ", ".join(f'"{flag}"' for flag in UVICORN_FLAGS) in (ROOT / "Dockerfile").read_text()
    assert "uvicorn.run(" in (cli := (ROOT / "app" / "cli.py").read_text()) and "**UVICORN_OPTIONS" in cli


async def test_streamed_bytes_are_counted_without_content_length(client_with: object) -> None:
    """In-process too: the middleware stops reading at the limit (it does not buffer the rest)."""
    client: httpx.AsyncClient = await client_with(max_upload_bytes=UPLOAD_LIMIT)  # type: ignore[operator]
    produced: list[int] = []

    async def body() -> AsyncIterator[bytes]:
        for _ in range(1000):  # 8 MB on offer
            produced.append(8192)
            yield b"x" * 8192

    response = await client.post("/api/users/", content=body(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413, response.text
    assert response.json()["error"] == "payload_too_large"
    assert sum(produced) <= UPLOAD_LIMIT + 64 * 1024 + 2 * 8192  # read up to the limit, then stopped


@pytest.mark.parametrize(
    ("database_url", "loop_module"),
    [("sqlite+aiosqlite:///x.db", "asyncio"), ("postgresql+asyncpg://u@h/db", "uvloop")],
)
def test_the_event_loop_follows_the_database(
    monkeypatch: pytest.MonkeyPatch, database_url: str, loop_module: str
) -> None:
    """asyncio's loop beside aiosqlite's threads (uvloop kept some connections waiting seconds), uvloop on asyncpg."""
    monkeypatch.setenv("STYLIST_DATABASE_URL", database_url)
    loop = event_loop()
    try:
        assert type(loop).__module__.split(".")[0] == loop_module
    finally:
        loop.close()
