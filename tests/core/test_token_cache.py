"""The cache of verified tokens: bounded, short-lived, and never able to bring a revoked token back."""

import asyncio
import os

import pytest

from app.core.token_cache import Credential, RedisRevocations, TokenCache, create_token_cache

REDIS_URL = os.environ.get("STYLIST_TEST_REDIS_URL")
ANA = Credential(user_id=1, token_id=10, last_used_at=None)
BO = Credential(user_id=2, token_id=20, last_used_at=None)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_an_entry_lives_at_most_ttl_seconds() -> None:
    clock = Clock()
    cache = TokenCache(ttl_s=5, max_entries=10, clock=clock)
    cache.put("a", ANA, epoch=cache.epoch())
    clock.now += 4.9
    assert await cache.get("a") == ANA
    clock.now += 0.2
    assert await cache.get("a") is None


async def test_the_cache_holds_at_most_max_entries_dropping_the_oldest() -> None:
    cache = TokenCache(ttl_s=60, max_entries=2)
    for name in ("a", "b", "c"):
        cache.put(name, ANA, epoch=cache.epoch())
    assert await cache.get("a") is None
    assert await cache.get("b") == ANA and await cache.get("c") == ANA


async def test_revoke_drops_the_entries() -> None:
    cache = TokenCache(ttl_s=60, max_entries=10)
    cache.put("a", ANA, epoch=cache.epoch())
    cache.put("b", BO, epoch=cache.epoch())
    await cache.revoke(["a"])
    assert await cache.get("a") is None
    assert await cache.get("b") == BO


async def test_a_lookup_that_raced_a_revocation_is_not_cached() -> None:
    """Read the token row, then the rotation commits and revokes, then the reader caches what it read: refused."""
    cache = TokenCache(ttl_s=60, max_entries=10)
    before_lookup = cache.epoch()
    await cache.revoke(["a"])  # committed while the lookup was in flight
    cache.put("a", ANA, epoch=before_lookup)
    assert await cache.get("a") is None


async def test_a_ttl_of_zero_caches_nothing() -> None:
    cache = create_token_cache(ttl_s=0, max_entries=10, redis_url=None)
    cache.put("a", ANA, epoch=cache.epoch())
    assert await cache.get("a") is None


async def test_a_tokens_use_is_claimed_once_per_period() -> None:
    clock = Clock()
    cache = TokenCache(ttl_s=5, max_entries=10, clock=clock)
    assert cache.claim_use(10, every_s=300)
    assert not cache.claim_use(10, every_s=300)
    assert cache.claim_use(20, every_s=300)
    clock.now += 301
    assert cache.claim_use(10, every_s=300)


async def test_claims_are_bounded_too() -> None:
    cache = TokenCache(ttl_s=5, max_entries=2)
    for token_id in (1, 2, 3):
        assert cache.claim_use(token_id, every_s=300)
    assert cache.claim_use(1, every_s=300)  # the oldest claim was forgotten: its next use is recorded again
    assert not cache.claim_use(3, every_s=300)


@pytest.mark.skipif(not REDIS_URL, reason="STYLIST_TEST_REDIS_URL is not set")
async def test_a_revocation_in_one_process_reaches_the_others_cache_through_redis() -> None:
    assert REDIS_URL
    first, second = (create_token_cache(ttl_s=60, max_entries=10, redis_url=REDIS_URL) for _ in range(2))
    token_hash = os.urandom(16).hex()
    try:
        second.put(token_hash, ANA, epoch=second.epoch())
        assert await second.get(token_hash) == ANA
        await first.revoke([token_hash])
        assert await second.get(token_hash) is None
        second.put(token_hash, ANA, epoch=second.epoch())  # a lookup that read the row before the commit
        assert await second.get(token_hash) is None  # the marker outlives any such entry
    finally:
        await first.close()
        await second.close()


async def test_when_redis_cannot_be_asked_the_cache_steps_aside() -> None:
    """An unreachable Redis must never let a cached token through unchecked: the database decides instead."""
    revocations = RedisRevocations("redis://127.0.0.1:1/0", marker_ttl_s=60)  # nothing listens on port 1
    cache = TokenCache(ttl_s=60, max_entries=10, revocations=revocations)
    try:
        cache.put("a", ANA, epoch=cache.epoch())
        assert await cache.get("a") is None
        cache.put("a", ANA, epoch=cache.epoch())  # within the retry pause nothing is cached
        assert await cache.get("a") is None
        await cache.revoke(["a"])  # a failed publication is logged, not raised: the rows are gone already
    finally:
        await cache.close()


async def test_concurrent_checks_share_one_redis_read_and_each_gets_its_own_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert REDIS_URL
    checker, publisher = (RedisRevocations(REDIS_URL, marker_ttl_s=60) for _ in range(2))
    kept, gone = os.urandom(16).hex(), os.urandom(16).hex()
    reads: list[list[str]] = []
    mget = checker._redis.mget

    async def counted(keys: list[str]) -> list[bytes | str | None]:
        reads.append(list(keys))
        return await mget(keys)

    monkeypatch.setattr(checker._redis, "mget", counted)
    try:
        await publisher.publish([gone])
        answers = await asyncio.gather(*(checker.revoked(kept if n % 3 else gone) for n in range(30)))
        assert answers == [n % 3 == 0 for n in range(30)]
        assert len(reads) == 1 and len(reads[0]) == 2
    finally:
        await checker.close()
        await publisher.close()


async def test_a_check_that_arrives_while_one_is_in_flight_is_sent_after_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Joining a read already sent could miss a revocation answered in between: a later check waits for the next."""
    assert REDIS_URL
    checker, publisher = (RedisRevocations(REDIS_URL, marker_ttl_s=60) for _ in range(2))
    token_hash = os.urandom(16).hex()
    sent, release = asyncio.Event(), asyncio.Event()
    reads: list[list[bytes | str | None]] = []
    mget = checker._redis.mget

    async def slow_first(keys: list[str]) -> list[bytes | str | None]:
        answer: list[bytes | str | None] = await mget(keys)  # read now: what a command sent at this moment sees
        reads.append(answer)
        if len(reads) == 1:
            sent.set()
            await release.wait()
        return answer

    monkeypatch.setattr(checker._redis, "mget", slow_first)
    try:
        first = asyncio.create_task(checker.revoked(token_hash))
        await sent.wait()
        await publisher.publish([token_hash])  # the revoking request answers while the first read is in flight
        second = asyncio.create_task(checker.revoked(token_hash))
        await asyncio.sleep(0)
        release.set()
        assert await first is False and await second is True
        assert len(reads) == 2
    finally:
        await checker.close()
        await publisher.close()


async def test_a_cancelled_check_does_not_cancel_the_others() -> None:
    assert REDIS_URL
    checker = RedisRevocations(REDIS_URL, marker_ttl_s=60)
    try:
        leaving = asyncio.create_task(checker.revoked("a"))
        staying = asyncio.create_task(checker.revoked("b"))
        await asyncio.sleep(0)
        leaving.cancel()
        assert await staying is False
        with pytest.raises(asyncio.CancelledError):
            await leaving
    finally:
        await checker.close()
