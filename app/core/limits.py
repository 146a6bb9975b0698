"""Reject oversized request bodies from their Content-Length, before any byte is parsed or spooled."""

from starlette.types import ASGIApp, Receive, Scope, Send

from app.core.errors import error_response

_MULTIPART_OVERHEAD = 64 * 1024  # boundaries and part headers around the file itself


class BodySizeLimit:
    def __init__(self, app: ASGIApp, *, max_upload_bytes: int) -> None:
        self.app = app
        self.limit = max_upload_bytes + _MULTIPART_OVERHEAD

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            length = dict(scope["headers"]).get(b"content-length")
            if length is not None and length.isdigit() and int(length) > self.limit:
                mb = (self.limit - _MULTIPART_OVERHEAD) // 1_000_000
                response = error_response(413, "payload_too_large", f"The request is larger than the {mb} MB limit.")
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
