"""The real service as a uvicorn process, with the flags `make run` serves it with, for end-to-end tests.

One place starts, waits for and stops a server, so every test that needs a real process (browser, generated
client, replicas, limits, logging, shutdown) gets the same command line and the same diagnostics on failure.
"""

import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from app.core.serving import loopback_server_command
from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[1]


def local_env(home: Path, **overrides: str) -> dict[str, str]:
    """SQLite and local image files under `home`, quiet logs; `overrides` are further STYLIST_* settings."""
    return {
        **os.environ,
        "STYLIST_DATABASE_URL": f"sqlite+aiosqlite:///{home / 'stylist.db'}",
        "STYLIST_STORAGE_DIR": str(home / "images"),
        "STYLIST_LOG_LEVEL": "WARNING",
        **overrides,
    }


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def start(env: dict[str, str], log: Path, *extra_args: str) -> Server:
    """Starts uvicorn on a free port with stdout and stderr in `log`; does not wait for it."""
    port = free_port()
    command = loopback_server_command(port)
    with log.open("wb") as sink:  # the child keeps its own descriptor
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [*command, *extra_args], cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT
        )
    return Server(process, port, log)


def wait_ready(server: Server, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"server exited: {server.output()[-3000:]}")
        try:
            if httpx.get(f"{server.url}/health/ready", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{server.url} did not become ready: {server.output()[-3000:]}")


def stop(server: Server, timeout: float = 30) -> None:
    server.process.terminate()
    server.process.wait(timeout)


@contextmanager
def serving(env: dict[str, str], log: Path, *extra_args: str) -> Iterator[Server]:
    """A ready server for the block, stopped afterwards whatever happens."""
    server = start(env, log, *extra_args)
    try:
        wait_ready(server)
        yield server
    finally:
        stop(server)
