"""SIGTERM while uploads are in flight: each one completes with 200, then the process exits cleanly.

This is what ECS does on every deploy and scale-in; a request cut short there is a photo the user must resend.
"""

import asyncio
import io
import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
from PIL import Image

from tests.conftest import free_port
from tests.scale.test_two_replicas import ROOT, wait_ready

IN_FLIGHT = 6  # analyses queue on one vision thread, so most are still running at SIGTERM


def large_photo(seed: int) -> bytes:
    """A noisy 2400x1800 photo: a few megabytes that take the service a noticeable moment to decode and analyse."""
    image = Image.frombytes("RGB", (2400, 1800), os.urandom(2400 * 1800 * 3))
    image.paste((seed * 40, 90, 160), (600, 400, 1800, 1400))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=70)
    return buffer.getvalue()


def start_server(tmp_path: Path, port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "STYLIST_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'stylist.db'}",
        "STYLIST_STORAGE_DIR": str(tmp_path / "images"),
        "STYLIST_STORAGE_BACKEND": "local",
        "STYLIST_LOG_LEVEL": "WARNING",
        "STYLIST_VISION_THREADS": "1",
    }
    return subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


async def upload(url: str, user_id: int, headers: dict[str, str], photo: bytes) -> httpx.Response:
    # A connection of its own per upload, so none rides on a keep-alive connection the server may be closing.
    async with httpx.AsyncClient(base_url=url, timeout=60) as http:
        files = {"file": ("p.jpg", photo, "image/jpeg")}
        return await http.post(f"/api/images/upload?user_id={user_id}", files=files, headers=headers)


async def test_sigterm_lets_in_flight_uploads_finish(tmp_path: Path) -> None:
    port = free_port()
    process = start_server(tmp_path, port)
    url = f"http://127.0.0.1:{port}"
    try:
        await asyncio.to_thread(wait_ready, url, process)
        async with httpx.AsyncClient(base_url=url, timeout=60) as http:
            user = (await http.post("/api/users/", json={"username": "shutdown"})).json()
            headers = {"Authorization": f"Bearer {user['api_token']}"}
            photos = [large_photo(n) for n in range(IN_FLIGHT)]
            uploads = [asyncio.create_task(upload(url, user["id"], headers, p)) for p in photos]
            await asyncio.sleep(0.3)  # the bodies are sent; decoding and analysis are under way
            # A fast machine may finish the first one or two; the test needs several still in flight at SIGTERM.
            assert sum(not task.done() for task in uploads) >= IN_FLIGHT // 2
            process.send_signal(signal.SIGTERM)
            responses = await asyncio.gather(*uploads)
        assert [r.status_code for r in responses] == [200] * IN_FLIGHT
        # Uvicorn re-raises the signal once it has drained, so "exited because of SIGTERM" is the clean outcome.
        assert await asyncio.to_thread(process.wait, 30) in (0, -signal.SIGTERM)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
