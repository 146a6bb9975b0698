"""A local HTTP server that speaks the OpenAI chat and Gemini generateContent wire formats.

Tests script its answers (`reply`, `status`, `delay_s`) and read what it received (`requests`), so the
remote backends are exercised over real HTTP without any network beyond loopback.

Streaming (OpenAI `"stream": true`, Gemini `:streamGenerateContent?alt=sse`) sends `chunks` (or the reply
word by word) as server-sent events. `failures` scripts one failure per request, in order: "status" (HTTP
500), "hang" (no answer for `hang_s`), "malformed" (a broken event after `fail_after` chunks),
"disconnect" (the connection drops after `fail_after` chunks) or "no-done" (OpenAI: no `[DONE]`).
`tool_calls` scripts function calls: each streaming request first takes one round from it (a list of
(name, arguments)) and streams those calls in the provider's format instead of text; the arguments of an
OpenAI call arrive split over several events, as real servers send them.
"""

import asyncio
import json
import socket
import threading
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse


@dataclass
class Script:
    reply: str = "{}"  # the text the model "says"
    status: int = 200
    delay_s: float = 0.0
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    chunks: list[str] = field(default_factory=list)  # streamed pieces; empty: the reply word by word
    failures: list[str] = field(default_factory=list)  # one scripted failure per streaming request, in order
    fail_after: int = 0  # good chunks sent before a "malformed" or "disconnect" failure
    hang_s: float = 3.0
    tool_calls: list[list[tuple[str, dict[str, Any]]]] = field(default_factory=list)


class Disconnect(Exception):
    """Raised inside a streaming body: the server drops the connection mid-response."""


def _pieces(script: Script) -> list[str]:
    if script.chunks:
        return list(script.chunks)
    words = script.reply.split(" ")
    return [word + (" " if i < len(words) - 1 else "") for i, word in enumerate(words)]


async def _events(script: Script, failure: str, event: Any, done: bool) -> AsyncIterator[bytes]:
    """SSE lines for each piece, with the scripted failure, then (OpenAI) the [DONE] marker."""
    for index, piece in enumerate(_pieces(script)):
        if index == script.fail_after and failure == "malformed":
            yield b"data: {not json\n\n"
        if index == script.fail_after and failure == "disconnect":
            raise Disconnect("scripted mid-stream disconnect")
        yield f"data: {json.dumps(event(piece))}\n\n".encode()
        await asyncio.sleep(0)
    if done and failure != "no-done":
        yield b"data: [DONE]\n\n"


async def _stream(script: Script, event: Any, *, done: bool) -> Response:
    failure = script.failures.pop(0) if script.failures else ""
    if failure == "status":
        return JSONResponse({"error": {"message": "scripted failure"}}, status_code=500)
    if failure == "hang":
        await asyncio.sleep(script.hang_s)
    return StreamingResponse(_events(script, failure, event, done), media_type="text/event-stream")


async def _tool_events(calls: list[tuple[str, dict[str, Any]]], *, openai: bool) -> AsyncIterator[bytes]:
    if not openai:
        parts = [{"functionCall": {"name": name, "args": args}} for name, args in calls]
        yield f"data: {json.dumps({'candidates': [{'content': {'role': 'model', 'parts': parts}}]})}\n\n".encode()
        return
    for index, (name, args) in enumerate(calls):
        text = json.dumps(args)
        pieces = [
            {"index": index, "id": f"call_{index}", "type": "function", "function": {"name": name, "arguments": ""}}
        ]
        pieces += [
            {"index": index, "function": {"arguments": text[:5]}},
            {"index": index, "function": {"arguments": text[5:]}},
        ]
        for piece in pieces:
            yield f"data: {json.dumps({'choices': [{'index': 0, 'delta': {'tool_calls': [piece]}}]})}\n\n".encode()
    yield f"data: {json.dumps({'choices': [{'index': 0, 'delta': {}, 'finish_reason': 'tool_calls'}]})}\n\n".encode()
    yield b"data: [DONE]\n\n"


def _openai_event(piece: str) -> dict[str, Any]:
    return {"object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"content": piece}}]}


def _gemini_event(piece: str) -> dict[str, Any]:
    return {"candidates": [{"content": {"role": "model", "parts": [{"text": piece}]}}]}


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
    async def openai_chat(request: Request) -> Response:
        failure = await record(request)
        if failure is None and script.requests[-1].get("stream"):
            if script.tool_calls:
                return StreamingResponse(
                    _tool_events(script.tool_calls.pop(0), openai=True), media_type="text/event-stream"
                )
            return await _stream(script, _openai_event, done=True)
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

    @app.post("/v1beta/models/{model}:streamGenerateContent")
    async def gemini_stream(model: str, request: Request) -> Response:
        failure = await record(request)
        if failure is None and script.tool_calls:
            return StreamingResponse(
                _tool_events(script.tool_calls.pop(0), openai=False), media_type="text/event-stream"
            )
        return failure or await _stream(script, _gemini_event, done=False)

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
        for name in ("reply", "status", "delay_s", "chunks", "failures", "fail_after", "hang_s", "tool_calls"):
            setattr(self.script, name, getattr(fresh, name))
        self.script.requests.clear()
        self.script.headers.clear()
        return self.script
