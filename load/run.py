"""`python -m load.run --users 50 --seconds 60 [--url http://127.0.0.1:8000]`: simulated users, then a loss check.

Each user registers, uploads a few generated photos, then for a fixed time lists, asks, matches styles, gets
suggestions and downloads thumbnails (with a short think time between requests). Afterwards every acknowledged
write is read back, and files and rows are reconciled. Without --url it serves its own uvicorn on loopback against
STYLIST_DATABASE_URL (PostgreSQL wanted; migrate it first) and a temporary image folder, and stops it at the end.
Loopback only, bounded in users and seconds: this is a measuring tool, never a way to hammer someone else's host.
"""

import argparse
import asyncio
import contextlib
import ipaddress
import os
import random
import subprocess
import tempfile
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from app.core.serving import loopback_server_command
from load.report import Results, User, print_results, random_jpeg

QUESTIONS = ("What goes with navy?", "What should I wear to a wedding?", "Is my wardrobe good for winter?")
ROOT = Path(__file__).resolve().parents[1]
rng = random.Random()  # noqa: S311 - which request a simulated user makes next, not a secret


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Session:
    """One simulated user's HTTP calls, each timed under its route template."""

    def __init__(self, http: httpx.AsyncClient, results: Results, user: User) -> None:
        self.http, self.results, self.user = http, results, user

    async def call(self, route: str, method: str, path: str, **kwargs: object) -> httpx.Response | None:
        started = time.perf_counter()
        try:
            response = await self.http.request(method, path, headers=self.user.headers, **kwargs)  # type: ignore[arg-type]
        except httpx.HTTPError as exc:
            self.results.record(route, type(exc).__name__, time.perf_counter() - started)
            return None
        self.results.record(route, response.status_code, time.perf_counter() - started)
        return response

    async def register(self, name: str) -> bool:
        response = await self.call("POST /api/users/", "POST", "/api/users/", json={"username": name})
        if response is None or response.status_code != 200:
            return False
        body = response.json()
        self.user.id, self.user.token = body["id"], body["api_token"]
        return True

    async def upload(self, seed: int) -> None:
        files = {"file": ("item.jpg", random_jpeg(seed), "image/jpeg")}
        route = "POST /api/images/upload"
        response = await self.call(route, "POST", "/api/images/upload", params={"user_id": self.user.id}, files=files)
        if response is not None and response.status_code == 200:
            self.user.images.append(response.json()["id"])

    async def ask(self) -> None:
        params = {"user_id": self.user.id, "question": rng.choice(QUESTIONS)}
        response = await self.call("POST /api/conversations/", "POST", "/api/conversations/", params=params)
        if response is not None and response.status_code == 200:
            self.user.conversations.append(response.json()["id"])

    async def browse(self) -> None:
        """One read, chosen like a person using the app would."""
        uid = {"user_id": self.user.id}
        choice = rng.random()
        if choice < 0.35:
            await self.call("GET /api/images/{user_id}", "GET", f"/api/images/{self.user.id}")
        elif choice < 0.55:
            await self.call(
                "GET /api/conversations/match-styles/", "GET", "/api/conversations/match-styles/", params=uid
            )
        elif choice < 0.75:
            await self.call("GET /api/outfits/suggestions", "GET", "/api/outfits/suggestions", params=uid)
        elif self.user.images:
            path = f"/api/images/{self.user.id}/{rng.choice(self.user.images)}/thumbnail"
            await self.call("GET /api/images/{user_id}/{image_id}/thumbnail", "GET", path)


async def simulate(
    session: Session, *, index: int, run: str, deadline: float, think_s: float, uploads: int, start_after_s: float
) -> None:
    # Users arrive over a ramp, as people do: a stampede at t=0 measures the queue, not the service.
    await asyncio.sleep(start_after_s)
    if not await session.register(f"load-{run}-{index}"):
        return
    for n in range(uploads):
        await session.upload(seed=index * 1000 + n)
    n = uploads
    while time.monotonic() < deadline:
        action = rng.random()
        if action < 0.1 and n < uploads * 4:  # a few more photos over time, bounded per user
            await session.upload(seed=index * 1000 + n)
            n += 1
        elif action < 0.3:
            await session.ask()
        else:
            await session.browse()
        await asyncio.sleep(think_s * rng.uniform(0.5, 1.5))


async def verify_user(http: httpx.AsyncClient, user: User) -> list[str]:
    """Every acknowledged write of this user, read back; the descriptions of what is missing."""
    lost: list[str] = []
    me = await http.get("/api/users/me", headers=user.headers)
    if me.status_code != 200 or me.json()["id"] != user.id:
        return [f"user {user.id}: GET /api/users/me answered {me.status_code}"]
    listed = await http.get(f"/api/images/{user.id}", params={"limit": 500}, headers=user.headers)
    image_ids = {item["id"] for item in listed.json()} if listed.status_code == 200 else set()
    lost += [f"user {user.id}: image {i} not listed" for i in user.images if i not in image_ids]
    for image_id in sorted(image_ids):
        for kind in ("file", "thumbnail", "cutout"):  # a cut-out not written yet is made on this read
            got = await http.get(f"/api/images/{user.id}/{image_id}/{kind}", headers=user.headers)
            if got.status_code != 200:
                lost.append(f"user {user.id}: image {image_id} {kind} answered {got.status_code}")
    asked = await http.get(f"/api/conversations/{user.id}", params={"limit": 500}, headers=user.headers)
    conversation_ids = {c["id"] for c in asked.json()} if asked.status_code == 200 else set()
    lost += [f"user {user.id}: conversation {c} not listed" for c in user.conversations if c not in conversation_ids]
    return lost


