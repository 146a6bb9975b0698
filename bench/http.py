"""HTTP throughput of the main routes: `python -m bench.http [--original DIR] [--seconds 5] [--rounds 2]`.

Starts our service as a real uvicorn process (one worker, SQLite in a temporary folder unless
--database-url is given), seeds one user with 50 wardrobe items and 50 conversations, and drives each route
with a closed-loop load generator (wrk when installed, else a Python client) at each concurrency. Prints
req/s, p50 and p99 latency, failures and the server's CPU ms per request.

With --original DIR it also starts the original project (github cydal/ai-stylist, cloned into DIR with its
own venv in DIR/venv, never part of this repo), seeds the same data, and runs original, ours, original, ours
... interleaved, so a busy machine slows both alike; the summary gives ours / original per route.
"""

import argparse
import contextlib
import statistics
import tempfile
from collections import defaultdict
from pathlib import Path

from bench import profile, servers
from bench.loadgen import Outcome, Route, run_load, wrk_path

ROUTE_NAMES = ("root", "images", "conversations", "signup", "image", "me")
OURS_ONLY = ("image", "me")  # routes the original does not have


def routes_for(server: servers.Server, names: list[str]) -> list[Route]:
    uid = server.user_id
    image_id = server.seeded["images"][0]["id"] if server.seeded.get("images") else 1
    table = {
        "root": Route("GET /", "GET", "/"),
        "images": Route("GET /api/images/{user_id}", "GET", f"/api/images/{uid}", server.headers),
        "conversations": Route("GET /api/conversations/{user_id}", "GET", f"/api/conversations/{uid}", server.headers),
        "signup": Route("POST /api/users/", "POST", "/api/users/", body='{"username": "b-{n}"}'),
        "image": Route("GET /api/images/{user_id}/{image_id}", "GET", f"/api/images/{uid}/{image_id}", server.headers),
        "me": Route("GET /api/users/me", "GET", "/api/users/me", server.headers),
    }
    return [table[name] for name in names]


def measure(
    server: servers.Server, route: Route, *, connections: int, seconds: float, tool: str
) -> tuple[Outcome, float]:
    """One load run and the server's CPU ms per request during it."""
    cpu_before = server.cpu_seconds()
    outcome = run_load(server.url, route, connections=connections, seconds=seconds, tool=tool)
    cpu_ms = (server.cpu_seconds() - cpu_before) * 1000 / max(1, outcome.requests)
    return outcome, cpu_ms


def print_row(name: str, route: Route, connections: int, outcome: Outcome, cpu_ms: float) -> None:
    print(
        f"{route.label:<38} c{connections:<3} {name:<9} {outcome.rps:8.0f} req/s  p50 {outcome.p50_ms:7.1f} ms  "
        f"p99 {outcome.p99_ms:7.1f} ms  failures {outcome.failures:<5} cpu {cpu_ms:5.2f} ms/req",
        flush=True,
    )


def print_summary(rps: dict[tuple[str, int, str], list[float]]) -> None:
    print("\nsummary (median over rounds)")
    for (label, connections, name), values in sorted(rps.items()):
        if name != "ours":
            continue
        line = f"{label:<38} c{connections:<3} ours {statistics.median(values):8.0f} req/s"
        for other in ("original", "before"):
            baseline = rps.get((label, connections, other))
            if baseline:
                ratio = statistics.median(values) / max(1.0, statistics.median(baseline))
                line += f"   {other} {statistics.median(baseline):6.0f} req/s  ours/{other} {ratio:5.2f}"
        print(line)


