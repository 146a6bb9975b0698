import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import select, text
from sqlalchemy.exc import SQLAlchemyError

from app import __version__
from app.core.db import read_rows
from app.storage.base import StorageError

router = APIRouter(tags=["health"])

_CHECK_TIMEOUT_S = 3.0


class Status(BaseModel):
    status: str
    service: str = "ai-stylist"
    version: str = __version__


class Readiness(BaseModel):
    status: str
    checks: dict[str, str]


@router.get("/", response_model=Status, summary="API status")
async def read_root() -> Status:
    """A simple root endpoint to check API status."""
    return Status(status="ok")


@router.get("/health/live", response_model=Status)
async def live() -> Status:
    """The process is up (no dependencies checked)."""
    return Status(status="ok")


async def _check_database(request: Request) -> str:
    try:
        async with asyncio.timeout(_CHECK_TIMEOUT_S):
            # read_rows: a pooled connection the database dropped is retried, not reported as an outage.
            await read_rows(request.app.state.db_engine, select(text("1")))
    except (SQLAlchemyError, OSError, TimeoutError) as exc:
        return f"unavailable: {type(exc).__name__}"
    return "ok"


async def _check_storage(request: Request) -> str:
    try:
        async with asyncio.timeout(_CHECK_TIMEOUT_S):
            await request.app.state.storage.check()
    except (StorageError, TimeoutError) as exc:
        return f"unavailable: {type(exc).__name__}"
    return "ok"


@router.get("/health/ready", response_model=Readiness, responses={503: {"model": Readiness}})
async def ready(request: Request) -> JSONResponse:
    """Database and storage reachable: 200; otherwise 503 (the load balancer stops sending traffic).

    `checks.rate_limits` says whether limits are shared through Redis ("ok") or degraded to per-process ones.
    """
    database, storage = await asyncio.gather(_check_database(request), _check_storage(request))
    healthy = database == "ok" and storage == "ok"
    # Rate limits degrade (per-process budgets) rather than fail, so they are reported, not a reason for 503.
    checks = {"database": database, "storage": storage, "rate_limits": request.app.state.rate_limiter.status}
    body = Readiness(status="ok" if healthy else "unavailable", checks=checks)
    return JSONResponse(status_code=200 if healthy else 503, content=body.model_dump())
