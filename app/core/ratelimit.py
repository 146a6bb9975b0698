"""Rate limits per token and per client IP, for writes and for the assistant.

Counted in Redis when STYLIST_REDIS_URL is set, so every replica shares the same budget; otherwise in process
memory (one laptop, one process). When Redis cannot be reached the limits fall back to process memory (with a
warning, and `/health/ready` says so) instead of failing the request.

Sliding-window counters: the count of the current minute plus the previous minute's count weighted by how much
of it still lies within the last 60 s (plain fixed windows would let a client send twice the limit across a
minute boundary). A request is checked against all its keys at once and counted only when every key allows it:
a refused request costs nothing, and its Retry-After is the longest wait among the keys that refused.
"""

import hashlib
import logging
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from redis.exceptions import RedisError
from starlette.types import ASGIApp, Receive, Scope, Send

from app.core.errors import error_response

logger = logging.getLogger(__name__)

WINDOW_S = 60
REDIS_RETRY_S = 5.0  # after a Redis failure, stay on process memory this long before trying Redis again


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after_s: int = 0


def _estimate(current: int, previous: int, now: float) -> float:
    return current + previous * (1 - (now % WINDOW_S) / WINDOW_S)


def sliding_verdict(current: int, previous: int, limit: int, now: float) -> Verdict:
    """Allow while current + previous * (unexpired share of the previous window) stays within the limit.

    `current` already counts this request. When refused, Retry-After is when the estimate falls back under the
    limit: as the previous window slides out, or at the next window when this one alone is over.
    """
    if _estimate(current, previous, now) <= limit:
        return Verdict(True)
    elapsed = (now % WINDOW_S) / WINDOW_S
    room = limit - current  # what the refused request needs left of the previous window's weight
    if room >= 0 and previous:
        wait = WINDOW_S * (1 - room / previous - elapsed)
    else:  # this window alone is full: into the next one, until this window's count has slid far enough out
        wait = WINDOW_S * (1 - elapsed) + WINDOW_S * max(0.0, 1 - (limit - 1) / max(current - 1, 1))
    return Verdict(False, max(1, math.ceil(wait)))


def combined_verdict(counts: Sequence[tuple[int, int]], limit: int, now: float) -> Verdict:
    """One verdict for a request over all its keys; `counts` are (current including this request, previous)."""
    refused = [v for v in (sliding_verdict(c, p, limit, now) for c, p in counts) if not v.allowed]
    if not refused:
        return Verdict(True)
    return Verdict(False, max(v.retry_after_s for v in refused))


class RateLimiter(Protocol):
    async def hit(self, keys: Sequence[str], limit: int) -> Verdict:
        """Check every key; count the request against all of them only when all allow it."""
        ...

    @property
    def status(self) -> str:
        """ "ok", or what is degraded (reported by /health/ready)."""
        ...

    async def close(self) -> None: ...


