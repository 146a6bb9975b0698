"""Rate limits per token and per client IP, for writes and for the assistant.

Counted in Redis when STYLIST_REDIS_URL is set, so every replica shares the same budget; otherwise in process
memory (one laptop, one process). Fixed windows: simple, and what a 429 with Retry-After needs.
"""

import hashlib
import math
import time
from dataclasses import dataclass
from typing import Protocol

from starlette.types import ASGIApp, Receive, Scope, Send

from app.core.errors import error_response

WINDOW_S = 60


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after_s: int = 0


class RateLimiter(Protocol):
    async def hit(self, key: str, limit: int) -> Verdict: ...

    async def close(self) -> None: ...


class MemoryRateLimiter:
    def __init__(self) -> None:
        self._counts: dict[str, tuple[int, int]] = {}  # key -> (window number, count)

    async def hit(self, key: str, limit: int) -> Verdict:
        now = time.time()
        window = int(now // WINDOW_S)
        previous_window, count = self._counts.get(key, (window, 0))
        count = count + 1 if previous_window == window else 1
        self._counts[key] = (window, count)
        if len(self._counts) > 100_000:  # forget old windows instead of growing without bound
            self._counts = {k: v for k, v in self._counts.items() if v[0] == window}
        return Verdict(count <= limit, math.ceil((window + 1) * WINDOW_S - now))

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
            pipe.expire(redis_key, WINDOW_S * 2)
            count, _ = await pipe.execute()
        return Verdict(int(count) <= limit, math.ceil((window + 1) * WINDOW_S - now))

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
