"""The FastAPI application: `uvicorn app.main:app`."""

import asyncio
import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app import __version__
from app.assistant import Assistant, create_assistant
from app.conversations.router import router as conversations_router
from app.conversations.schemas import MESSAGE_MODELS
from app.core import migrations
from app.core.client_ip import TrustedProxyHeaders
from app.core.config import Settings, get_settings, revealed
from app.core.db import create_engine, create_session_factory
from app.core.errors import install_error_handlers
from app.core.limits import RequestBodyLimits
from app.core.logging import configure_logging
from app.core.negotiation import OctetStreamForImages
from app.core.observability import ObservabilityMiddleware, metrics_router
from app.core.openapi import install_openapi, operation_id
from app.core.ratelimit import RateLimitMiddleware, create_rate_limiter
from app.core.security_headers import SecurityHeaders
from app.core.token_cache import create_token_cache
from app.health.router import router as health_router
from app.outfits.router import legacy_router as match_styles_router
from app.outfits.router import router as outfits_router
from app.storage.factory import create_storage
from app.users.router import router as users_router
from app.vision.factory import close_analyzer, create_analyzer
from app.wardrobe.router import router as images_router
from app.wardrobe.sweeper import start_periodic_sweep, stop_periodic_sweep
from app.web.router import mount_web

DESCRIPTION = """Helps people dress from the wardrobe they already own: upload clothing photos, get them tagged, \
ask fashion questions grounded in your wardrobe, and get outfit suggestions. Every user-scoped route needs \
`Authorization: Bearer <api_token>` (returned by `POST /api/users/`).

Every response carries `X-Request-ID`; every error is an `ErrorBody` whose `error` is an `ErrorCode`. \
Operations marked `x-original-contract` keep the original contract's paths (trailing slashes included), \
parameters and statuses (`200` on creation there; new creations answer `201`).

## WebSocket: `GET /api/conversations/ws`
Not an OpenAPI operation, so described here. Authenticate with `Authorization: Bearer <token>`, or (browsers) \
the subprotocols `stylist, bearer.<token>` (the server answers `stylist`), or `?token=<token>`; a missing or \
invalid token closes the socket with code 1008.
Send text frames holding a `QuestionMessage`: `{"question": "..."}` (`user_id` optional, and if sent, the \
token's). For each question the server sends `SocketChunk` messages `{"type": "chunk", "text": ...}`, then one \
`SocketDone` `{"type": "done", "conversation": Conversation}`. A refused message gets one `SocketError` \
`{"type": "error", "error": ErrorCode, "detail": ...}` (`retry_after_s` with `rate_limited`) and the socket \
stays open for the next question. Each question counts against the assistant rate limit. \
The token is checked again with every question: once it is rotated away the socket closes with code 4401, once \
the user is deleted with 4404 (the close reason says which).
"""


def build_assistant(settings: Settings) -> Assistant:
    """The one place that picks the assistant backend from settings."""
    return create_assistant(
        backend=settings.assistant_backend,
        base_url=settings.assistant_base_url,
        model=settings.assistant_model,
        api_key=revealed(settings.assistant_api_key),
        timeout_s=settings.assistant_timeout_s,
        retries=settings.assistant_retries,
    )


# Python's default (700) collects the young generation while most of a request's objects are still alive; at 64
# requests in flight they survive, get promoted, and set off older-generation collections that walk everything made
# after start-up: a 20-50 ms pause about every second under load (measured with gc.callbacks in bench.asgi). With
# 10,000 the request objects are mostly garbage by the time a collection looks, and full collections stop.
YOUNG_OBJECTS_BEFORE_A_COLLECTION = 10_000


def keep_out_of_collections() -> None:
    """Move everything start-up made (the model, vocabularies, routes: ~180k objects) out of the collector's reach.

    Python's full collections traverse every tracked object; with 64 requests in flight enough survive to
    trigger one every ~150 requests, and each walked the start-up heap: a third of a request's CPU at c64.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_OBJECTS_BEFORE_A_COLLECTION, *gc.get_threshold()[1:])


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level, settings.log_format)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.should_auto_migrate:
            await asyncio.to_thread(migrations.upgrade, settings.database_url)
        engine = create_engine(settings)
        app.state.settings = settings
        app.state.db_engine = engine
        app.state.session_factory = create_session_factory(engine)
        app.state.storage = create_storage(settings)
        # On this thread, not a worker: OpenBLAS takes its thread cap only from the main thread (app/core/cpu.py).
        app.state.analyzer = create_analyzer(settings)  # model loaded once, before the server accepts connections
        app.state.assistant = build_assistant(settings)
        app.state.rate_limiter = create_rate_limiter(settings.redis_url)
        app.state.token_cache = create_token_cache(
            ttl_s=settings.token_cache_seconds, max_entries=settings.token_cache_size, redis_url=settings.redis_url
        )
        sweeper = start_periodic_sweep(
            app.state.session_factory, app.state.storage, interval_s=settings.sweep_interval_s
        )
        keep_out_of_collections()
        try:
            yield
        finally:
            gc.unfreeze()
            await stop_periodic_sweep(sweeper)
            await app.state.rate_limiter.close()
            await app.state.token_cache.close()
            await engine.dispose()
            await asyncio.to_thread(close_analyzer, app.state.analyzer)

    app = FastAPI(
        title="AI Stylist API",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served from local files by app.web, not from a CDN
        redoc_url=None,
        generate_unique_id_function=operation_id,
    )
    install_openapi(app, messages=MESSAGE_MODELS)
    install_error_handlers(app)
    app.add_middleware(
        RequestBodyLimits, max_upload_bytes=settings.max_upload_bytes, body_timeout_s=settings.request_body_timeout_s
    )
    limits = {"write": settings.rate_limit_writes_per_minute, "assistant": settings.rate_limit_assistant_per_minute}
    app.add_middleware(RateLimitMiddleware, limits=limits)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(OctetStreamForImages)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
            expose_headers=["X-Request-ID", "Retry-After"],
        )
    app.add_middleware(ObservabilityMiddleware)  # sees every response, even a 413 from the limit
    app.add_middleware(TrustedProxyHeaders, trusted=settings.trusted_proxies)  # outermost: the client's address
    app.include_router(health_router)
    app.include_router(metrics_router)
    app.include_router(users_router)
    app.include_router(match_styles_router)  # before conversations: see app/outfits/router.py
    app.include_router(conversations_router)
    app.include_router(images_router)
    app.include_router(outfits_router)
    mount_web(app)
    return app


app = create_app()
