from pathlib import Path

import httpx


async def test_live_and_ready(client: httpx.AsyncClient) -> None:
    assert (await client.get("/health/live")).json()["status"] == "ok"
    ready = await client.get("/health/ready")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok", "checks": {"database": "ok", "storage": "ok", "rate_limits": "ok"}}


async def test_not_ready_when_storage_is_unusable(client_with, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the image folder should be")
    client = await client_with(storage_dir=blocker / "images")
    ready = await client.get("/health/ready")
    assert ready.status_code == 503
    assert ready.json()["checks"]["storage"].startswith("unavailable")
    assert ready.json()["checks"]["database"] == "ok"


async def test_not_ready_and_503_when_database_is_unreachable(client_with) -> None:
    client = await client_with(database_url="postgresql+asyncpg://nobody@127.0.0.1:9/none", db_connect_timeout_s=1)
    ready = await client.get("/health/ready")
    assert ready.status_code == 503
    assert ready.json()["checks"]["database"].startswith("unavailable")
    created = await client.post("/api/users/", json={"username": "ana"})
    assert created.status_code == 503
    assert created.json()["error"] == "database_unavailable"
    assert created.headers["retry-after"]
