import json
from pathlib import Path

from app.cli import openapi_json

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
