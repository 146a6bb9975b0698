import os
import uuid

import httpx
import pytest

from app.core.ratelimit import MemoryRateLimiter, RedisRateLimiter, sliding_verdict

REDIS_URL = os.environ.get("STYLIST_TEST_REDIS_URL")


async def test_memory_limiter_counts_per_key() -> None:
    limiter = MemoryRateLimiter()
    verdicts = [await limiter.hit("a", 3) for _ in range(4)]
    assert [v.allowed for v in verdicts] == [True, True, True, False]
    assert 1 <= verdicts[-1].retry_after_s <= 120
    assert (await limiter.hit("b", 3)).allowed


async def test_memory_limiter_slides_across_the_minute_boundary() -> None:
    now = [59.5]
    limiter = MemoryRateLimiter(clock=lambda: now[0])
    assert all([(await limiter.hit("a", 3)).allowed for _ in range(3)])
    now[0] = 60.2  # a fixed window would start again from zero here
    refused = await limiter.hit("a", 3)
    assert not refused.allowed and 1 <= refused.retry_after_s <= 120
    now[0] = 60.2 + refused.retry_after_s
    assert (await limiter.hit("a", 3)).allowed  # Retry-After is honest: waiting that long is enough
    now[0] = 200.0  # two windows later nothing is left
    assert all([(await limiter.hit("a", 3)).allowed for _ in range(3)])


@pytest.mark.parametrize(
    ("current", "previous", "now", "allowed"),
    [(1, 3, 60.5, False), (1, 3, 100.0, True), (2, 2, 90.0, True), (4, 0, 61.0, False), (3, 0, 61.0, True)],
)
def test_sliding_verdict_weighs_the_previous_window(current: int, previous: int, now: float, allowed: bool) -> None:
    verdict = sliding_verdict(current, previous, 3, now)
    assert verdict.allowed is allowed
    if not allowed:
        assert 1 <= verdict.retry_after_s <= 120


@pytest.mark.skipif(not REDIS_URL, reason="STYLIST_TEST_REDIS_URL is not set")
async def test_redis_limiter_is_shared_between_replicas() -> None:
    assert REDIS_URL
    first, second = RedisRateLimiter(REDIS_URL), RedisRateLimiter(REDIS_URL)  # two processes' worth
    key = f"test:{uuid.uuid4().hex}"
    try:
        verdicts = [await (first if n % 2 else second).hit(key, 3) for n in range(4)]
        assert [v.allowed for v in verdicts] == [True, True, True, False]
    finally:
        await first.close()
        await second.close()


async def test_writes_over_the_limit_get_429_with_retry_after(client_with) -> None:
    client: httpx.AsyncClient = await client_with(rate_limit_writes_per_minute=3)
    statuses = [(await client.post("/api/users/", json={"username": f"u{n}"})).status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = await client.post("/api/users/", json={"username": "late"})
    assert limited.json()["error"] == "rate_limited" and int(limited.headers["retry-after"]) >= 1
    assert (await client.get("/")).status_code == 200  # reads are not limited


async def test_security_headers_and_cors(client_with) -> None:
    client: httpx.AsyncClient = await client_with(cors_origins=["https://app.example"])
    response = await client.get("/")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert "default-src 'none'" in response.headers["content-security-policy"]
    preflight = {"Origin": "https://app.example", "Access-Control-Request-Method": "POST"}
    allowed = await client.options("/api/users/", headers=preflight)
    assert allowed.headers["access-control-allow-origin"] == "https://app.example"
    other = await client.options("/api/users/", headers={**preflight, "Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers
