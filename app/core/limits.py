"""Request bodies within bounds: refused from their Content-Length, counted as they stream, timed out when stalled.

Pure ASGI and no copies: `receive` is wrapped, so a chunked body without Content-Length is counted chunk by
chunk and refused (413) the moment it passes the limit, and a body that stops arriving (Content-Length 100,
4 bytes sent) is answered 408 instead of holding the connection forever. Request headers are capped by the
server's parser itself (app/core/http_protocol.py, see MAX_HEADER_BYTES).
"""

import asyncio

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.errors import error_response

_MULTIPART_OVERHEAD = 64 * 1024  # boundaries and part headers around the file itself
# The most request-line + header bytes the server buffers (app/core/http_protocol.py); past it the connection is
# refused (431) before the app sees anything.
MAX_HEADER_BYTES = 16 * 1024


class _BodyRefused(Exception):
    """Raised out of `receive` once the body broke a bound; the middleware answers in the app's place."""


class RequestBodyLimits:
    def __init__(self, app: ASGIApp, *, max_upload_bytes: int, body_timeout_s: float) -> None:
        self.app = app
        self.limit = max_upload_bytes + _MULTIPART_OVERHEAD
        self.timeout_s = body_timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await _too_large(self.limit)(scope, receive, send)
            return
        await _GuardedRequest(self, scope, receive, send).run()


def _too_large(limit: int) -> Response:
    mb = (limit - _MULTIPART_OVERHEAD) // 1_000_000
    return error_response(
        413, "payload_too_large", f"The request is larger than the {mb} MB limit.", {"Connection": "close"}
    )


class _GuardedRequest:
    """One request's body accounting: bytes received, whether it ended, and the refusal once a bound broke."""

    def __init__(self, limits: RequestBodyLimits, scope: Scope, receive: Receive, send: Send) -> None:
        self.limits, self.scope, self.receive, self.send = limits, scope, receive, send
        self.received = 0
        self.body_done = scope.get("method") in ("GET", "HEAD", "OPTIONS", "DELETE")
        self.refusal: Response | None = None
        self.started = False

    async def run(self) -> None:
        try:
            await self.limits.app(self.scope, self.guarded_receive, self.guarded_send)
        except _BodyRefused:
            if self.started:
                raise
        except Exception:
            if self.refusal is None or self.started:
                raise
        if self.refusal is not None and not self.started:
            await self.refusal(self.scope, self.receive, self.send)

    async def guarded_receive(self) -> Message:
        if self.body_done:  # after the body only a disconnect can come: wait for it as long as it takes
            return await self.receive()
        try:
            message = await asyncio.wait_for(self.receive(), self.limits.timeout_s)
        except TimeoutError:
            detail = f"The request body stalled for {self.limits.timeout_s:g} s; send it again."
            self.refusal = error_response(408, "request_timeout", detail, {"Connection": "close"})
            raise _BodyRefused from None
        if message["type"] == "http.request":
            self.received += len(message.get("body", b""))
            if self.received > self.limits.limit:
                self.refusal = _too_large(self.limits.limit)
                raise _BodyRefused
            self.body_done = not message.get("more_body", False)
        return message

    async def guarded_send(self, message: Message) -> None:
        if self.refusal is not None and not self.started:
            return  # whatever the app made of the broken body, the client gets the refusal instead
        if message["type"] == "http.response.start":
            self.started = True
        await self.send(message)
