"""One error shape for every failure: `{"error": <code>, "detail": <message>, "fields": [...]?}`."""

import logging
from collections.abc import Mapping
from functools import lru_cache
from typing import Annotated, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import Index, UniqueConstraint
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.core.db import Base
from app.core.vocabulary import vocabulary
from app.storage.base import StorageError

logger = logging.getLogger(__name__)


# Codes sent by the handlers and middleware below rather than by an AppError subclass.
HANDLER_CODES: dict[str, int | None] = {
    "validation_error": 422,
    "malformed_request": 400,
    "method_not_allowed": 405,
    "http_error": None,  # any other framework-level HTTP error: its status varies
    "rate_limited": 429,
    "payload_too_large": 413,
    "request_timeout": 408,
    "request_header_fields_too_large": 431,  # sent by the server's parser (app/core/http_protocol.py)
    "database_unavailable": 503,
    "storage_unavailable": 503,
    "internal_error": 500,
}


def codes_by_status() -> dict[int, set[str]]:
    """Which `error` codes each status can carry: the handlers' and every AppError subclass's."""
    by_status: dict[int, set[str]] = {}
    for code, status in HANDLER_CODES.items():
        if status is not None:
            by_status.setdefault(status, set()).add(code)
    pending: list[type[AppError]] = AppError.__subclasses__()  # the base's own code is never sent
    while pending:
        cls = pending.pop()
        by_status.setdefault(cls.status_code, set()).add(cls.code)
        pending.extend(cls.__subclasses__())
    return by_status


def error_codes() -> list[str]:
    """Every `error` value the server can send."""
    return sorted(set(HANDLER_CODES).union(*codes_by_status().values()))


ErrorCode = Annotated[
    str,
    vocabulary("ErrorCode", error_codes, "Stable machine-readable error code; switch on it, show `detail` to people."),
]


class FieldError(BaseModel):
    loc: list[str | int] = Field(description='Where the problem is, e.g. `["body", "username"]`.')
    msg: str
    type: str = Field(description="The validator that failed, e.g. `missing`, `literal_error`.")


class ErrorBody(BaseModel):
    """The one error shape. `fields` is present only on `validation_error`."""

    error: ErrorCode
    detail: str = Field(description="What went wrong and how to fix it, for a person.")
    fields: list[FieldError] | None = Field(default=None, description="Per-field problems (validation errors).")


