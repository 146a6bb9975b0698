"""One error shape for every failure: `{"error": <code>, "detail": <message>, "fields": [...]?}`."""

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.storage.base import StorageError

logger = logging.getLogger(__name__)


class FieldError(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class ErrorBody(BaseModel):
    error: str
    detail: str
    fields: list[FieldError] | None = None


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


# What any route scoped to a user can answer besides success.
AUTH_ERRORS: tuple[type[AppError], ...] = (Unauthorized, Forbidden, NotFound)


def error_response(status: int, code: str, detail: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    body = ErrorBody(error=code, detail=detail).model_dump(exclude_none=True)
    return JSONResponse(status_code=status, content=body, headers=headers)


def responses(*errors: type[AppError]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries for the errors a route can raise (400 and 422 are always documented)."""
    documented: dict[int | str, dict[str, Any]] = {
        400: {"model": ErrorBody, "description": "The body could not be parsed (malformed JSON or multipart)."},
        422: {"model": ErrorBody, "description": "The request does not match the schema."},
    }
    for error in errors:
        documented[error.status_code] = {"model": ErrorBody, "description": error.__doc__ or error.code}
    return documented


def _summarise(errors: list[dict[str, Any]]) -> str:
    parts = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in errors[:5]]
    return "; ".join(parts) or "Invalid request."


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
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return error_response(exc.status_code, code, str(exc.detail), exc.headers)

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
