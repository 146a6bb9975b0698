"""The HTTP benchmark's load generators measure what they claim (the numbers themselves live in docs/)."""

import asyncio
import contextlib
import re

import pytest

from bench.loadgen import Route, _run_python, parse_wrk

WRK_OUTPUT = """Running 3s test @ http://127.0.0.1:8000/api/images/1
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    81.17ms   30.53ms 321.00ms   80.00%
  Latency Distribution
     50%   75.10ms
     75%   90.00ms
     90%  120.00ms
     99%    1.20s
  2400 requests in 3.00s, 98.02MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 4
Requests/sec:    799.50
"""


def test_parse_wrk_reads_count_percentiles_and_every_failure() -> None:
    outcome = parse_wrk(WRK_OUTPUT, seconds=3)
    assert outcome.requests == 2400 and outcome.rps == 800
    assert outcome.p50_ms == pytest.approx(75.1) and outcome.p99_ms == pytest.approx(1200)
    assert outcome.failures == 9


async def test_python_client_keeps_connections_busy_and_counts_failures() -> None:
    """Against a keep-alive server answering 200, and 500 for every fifth request."""
    seen: list[bytes] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(asyncio.IncompleteReadError, ConnectionError):
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = re.search(rb"(?i)content-length: *(\d+)", head)
                body = await reader.readexactly(int(length.group(1)) if length else 0)
                seen.append(body)
                status = b"500 Oops" if len(seen) % 5 == 0 else b"200 OK"
                writer.write(b"HTTP/1.1 " + status + b"\r\nContent-Length: 2\r\n\r\nok")
                await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    route = Route("POST /api/users/", "POST", "/api/users/", body='{"username": "b-{n}"}')
    async with server:
        outcome = await _run_python(f"http://127.0.0.1:{port}", route, connections=4, seconds=0.5)
    assert outcome.requests == len(seen) > 20
    assert outcome.failures == len(seen) // 5
    assert len(set(seen)) == len(seen)  # every POST body names a new user
