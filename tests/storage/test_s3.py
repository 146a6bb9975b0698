"""S3 storage against moto's real HTTP server (no patching of boto3)."""

import boto3
import httpx
import pytest

from app.storage.base import ObjectNotFound, StorageError
from app.storage.s3 import S3Storage
from tests.factories import create_user, jpeg, upload


async def test_put_get_list_delete(s3_endpoint: str, s3_bucket: str) -> None:
    storage = S3Storage(bucket=s3_bucket, prefix="app/", endpoint_url=s3_endpoint, region="us-east-1")
    await storage.check()
    await storage.put("users/1/a.jpg", b"one", content_type="image/jpeg")
    await storage.put("users/2/b.jpg", b"two", content_type="image/jpeg")
    assert await storage.get("users/1/a.jpg") == b"one"
    assert await storage.exists("users/1/a.jpg")
    assert await storage.list_keys("users/1/") == ["users/1/a.jpg"]
    raw = boto3.client("s3", endpoint_url=s3_endpoint).list_objects_v2(Bucket=s3_bucket)
    assert sorted(o["Key"] for o in raw["Contents"]) == ["app/users/1/a.jpg", "app/users/2/b.jpg"]
    await storage.delete(["users/1/a.jpg", "users/1/never-existed.jpg"])
    assert not await storage.exists("users/1/a.jpg")
    with pytest.raises(ObjectNotFound):
        await storage.get("users/1/a.jpg")


async def test_missing_bucket_fails_the_check(s3_endpoint: str, s3_bucket: str) -> None:
    storage = S3Storage(bucket="no-such-bucket", endpoint_url=s3_endpoint, region="us-east-1")
    with pytest.raises(StorageError):
        await storage.check()


async def test_service_on_s3_uploads_serves_and_deletes(client_with, s3_endpoint: str, s3_bucket: str) -> None:
    client: httpx.AsyncClient = await client_with(
        storage_backend="s3", s3_bucket=s3_bucket, s3_endpoint_url=s3_endpoint, s3_region="us-east-1"
    )
    assert (await client.get("/health/ready")).json()["checks"]["storage"] == "ok"
    ana = await create_user(client)
    uploaded = await upload(client, ana, jpeg())
    assert uploaded.status_code == 200, uploaded.text
    file = await client.get(uploaded.json()["file_url"], headers=ana.headers)
    assert file.status_code == 200 and file.content.startswith(b"\xff\xd8")
    raw = boto3.client("s3", endpoint_url=s3_endpoint)
    assert len(raw.list_objects_v2(Bucket=s3_bucket)["Contents"]) == 3  # photo, thumbnail, cut-out
    assert (await client.delete(f"/api/users/{ana.id}", headers=ana.headers)).status_code == 204
    assert "Contents" not in raw.list_objects_v2(Bucket=s3_bucket)
