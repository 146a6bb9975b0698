"""Request ids, access logs and Prometheus metrics, as one pure ASGI middleware plus a /metrics route."""

import hmac
import logging
import os
import re
import time
import uuid

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.config import revealed
from app.core.errors import Unauthorized
from app.core.logging import request_id_var
from app.core.ratelimit import bearer_token

logger = logging.getLogger("app.access")

REQUESTS = Counter("stylist_http_requests_total", "HTTP requests", ["method", "route", "status"])
LATENCY = Histogram(
    "stylist_http_request_duration_seconds",
    "HTTP request latency",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
ANALYSIS_LATENCY = Histogram(
    "stylist_image_analysis_seconds",
    "Image analysis latency",
    ["backend"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 1, 5, 20),
)
ASSISTANT_LATENCY = Histogram(
    "stylist_assistant_answer_seconds",
    "Assistant answer latency",
    ["backend"],
    buckets=(0.01, 0.05, 0.1, 0.5, 1, 5, 30),
)

_CLIENT_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def _route_template(scope: Scope) -> str:
    """The matched route's path template (bounded label values), not the raw path with ids in it."""
    route = scope.get("route")  # set by the router on the shared scope once a route matched
    return str(getattr(route, "path", "unmatched"))


class ObservabilityMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        sent = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = sent if _CLIENT_REQUEST_ID.match(sent) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        status = 500
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            route = _route_template(scope)
            REQUESTS.labels(scope["method"], route, str(status)).inc()
            LATENCY.labels(scope["method"], route).observe(elapsed)
            logger.info(
                "%s %s %s",
                scope["method"],
                route,
                status,
                extra={
                    "status": status,
                    "duration_ms": round(elapsed * 1000, 1),
                    "path": scope["path"],
                    "request_id": request_id,
                },
            )
            request_id_var.reset(token)


metrics_router = APIRouter(tags=["health"])


def _metrics_allowed(request: Request) -> bool:
    expected = revealed(request.app.state.settings.metrics_token)
    if expected is None:
        return True
    given = bearer_token(request.headers.get("authorization")) or ""
    return hmac.compare_digest(given.encode(), expected.encode())


@metrics_router.get("/metrics", response_class=Response, include_in_schema=False)
async def metrics(request: Request) -> Response:
    """Prometheus exposition; aggregates all worker processes when PROMETHEUS_MULTIPROC_DIR is set."""
    if not _metrics_allowed(request):
        raise Unauthorized("Send `Authorization: Bearer <STYLIST_METRICS_TOKEN>` to read the metrics.")
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
