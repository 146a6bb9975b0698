"""Closed-loop HTTP load: `wrk` when it is installed, else a small keep-alive asyncio client.

Both keep `connections` requests in flight for `seconds` and report throughput, p50/p99 latency and failures.
The Python client writes raw HTTP/1.1 on persistent connections (no httpx: a heavy client would take the CPU
the server needs on a small machine); it is slower than wrk, so compare servers with the same tool only.
"""

import asyncio
import itertools
import re
import secrets
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.common import percentile


@dataclass(frozen=True)
class Route:
    """One request shape; `{n}` in the body becomes a counter, so every POST creates something new."""

    label: str
    method: str
    path: str
    headers: tuple[tuple[str, str], ...] = ()
    body: str | None = None  # JSON text


@dataclass(frozen=True)
class Outcome:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    failures: int  # non-2xx/3xx answers, socket errors and timeouts

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def wrk_path() -> str | None:
    return shutil.which("wrk")


def run_load(url: str, route: Route, *, connections: int, seconds: float, tool: str) -> Outcome:
    if tool == "wrk":
        return _run_wrk(url, route, connections=connections, seconds=seconds)
    return asyncio.run(_run_python(url, route, connections=connections, seconds=seconds))


# --- wrk ---------------------------------------------------------------------------------------------------

_LUA = """
wrk.method = "{method}"
{headers}
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
local counter = 0
request = function()
  counter = counter + 1
  local body = {body}
  if body then body = string.gsub(body, "{{n}}", "{run}-" .. tid .. "-" .. counter) end
  return wrk.format(nil, "{path}", nil, body)
end
"""


def _lua_script(route: Route) -> str:
    headers = "\n".join(f'wrk.headers["{name}"] = "{value}"' for name, value in route.headers)
    if route.body is not None:
        headers += '\nwrk.headers["Content-Type"] = "application/json"'
    body = "nil" if route.body is None else "[[" + route.body + "]]"
    return _LUA.format(method=route.method, headers=headers, body=body, path=route.path, run=secrets.token_hex(4))


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def parse_wrk(output: str, seconds: float) -> Outcome:
    requests = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M)
    failures = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    failures += int(non_2xx.group(1)) if non_2xx else 0
    return Outcome(
        requests=requests,
        seconds=seconds,
        p50_ms=_ms(p50.group(1)) if p50 else 0.0,
        p99_ms=_ms(p99.group(1)) if p99 else 0.0,
        failures=failures,
    )


def _run_wrk(url: str, route: Route, *, connections: int, seconds: float) -> Outcome:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_lua_script(route))
    try:
        command = [
            str(wrk_path()),
            f"-t{min(2, connections)}",
            f"-c{connections}",
            f"-d{seconds:g}s",
            "--timeout",
            "5s",
            "--latency",
            "-s",
            script.name,
            url.rstrip("/") + route.path,
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603 - our own argv
    finally:
        Path(script.name).unlink()
    return parse_wrk(done.stdout, seconds)


# --- the Python client -------------------------------------------------------------------------------------


def _request_bytes(host: str, route: Route) -> Callable[[int], bytes]:
    head = f"{route.method} {route.path} HTTP/1.1\r\nHost: {host}\r\n" + "".join(
        f"{name}: {value}\r\n" for name, value in route.headers
    )
    run = secrets.token_hex(4)  # a fresh prefix per run, so names made in earlier runs never collide
    if route.body is None:
        fixed = (head + "\r\n").encode()
        return lambda _n: fixed

    def build(n: int) -> bytes:
        body = route.body.replace("{n}", f"{run}-{n}").encode()  # type: ignore[union-attr]
        return (head + f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body

    return build


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """(status, whether the server keeps the connection open), with the body read and dropped."""
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").lower()
    status = int(head[9:12])
    length = re.search(r"\r\ncontent-length: *(\d+)", head)
    if length:
        await reader.readexactly(int(length.group(1)))
    elif "transfer-encoding: chunked" in head:
        while size := int((await reader.readuntil(b"\r\n")).strip(), 16):
            await reader.readexactly(size + 2)
        await reader.readuntil(b"\r\n")
    return status, "connection: close" not in head


async def _connection(
    host: str, port: int, build: Callable[[int], bytes], counter: "itertools.count[int]", deadline: float
) -> tuple[list[float], int]:
    latencies: list[float] = []
    failures = 0
    reader, writer = await asyncio.open_connection(host, port)
    while (now := time.perf_counter()) < deadline:
        try:
            writer.write(build(next(counter)))
            status, keep = await asyncio.wait_for(_read_response(reader), timeout=5)
        except (OSError, TimeoutError, asyncio.IncompleteReadError):
            failures, keep, status = failures + 1, False, 0
        latencies.append(time.perf_counter() - now)
        failures += 0 if 200 <= status < 400 or status == 0 else 1
        if not keep:
            writer.close()
            reader, writer = await asyncio.open_connection(host, port)
    writer.close()
    return latencies, failures


async def _run_python(url: str, route: Route, *, connections: int, seconds: float) -> Outcome:
    match = re.fullmatch(r"http://([^:/]+):(\d+)/?", url)
    if match is None:
        raise ValueError(f"the Python load generator needs http://host:port, not {url}")
    host, port = match.group(1), int(match.group(2))
    build, counter = _request_bytes(host, route), itertools.count()
    started = time.perf_counter()
    results = await asyncio.gather(
        *(_connection(host, port, build, counter, started + seconds) for _ in range(connections))
    )
    elapsed = time.perf_counter() - started
    latencies = [value * 1000 for samples, _ in results for value in samples]
    return Outcome(
        requests=len(latencies),
        seconds=elapsed,
        p50_ms=percentile(latencies, 50) if latencies else 0.0,
        p99_ms=percentile(latencies, 99) if latencies else 0.0,
        failures=sum(failed for _, failed in results),
    )
