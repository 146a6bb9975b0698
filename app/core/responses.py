"""JSON responses serialised once, by orjson, from plain data the route already shaped.

FastAPI's default path validates a route's return value against its `response_model` and serialises it again;
for a list of 50 wardrobe items that costs more than reading them. Routes on the hot path build plain dicts in
the documented shape (tests hold each builder equal to its pydantic schema) and return `json_response(...)`;
`response_model=` stays on the route for the OpenAPI document.
"""

import json
from typing import Any

import orjson
from fastapi import Response

# Timezone-aware datetimes as pydantic writes them: ISO 8601, "Z" for UTC.
_OPTIONS = orjson.OPT_UTC_Z


def dumps(content: Any) -> bytes:
    return orjson.dumps(content, option=_OPTIONS)


def json_response(content: Any, *, headers: dict[str, str] | None = None) -> Response:
    return Response(dumps(content), media_type="application/json", headers=headers)


def loads(text: str | bytes) -> Any:
    """The database's JSON columns, parsed by orjson; json.loads for what orjson refuses (NaN written long ago)."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)
