"""Recently verified API tokens, so an authenticated request needs no database read to know who is asking.

What is cached is immutable while it exists: a token hash names one token of one user for the token's whole
life. A token only ever stops existing (rotation, deletion of its user), so invalidation is revocation:
- in this process, `revoke` drops the entries, and a lookup that started before a revocation does not cache
  what it read (the epoch check), so a request that raced the revocation cannot put the old token back;
- across processes, with Redis, `revoke` leaves a marker per revoked hash (kept longer than any entry can
  live) and every cache hit asks Redis whether its hash is marked: a token refused on one replica is refused
  on every replica from the moment the revoking request has answered. When Redis cannot be asked, the cache
  is emptied and skipped (the database decides) for a few seconds;
- without Redis, other processes (a second uvicorn worker) keep an entry at most `ttl_s` seconds: run more
  than one process with STYLIST_REDIS_URL set, or with STYLIST_TOKEN_CACHE_TTL_S=0.
"""

import asyncio
import logging
import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

REDIS_RETRY_S = 5.0  # after a failed Redis call, no cache (database reads) for this long
_REDIS_ERRORS = (RedisError, OSError, TimeoutError)


@dataclass(frozen=True)
class Credential:
    """Who a valid token belongs to, and which token it was (rotation revokes exactly that one)."""

    user_id: int
    token_id: int
    last_used_at: datetime | None


@dataclass(frozen=True)
class _Entry:
    credential: Credential
    verified_at: float


class Revocations(Protocol):
    """Where revocations are told to the other processes (or nowhere, for a single process)."""

    async def revoked(self, token_hash: str) -> bool | None:
        """Whether another process revoked this hash; None when that cannot be known now."""
        ...

    async def publish(self, token_hashes: list[str]) -> None: ...

    async def close(self) -> None: ...


class LocalRevocations:
    """One process: `TokenCache.revoke` has already dropped the entries; nobody else to tell."""

    async def revoked(self, token_hash: str) -> bool | None:
        return False

    async def publish(self, token_hashes: list[str]) -> None:
        return None

    async def close(self) -> None:
        return None


@dataclass
class _Check:
    """Token hashes waiting for one Redis read; `marked` resolves to those revoked (None: Redis cannot be asked)."""

    marked: "asyncio.Future[set[str] | None]"
    hashes: set[str] = field(default_factory=set)


class RedisRevocations:
    """A marker per revoked token hash in Redis, kept longer than any replica's entry can live.

    Every cache hit is checked, but concurrent checks share one read: while one is in flight, the checks that
    arrive wait for the next, sent when it returns (one MGET for all their hashes). A check is therefore always
    sent after its request arrived, so it sees every revocation answered before then. Under load this replaced
    one round trip per request (redis-py's client code was ~5% of a worker's CPU on the image list).
    """

    def __init__(self, url: str, *, marker_ttl_s: int) -> None:
        from redis.asyncio import Redis

        self._redis = Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
        self._marker_ttl_s = marker_ttl_s
        self._next: _Check | None = None  # not sent yet: arriving checks join it
        self._sender: asyncio.Task[None] | None = None

    @staticmethod
    def _key(token_hash: str) -> str:
        return f"stylist:revoked:{token_hash}"

    async def revoked(self, token_hash: str) -> bool | None:
        check = self._next
        if check is None:
            check = self._next = _Check(asyncio.get_running_loop().create_future())
            if self._sender is None:
                self._sender = asyncio.create_task(self._send())
        check.hashes.add(token_hash)
        marked = await asyncio.shield(check.marked)  # a request that goes away does not cancel the others' answer
        return None if marked is None else token_hash in marked

    async def _send(self) -> None:
        """Send the waiting checks one read at a time until none waits."""
        try:
            while (check := self._next) is not None:
                self._next = None
                marked: set[str] | None = None
                try:
                    marked = await self._marked(sorted(check.hashes))
                finally:
                    check.marked.set_result(marked)
        finally:
            self._sender = None
            if self._next is not None:  # only when cancelled (shutdown): answer "cannot tell", never hang
                self._next.marked.set_result(None)
                self._next = None

    async def _marked(self, hashes: list[str]) -> set[str] | None:
        try:
            values = await self._redis.mget([self._key(token_hash) for token_hash in hashes])
        except _REDIS_ERRORS as exc:
            logger.warning("Redis unreachable (%s): tokens are checked in the database", type(exc).__name__)
            return None
        return {token_hash for token_hash, value in zip(hashes, values, strict=True) if value is not None}

    async def publish(self, token_hashes: list[str]) -> None:
        if not token_hashes:
            return
        try:
            async with self._redis.pipeline(transaction=False) as pipe:
                for token_hash in token_hashes:
                    pipe.set(self._key(token_hash), b"1", ex=self._marker_ttl_s)
                await pipe.execute()
        except _REDIS_ERRORS as exc:
            # The tokens are gone from the database; replicas that cached them see that within their TTL.
            logger.error("could not publish %d token revocation(s): %s", len(token_hashes), type(exc).__name__)

    async def close(self) -> None:
        await self._redis.aclose()


