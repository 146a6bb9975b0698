"""Two API processes on one PostgreSQL and one S3-compatible store: interleaved writes and reads lose nothing.

This is how the service runs on ECS Fargate (several tasks behind a load balancer). Nothing that must be shared
may live in one process's memory; this test fails if it does.
"""

import asyncio
import os
from collections.abc import Iterator
from pathlib import Path

import boto3
import httpx
import pytest

from tests.conftest import truncate_all
from tests.factories import jpeg
from tests.servers import start, stop, wait_ready

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.postgres


@pytest.fixture
def replicas(tmp_path: Path, postgres_url: str, s3_endpoint: str, s3_bucket: str) -> Iterator[list[str]]:
    env = {
        **os.environ,
        "STYLIST_DATABASE_URL": postgres_url,
        "STYLIST_STORAGE_BACKEND": "s3",
        "STYLIST_S3_BUCKET": s3_bucket,
        "STYLIST_S3_ENDPOINT_URL": s3_endpoint,
        "STYLIST_S3_REGION": "us-east-1",
        "STYLIST_AUTO_MIGRATE": "false",
        "STYLIST_LOG_LEVEL": "WARNING",
        "STYLIST_VISION_THREADS": "1",
    }
    servers = [start(env, tmp_path / f"replica-{n}.log") for n in range(2)]
    try:
        for server in servers:
            wait_ready(server)
        yield [server.url for server in servers]
    finally:
        for server in servers:
            stop(server)
        asyncio.run(truncate_all(postgres_url))


def test_interleaved_traffic_on_two_replicas(replicas: list[str], s3_endpoint: str, s3_bucket: str) -> None:
    a, b = (httpx.Client(base_url=url, timeout=30) for url in replicas)
    users = []
    for n in range(4):  # users created alternately on each replica
        created = (a if n % 2 else b).post("/api/users/", json={"username": f"replica-{n}"}).json()
        users.append((created["id"], {"Authorization": f"Bearer {created['api_token']}"}))
    duplicate = a.post("/api/users/", json={"username": "REPLICA-0"})
    assert duplicate.status_code == 409  # uniqueness holds across processes
    uploaded: dict[int, list[int]] = {user_id: [] for user_id, _ in users}
    for round_ in range(3):
        for index, (user_id, headers) in enumerate(users):
            writer, reader = (a, b) if (round_ + index) % 2 else (b, a)
            colour = (40 * round_ + 10, 30 * index + 20, 90)
            response = writer.post(
                f"/api/images/upload?user_id={user_id}",
                files={"file": ("x.jpg", jpeg(colour), "image/jpeg")},
                headers=headers,
            )
            assert response.status_code == 200, response.text
            uploaded[user_id].append(response.json()["id"])
            listed = reader.get(f"/api/images/{user_id}", headers=headers).json()
            assert uploaded[user_id][-1] in [image["id"] for image in listed]  # read-your-write on the other replica
            file = reader.get(response.json()["file_url"], headers=headers)
            assert file.status_code == 200 and file.content[:2] == b"\xff\xd8"
            asked = reader.post(
                "/api/conversations/", params={"user_id": user_id, "question": "what goes with navy?"}, headers=headers
            )
            assert asked.status_code == 200
    first_id, first_headers = users[0]
    # Just verified on b, then rotated on a: b must not keep trusting it (no Redis here to tell b).
    assert b.get("/api/users/me", headers=first_headers).status_code == 200
    rotated = a.post(f"/api/users/{first_id}/token", headers=first_headers).json()["api_token"]
    assert b.get("/api/users/me", headers=first_headers).status_code == 401  # revoked everywhere at once
    assert b.get("/api/users/me", headers={"Authorization": f"Bearer {rotated}"}).status_code == 200
    for user_id, headers in users[1:]:
        for client in (a, b):
            assert sorted(i["id"] for i in client.get(f"/api/images/{user_id}", headers=headers).json()) == sorted(
                uploaded[user_id]
            )
            assert len(client.get(f"/api/conversations/{user_id}", headers=headers).json()) == 3
    # Every cut-out answers (one still encoding is made by the replica asked), so none is counted missing below.
    tokens = {first_id: {"Authorization": f"Bearer {rotated}"}, **dict(users[1:])}
    for user_id, image_ids in uploaded.items():
        for image_id in image_ids:
            assert b.get(f"/api/images/{user_id}/{image_id}/cutout", headers=tokens[user_id]).status_code == 200
    keys = [
        o["Key"] for o in boto3.client("s3", endpoint_url=s3_endpoint).list_objects_v2(Bucket=s3_bucket)["Contents"]
    ]
    # a photo, a thumbnail and a cut-out per row, no orphans
    assert len(keys) == 3 * sum(len(ids) for ids in uploaded.values())
