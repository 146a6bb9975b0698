"""Gemini: POST {base}/v1beta/models/{model}:streamGenerateContent?alt=sse, answered as SSE `data:` events
carrying `candidates[0].content.parts[*].text`; the stream simply ends when the answer is complete."""

from collections.abc import AsyncIterator
from typing import Any

import httpx

from app.assistant.remote.sse import RemoteError, check_status, events

DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com"
DEFAULT_MODEL = "gemini-2.0-flash"


class Gemini:
    provider = "gemini"

    def __init__(self, *, base_url: str | None, model: str | None, api_key: str | None) -> None:
        self.base_url = (base_url or DEFAULT_BASE_URL).rstrip("/")
        self.model = model or DEFAULT_MODEL
        self.headers = {"x-goog-api-key": api_key} if api_key else {}

    def body(self, system: str, user: str) -> dict[str, Any]:
        return {
            "systemInstruction": {"parts": [{"text": system}]},
            "contents": [{"role": "user", "parts": [{"text": user}]}],
            "generationConfig": {"temperature": 0.3},
        }

    async def stream_text(self, client: httpx.AsyncClient, system: str, user: str) -> AsyncIterator[str]:
        url = f"{self.base_url}/v1beta/models/{self.model}:streamGenerateContent"
        body = self.body(system, user)
        async with client.stream("POST", url, json=body, headers=self.headers, params={"alt": "sse"}) as response:
            check_status(response)
            async for event in events(response):
                yield _text(event)


def _text(event: dict[str, Any] | str) -> str:
    if isinstance(event, str):
        return ""
    if "error" in event:
        raise RemoteError(f"error event: {str(event['error'])[:120]}")
    try:
        candidates = event.get("candidates") or []
        parts = candidates[0].get("content", {}).get("parts", []) if candidates else []
        return "".join(part.get("text", "") for part in parts if isinstance(part, dict))
    except (AttributeError, IndexError, TypeError) as exc:
        raise RemoteError("malformed chunk") from exc