class AppError(Exception):
    """Base of every error the service raises on purpose; carries its HTTP status and a stable code."""

    status_code = 400
    code = "bad_request"

    def __init__(self, detail: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.headers = headers


class InvalidRequest(AppError):
    status_code = 422
    code = "invalid_request"


class NotFound(AppError):
    status_code = 404
    code = "not_found"


class Unauthorized(AppError):
    status_code = 401
    code = "unauthorized"

    def __init__(self, detail: str) -> None:
        super().__init__(detail, headers={"WWW-Authenticate": "Bearer"})


class Forbidden(AppError):
    status_code = 403
    code = "forbidden"


class Conflict(AppError):
    status_code = 409
    code = "conflict"


class PreconditionFailed(AppError):
    """`If-Match` names a version that is no longer current: read the item again, then retry."""

    status_code = 412
    code = "precondition_failed"


class PayloadTooLarge(AppError):
    status_code = 413
    code = "payload_too_large"


class UnsupportedMediaType(AppError):
    status_code = 415
    code = "unsupported_media_type"


class InvalidImage(AppError):
    status_code = 400
    code = "invalid_image"


class ServiceUnavailable(AppError):
    status_code = 503
    code = "service_unavailable"


# The database is the judge of uniqueness and existence: a request that lost a race to another one gets the
# answer it would have got a moment later (409 or 404), whichever route it was.
UNIQUE_CONFLICTS = {
    "uq_users_username_key": "That username is already taken; choose another one.",
    "uq_wardrobe_images_user_hash": "This photo is already in the wardrobe.",
}
GENERIC_CONFLICT = "This already exists: a concurrent request created it first."
VANISHED = "What this request refers to was deleted while it ran (the user or one of the items)."

PG_UNIQUE_VIOLATION, PG_FOREIGN_KEY_VIOLATION = "23505", "23503"


@lru_cache(maxsize=1)
def _unique_names_by_columns() -> dict[str, str]:
    """SQLite names the columns of a violated constraint ("t.a, t.b"), not the constraint: map them back."""
    names: dict[str, str] = {}
    for table in Base.metadata.tables.values():
        uniques: list[UniqueConstraint | Index] = [c for c in table.constraints if isinstance(c, UniqueConstraint)]
        uniques += [index for index in table.indexes if index.unique]
        for unique in uniques:
            if isinstance(unique.name, str) and len(unique.columns) > 0:
                names[", ".join(f"{table.name}.{column.name}" for column in unique.columns)] = unique.name
    return names


def _violation(exc: IntegrityError) -> tuple[str, str | None]:
    """("unique" | "foreign_key" | "other", the constraint's name when the driver tells it)."""
    orig = exc.orig
    sqlstate = getattr(orig, "sqlstate", None)
    if sqlstate is not None:  # PostgreSQL (asyncpg): the cause carries the constraint's name
        kind = {PG_UNIQUE_VIOLATION: "unique", PG_FOREIGN_KEY_VIOLATION: "foreign_key"}.get(sqlstate, "other")
        return kind, getattr(getattr(orig, "__cause__", None), "constraint_name", None)
    error_name = getattr(orig, "sqlite_errorname", "")
    if error_name in ("SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY"):
        failed = str(orig).partition("constraint failed: ")[2]
        if failed.startswith("index '"):
            return "unique", failed.removeprefix("index '").removesuffix("'")
        return "unique", _unique_names_by_columns().get(failed)
    if error_name == "SQLITE_CONSTRAINT_FOREIGNKEY":
        return "foreign_key", None
    return "other", None


def error_for_integrity(exc: IntegrityError) -> AppError | None:
    """The typed error a lost race deserves: 409 for a duplicate, 404 for a vanished parent; None for a bug."""
    kind, constraint = _violation(exc)
    if kind == "unique":
        return Conflict(UNIQUE_CONFLICTS.get(constraint or "", GENERIC_CONFLICT))
    if kind == "foreign_key":
        return NotFound(VANISHED)
    return None  # NOT NULL, CHECK: the code wrote something it should not have


# What any route scoped to a user can answer besides success.
AUTH_ERRORS: tuple[type[AppError], ...] = (Unauthorized, Forbidden, NotFound)


def error_response(status: int, code: str, detail: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    body = ErrorBody(error=code, detail=detail).model_dump(exclude_none=True)
    return JSONResponse(status_code=status, content=body, headers=headers)


def responses(*errors: type[AppError]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries for the errors a route raises itself (app/core/openapi.py adds the rest)."""
    documented: dict[int | str, dict[str, Any]] = {
        422: {"model": ErrorBody, "description": "The request does not match the schema (`validation_error`)."},
    }
    for error in errors:
        documented[error.status_code] = {"model": ErrorBody, "description": error.__doc__ or error.code}
    return documented


def _summarise(errors: list[dict[str, Any]]) -> str:
    parts = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in errors[:5]]
    return "; ".join(parts) or "Invalid request."


_HTTP_ERROR_CODES = {400: "malformed_request", 404: "not_found", 405: "method_not_allowed"}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(_: Request, exc: AppError) -> JSONResponse:
        return error_response(exc.status_code, exc.code, exc.detail, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = list(exc.errors())
        fields = [
            FieldError(loc=list(e.get("loc", ())), msg=str(e.get("msg", "")), type=str(e.get("type", "")))
            for e in errors
        ]
        body = ErrorBody(error="validation_error", detail=_summarise(errors), fields=fields)
        return JSONResponse(status_code=422, content=body.model_dump(exclude_none=True))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {400: "malformed_request", 404: "not_found", 405: "method_not_allowed"}.get(
            exc.status_code, "http_error"
        )
        return error_response(exc.status_code, code, str(exc.detail), exc.headers)

    @app.exception_handler(IntegrityError)
    async def _integrity_error(request: Request, exc: IntegrityError) -> JSONResponse:
        error = error_for_integrity(exc)
        if error is None:
            return await _unexpected(request, exc)
        logger.info("lost a race: %s", error.detail)
        return error_response(error.status_code, error.code, error.detail, error.headers)

    @app.exception_handler(OperationalError)
    @app.exception_handler(InterfaceError)
    @app.exception_handler(PoolTimeout)
    @app.exception_handler(ConnectionError)  # asyncpg raises refused connections unwrapped
    @app.exception_handler(TimeoutError)
    async def _database_down(_: Request, exc: Exception) -> JSONResponse:
        # A lost or refused connection is the database's state, not a bug: tell clients to retry.
        logger.warning("database unavailable: %s", type(getattr(exc, "orig", None) or exc).__name__)
        return error_response(
            503, "database_unavailable", "The database is unavailable; retry shortly.", {"Retry-After": "5"}
        )

    @app.exception_handler(DBAPIError)
    async def _driver_error(request: Request, exc: DBAPIError) -> JSONResponse:
        # A pooled connection the database dropped (a restart, a failover) surfaces as the driver's own error,
        # marked invalidated: the same outage as a refused connection. Anything else is a bug.
        if exc.connection_invalidated:
            return await _database_down(request, exc)
        return await _unexpected(request, exc)

    @app.exception_handler(StorageError)
    async def _storage_down(_: Request, exc: StorageError) -> JSONResponse:
        logger.warning("storage unavailable: %s", exc)
        return error_response(
            503, "storage_unavailable", "File storage is unavailable; retry shortly.", {"Retry-After": "5"}
        )

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        # Logged with the traceback; the client gets the shape, never the internals.
        logger.exception("unhandled error", exc_info=exc)
        return error_response(500, "internal_error", "The server failed to handle this request.")
