"""The wardrobe list, the most read route: one prepared query on a plain connection, each item serialised once.

Two costs dominated it: the ORM session around a query that needs none (a third of the request), and building
each item's JSON (the corrections merge, the tag defaults, orjson) on every read of rows that rarely change. An
item's JSON is a pure function of its row, so it is memoised on the row itself: the row's values, with the JSON
columns as the database's text, are the cache key, so any change to a row (a correction, a re-analysis) is a
new key and no invalidation exists to forget.
"""

from collections.abc import Sequence
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Text, cast
from sqlalchemy.ext.asyncio import AsyncEngine

from app.core.db import read_rows, user_page
from app.core.responses import dumps, loads
from app.wardrobe.models import WardrobeImage
from app.wardrobe.schemas import image_json

# Items whose JSON is kept per process (about 1 KB each, plus the row text they are keyed on).
MEMO_ITEMS = 4096

# What an `Image` response shows: no storage keys, never the embedding. The JSON columns come as text.
LISTED_COLUMNS = (
    WardrobeImage.id,
    WardrobeImage.user_id,
    WardrobeImage.original_filename,
    WardrobeImage.source_format,
    WardrobeImage.width,
    WardrobeImage.height,
    WardrobeImage.size_bytes,
    WardrobeImage.content_hash,
    # Cast in SQL: a driver may decode JSON itself (asyncpg does), and the text is what the memo is keyed on.
    cast(WardrobeImage.tags, Text).label("tags"),
    cast(WardrobeImage.corrections, Text).label("corrections"),
    WardrobeImage.created_at,
)
_FIELDS = tuple(column.key for column in LISTED_COLUMNS)

LIST_QUERY = user_page(WardrobeImage, *LISTED_COLUMNS)


async def list_images(engine: AsyncEngine, *, user_id: int, limit: int, offset: int) -> Sequence[Any]:
    """The user's items, newest first, as rows of LISTED_COLUMNS, read outside any ORM session."""
    return await read_rows(engine, LIST_QUERY, user_id=user_id, limit=limit, offset=offset)


@lru_cache(maxsize=MEMO_ITEMS)
def item_json(*values: Any) -> bytes:
    """One listed row's `Image` JSON; `values` are the row's, in LISTED_COLUMNS order."""
    row = SimpleNamespace(**dict(zip(_FIELDS, values, strict=True)))
    row.tags = loads(row.tags)
    row.corrections = loads(row.corrections) if row.corrections else {}
    return dumps(image_json(row))


def list_json(rows: Sequence[Any]) -> bytes:
    """The JSON array of the rows' `Image`s, each item's part taken from the memo when its row is unchanged."""
    return b"[" + b",".join([item_json(*row) for row in rows]) + b"]"
