import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app.cli import openapi_json
from app.core.openapi import OPERATION_ID

DOCUMENT = Path(__file__).resolve().parents[1] / "docs" / "openapi.json"


def test_committed_openapi_document_is_current() -> None:
    assert DOCUMENT.read_text() == openapi_json(), "docs/openapi.json is stale: run `make openapi`"


def test_every_error_response_uses_the_error_shape() -> None:
    schema = json.loads(openapi_json())
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if status.startswith(("4", "5")) and status != "503":
                    ref = response["content"]["application/json"]["schema"]["$ref"]
                    assert ref.endswith("/ErrorBody"), (method, path, status)


def _operations(schema: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield method, path, operation


def test_operation_ids_follow_the_naming_rule() -> None:
    schema = json.loads(openapi_json())
    seen: set[str] = set()
    for method, path, operation in _operations(schema):
        name = operation["operationId"]
        assert OPERATION_ID.match(name) and len(name) <= 40, (method, path, name)
        assert name.startswith(operation["tags"][0] + "-"), (method, path, name, "must start with its tag")
        assert name not in seen, f"{name} is used twice"
        seen.add(name)


def test_every_tag_is_declared_with_a_description() -> None:
    schema = json.loads(openapi_json())
    declared = {tag["name"]: tag.get("description") for tag in schema["tags"]}
    assert all(declared.values())
    for method, path, operation in _operations(schema):
        assert len(operation["tags"]) == 1 and operation["tags"][0] in declared, (method, path, operation["tags"])


def test_component_names_say_what_they_are() -> None:
    for name in json.loads(openapi_json())["components"]["schemas"]:
        assert re.fullmatch(r"[A-Z][A-Za-z0-9]+", name), name
        assert "Api" not in name and not name.startswith("Body"), name


def test_files_are_binary_for_generators() -> None:
    schema = json.loads(openapi_json())
    form = schema["components"]["schemas"]["ImagesUploadForm"]["properties"]["file"]
    assert form["format"] == "binary"
    batch = schema["components"]["schemas"]["ImagesUploadBatchForm"]["properties"]["files"]["items"]
    assert batch["format"] == "binary"
    for path in ("/api/images/{user_id}/{image_id}/file", "/api/images/{user_id}/{image_id}/thumbnail"):
        content = schema["paths"][path]["get"]["responses"]["200"]["content"]
        assert content["image/jpeg"]["schema"]["format"] == "binary"
        assert content["application/octet-stream"]["schema"]["format"] == "binary"


def test_every_response_names_its_request_id_and_rate_limits_their_wait() -> None:
    schema = json.loads(openapi_json())
    for method, path, operation in _operations(schema):
        responses = operation["responses"]
        for status, response in responses.items():
            assert "X-Request-ID" in response["headers"], (method, path, status)
        assert "500" in responses, (method, path)
        if method != "get":
            assert "Retry-After" in responses["429"]["headers"], (method, path)
        if "requestBody" not in operation:
            assert "400" not in responses, (method, path, "nothing to parse")


def test_public_routes_say_so_and_the_local_server_is_named() -> None:
    schema = json.loads(openapi_json())
    assert schema["servers"][0]["url"] == "http://127.0.0.1:8000"
    public = {(m, p) for m, p, op in _operations(schema) if op["security"] == []}
    assert public == {("get", "/"), ("get", "/health/live"), ("get", "/health/ready"), ("post", "/api/users/")}
    for method, path, operation in _operations(schema):
        if operation["security"]:
            assert "401" in operation["responses"], (method, path)
