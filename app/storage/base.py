"""The storage interface: opaque keys to bytes. Implementations: local folder, S3."""

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


class StorageError(Exception):
    """The store could not complete an operation (unreachable, denied, full)."""


class ObjectNotFound(StorageError):
    """No object under that key."""


@dataclass(frozen=True)
class StoredObject:
    key: str
    modified: datetime  # timezone-aware UTC; the orphan sweeper's grace period is measured from it


class Storage(Protocol):
    async def put(self, key: str, data: bytes, *, content_type: str) -> None: ...

    async def get(self, key: str) -> bytes: ...

    async def delete(self, keys: list[str]) -> None:
        """Delete the keys; missing keys are not an error."""

    async def exists(self, key: str) -> bool: ...

    async def list_keys(self, prefix: str = "") -> list[str]: ...

    async def list_objects(self, prefix: str = "") -> list[StoredObject]:
        """Keys with their last-modified time, sorted by key."""

    async def check(self) -> None:
        """Raise StorageError when the store is not usable (readiness probe)."""
