"""The servers the HTTP benchmark drives: ours (a real uvicorn process) and, optionally, the original project.

Each runs in its own temporary folder, is seeded with one user holding 50 wardrobe items and 50 conversations,
and reports the CPU time its process tree has used, so a run can say how many CPU ms one request cost.
"""

import contextlib
import json
import os
import socket
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from app.core.serving import loopback_server_command
from load.report import random_jpeg

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ("What goes with my navy blazer?", "What should I wear to a wedding?", "Is my wardrobe good for winter?")


@dataclass
class Server:
    name: str
    url: str
    process: subprocess.Popen[bytes]
    user_id: int = 0
    headers: tuple[tuple[str, str], ...] = ()
    seeded: dict[str, list[dict[str, object]]] = field(default_factory=dict)

    def cpu_seconds(self) -> float:
        """User + system CPU of the server and its worker processes so far."""
        return sum(_cpu_of(pid) for pid in _tree(self.process.pid))


def _tree(pid: int) -> list[int]:
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return [pid]
    return [pid, *(p for child in children for p in _tree(int(child)))]


def _cpu_of(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_ready(url: str, process: subprocess.Popen[bytes], path: str, timeout_s: float = 90) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server at {url} exited with {process.returncode}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(url + path, timeout=2).status_code == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"the server at {url} did not become ready in {timeout_s:.0f} s")


@contextlib.contextmanager
def ours(
    folder: Path,
    *,
    database_url: str | None,
    workers: int,
    root: Path = ROOT,
    name: str = "ours",
    redis_url: str | None = None,
    loop: str | None = None,
    http: str | None = None,
) -> Iterator[Server]:
    """Our service on loopback; SQLite in `folder` unless a (migrated-here) database URL is given.

    `root` may be another checkout of this project (an older commit), served the same way for a before/after.
    """
    url_db = database_url or f"sqlite+aiosqlite:///{folder / 'bench.db'}"
    if database_url:
        from app.core import migrations

        migrations.upgrade(database_url)
    env = {
        **os.environ,
        "STYLIST_DATABASE_URL": url_db,
        "STYLIST_STORAGE_BACKEND": "local",
        "STYLIST_STORAGE_DIR": str(folder / "images"),
        "STYLIST_LOG_LEVEL": "WARNING",
        # Limits stay on (their cost is part of every write) but high enough never to refuse the benchmark.
        "STYLIST_RATE_LIMIT_WRITES_PER_MINUTE": "1000000000",
        "STYLIST_RATE_LIMIT_ASSISTANT_PER_MINUTE": "1000000000",
    }
    if redis_url:  # what several workers or replicas need: shared rate limits and token revocations
        env["STYLIST_REDIS_URL"] = redis_url
    port = free_port()
    command = loopback_server_command(port)  # served as `make run` serves it, older checkouts too
    command += ["--loop", loop] if loop else []  # uvicorn takes the last --loop (and --http) given
    command += ["--http", http] if http else []
    command += ["--workers", str(workers)] if workers > 1 else []
    with _running(name, command, env=env, cwd=root, log=folder, port=port, ready_path="/health/live") as server:
        yield server


@contextlib.contextmanager
def original(source: Path, folder: Path) -> Iterator[Server]:
    """The original project (github cydal/ai-stylist, checked out in `source` with its venv in source/venv).

    Its SQLite file is `./test.db` relative to the working directory, so it runs in `folder` with a schema
    made like its Alembic migration, and its rows are written directly (its uploads would call Gemini).
    """
    _create_original_schema(folder / "test.db")
    port = free_port()
    uvicorn = source / "venv" / "bin" / "uvicorn"
    command = [str(uvicorn), "app.main:app", "--app-dir", str(source), "--host", "127.0.0.1", "--port", str(port)]
    with _running(
        "original", command, env=dict(os.environ), cwd=folder, log=folder, port=port, ready_path="/"
    ) as server:
        yield server


@contextlib.contextmanager
def _running(
    name: str, command: list[str], *, env: dict[str, str], cwd: Path, log: Path, port: int, ready_path: str
) -> Iterator[Server]:
    output = (log / f"{name}.log").open("wb")
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=output, stderr=subprocess.STDOUT)  # noqa: S603
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url, process, ready_path)
        yield Server(name=name, url=url, process=process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        output.close()


def seed_ours(server: Server, *, items: int, conversations: int) -> None:
    with httpx.Client(base_url=server.url, timeout=60) as http:
        created = http.post("/api/users/", json={"username": f"bench-{os.getpid()}-{time.time_ns()}"})
        created.raise_for_status()
        body = created.json()
        server.user_id = body["id"]
        server.headers = (("Authorization", f"Bearer {body['api_token']}"),)
        auth = dict(server.headers)
        images = []
        for n in range(items):
            files = {"file": (f"item-{n}.jpg", random_jpeg(seed=n), "image/jpeg")}
            uploaded = http.post("/api/images/upload", params={"user_id": server.user_id}, files=files, headers=auth)
            uploaded.raise_for_status()
            images.append(uploaded.json())
        asked = []
        for n in range(conversations):
            params: dict[str, str | int] = {"user_id": server.user_id, "question": QUESTIONS[n % len(QUESTIONS)]}
            answered = http.post("/api/conversations/", params=params, headers=auth)
            answered.raise_for_status()
            asked.append(answered.json())
    server.seeded = {"images": images, "conversations": asked}


def seed_original(server: Server, folder: Path, like: Server) -> None:
    """The same wardrobe and history as `like`, in the original's tables and shapes."""
    tag_keys = ("type", "primary_color", "secondary_color", "style")
    with contextlib.closing(sqlite3.connect(folder / "test.db")) as db, db:
        user_id = db.execute("INSERT INTO users (username, style_preferences) VALUES ('bench', NULL)").lastrowid
        for image in like.seeded["images"]:
            tags = {key: image["tags"].get(key) for key in tag_keys}  # type: ignore[attr-defined]
            path = str(folder / "uploaded_images" / f"{user_id}_{image['filename']}")
            db.execute(
                "INSERT INTO images (user_id, image_path, tags) VALUES (?, ?, ?)", (user_id, path, json.dumps(tags))
            )
        for conversation in like.seeded["conversations"]:
            db.execute(
                "INSERT INTO conversations (user_id, question, answer) VALUES (?, ?, ?)",
                (user_id, conversation["question"], conversation["answer"]),
            )
    server.user_id = int(user_id or 0)


def _create_original_schema(path: Path) -> None:
    with contextlib.closing(sqlite3.connect(path)) as db, db:
        db.executescript(
            """
            CREATE TABLE IF NOT EXISTS conversations (
                id INTEGER PRIMARY KEY, user_id INTEGER, question VARCHAR NOT NULL, answer VARCHAR NOT NULL,
                created_at DATETIME DEFAULT (CURRENT_TIMESTAMP));
            CREATE INDEX IF NOT EXISTS ix_conversations_id ON conversations (id);
            CREATE INDEX IF NOT EXISTS ix_conversations_user_id ON conversations (user_id);
            CREATE TABLE IF NOT EXISTS images (id INTEGER PRIMARY KEY, user_id INTEGER, image_path VARCHAR, tags JSON);
            CREATE INDEX IF NOT EXISTS ix_images_user_id ON images (user_id);
            CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, username VARCHAR, style_preferences TEXT);
            CREATE INDEX IF NOT EXISTS ix_users_id ON users (id);
            CREATE UNIQUE INDEX IF NOT EXISTS ix_users_username ON users (username);
            """
        )
