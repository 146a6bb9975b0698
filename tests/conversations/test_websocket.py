"""The WebSocket transport: token transports, bad frames and per-question limits (issue 11, items 15, 18, 20)."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from app.core.config import Settings
from app.main import create_app


def _answer(socket: Any, question: str) -> list[dict[str, Any]]:
    socket.send_json({"question": question})
    messages = [socket.receive_json()]
    while messages[-1]["type"] not in ("done", "error"):
        messages.append(socket.receive_json())
    return messages


def _register(client: TestClient, name: str = "ws-user") -> tuple[int, str]:
    created = client.post("/api/users/", json={"username": name}).json()
    return created["id"], created["api_token"]


def test_token_in_a_subprotocol_for_browsers(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        _, token = _register(client)
        with client.websocket_connect("/api/conversations/ws", subprotocols=["stylist", f"bearer.{token}"]) as socket:
            assert socket.accepted_subprotocol == "stylist"  # never the token echoed back
            assert _answer(socket, "What goes with navy?")[-1]["type"] == "done"
        wrong = ["stylist", "bearer.sty_wrong"]
        with (
            pytest.raises(WebSocketDisconnect) as refused,
            client.websocket_connect("/api/conversations/ws", subprotocols=wrong),
        ):
            pass
        assert refused.value.code == 1008


def test_binary_frames_get_an_error_message_and_the_socket_lives_on(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        _, token = _register(client)
        with client.websocket_connect("/api/conversations/ws", headers={"Authorization": f"Bearer {token}"}) as socket:
            socket.send_bytes(b"\x00\x01binary")
            error = socket.receive_json()
            assert error["type"] == "error" and "text frames" in error["detail"]
            socket.send_text("{not json")
            assert socket.receive_json()["error"] == "invalid_request"
            assert _answer(socket, "What goes with navy?")[-1]["type"] == "done"


def test_each_question_on_a_socket_counts_against_the_assistant_limit(settings: Settings) -> None:
    with TestClient(create_app(settings.model_copy(update={"rate_limit_assistant_per_minute": 2}))) as client:
        _, token = _register(client)
        with client.websocket_connect("/api/conversations/ws", headers={"Authorization": f"Bearer {token}"}) as socket:
            assert _answer(socket, "What goes with navy?")[-1]["type"] == "done"
            assert _answer(socket, "And with camel?")[-1]["type"] == "done"
            refused = _answer(socket, "And with olive?")[-1]
            assert refused["error"] == "rate_limited" and refused["retry_after_s"] >= 1
        # The same budget as HTTP questions: this token has used it up.
        over_http = client.post(
            "/api/conversations/", params={"user_id": 1, "question": "hi"}, headers={"Authorization": f"Bearer {token}"}
        )
        assert over_http.status_code == 429
