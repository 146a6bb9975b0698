"""The cache of verified tokens: bounded, short-lived, and never able to bring a revoked token back."""

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
