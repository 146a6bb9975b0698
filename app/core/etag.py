"""Strong entity tags for JSON representations, and the RFC 9110 checks of `If-Match` / `If-None-Match`.

One rule for every route: the tag is a digest of the representation itself, so it changes exactly when what a
client would read changes, and needs no version column.
"""

import hashlib
import json
from typing import Any

from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel

ETAG_HEADER_DOC: dict[str, Any] = {
    "ETag": {"description": "Strong validator of this representation.", "schema": {"type": "string"}}
}


def strong_etag(value: BaseModel | bytes | Any) -> str:
    """A strong validator: equal representations give equal tags, any change gives another tag."""
    if isinstance(value, bytes):
        payload = value
    else:
        canonical = jsonable_encoder(value)
        payload = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    return f'"{hashlib.sha256(payload).hexdigest()[:32]}"'


def _entity_tags(header: str) -> list[str]:
    return [tag.strip() for tag in header.split(",") if tag.strip()]


def if_match_passes(header: str | None, current: str) -> bool:
    """`If-Match`: absent, `*`, or a listed tag equal to `current` by strong comparison (weak tags never match)."""
    if header is None:
        return True
    tags = _entity_tags(header)
    return "*" in tags or current in tags


def if_none_match_hits(header: str | None, current: str) -> bool:
    """`If-None-Match` (weak comparison): True when the client already holds `current`, i.e. answer 304."""
    if header is None:
        return False
    tags = [tag.removeprefix("W/") for tag in _entity_tags(header)]
    return "*" in tags or current.removeprefix("W/") in tags
