"""JSON responses serialised once, by orjson, from plain data the route already shaped.

FastAPI's default path validates a route's return value against its `response_model` and serialises it again;
for a list of 50 wardrobe items that costs more than reading them. Routes on the hot path build plain dicts in
the documented shape (tests hold each builder equal to its pydantic schema) and return `json_response(...)`;
`response_model=` stays on the route for the OpenAPI document.
"""

import json
from typing import Annotated, Any

import orjson
from fastapi import Header, Response

from app.core.etag import ETAG_HEADER_DOC, if_none_match_hits, strong_etag

# Timezone-aware datetimes as pydantic writes them: ISO 8601, "Z" for UTC.
_OPTIONS = orjson.OPT_UTC_Z


def dumps(content: Any) -> bytes:
    return orjson.dumps(content, option=_OPTIONS)


IfNoneMatch = Annotated[
    str | None,
    Header(description="The `ETag` of the version you hold: 304 Not Modified, with no body, while it is current."),
]
# Clients may keep a copy but must revalidate it: with If-None-Match that costs a 304 and no payload.
REVALIDATE = "private, no-cache"


def json_response(content: Any, *, if_none_match: str | None = None) -> Response:
    """200 with the JSON and its strong ETag, or 304 when the client already holds exactly this."""
    body = dumps(content)
    return conditional(body, strong_etag(body), if_none_match)


def conditional(body: bytes, etag: str, if_none_match: str | None) -> Response:
    headers = {"ETag": etag, "Cache-Control": REVALIDATE}
    if if_none_match_hits(if_none_match, etag):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)


def cached_read(description: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` of a conditional read: 200 with its ETag, 304 when unchanged."""
    return {
        200: {"description": description, "headers": ETAG_HEADER_DOC},
        304: {"description": "Not modified: the `If-None-Match` tag is still current.", "headers": ETAG_HEADER_DOC},
    }


def loads(text: str | bytes) -> Any:
    """The database's JSON columns, parsed by orjson; json.loads for what orjson refuses (NaN written long ago)."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)