async def reconcile_storage(database_url: str, storage_dir: Path, user_ids: set[int]) -> list[str]:
    """Files without rows and rows without files, read from the database and the folder directly."""
    from app.core.config import Settings
    from app.core.db import create_engine, create_session_factory
    from app.storage.local import LocalStorage
    from app.wardrobe.sweeper import sweep

    engine = create_engine(Settings(_env_file=None, database_url=database_url))
    try:
        report = await sweep(
            create_session_factory(engine), LocalStorage(storage_dir), grace=timedelta(0), dry_run=True
        )
    finally:
        await engine.dispose()
    problems = [f"file without a row: {key}" for key in report.orphans_removed]
    # The database may hold earlier runs' rows whose files lived in another temporary folder: only ours count.
    problems += [f"row without file: {m.key}" for m in report.missing_files if m.user_id in user_ids]
    return problems


async def run_load(args: argparse.Namespace, url: str, own: tuple[str, Path] | None) -> int:
    """Drive the users, then read everything back; `own` is (database URL, image folder) of a server we started."""
    results = Results()
    run = f"{int(time.time())}{rng.randrange(1000):03d}"
    limits = httpx.Limits(max_connections=args.users + 10)
    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as http:
        users = [User() for _ in range(args.users)]
        started = time.monotonic()
        deadline = started + args.seconds
        await asyncio.gather(
            *(
                simulate(
                    Session(http, results, user),
                    index=i,
                    run=run,
                    deadline=deadline,
                    think_s=args.think_ms / 1000,
                    uploads=args.uploads,
                    start_after_s=min(args.ramp_s, args.seconds) * i / args.users,
                )
                for i, user in enumerate(users)
            )
        )
        elapsed = time.monotonic() - started
        registered = [user for user in users if user.token]
        lost = [problem for user in registered for problem in await verify_user(http, user)]
    if own is not None:
        lost += await reconcile_storage(*own, {user.id for user in registered})
    print_results(results, elapsed=elapsed, users=registered, lost=lost)
    return 0 if not lost and not results.errors() else 1


def server_env(args: argparse.Namespace, storage_dir: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "STYLIST_STORAGE_BACKEND": "local",
        "STYLIST_STORAGE_DIR": str(storage_dir),
        "STYLIST_LOG_LEVEL": "WARNING",
    }
    # PostgreSQL is what the numbers are for; a temporary SQLite file (migrated at start-up) lets it run anywhere.
    env.setdefault("STYLIST_DATABASE_URL", f"sqlite+aiosqlite:///{storage_dir.parent / 'load.db'}")
    if not args.keep_rate_limits:  # 0 = no limit: measure the service, not the limiter
        env["STYLIST_RATE_LIMIT_WRITES_PER_MINUTE"] = "0"
        env["STYLIST_RATE_LIMIT_ASSISTANT_PER_MINUTE"] = "0"
    return env


@contextlib.contextmanager
def own_server(env: dict[str, str]) -> Iterator[str]:
    """A uvicorn on a free loopback port for the duration of the run."""
    port = _free_port()
    command = loopback_server_command(port, "--log-level", "warning")  # served as `make run` serves it
    process = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603 - our interpreter
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_ready(url: str, process: "subprocess.Popen[bytes]") -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with {process.returncode}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{url}/health/ready", timeout=1).status_code == 200:
                return
        time.sleep(0.2)
    raise SystemExit(f"{url} did not become ready in 90 s")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m load.run", description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--users", type=int, default=10, choices=range(1, 201), metavar="1..200")
    parser.add_argument("--seconds", type=float, default=30, help="how long users browse (at most 600)")
    parser.add_argument("--url", help="a running service on loopback; default: start one")
    parser.add_argument("--uploads", type=int, default=3, choices=range(0, 11), metavar="0..10", help="photos at start")
    parser.add_argument("--think-ms", type=float, default=500, help="mean pause between one user's requests")
    parser.add_argument("--ramp-s", type=float, default=10, help="users arrive evenly over this many seconds")
    parser.add_argument("--keep-rate-limits", action="store_true", help="leave the service's rate limits on")
    args = parser.parse_args(argv)
    if not 0 < args.seconds <= 600:
        parser.error("--seconds must be in (0, 600]")
    if args.url and not is_loopback(args.url):
        parser.error("--url must be a loopback address (127.0.0.1, ::1, localhost)")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.url:
        return asyncio.run(run_load(args, args.url.rstrip("/"), own=None))
    with tempfile.TemporaryDirectory(prefix="stylist-load-") as folder:
        env = server_env(args, Path(folder) / "images")
        with own_server(env) as url:
            own = (env["STYLIST_DATABASE_URL"], Path(env["STYLIST_STORAGE_DIR"]))
            return asyncio.run(run_load(args, url, own))


if __name__ == "__main__":
    raise SystemExit(main())
