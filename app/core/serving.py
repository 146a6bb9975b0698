"""How the service is served: one command line for `make run`, the image, `stylist serve`, the load run, the HTTP
benchmark and the end-to-end tests (tests/reliability/test_request_limits.py checks each of them).

- httptools parses (llhttp, C), capped at MAX_HEADER_BYTES of request line and headers (431 past it) by
  app/core/http_protocol.py; uvicorn's own httptools buffered 1 MB, and h11 cost more CPU than a sign-up's queries.
- The event loop follows the database (`event_loop`, uvicorn's `--loop` factory), measured both ways
  (docs/benchmarks.md, "Session 5"):
  - on SQLite, asyncio's own loop. aiosqlite answers from a thread per connection, and with 64 connections in
    flight on one worker uvloop left a few connections waiting over a second while it served the rest (image
    list, wrk c64, alternating: p99 1.0-1.45 s on uvloop, 88-141 ms on asyncio, the same req/s within 5%);
  - on PostgreSQL, uvloop: asyncpg needs no threads, and uvloop served 30-50% more requests there (two workers,
    image list: 457 / 867 req/s at c16 / c64 against 299 / 612 on asyncio).
"""

import asyncio
import sys
from typing import Any

from app.core.config import Settings

KEEP_ALIVE_S = 65  # idle connections are kept longer than any client or the ALB (60 s) keeps them

UVICORN_OPTIONS: dict[str, Any] = {
    "http": "app.core.http_protocol:CappedHttpToolsProtocol",
    "loop": "app.core.serving:event_loop",
    # uvicorn's 5 s default equals httpx's keep-alive expiry (and is under a load balancer's 60 s idle timeout): a
    # client reusing a connection just as the server closes it gets a ReadError (make load's one error in session 10).
    "timeout_keep_alive": KEEP_ALIVE_S,
}


def event_loop() -> asyncio.AbstractEventLoop:
    """A new event loop for this server process: uvloop on PostgreSQL, asyncio's own on SQLite (see above)."""
    if Settings().is_sqlite:  # read from the environment as the app will read it
        return asyncio.new_event_loop()
    import uvloop

    return uvloop.new_event_loop()


def uvicorn_flags() -> tuple[str, ...]:
    """UVICORN_OPTIONS as `uvicorn` command-line flags."""
    return tuple(
        part for name, value in UVICORN_OPTIONS.items() for part in (f"--{name.replace('_', '-')}", str(value))
    )


UVICORN_FLAGS = uvicorn_flags()


def loopback_server_command(port: int, *extra: str) -> list[str]:
    """This interpreter serving the app on 127.0.0.1:`port` as `make run` does (the load run, benchmarks, tests)."""
    return [
        sys.executable,
        "-m",
        "uvicorn",
        "app.main:app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        *UVICORN_FLAGS,
        *extra,
    ]
