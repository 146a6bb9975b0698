"""CPU per request of the app itself, called as an ASGI app (no server, no client): `python -m bench.asgi`.

Steadier than the HTTP benchmark on a busy machine (it counts this process's CPU time, not req/s), so it is the
one to compare changes with. Seeds one user with 50 items and 50 conversations in a temporary SQLite database
(or, with `--database-url`, in that PostgreSQL database, migrated first; `--redis-url` as the token cache's
revocation store), then calls each route N times, one at a time and 64 at once; `--profile ROUTE` prints
cProfile's top functions. On PostgreSQL the database server's own CPU is not counted.
"""

import argparse
import asyncio
import cProfile
import pstats
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx

from app.core import migrations
from app.core.config import Settings
from app.main import create_app
from bench.servers import QUESTIONS
from load.report import random_jpeg

Call = Callable[[int], Awaitable[int]]


async def asgi_call(app: Any, method: str, path: str, headers: list[tuple[str, str]], body: bytes) -> int:
    """One request straight into the ASGI app; returns the status it answered."""
    path, _, query = path.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(k.lower().encode(), v.encode()) for k, v in [("host", "bench"), *headers]],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 8000),
    }
    messages = [{"type": "http.request", "body": body, "more_body": False}]
    statuses: list[int] = []

    async def receive() -> dict[str, Any]:
        if messages:
            return messages.pop()
        await asyncio.Event().wait()  # no disconnect: the client waits as long as the app takes
        raise AssertionError("unreachable")

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    await app(scope, receive, send)
    return statuses[0]


async def seed(app: Any, items: int) -> tuple[int, list[tuple[str, str]]]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
        created = (await http.post("/api/users/", json={"username": f"bench-{time.time_ns()}"})).json()
        auth = {"Authorization": f"Bearer {created['api_token']}"}
        for n in range(items):
            files = {"file": (f"item-{n}.jpg", random_jpeg(seed=n), "image/jpeg")}
            (
                await http.post("/api/images/upload", params={"user_id": created["id"]}, files=files, headers=auth)
            ).raise_for_status()
            question = {"user_id": created["id"], "question": QUESTIONS[n % len(QUESTIONS)]}
            (await http.post("/api/conversations/", params=question, headers=auth)).raise_for_status()
    return created["id"], list(auth.items())


def routes(app: Any, user_id: int, auth: list[tuple[str, str]]) -> dict[str, Call]:
    json_type = [("content-type", "application/json")]

    def get(path: str, headers: list[tuple[str, str]]) -> Call:
        return lambda _n: asgi_call(app, "GET", path, headers, b"")

    def signup(n: int) -> Awaitable[int]:
        body = f'{{"username": "b-{n}-{time.time_ns()}"}}'.encode()
        return asgi_call(app, "POST", "/api/users/", json_type, body)

    return {
        "root": get("/", []),
        "images": get(f"/api/images/{user_id}", auth),
        "conversations": get(f"/api/conversations/{user_id}", auth),
        "me": get("/api/users/me", auth),
        "signup": signup,
    }


async def cpu_ms_per_request(call: Call, *, requests: int, concurrency: int) -> float:
    for n in range(30):
        assert await call(-n - 1) == 200
    started = time.process_time()
    for batch in range(requests // concurrency):
        answers = await asyncio.gather(*(call(batch * concurrency + k) for k in range(concurrency)))
        assert set(answers) == {200}, answers
    return (time.process_time() - started) * 1000 / (requests // concurrency * concurrency)


async def run(args: argparse.Namespace) -> None:
    folder = Path(tempfile.mkdtemp(prefix="stylist-asgi-"))
    url = args.database_url or f"sqlite+aiosqlite:///{folder / 'bench.db'}"
    await asyncio.to_thread(migrations.upgrade, url)
    settings = Settings(
        _env_file=None,
        database_url=url,
        redis_url=args.redis_url,
        auto_migrate=False,
        storage_dir=folder / "images",
        log_level="WARNING",
        rate_limit_writes_per_minute=10**9,
        rate_limit_assistant_per_minute=10**9,
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        user_id, auth = await seed(app, args.items)
        table = routes(app, user_id, auth)
        backend = "PostgreSQL" if args.database_url else "SQLite"
        print(f"CPU ms per request, in process (one user, {args.items} items and conversations, {backend}):")
        for name in args.routes:
            line = f"  {name:<14}"
            for concurrency in (1, 64):
                ms = await cpu_ms_per_request(table[name], requests=args.requests, concurrency=concurrency)
                line += f"  c{concurrency}: {ms:5.2f}"
            print(line, flush=True)
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            await cpu_ms_per_request(table[args.profile], requests=args.requests, concurrency=1)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=640, help="requests per route and concurrency")
    parser.add_argument("--items", type=int, default=50)
    names = ["root", "images", "conversations", "me", "signup"]
    parser.add_argument("--routes", nargs="+", choices=names, default=names)
    parser.add_argument("--profile", choices=names, help="also print cProfile's top functions for this route")
    parser.add_argument("--database-url", help="a PostgreSQL URL (migrated first) instead of a temporary SQLite file")
    parser.add_argument("--redis-url", help="Redis for the token cache's revocations, as several workers use it")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
