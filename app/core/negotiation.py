"""Image bodies as `application/octet-stream` for clients that ask only for that (as some generated clients do).

The OpenAPI document offers both types for every image response (app/core/openapi.py); the bytes are the same.
"""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

OCTET_STREAM = b"application/octet-stream"


def _wants_octet_stream(accept: bytes) -> bool:
    kinds = {part.split(b";")[0].strip() for part in accept.lower().split(b",")}
    return (
        OCTET_STREAM in kinds and not kinds & {b"image/*", b"*/*"} and not any(k.startswith(b"image/") for k in kinds)
    )


class OctetStreamForImages:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _wants_octet_stream(dict(scope["headers"]).get(b"accept", b"")):
            await self.app(scope, receive, send)
            return

        async def send_as_octet_stream(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] < 300:
                headers = message.get("headers", [])
                if any(k == b"content-type" and v.startswith(b"image/") for k, v in headers):
                    message["headers"] = [(k, OCTET_STREAM if k == b"content-type" else v) for k, v in headers]
            await send(message)

        await self.app(scope, receive, send_as_octet_stream)
