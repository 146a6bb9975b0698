"""How the service is served: one command line for `make run`, the image, `stylist serve`, the load run, the HTTP
benchmark and the end-to-end tests (tests/reliability/test_request_limits.py checks each of them).

- h11 caps the request line and headers at MAX_HEADER_BYTES (431/400 past it); httptools buffered 1 MB.
- asyncio's own event loop, not uvloop (uvicorn's default when installed): with 64 connections in flight on one
  worker, uvloop left a few connections waiting seconds while the rest were served (image list, wrk c64: p99
  1.3-2.5 s on uvloop against 0.11-0.52 s on asyncio at the same throughput, alternating, docs/benchmarks.md).
  No request took over 0.6 s inside the app either way; the wait was in the loop's scheduling.
"""

from typing import Any

from app.core.limits import MAX_HEADER_BYTES

UVICORN_OPTIONS: dict[str, Any] = {"http": "h11", "h11_max_incomplete_event_size": MAX_HEADER_BYTES, "loop": "asyncio"}


def uvicorn_flags() -> tuple[str, ...]:
    """UVICORN_OPTIONS as `uvicorn` command-line flags."""
    return tuple(
        part for name, value in UVICORN_OPTIONS.items() for part in (f"--{name.replace('_', '-')}", str(value))
    )


UVICORN_FLAGS = uvicorn_flags()
