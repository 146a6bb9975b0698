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


def _enums_outside_components(node: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    if isinstance(node, dict):
        if "enum" in node and not (len(path) == 3 and path[:2] == ("components", "schemas")):
            yield path
        for key, value in node.items():
            yield from _enums_outside_components(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _enums_outside_components(value, (*path, str(index)))


def test_every_vocabulary_is_one_named_enum() -> None:
    schema = json.loads(openapi_json())
    inline = ["/".join(path) for path in _enums_outside_components(schema)]
    assert not inline, f"inline enums (declare them with app.core.vocabulary or a StrEnum): {inline}"
    schemas = schema["components"]["schemas"]
    enums = {name for name, component in schemas.items() if "enum" in component}
    assert {"Category", "Season", "Signal", "Occasion", "ErrorCode", "ColourFamily", "Style", "Pattern"} <= enums
    ref = "#/components/schemas/Category"
    assert ref in json.dumps(schemas["TagCorrection"]) and ref in json.dumps(schemas["ImageTags"])
    assert ref in json.dumps(schemas["OutfitItem"])
    assert "#/components/schemas/Signal" in json.dumps(schemas["FeedbackOut"])


def test_every_error_code_the_source_sends_is_in_the_enum() -> None:
    codes = set(json.loads(openapi_json())["components"]["schemas"]["ErrorCode"]["enum"])
    root = Path(__file__).resolve().parents[1] / "app"
    sent = set()
    for source in root.rglob("*.py"):
        text = source.read_text()
        sent |= set(re.findall(r'error_response\(\s*\d+,\s*"([a-z_]+)"', text))
        sent |= set(re.findall(r'(?:ErrorBody|SocketError)\(\s*error="([a-z_]+)"', text))
        sent |= set(re.findall(r'_send_error\(\s*websocket,\s*"([a-z_]+)"', text))
    assert {"rate_limited", "payload_too_large", "internal_error"} <= sent
    assert sent <= codes, sent - codes


def test_one_request_shape_per_operation() -> None:
    paths = json.loads(openapi_json())["paths"]
    original = paths["/api/conversations/"]["post"]
    assert "requestBody" not in original and original["x-original-contract"]
    assert {(p["name"], p["in"], p["required"]) for p in original["parameters"]} == {
        ("user_id", "query", True),
        ("question", "query", True),
    }
    stream = paths["/api/conversations/stream"]["post"]
    assert "parameters" not in stream or not {p["name"] for p in stream["parameters"]} & {"user_id", "question"}
    body = stream["requestBody"]
    assert body["required"] and body["content"]["application/json"]["schema"]["$ref"].endswith("/AskRequest")
    events = stream["responses"]["200"]["content"]["text/event-stream"]["x-sse-events"]
    assert set(events) == {"chunk", "done", "error"}


def test_fields_always_sent_are_required() -> None:
    schemas = json.loads(openapi_json())["components"]["schemas"]
    for name, fields in {
        "UploadedImage": {"near_duplicates", "tags"},
        "Conversation": {"intent", "referenced_item_ids", "backend"},
        "ImageTags": {"type", "category", "colors", "seasons", "confidence", "model_version"},
        "BatchItem": {"image", "error"},
    }.items():
        assert fields <= set(schemas[name]["required"]), (name, fields - set(schemas[name]["required"]))
    assert (
        schemas["UploadedImage"]["properties"]["near_duplicates"]["items"]["$ref"]
        == "#/components/schemas/NearDuplicate"
    )
    assert "fields" not in schemas["ErrorBody"]["required"]  # left out unless the error is a validation error
    for message in ("StreamChunk", "QuestionMessage", "SocketChunk", "SocketDone", "SocketError"):
        assert message in schemas