def run(args: argparse.Namespace) -> None:
    tool = "python" if args.python_client or not wrk_path() else "wrk"
    if tool == "python" and not args.python_client:
        print("wrk is not installed (apt-get install wrk): using the slower Python client; compare like with like.")
    with contextlib.ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="stylist-bench-")))
        (folder / "ours").mkdir()
        ours = servers.ours(
            folder / "ours", database_url=args.database_url, workers=args.workers, redis_url=args.redis_url
        )
        mine = stack.enter_context(ours)
        servers.seed_ours(mine, items=args.items, conversations=args.items)
        running = [mine]
        if args.original:
            (folder / "original").mkdir()
            theirs = stack.enter_context(servers.original(args.original.resolve(), folder / "original"))
            servers.seed_original(theirs, folder / "original", like=mine)
            running = [theirs, mine]
        if args.before:
            (folder / "before").mkdir()
            before = servers.ours(
                folder / "before",
                database_url=None,
                workers=args.workers,
                root=args.before,
                name="before",
                loop=args.before_loop,
                http=args.before_http,
            )
            earlier = stack.enter_context(before)
            servers.seed_ours(earlier, items=args.items, conversations=args.items)
            running = [earlier, *running]
        print(
            f"http benchmark: {tool}, {args.seconds:g} s per run, {args.rounds} round(s), one user with "
            f"{args.items} items and {args.items} conversations, ours with {args.workers} worker(s) on "
            f"{'PostgreSQL' if args.database_url else 'SQLite'}{' and Redis' if args.redis_url else ''}"
        )
        for server in running:  # warm caches and code paths before anything is measured
            names = [n for n in args.routes if server.name == "ours" or n not in OURS_ONLY]
            for route in routes_for(server, names):
                run_load(server.url, route, connections=4, seconds=1, tool=tool)
        rps: dict[tuple[str, int, str], list[float]] = defaultdict(list)
        for connections in args.connections:
            for index in range(len(args.routes)):
                for _ in range(args.rounds):
                    for server in running:
                        if server.name == "original" and args.routes[index] in OURS_ONLY:
                            continue
                        route = routes_for(server, args.routes)[index]
                        outcome, cpu_ms = measure(
                            server, route, connections=connections, seconds=args.seconds, tool=tool
                        )
                        print_row(server.name, route, connections, outcome, cpu_ms)
                        rps[(route.label, connections, server.name)].append(outcome.rps)
        print_summary(rps)
        if args.profile:
            print_profile(mine, args, tool)


def print_profile(server: servers.Server, args: argparse.Namespace, tool: str) -> None:
    if not profile.py_spy_path():
        print("\nno profile: py-spy is not on PATH (pip install py-spy)")
        return
    route = routes_for(server, [args.profile])[0]
    seconds = max(args.seconds, 5)
    outcome, text = profile.profiled(
        server.process.pid,
        lambda: run_load(server.url, route, connections=16, seconds=seconds, tool=tool),
        seconds=seconds,
    )
    print(f"\nprofile of ours, {route.label} at c16 ({outcome.rps:.0f} req/s while sampled):")  # type: ignore[attr-defined]
    print(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=5, help="length of each measured run")
    parser.add_argument("--rounds", type=int, default=1, help="runs per route, server and concurrency")
    parser.add_argument("--connections", type=int, nargs="+", default=[16, 64], help="concurrent connections")
    parser.add_argument(
        "--routes", nargs="+", choices=ROUTE_NAMES, default=["root", "images", "conversations", "signup"]
    )
    parser.add_argument("--items", type=int, default=50, help="wardrobe items and conversations of the user")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes of our server")
    parser.add_argument("--database-url", help="PostgreSQL URL for our server (migrated first); default SQLite")
    parser.add_argument(
        "--redis-url", help="Redis for our server (shared rate limits and token revocations, as replicas run)"
    )
    parser.add_argument("--original", type=Path, help="a checkout of the original project with its venv in ./venv")
    parser.add_argument("--profile", choices=ROUTE_NAMES, help="also sample our server with py-spy on this route")
    parser.add_argument(
        "--before", type=Path, help="another checkout of this project (e.g. a git worktree of an older commit)"
    )
    parser.add_argument(
        "--before-loop",
        choices=["asyncio", "uvloop"],
        help="serve `--before` on this event loop instead (e.g. `--before . --before-loop uvloop`: the loop alone)",
    )
    parser.add_argument(
        "--before-http",
        choices=["h11", "httptools"],
        help="serve `--before` with this HTTP parser instead (e.g. `--before . --before-http h11`: the parser alone)",
    )
    parser.add_argument("--python-client", action="store_true", help="use the Python client even if wrk exists")
    run(parser.parse_args())


if __name__ == "__main__":
    main()