class MemoryRateLimiter:
    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._counts: dict[tuple[str, int], int] = {}  # (key, window number) -> requests

    @property
    def status(self) -> str:
        return "ok"

    async def hit(self, keys: Sequence[str], limit: int) -> Verdict:
        now = self._clock()
        window = int(now // WINDOW_S)
        counts = [(self._counts.get((k, window), 0) + 1, self._counts.get((k, window - 1), 0)) for k in keys]
        verdict = combined_verdict(counts, limit, now)
        if verdict.allowed:
            for key in keys:
                self._counts[(key, window)] = self._counts.get((key, window), 0) + 1
            if len(self._counts) > 100_000:  # forget old windows instead of growing without bound
                self._counts = {k: v for k, v in self._counts.items() if k[1] >= window - 1}
        return verdict

    async def close(self) -> None:
        return None


# Check-then-count in one atomic step, so replicas racing for the last slot cannot both take it.
# KEYS: current and previous window key of each limit key, in pairs. ARGV: limit, elapsed share, expiry (s).
_HIT_SCRIPT = """
local limit, elapsed, ttl = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local result, allowed = {}, 1
for i = 1, #KEYS, 2 do
  local current = tonumber(redis.call('GET', KEYS[i]) or '0') + 1
  local previous = tonumber(redis.call('GET', KEYS[i + 1]) or '0')
  if current + previous * (1 - elapsed) > limit then allowed = 0 end
  table.insert(result, current)
  table.insert(result, previous)
end
if allowed == 1 then
  for i = 1, #KEYS, 2 do
    redis.call('INCR', KEYS[i])
    redis.call('EXPIRE', KEYS[i], ttl)
  end
end
table.insert(result, 1, allowed)
return result
"""


class RedisRateLimiter:
    def __init__(self, url: str) -> None:
        from redis.asyncio import Redis

        self._redis = Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
        self._script = self._redis.register_script(_HIT_SCRIPT)

    @property
    def status(self) -> str:
        return "ok"

    async def hit(self, keys: Sequence[str], limit: int) -> Verdict:
        now = time.time()
        window = int(now // WINDOW_S)
        redis_keys = [name for key in keys for name in (f"stylist:rl:{key}:{window}", f"stylist:rl:{key}:{window - 1}")]
        elapsed = (now % WINDOW_S) / WINDOW_S
        # Kept two windows: still readable as "previous" during the next one.
        allowed, *values = await self._script(keys=redis_keys, args=[limit, repr(elapsed), WINDOW_S * 2])
        if int(allowed):
            return Verdict(True)
        counts = [(int(values[i]), int(values[i + 1])) for i in range(0, len(values), 2)]
        verdict = combined_verdict(counts, limit, now)
        return verdict if not verdict.allowed else Verdict(False, 1)  # the script decided; rounding aside

    async def close(self) -> None:
        await self._redis.aclose()


class FallbackRateLimiter:
    """Redis while it answers; process memory (per-replica budgets) while it does not, never an error."""

    def __init__(
        self, primary: RateLimiter, fallback: RateLimiter, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._primary, self._fallback, self._clock = primary, fallback, clock
        self._down_since: float | None = None
        self._retry_at = 0.0

    @property
    def status(self) -> str:
        if self._down_since is None:
            return "ok"
        return "degraded: Redis unreachable, per-process rate limits"

    async def hit(self, keys: Sequence[str], limit: int) -> Verdict:
        if self._down_since is not None and self._clock() < self._retry_at:
            return await self._fallback.hit(keys, limit)
        try:
            verdict = await self._primary.hit(keys, limit)
        except (RedisError, OSError, TimeoutError) as exc:
            if self._down_since is None:
                logger.warning("Redis unreachable (%s): rate limits fall back to process memory", type(exc).__name__)
                self._down_since = self._clock()
            self._retry_at = self._clock() + REDIS_RETRY_S
            return await self._fallback.hit(keys, limit)
        if self._down_since is not None:
            logger.warning("Redis reachable again: rate limits are shared by replicas again")
            self._down_since = None
        return verdict

    async def close(self) -> None:
        await self._primary.close()
        await self._fallback.close()


def create_rate_limiter(redis_url: str | None) -> RateLimiter:
    if not redis_url:
        return MemoryRateLimiter()
    return FallbackRateLimiter(RedisRateLimiter(redis_url), MemoryRateLimiter())


def bearer_token(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer <token>` header, whatever the scheme's case or spacing."""
    scheme, _, token = (authorization or "").strip().partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def limit_keys(category: str, *, client_ip: str | None, token: str | None) -> list[str]:
    """Per IP always; per token too, keyed by the token itself, so spelling the header differently buys nothing."""
    keys = [f"{category}:ip:{client_ip or 'unknown'}"]
    if token:
        keys.append(f"{category}:tok:{hashlib.sha256(token.encode()).hexdigest()[:24]}")
    return keys


def too_many(category: str, limit: int, verdict: Verdict) -> str:
    return f"Too many {category} requests: at most {limit} per minute. Retry in {verdict.retry_after_s} s."


def rate_limit_category(method: str, path: str) -> str | None:
    """Which limit a request counts against (None: not limited); also read by the OpenAPI document."""
    if path.startswith("/api/conversations") and method == "POST":
        return "assistant"
    if method in ("POST", "PUT", "PATCH", "DELETE"):
        return "write"
    return None


class RateLimitMiddleware:
    """Limits HTTP writes and questions. WebSocket questions are counted one by one by the socket handler."""

    def __init__(self, app: ASGIApp, *, limits: dict[str, int]) -> None:
        self.app = app
        self.limits = limits  # category -> requests per minute; 0 disables

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        category = rate_limit_category(scope["method"], scope["path"]) if scope["type"] == "http" else None
        limit = self.limits.get(category or "", 0)
        if category and limit:
            limiter: RateLimiter = scope["app"].state.rate_limiter
            client = scope.get("client")
            authorization = dict(scope["headers"]).get(b"authorization", b"").decode("latin-1")
            keys = limit_keys(category, client_ip=client[0] if client else None, token=bearer_token(authorization))
            verdict = await limiter.hit(keys, limit)
            if not verdict.allowed:
                headers = {"Retry-After": str(verdict.retry_after_s)}
                response = error_response(429, "rate_limited", too_many(category, limit, verdict), headers)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