class TokenCache:
    """Token hash -> Credential for at most `ttl_s` seconds, at most `max_entries` of them (oldest go first)."""

    def __init__(
        self,
        *,
        ttl_s: float,
        max_entries: int,
        revocations: Revocations | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl_s = ttl_s
        self.max_entries = max_entries
        self.revocations: Revocations = revocations or LocalRevocations()
        self._clock = clock
        self._entries: dict[str, _Entry] = {}
        self._epoch = 0  # revocations so far in this process
        self._skip_until = 0.0
        self._uses: dict[int, float] = {}  # token id -> when this process last recorded its use

    @property
    def enabled(self) -> bool:
        return self.ttl_s > 0 and self.max_entries > 0

    def epoch(self) -> int:
        """Taken before a database lookup and handed to `put`: a revocation in between voids the lookup's entry."""
        return self._epoch

    async def get(self, token_hash: str) -> Credential | None:
        entry = self._entries.get(token_hash)
        if entry is None:
            return None
        if self._clock() - entry.verified_at > self.ttl_s or self._clock() < self._skip_until:
            self._entries.pop(token_hash, None)
            return None
        revoked = await self.revocations.revoked(token_hash)
        if revoked is None:  # cannot tell: forget everything and let the database answer for a while
            self.clear()
            self._skip_until = self._clock() + REDIS_RETRY_S
            return None
        if revoked:
            self._entries.pop(token_hash, None)
            return None
        return entry.credential

    def put(self, token_hash: str, credential: Credential, *, epoch: int) -> None:
        if not self.enabled or epoch != self._epoch or self._clock() < self._skip_until:
            return
        if token_hash not in self._entries and len(self._entries) >= self.max_entries:
            self._entries.pop(next(iter(self._entries)))  # the oldest entry: bounded memory, no LRU bookkeeping
        self._entries[token_hash] = _Entry(credential, self._clock())

    def clear(self) -> None:
        """Forget every entry and recorded use (the next request of each token reads the database)."""
        self._entries.clear()
        self._uses.clear()

    def claim_use(self, token_id: int, *, every_s: float) -> bool:
        """True at most once per `every_s` per token in this process: whether to record this use of it.

        Apart from the entries, so a burst of first requests (all missing the cache at once) writes once.
        """
        now = self._clock()
        claimed = self._uses.get(token_id)
        if claimed is not None and now - claimed < every_s:
            return False
        self._uses.pop(token_id, None)  # re-inserted last: the dict stays in claim order, oldest first
        if len(self._uses) >= max(self.max_entries, 1):
            self._uses.pop(next(iter(self._uses)))  # bounded: forgetting a claim only costs one more write
        self._uses[token_id] = now
        return True

    async def revoke(self, token_hashes: Iterable[str]) -> None:
        """Call after the transaction that deleted the tokens committed; returns once other replicas know."""
        hashes = list(token_hashes)
        self._epoch += 1
        for token_hash in hashes:
            self._entries.pop(token_hash, None)
        await self.revocations.publish(hashes)

    async def close(self) -> None:
        await self.revocations.close()


def create_token_cache(*, ttl_s: float, max_entries: int, redis_url: str | None) -> TokenCache:
    """Redis markers when Redis is configured (replicas), else this process alone."""
    revocations: Revocations = LocalRevocations()
    if redis_url and ttl_s > 0:
        revocations = RedisRevocations(redis_url, marker_ttl_s=max(60, math.ceil(2 * ttl_s)))
    return TokenCache(ttl_s=ttl_s, max_entries=max_entries, revocations=revocations)
