"""Gemini: POST {base}/v1beta/models/{model}:streamGenerateContent?alt=sse with `tools.functionDeclarations`,
answered as SSE `data:` events carrying `candidates[0].content.parts[*]`: `text`, or `functionCall` (name and
args); the stream simply ends when the turn is complete."""

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx

from app.assistant.remote.exchange import Exchange, ToolCall
from app.assistant.remote.sse import RemoteError, check_status, events
from app.assistant.remote.tools import SCHEMAS

DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com"
DEFAULT_MODEL = "gemini-2.0-flash"


class Gemini:
    provider = "gemini"

    def __init__(self, *, base_url: str | None, model: str | None, api_key: str | None) -> None:
        self.base_url = (base_url or DEFAULT_BASE_URL).rstrip("/")
        self.model = model or DEFAULT_MODEL
        self.headers = {"x-goog-api-key": api_key} if api_key else {}

    def body(self, exchange: Exchange) -> dict[str, Any]:
        contents: list[dict[str, Any]] = [{"role": "user", "parts": [{"text": exchange.user}]}]
        for calls, results in exchange.rounds:
            contents.append({"role": "model", "parts": [
                {"functionCall": {"name": c.name, "args": json.loads(c.arguments or "{}")}} for c in calls
            ]})  # fmt: skip
            answered = zip(calls, results, strict=True)
            parts = [{"functionResponse": {"name": c.name, "response": json.loads(r)}} for c, r in answered]
            contents.append({"role": "user", "parts": parts})
        return {
            "systemInstruction": {"parts": [{"text": exchange.system}]},
            "contents": contents,
            "tools": [{"functionDeclarations": SCHEMAS}],
            "generationConfig": {"temperature": 0.3},
        }

    async def stream_text(self, client: httpx.AsyncClient, exchange: Exchange) -> AsyncIterator[str | ToolCall]:
        url = f"{self.base_url}/v1beta/models/{self.model}:streamGenerateContent"
        body = self.body(exchange)
        async with client.stream("POST", url, json=body, headers=self.headers, params={"alt": "sse"}) as response:
            check_status(response)
            async for event in events(response):
                for piece in _parts(event):
                    yield piece


def _parts(event: dict[str, Any] | str) -> list[str | ToolCall]:
    if isinstance(event, str):
        return []
    if "error" in event:
        raise RemoteError(f"error event: {str(event['error'])[:120]}")
    try:
        candidates = event.get("candidates") or []
        parts = candidates[0].get("content", {}).get("parts", []) if candidates else []
        found: list[str | ToolCall] = []
        for index, part in enumerate(p for p in parts if isinstance(p, dict)):
            if "functionCall" in part:
                call = part["functionCall"]
                found.append(ToolCall(f"{call['name']}-{index}", str(call["name"]), json.dumps(call.get("args") or {})))
            elif part.get("text"):
                found.append(str(part["text"]))
        return found
    except (AttributeError, IndexError, KeyError, TypeError) as exc:
        raise RemoteError("malformed chunk") from exc
