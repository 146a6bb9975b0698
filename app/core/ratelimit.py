"""Rate limits per token and per client IP, for writes and for the assistant.

Counted in Redis when STYLIST_REDIS_URL is set, so every replica shares the same budget; otherwise in process
memory (one laptop, one process). Sliding-window counters: the count of the current minute plus the previous
minute's count weighted by how much of it still lies within the last 60 s. Plain fixed windows would let a
client send twice the limit across a minute boundary.
"""

import hashlib
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from starlette.types import ASGIApp, Receive, Scope, Send

from app.core.errors import error_response

WINDOW_S = 60


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after_s: int = 0


def sliding_verdict(current: int, previous: int, limit: int, now: float) -> Verdict:
    """Allow while current + previous * (unexpired share of the previous window) stays within the limit.

    `current` already counts this request. When refused, Retry-After is when the estimate falls back under the
    limit: as the previous window slides out, or at the next window when this one alone is over.
    """
    elapsed = (now % WINDOW_S) / WINDOW_S
    if current + previous * (1 - elapsed) <= limit:
        return Verdict(True)
    room = limit - (current + 1)  # what the next request needs left of the previous window's weight
    if room >= 0 and previous:
        wait = WINDOW_S * (1 - room / previous - elapsed)
    else:  # this window alone is full: into the next one, until this window's count has slid far enough out
        wait = WINDOW_S * (1 - elapsed) + WINDOW_S * max(0.0, 1 - (limit - 1) / current)
    return Verdict(False, max(1, math.ceil(wait)))


class RateLimiter(Protocol):
    async def hit(self, key: str, limit: int) -> Verdict: ...

    async def close(self) -> None: ...


class MemoryRateLimiter:
    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._counts: dict[tuple[str, int], int] = {}  # (key, window number) -> requests

    async def hit(self, key: str, limit: int) -> Verdict:
        now = self._clock()
        window = int(now // WINDOW_S)
        current = self._counts[(key, window)] = self._counts.get((key, window), 0) + 1
        if len(self._counts) > 100_000:  # forget old windows instead of growing without bound
            self._counts = {k: v for k, v in self._counts.items() if k[1] >= window - 1}
        return sliding_verdict(current, self._counts.get((key, window - 1), 0), limit, now)

    async def close(self) -> None:
        return None


class RedisRateLimiter:
    def __init__(self, url: str) -> None:
        from redis.asyncio import Redis

        self._redis = Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)

    async def hit(self, key: str, limit: int) -> Verdict:
        now = time.time()
        window = int(now // WINDOW_S)
        redis_key = f"stylist:rl:{key}:{window}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(redis_key)
            pipe.expire(redis_key, WINDOW_S * 2)  # still readable as "previous" during the next window
            pipe.get(f"stylist:rl:{key}:{window - 1}")
            current, _, previous = await pipe.execute()
        return sliding_verdict(int(current), int(previous or 0), limit, now)

    async def close(self) -> None:
        await self._redis.aclose()


def create_rate_limiter(redis_url: str | None) -> RateLimiter:
    return RedisRateLimiter(redis_url) if redis_url else MemoryRateLimiter()


def _category(method: str, path: str) -> str | None:
    if path.startswith("/api/conversations") and (method == "POST" or path.endswith("/ws")):
        return "assistant"
    if method in ("POST", "PUT", "PATCH", "DELETE"):
        return "write"
    return None


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp, *, limits: dict[str, int]) -> None:
        self.app = app
        self.limits = limits  # category -> requests per minute; 0 disables

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        category = (
            _category(scope.get("method", "GET"), scope["path"]) if scope["type"] in ("http", "websocket") else None
        )
        limit = self.limits.get(category or "", 0)
        if category and limit:
            limiter: RateLimiter = scope["app"].state.rate_limiter
            for key in _keys(scope, category):
                verdict = await limiter.hit(key, limit)
                if not verdict.allowed and scope["type"] == "http":
                    detail = (
                        f"Too many {category} requests: at most {limit} per minute. Retry in {verdict.retry_after_s} s."
                    )
                    response = error_response(429, "rate_limited", detail, {"Retry-After": str(verdict.retry_after_s)})
                    await response(scope, receive, send)
                    return
                if not verdict.allowed:
                    await send({"type": "websocket.close", "code": 1008, "reason": "rate limited"})
                    return
        await self.app(scope, receive, send)


def _keys(scope: Scope, category: str) -> list[str]:
    """Per IP always; per token too, hashed, so one token cannot spread its load over many addresses."""
    client = scope.get("client")
    keys = [f"{category}:ip:{client[0] if client else 'unknown'}"]
    auth = dict(scope["headers"]).get(b"authorization", b"")
    if auth:
        keys.append(f"{category}:tok:{hashlib.sha256(auth).hexdigest()[:24]}")
    return keys
