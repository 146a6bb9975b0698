"""An open WebSocket follows the account: rotated away or deleted, the next question closes it (issue 11, item 5)."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from app.core.config import Settings
from app.main import create_app
from tests.conversations.test_websocket import _answer

WS = "/api/conversations/ws"


def _register(client: TestClient, name: str = "ws-account") -> tuple[int, dict[str, str]]:
    created = client.post("/api/users/", json={"username": name}).json()
    return created["id"], {"Authorization": f"Bearer {created['api_token']}"}


def _closed_on_next_question(socket: Any, *, answers_in_flight: int = 0) -> WebSocketDisconnect:
    """Ask once more and expect the close; only answers already in flight may still arrive before it."""
    socket.send_json({"question": "And with camel?"})
    with pytest.raises(WebSocketDisconnect) as closed:
        for _ in range(answers_in_flight + 1):
            message = socket.receive_json()
            while message["type"] == "chunk":
                message = socket.receive_json()
            assert answers_in_flight, f"the socket answered after the account changed: {message}"
            answers_in_flight -= 1
    return closed.value


def test_a_socket_closes_once_its_token_is_rotated_away(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        user_id, headers = _register(client)
        with client.websocket_connect(WS, headers=headers) as socket:
            assert _answer(socket, "What goes with navy?")[-1]["type"] == "done"
            new_token = client.post(f"/api/users/{user_id}/token", headers=headers).json()["api_token"]
            closed = _closed_on_next_question(socket)
        assert closed.code == 4401 and "rotated" in closed.reason
        with client.websocket_connect(WS, headers={"Authorization": f"Bearer {new_token}"}) as socket:
            assert _answer(socket, "What goes with navy?")[-1]["type"] == "done"  # the new token works


def test_a_socket_closes_once_its_user_is_deleted(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        user_id, headers = _register(client)
        with client.websocket_connect(WS, headers=headers) as socket:
            assert _answer(socket, "What goes with navy?")[-1]["type"] == "done"
            assert client.delete(f"/api/users/{user_id}", headers=headers).status_code == 204
            closed = _closed_on_next_question(socket)
        assert closed.code == 4404 and "deleted" in closed.reason


def test_deleting_the_user_while_an_answer_is_in_flight_closes_cleanly(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        for round_ in range(3):
            user_id, headers = _register(client, f"ws-race-{round_}")
            with client.websocket_connect(WS, headers=headers) as socket:
                socket.send_json({"question": "What should I wear to a wedding?"})
                # The answer is being built and saved on the server while the account goes.
                assert client.delete(f"/api/users/{user_id}", headers=headers).status_code == 204
                closed = _closed_on_next_question(socket, answers_in_flight=1)
            assert closed.code == 4404
            assert client.get("/api/users/me", headers=headers).status_code == 401
