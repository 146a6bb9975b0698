"""SIGTERM while uploads are in flight: each one completes with 200, then the process exits cleanly.

This is what ECS does on every deploy and scale-in; a request cut short there is a photo the user must resend.
"""

import asyncio
import io
import os
import signal
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
from PIL import Image

from tests.servers import local_env, start, wait_ready

IN_FLIGHT = 6  # analyses queue on one vision thread, so most are still running at SIGTERM


def large_photo(seed: int) -> bytes:
    """A noisy 2400x1800 photo: a few megabytes that take the service a noticeable moment to decode and analyse."""
    image = Image.frombytes("RGB", (2400, 1800), os.urandom(2400 * 1800 * 3))
    image.paste((seed * 40, 90, 160), (600, 400, 1800, 1400))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=70)
    return buffer.getvalue()


BOUNDARY = "shutdown-test"


async def upload(url: str, user_id: int, headers: dict[str, str], photo: bytes, sent: asyncio.Event) -> httpx.Response:
    """Posts the photo as multipart, setting `sent` once the whole body has been handed to the connection."""

    async def body() -> AsyncIterator[bytes]:
        yield (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="p.jpg"\r\n'
            "Content-Type: image/jpeg\r\n\r\n"
        ).encode()
        yield photo
        yield f"\r\n--{BOUNDARY}--\r\n".encode()
        sent.set()

    # A connection of its own per upload, so none rides on a keep-alive connection the server may be closing.
    async with httpx.AsyncClient(base_url=url, timeout=60) as http:
        multipart = {**headers, "Content-Type": f"multipart/form-data; boundary={BOUNDARY}"}
        return await http.post(f"/api/images/upload?user_id={user_id}", content=body(), headers=multipart)


async def test_sigterm_lets_in_flight_uploads_finish(tmp_path: Path) -> None:
    env = local_env(tmp_path, STYLIST_STORAGE_BACKEND="local", STYLIST_VISION_THREADS="1")
    server = start(env, tmp_path / "server.log")
    process, url = server.process, server.url
    try:
        await asyncio.to_thread(wait_ready, server)
        async with httpx.AsyncClient(base_url=url, timeout=60) as http:
            user = (await http.post("/api/users/", json={"username": "shutdown"})).json()
            headers = {"Authorization": f"Bearer {user['api_token']}"}
            photos = [large_photo(n) for n in range(IN_FLIGHT)]
            sent = [asyncio.Event() for _ in photos]
            uploads = [
                asyncio.create_task(upload(url, user["id"], headers, p, e)) for p, e in zip(photos, sent, strict=True)
            ]
            # SIGTERM only once every request has reached the server (on a busy machine 0.3 s was not always
            # enough, and a connection whose request had not arrived is rightly closed by the shutdown).
            await asyncio.wait_for(asyncio.gather(*(event.wait() for event in sent)), 30)
            await asyncio.sleep(0.2)  # decoding and analysis are under way
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
