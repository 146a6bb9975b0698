"""Server-sent events over httpx: the `data:` payloads of a streamed response, decoded as JSON."""

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx

DONE = "[DONE]"


class RemoteError(Exception):
    """The remote model failed or answered something unusable; `retryable` says whether trying again may help."""

    def __init__(self, message: str, *, retryable: bool = True) -> None:
        super().__init__(message)
        self.retryable = retryable


def check_status(response: httpx.Response) -> None:
    if response.status_code >= 400:
        # 429 and 5xx are the server's momentary trouble; other 4xx (bad key, unknown model) will not heal.
        retryable = response.status_code == 429 or response.status_code >= 500
        raise RemoteError(f"HTTP {response.status_code}", retryable=retryable)


async def events(response: httpx.Response) -> AsyncIterator[dict[str, Any] | str]:
    """Each event's JSON object, or the string DONE; comments and keep-alives are skipped."""
    async for line in response.aiter_lines():
        if not line.startswith("data:"):
            continue
        payload = line[5:].strip()
        if payload == DONE:
            yield DONE
            return
        try:
            event = json.loads(payload)
        except json.JSONDecodeError as exc:
            raise RemoteError(f"malformed event: {payload[:80]!r}") from exc
        if not isinstance(event, dict):
            raise RemoteError(f"malformed event: {payload[:80]!r}")
        yield event
