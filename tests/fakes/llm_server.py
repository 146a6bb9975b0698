"""A local HTTP server that speaks the OpenAI chat and Gemini generateContent wire formats.

Tests script its answers (`reply`, `status`, `delay_s`) and read what it received (`requests`), so the
remote backends are exercised over real HTTP without any network beyond loopback.
"""

import asyncio
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse


@dataclass
class Script:
    reply: str = "{}"  # the text the model "says"
    status: int = 200
    delay_s: float = 0.0
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)


def build_app(script: Script) -> FastAPI:
    app = FastAPI()

    async def record(request: Request) -> JSONResponse | None:
        script.requests.append(await request.json())
        script.headers.append(dict(request.headers))
        if script.delay_s:
            await asyncio.sleep(script.delay_s)
        if script.status != 200:
            return JSONResponse({"error": {"message": "scripted failure"}}, status_code=script.status)
        return None

    @app.post("/v1/chat/completions")
    async def openai_chat(request: Request) -> JSONResponse:
        failure = await record(request)
        return failure or JSONResponse(
            {
                "id": "chatcmpl-test",
                "object": "chat.completion",
                "choices": [{"index": 0, "message": {"role": "assistant", "content": script.reply}}],
            }
        )

    @app.post("/v1beta/models/{model}:generateContent")
    async def gemini_generate(model: str, request: Request) -> JSONResponse:
        failure = await record(request)
        return failure or JSONResponse(
            {"candidates": [{"content": {"role": "model", "parts": [{"text": script.reply}]}}]}
        )

    return app


class FakeLLMServer:
    def __init__(self) -> None:
        self.script = Script()
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = int(sock.getsockname()[1])
        config = uvicorn.Config(build_app(self.script), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "FakeLLMServer":
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("fake LLM server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=5)

    def reset(self, **changes: Any) -> Script:
        fresh = Script(**changes)
        for name in ("reply", "status", "delay_s"):
            setattr(self.script, name, getattr(fresh, name))
        self.script.requests.clear()
        self.script.headers.clear()
        return self.script
