"""A user's whole wardrobe in one zip (`stylist export` / `stylist import-archive`), to restore on another instance.

The archive holds every column of the user's rows (items with tags, corrections and embeddings, outfit feedback,
the wear log, conversations) plus the stored files. Columns are written generically, so a column added later by a
migration travels too; on import every id is new and every reference to an item or feedback row is re-pointed.
"""

import base64
import json
import uuid
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.commandline.backend import Account, CommandError, LocalBackend
from app.conversations.models import Conversation
from app.core.db import Base
from app.outfits.models import OutfitFeedback, WearLogEntry
from app.users import service as users
from app.users.models import User, username_key
from app.wardrobe.models import WardrobeImage
from app.wardrobe.service import discard_files, user_storage_prefix

FORMAT = "ai-stylist-archive"
VERSION = 1
# Stored files keep their kind across instances (photos and thumbnails are JPEG; cut-outs may be WebP or PNG).
CONTENT_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp", ".png": "image/png"}
# Per table: the model, and which columns are re-pointed on import.
SECTIONS: dict[str, type[Base]] = {
    "items": WardrobeImage,
    "feedback": OutfitFeedback,
    "wear_log": WearLogEntry,
    "conversations": Conversation,
}


def _encode(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode()}
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        ((tag, text),) = value.items()
        if tag == "$bytes":
            return base64.b64decode(text)
        if tag == "$datetime":
            return datetime.fromisoformat(text)
        if tag == "$date":
            return date.fromisoformat(text)
    return value


def _table(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _file_columns() -> list[str]:
    """Columns of wardrobe_images that name a stored file (storage_key, thumbnail_key, and any added later)."""
    return [c.name for c in _table(WardrobeImage).columns if c.name.endswith("_key")]


async def _rows(session: AsyncSession, model: type[Base], user_id: int) -> list[dict[str, Any]]:
    table = _table(model)
    result = await session.execute(select(table).where(table.c.user_id == user_id).order_by(table.c.id))
    return [{k: _encode(v) for k, v in row._mapping.items()} for row in result]


async def export_user(local: LocalBackend, account: Account, out: Path) -> dict[str, int]:
    """Writes the archive; returns how many rows of each kind it holds."""
    async with local.factory() as session:
        user = await session.get(User, account.id)
        assert user is not None
        sections = {name: await _rows(session, model, account.id) for name, model in SECTIONS.items()}
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "user": {"username": user.username, "style_preferences": user.style_preferences},
        **sections,
    }
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item in sections["items"]:
            for column in _file_columns():
                if item.get(column):
                    name = f"files/{item['id']}/{column}{Path(item[column]).suffix}"
                    archive.writestr(name, await local.storage.get(item[column]))
        archive.writestr("manifest.json", json.dumps(manifest, indent=1))
    return {name: len(rows) for name, rows in sections.items()}


def read_manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError) as error:
        raise CommandError("not a stylist archive (no readable manifest.json)") from error
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise CommandError(f"unsupported archive: {manifest.get('format')} version {manifest.get('version')}")
    return manifest


def _fresh(row: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A row for insertion: decoded, without its old id, with the new references."""
    values = {k: _decode(v) for k, v in row.items() if k != "id"}
    return {**values, **changes}


async def _insert(session: AsyncSession, model: type[Base], values: dict[str, Any]) -> int:
    table = _table(model)
    known = {k: v for k, v in values.items() if k in table.c}  # columns this instance does not have are dropped
    new_id = await session.scalar(table.insert().values(**known).returning(table.c.id))
    assert isinstance(new_id, int)
    return new_id


async def _import_items(
    session: AsyncSession,
    local: LocalBackend,
    archive: zipfile.ZipFile,
    rows: list[dict[str, Any]],
    user_id: int,
    written: list[str],
) -> dict[int, int]:
    ids: dict[int, int] = {}
    prefix = user_storage_prefix(user_id)
    for row in rows:
        stem = f"{prefix}{uuid.uuid4().hex}"
        keys: dict[str, str | None] = {}
        for column in _file_columns():
            if not row.get(column):
                keys[column] = row.get(column)
                continue
            suffix = Path(row[column]).suffix
            key = f"{stem}{suffix}" if column == "storage_key" else f"{stem}.{column.removesuffix('_key')}{suffix}"
            data = archive.read(f"files/{row['id']}/{column}{suffix}")
            kind = CONTENT_TYPES.get(suffix.lower(), "application/octet-stream")
            await local.storage.put(key, data, content_type=kind)
            written.append(key)
            keys[column] = key
        ids[row["id"]] = await _insert(session, WardrobeImage, _fresh(row, user_id=user_id, **keys))
    return ids


async def _import_rest(session: AsyncSession, manifest: dict[str, Any], user_id: int, items: dict[int, int]) -> None:
    feedback: dict[int, int] = {}
    for row in manifest["feedback"]:
        kept = sorted(items[i] for i in row["item_ids"] if i in items)  # feedback about deleted items stays behind
        if kept:
            feedback[row["id"]] = await _insert(session, OutfitFeedback, _fresh(row, user_id=user_id, item_ids=kept))
    for row in manifest["wear_log"]:
        if row["item_id"] in items:
            link = feedback.get(row["feedback_id"]) if row.get("feedback_id") else None
            await _insert(
                session, WearLogEntry, _fresh(row, user_id=user_id, item_id=items[row["item_id"]], feedback_id=link)
            )
    for row in manifest["conversations"]:
        named = [items[i] for i in row.get("referenced_item_ids") or [] if i in items]
        await _insert(session, Conversation, _fresh(row, user_id=user_id, referenced_item_ids=named))


async def import_archive(local: LocalBackend, path: Path, *, username: str | None) -> tuple[Account, dict[str, int]]:
    """Restores the archive as a new user (its own name unless `username` is given); all or nothing."""
    with zipfile.ZipFile(path) as archive:
        manifest = read_manifest(archive)
        name = username or manifest["user"]["username"]
        written: list[str] = []
        try:
            async with local.factory() as session, session.begin():
                taken = await session.scalar(select(User.id).where(User.username_key == username_key(name)))
                if taken is not None:
                    raise CommandError(f"a user named {name!r} exists here; choose another with --user NAME")
                user, token = await users.create_user(
                    session, username=name, style_preferences=manifest["user"].get("style_preferences")
                )
                items = await _import_items(session, local, archive, manifest["items"], user.id, written)
                await _import_rest(session, manifest, user.id, items)
        except BaseException:
            await discard_files(local.storage, written)
            raise
    counts = {name: len(manifest[name]) for name in SECTIONS}
    return Account(user.id, user.username, new_token=token), counts
