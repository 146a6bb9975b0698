"""uvicorn's httptools protocol with a cap on the bytes of a request's line and headers.

httptools (llhttp, C) parses a request in a fraction of h11's CPU: on sign-up, h11's pure-Python parsing was the
largest single cost outside the app (docs/benchmarks.md, "Session 6"). But httptools accumulates a header of any
size (1 MB was accepted), which is why the server ran on h11 with `--h11-max-incomplete-event-size`. Here the
bytes received while a request's head is incomplete are counted after each read; past MAX_HEADER_BYTES the
client gets a 431 and the connection closes, so a head never holds more than the cap plus one socket read.
"""

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from app.core.errors import ErrorBody
from app.core.limits import MAX_HEADER_BYTES

_TOO_LARGE = (
    ErrorBody(
        error="request_header_fields_too_large",
        detail=f"The request line and headers are larger than the {MAX_HEADER_BYTES // 1024} KiB limit.",
    )
    .model_dump_json(exclude_none=True)
    .encode()
)


class CappedHttpToolsProtocol(HttpToolsProtocol):
    """HttpToolsProtocol that refuses a request whose line and headers pass MAX_HEADER_BYTES (431)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._in_head = False
        self._head_bytes = 0

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_head, self._head_bytes = True, 0

    def on_headers_complete(self) -> None:
        self._in_head = False
        super().on_headers_complete()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if not self._in_head or self.transport.is_closing():
            return
        # Counted after the feed: a read that completed the head (and carries body bytes) is not counted; one that
        # began the head may carry the previous request's tail, an over-count of at most one read.
        self._head_bytes += len(data)
        if self._head_bytes > MAX_HEADER_BYTES:
            self._refuse_head()

    def _refuse_head(self) -> None:
        self._in_head = False
        self.transport.write(
            b"HTTP/1.1 431 Request Header Fields Too Large\r\n"
            b"content-type: application/json\r\n"
            b"content-length: " + str(len(_TOO_LARGE)).encode() + b"\r\n"
            b"connection: close\r\n\r\n" + _TOO_LARGE
        )
        self.transport.close()
