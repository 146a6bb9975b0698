"""Objects in an S3 bucket (AWS, MinIO or any S3-compatible endpoint)."""

import asyncio
from typing import TYPE_CHECKING, Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from app.storage.base import ObjectNotFound, StorageError, StoredObject

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

_DELETE_BATCH = 1000  # the most keys one DeleteObjects call accepts


class S3Storage:
    def __init__(
        self, *, bucket: str, prefix: str = "", endpoint_url: str | None = None, region: str | None = None
    ) -> None:
        self.bucket = bucket
        self.prefix = prefix
        config = Config(retries={"max_attempts": 3, "mode": "standard"}, connect_timeout=5, read_timeout=30)
        self.client: S3Client = boto3.client("s3", endpoint_url=endpoint_url, region_name=region, config=config)

    async def _call(self, operation: str, **kwargs: Any) -> Any:
        try:
            return await asyncio.to_thread(getattr(self.client, operation), **kwargs)
        except ClientError as exc:
            code = exc.response.get("Error", {}).get("Code", "")
            if code in {"NoSuchKey", "404", "NotFound"}:
                raise ObjectNotFound(kwargs.get("Key", "")) from exc
            raise StorageError(f"S3 {operation} failed: {code or exc}") from exc
        except BotoCoreError as exc:
            raise StorageError(f"S3 {operation} failed: {exc}") from exc

    async def put(self, key: str, data: bytes, *, content_type: str) -> None:
        await self._call("put_object", Bucket=self.bucket, Key=self.prefix + key, Body=data, ContentType=content_type)

    async def get(self, key: str) -> bytes:
        response = await self._call("get_object", Bucket=self.bucket, Key=self.prefix + key)
        body: bytes = await asyncio.to_thread(response["Body"].read)
        return body

    async def delete(self, keys: list[str]) -> None:
        for start in range(0, len(keys), _DELETE_BATCH):
            batch = [{"Key": self.prefix + key} for key in keys[start : start + _DELETE_BATCH]]
            response = await self._call("delete_objects", Bucket=self.bucket, Delete={"Objects": batch, "Quiet": True})
            if response.get("Errors"):
                raise StorageError(f"S3 could not delete {len(response['Errors'])} object(s)")

    async def exists(self, key: str) -> bool:
        try:
            await self._call("head_object", Bucket=self.bucket, Key=self.prefix + key)
        except ObjectNotFound:
            return False
        return True

    async def list_keys(self, prefix: str = "") -> list[str]:
        paginator = self.client.get_paginator("list_objects_v2")

        def collect() -> list[str]:
            pages = paginator.paginate(Bucket=self.bucket, Prefix=self.prefix + prefix)
            return [obj["Key"][len(self.prefix) :] for page in pages for obj in page.get("Contents", [])]

        try:
            return sorted(await asyncio.to_thread(collect))
        except (ClientError, BotoCoreError) as exc:
            raise StorageError(f"S3 list failed: {exc}") from exc

    async def list_objects(self, prefix: str = "") -> list[StoredObject]:
        paginator = self.client.get_paginator("list_objects_v2")

        def collect() -> list[StoredObject]:
            pages = paginator.paginate(Bucket=self.bucket, Prefix=self.prefix + prefix)
            return [
                StoredObject(key=obj["Key"][len(self.prefix) :], modified=obj["LastModified"])
                for page in pages
                for obj in page.get("Contents", [])
            ]

        try:
            return sorted(await asyncio.to_thread(collect), key=lambda obj: obj.key)
        except (ClientError, BotoCoreError) as exc:
            raise StorageError(f"S3 list failed: {exc}") from exc

    async def check(self) -> None:
        await self._call("head_bucket", Bucket=self.bucket)
