"""Any OpenAI-compatible chat API (OpenAI, Ollama, vLLM, llama.cpp server): POST {base}/chat/completions
with `"stream": true`, answered as SSE `data:` events carrying `choices[0].delta.content`, then `[DONE]`."""

from collections.abc import AsyncIterator
from typing import Any

import httpx

from app.assistant.remote.sse import DONE, RemoteError, check_status, events

DEFAULT_BASE_URL = "https://api.openai.com/v1"
DEFAULT_MODEL = "gpt-4o-mini"


class OpenAICompatible:
    provider = "openai"

    def __init__(self, *, base_url: str | None, model: str | None, api_key: str | None) -> None:
        self.base_url = (base_url or DEFAULT_BASE_URL).rstrip("/")
        self.model = model or DEFAULT_MODEL
        self.headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}

    def body(self, system: str, user: str) -> dict[str, Any]:
        messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
        return {"model": self.model, "messages": messages, "stream": True, "temperature": 0.3}

    async def stream_text(self, client: httpx.AsyncClient, system: str, user: str) -> AsyncIterator[str]:
        url = f"{self.base_url}/chat/completions"
        async with client.stream("POST", url, json=self.body(system, user), headers=self.headers) as response:
            check_status(response)
            async for event in events(response):
                if event == DONE:
                    return
                yield _delta(event)
        # A stream that stops without [DONE] was cut off, even when the connection closed cleanly.
        raise RemoteError("stream ended without [DONE]")


def _delta(event: dict[str, Any] | str) -> str:
    if isinstance(event, str):
        return ""
    if "error" in event:
        raise RemoteError(f"error event: {str(event['error'])[:120]}")
    try:
        choices = event.get("choices") or []
        content = choices[0].get("delta", {}).get("content") if choices else None
    except (AttributeError, IndexError, TypeError) as exc:
        raise RemoteError("malformed chunk") from exc
    return content if isinstance(content, str) else ""  # role-only and final chunks carry no text
