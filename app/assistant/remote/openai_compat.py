"""Any OpenAI-compatible chat API (OpenAI, Ollama, vLLM, llama.cpp server): POST {base}/chat/completions
with `"stream": true` and `tools`, answered as SSE `data:` events carrying `choices[0].delta.content` (text) or
`choices[0].delta.tool_calls` (function calls, streamed in pieces), then `[DONE]`."""

from collections.abc import AsyncIterator
from typing import Any

import httpx

from app.assistant.remote.exchange import Exchange, ToolCall
from app.assistant.remote.sse import DONE, RemoteError, check_status, events
from app.assistant.remote.tools import SCHEMAS

DEFAULT_BASE_URL = "https://api.openai.com/v1"
DEFAULT_MODEL = "gpt-4o-mini"


class OpenAICompatible:
    provider = "openai"

    def __init__(self, *, base_url: str | None, model: str | None, api_key: str | None) -> None:
        self.base_url = (base_url or DEFAULT_BASE_URL).rstrip("/")
        self.model = model or DEFAULT_MODEL
        self.headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}

    def body(self, exchange: Exchange) -> dict[str, Any]:
        messages: list[dict[str, Any]] = [
            {"role": "system", "content": exchange.system},
            {"role": "user", "content": exchange.user},
        ]
        for calls, results in exchange.rounds:
            messages.append({"role": "assistant", "content": None, "tool_calls": [
                {"id": c.id, "type": "function", "function": {"name": c.name, "arguments": c.arguments}} for c in calls
            ]})  # fmt: skip
            messages.extend(
                {"role": "tool", "tool_call_id": c.id, "content": result}
                for c, result in zip(calls, results, strict=True)
            )
        tools = [{"type": "function", "function": schema} for schema in SCHEMAS]
        return {"model": self.model, "messages": messages, "tools": tools, "stream": True, "temperature": 0.3}

    async def stream_text(self, client: httpx.AsyncClient, exchange: Exchange) -> AsyncIterator[str | ToolCall]:
        url = f"{self.base_url}/chat/completions"
        calls: dict[int, dict[str, str]] = {}
        async with client.stream("POST", url, json=self.body(exchange), headers=self.headers) as response:
            check_status(response)
            async for event in events(response):
                if event == DONE:
                    for index in sorted(calls):
                        yield ToolCall(
                            calls[index]["id"] or f"call_{index}", calls[index]["name"], calls[index]["args"]
                        )
                    return
                text = _delta(event, calls)
                if text:
                    yield text
        # A stream that stops without [DONE] was cut off, even when the connection closed cleanly.
        raise RemoteError("stream ended without [DONE]")


def _delta(event: dict[str, Any] | str, calls: dict[int, dict[str, str]]) -> str:
    """The text of one event; tool-call pieces are gathered into `calls` by their index."""
    if isinstance(event, str):
        return ""
    if "error" in event:
        raise RemoteError(f"error event: {str(event['error'])[:120]}")
    try:
        choices = event.get("choices") or []
        delta = choices[0].get("delta", {}) if choices else {}
        for piece in delta.get("tool_calls") or []:
            call = calls.setdefault(int(piece.get("index", 0)), {"id": "", "name": "", "args": ""})
            function = piece.get("function") or {}
            call["id"] = piece.get("id") or call["id"]
            call["name"] += function.get("name") or ""
            call["args"] += function.get("arguments") or ""
        content = delta.get("content")
    except (AttributeError, IndexError, TypeError, ValueError) as exc:
        raise RemoteError("malformed chunk") from exc
    return content if isinstance(content, str) else ""  # role-only and final chunks carry no text
