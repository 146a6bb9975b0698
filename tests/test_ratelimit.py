import os
import uuid
from collections.abc import Sequence

import httpx
import pytest

from app.core.ratelimit import FallbackRateLimiter, MemoryRateLimiter, RedisRateLimiter, Verdict, sliding_verdict

REDIS_URL = os.environ.get("STYLIST_TEST_REDIS_URL")


async def test_memory_limiter_counts_per_key() -> None:
    limiter = MemoryRateLimiter()
    verdicts = [await limiter.hit(["a"], 3) for _ in range(4)]
    assert [v.allowed for v in verdicts] == [True, True, True, False]
    assert 1 <= verdicts[-1].retry_after_s <= 120
    assert (await limiter.hit(["b"], 3)).allowed


async def test_memory_limiter_slides_across_the_minute_boundary() -> None:
    now = [59.5]
    limiter = MemoryRateLimiter(clock=lambda: now[0])
    assert all([(await limiter.hit(["a"], 3)).allowed for _ in range(3)])
    now[0] = 60.2  # a fixed window would start again from zero here
    refused = await limiter.hit(["a"], 3)
    assert not refused.allowed and 1 <= refused.retry_after_s <= 120
    now[0] = 60.2 + refused.retry_after_s
    assert (await limiter.hit(["a"], 3)).allowed  # Retry-After is honest: waiting that long is enough
    now[0] = 200.0  # two windows later nothing is left
    assert all([(await limiter.hit(["a"], 3)).allowed for _ in range(3)])


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
        verdicts = [await (first if n % 2 else second).hit([key], 3) for n in range(4)]
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


async def _distinct_ips_one_token(client: httpx.AsyncClient, authorizations: list[str]) -> list[int]:
    statuses = []
    for n, authorization in enumerate(authorizations):
        headers = {"Authorization": authorization, "X-Forwarded-For": f"198.51.100.{n}"}
        statuses.append((await client.post("/api/users/", json={"username": f"t{n}"}, headers=headers)).status_code)
    return statuses


async def test_the_token_budget_is_keyed_by_the_token_not_the_header_spelling(client_with) -> None:
    client: httpx.AsyncClient = await client_with(rate_limit_writes_per_minute=3, trusted_proxies=["127.0.0.1/32"])
    spellings = ["Bearer sty_same", "bearer sty_same", "BEARER sty_same", "Bearer  sty_same", " Bearer sty_same "]
    assert await _distinct_ips_one_token(client, spellings) == [200, 200, 200, 429, 429]


async def test_a_refused_request_costs_nothing_and_waits_for_the_slowest_key() -> None:
    now = [30.0]
    limiter = MemoryRateLimiter(clock=lambda: now[0])
    assert all([(await limiter.hit(["ip:a", "tok:x"], 3)).allowed for _ in range(3)])
    refused = [await limiter.hit(["ip:b", "tok:x"], 3) for _ in range(5)]  # tok:x is full
    assert not any(v.allowed for v in refused)
    assert all([(await limiter.hit(["ip:b", "tok:y"], 3)).allowed for _ in range(3)])  # ip:b was never charged
    now[0] = 65.0  # both keys still weigh in from the previous window; the verdict waits for the longer one
    assert all([(await limiter.hit(["ip:c", "tok:z"], 3)).allowed for _ in range(3)])
    verdict = await limiter.hit(["ip:c", "tok:x"], 3)  # ip:c is full this window, tok:x from the last one
    waits = [sliding_verdict(4, 0, 3, 65.0).retry_after_s, sliding_verdict(1, 3, 3, 65.0).retry_after_s]
    assert not verdict.allowed and verdict.retry_after_s == max(waits)
    assert waits[0] != waits[1]


@pytest.mark.skipif(not REDIS_URL, reason="STYLIST_TEST_REDIS_URL is not set")
async def test_redis_counts_only_requests_every_key_allows() -> None:
    assert REDIS_URL
    limiter = RedisRateLimiter(REDIS_URL)
    run = uuid.uuid4().hex
    try:
        assert all([(await limiter.hit([f"{run}:ip:a", f"{run}:tok"], 2)).allowed for _ in range(2)])
        refused = await limiter.hit([f"{run}:ip:b", f"{run}:tok"], 2)
        assert not refused.allowed and refused.retry_after_s >= 1
        assert (await limiter.hit([f"{run}:ip:b"], 1)).allowed  # the refused request did not charge ip:b
    finally:
        await limiter.close()


async def test_redis_down_falls_back_to_process_limits_and_says_so(client_with, capsys) -> None:
    # Nothing listens on port 1: every Redis call fails at once.
    client: httpx.AsyncClient = await client_with(redis_url="redis://127.0.0.1:1/0", rate_limit_writes_per_minute=3)
    statuses = [(await client.post("/api/users/", json={"username": f"r{n}"})).status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]  # still limited, per process
    assert "Redis unreachable (ConnectionError): rate limits fall back to process memory" in capsys.readouterr().err
    ready = await client.get("/health/ready")
    assert ready.status_code == 200
    assert ready.json()["checks"]["rate_limits"].startswith("degraded")


async def test_fallback_goes_back_to_redis_when_it_answers_again() -> None:
    class Flaky:
        def __init__(self) -> None:
            self.up = False
            self.memory = MemoryRateLimiter()

        @property
        def status(self) -> str:
            return "ok"

        async def hit(self, keys: Sequence[str], limit: int) -> Verdict:
            if not self.up:
                raise ConnectionError("down")
            return await self.memory.hit(keys, limit)

        async def close(self) -> None:
            return None

    clock = [0.0]
    primary = Flaky()
    limiter = FallbackRateLimiter(primary, MemoryRateLimiter(), clock=lambda: clock[0])
    assert (await limiter.hit(["k"], 5)).allowed and limiter.status.startswith("degraded")
    primary.up = True
    assert (await limiter.hit(["k"], 5)).allowed and limiter.status.startswith("degraded")  # not retried yet
    clock[0] += 10
    assert (await limiter.hit(["k"], 5)).allowed and limiter.status == "ok"
