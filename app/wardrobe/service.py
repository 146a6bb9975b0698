"""Wardrobe items: validate → store → analyse → row, with nothing left behind on failure."""

import asyncio
import logging
import re
import time
import unicodedata
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import undefer

from app.core.config import Settings
from app.core.db import lock_rows, release_connection, storable_id
from app.core.errors import Conflict, NotFound
from app.core.observability import ANALYSIS_LATENCY
from app.storage.base import Storage, StorageError
from app.styling import WardrobeItem
from app.vision.analyze import ImageAnalyzer, ItemAnalysis
from app.vision.similarity import embedding_of, near_duplicates, pack, unpack
from app.vision.taxonomy import category_of
from app.wardrobe.cutouts import PendingCutout, fresh_cutout_key
from app.wardrobe.images import STORED_CONTENT_TYPE, PreparedImage, prepare_upload, upload_hash
from app.wardrobe.models import WardrobeImage

logger = logging.getLogger(__name__)


def display_filename(filename: str | None) -> str | None:
    """The client's file name reduced to something safe to show; it never becomes a path."""
    if not filename:
        return None
    base = PureWindowsPath(PurePosixPath(filename).name).name
    cleaned = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    return cleaned[:255] or None


def user_storage_prefix(user_id: int) -> str:
    return f"users/{user_id}/"


async def existing_images_by_hash(session: AsyncSession, *, user_id: int, hashes: list[str]) -> dict[str, int]:
    """The user's images among these upload hashes: content hash -> image id."""
    if not hashes:
        return {}
    rows = await session.execute(
        select(WardrobeImage.content_hash, WardrobeImage.id).where(
            WardrobeImage.user_id == user_id, WardrobeImage.content_hash.in_(set(hashes))
        )
    )
    return {content_hash: image_id for content_hash, image_id in rows}


def already_stored(image_id: int) -> Conflict:
    return Conflict(f"This photo is already in the wardrobe as image {image_id}.")


async def _reject_duplicate(session: AsyncSession, *, user_id: int, content_hash: str) -> None:
    existing = await existing_images_by_hash(session, user_id=user_id, hashes=[content_hash])
    if content_hash in existing:
        raise already_stored(existing[content_hash])


async def batch_duplicates(
    session: AsyncSession, *, user_id: int, uploads: list[bytes | None]
) -> list[Conflict | None]:
    """Per upload of a batch, the 409 it gets without being decoded: already stored, or sent twice in the batch."""
    hashes = [upload_hash(data) if data is not None else None for data in uploads]
    stored = await existing_images_by_hash(session, user_id=user_id, hashes=[h for h in hashes if h])
    first_seen: dict[str, int] = {}
    verdicts: list[Conflict | None] = []
    for position, content_hash in enumerate(hashes, start=1):
        verdict = None
        if content_hash in stored:
            verdict = already_stored(stored[content_hash])
        elif content_hash in first_seen:
            verdict = Conflict(f"This photo is the same file as number {first_seen[content_hash]} of this batch.")
        elif content_hash is not None:
            first_seen[content_hash] = position
        verdicts.append(verdict)
    return verdicts


@dataclass(frozen=True)
class AddedImage:
    row: WardrobeImage
    near_duplicates: list[tuple[int, float]]  # (existing image id, similarity), most similar first
    cutout: PendingCutout | None = None  # to hand to `store_cutout` once the row is committed


def _prepare_and_analyze(
    data: bytes, settings: Settings, analyzer: ImageAnalyzer
) -> tuple[PreparedImage, ItemAnalysis]:
    prepared = prepare_upload(
        data,
        max_pixels=settings.max_image_pixels,
        thumbnail_size=settings.thumbnail_size,
        quality=settings.stored_jpeg_quality,
    )
    started = time.perf_counter()
    analysis = analyzer.analyze(prepared.image)
    ANALYSIS_LATENCY.labels(analysis.backend.split(" ")[0]).observe(time.perf_counter() - started)
    return prepared, analysis


async def _near_duplicates(
    session: AsyncSession, *, user_id: int, analysis: ItemAnalysis, threshold: float
) -> list[tuple[int, float]]:
    if analysis.signature is None:
        return []
    rows = await session.execute(
        select(WardrobeImage.id, WardrobeImage.embedding).where(
            WardrobeImage.user_id == user_id, WardrobeImage.embedding.is_not(None)
        )
    )
    candidates = [(image_id, blob) for image_id, blob in rows if blob]
    return near_duplicates(analysis.signature, candidates, threshold=threshold)


@asynccontextmanager
async def adding_image(
    session: AsyncSession,
    storage: Storage,
    settings: Settings,
    analyzer: ImageAnalyzer,
    *,
    user_id: int,
    data: bytes,
    filename: str | None,
) -> AsyncIterator[AddedImage]:
    """Validate → analyse → store files → insert the row, committed when the caller's block ends.

    The caller builds its response inside the block, so a response that cannot be built rolls the row back
    and removes the files instead of leaving a committed row behind a 500. On any failure nothing remains.
    """
    # An exact duplicate is known from the bytes alone: refused before the costly decoding and analysis.
    await _reject_duplicate(session, user_id=user_id, content_hash=upload_hash(data))
    await release_connection(session)  # nothing is written yet; the analysis takes tens of ms, seconds under load
    # Decoding and the model are CPU-bound: off the event loop, in one hop.
    prepared, analysis = await asyncio.to_thread(_prepare_and_analyze, data, settings, analyzer)
    similar = await _near_duplicates(
        session, user_id=user_id, analysis=analysis, threshold=settings.duplicate_similarity
    )
    row = _new_row(user_id=user_id, prepared=prepared, analysis=analysis, filename=filename)
    written: list[str] = []
    try:
        for key, payload, content_type in _files_of(row, prepared, analysis):
            await storage.put(key, payload, content_type=content_type)
            written.append(key)
        session.add(row)
        await session.flush()
        yield AddedImage(row=row, near_duplicates=similar, cutout=_pending_cutout(row, prepared, analysis))
        # Committed here, not at the request boundary: the files just written must go if the row does not.
        await session.commit()
    except BaseException:
        await session.rollback()
        await discard_files(storage, written)
        raise


def _files_of(row: WardrobeImage, prepared: PreparedImage, analysis: ItemAnalysis) -> list[tuple[str, bytes, str]]:
    """The files written before the row commits; the cut-out follows after the answer (`store_cutout`)."""
    return [
        (row.storage_key, prepared.stored, STORED_CONTENT_TYPE),
        (row.thumbnail_key, prepared.thumbnail, STORED_CONTENT_TYPE),
    ]


def _pending_cutout(row: WardrobeImage, prepared: PreparedImage, analysis: ItemAnalysis) -> PendingCutout | None:
    if not row.cutout_key or analysis.garment is None:
        return None
    return PendingCutout(image_id=row.id, key=row.cutout_key, photo=prepared.image, garment=analysis.garment)


def _new_row(*, user_id: int, prepared: PreparedImage, analysis: ItemAnalysis, filename: str | None) -> WardrobeImage:
    stem = f"{user_storage_prefix(user_id)}{uuid.uuid4().hex}"
    return WardrobeImage(
        user_id=user_id,
        storage_key=f"{stem}.jpg",
        thumbnail_key=f"{stem}.thumb.jpg",
        cutout_key=f"{stem}.cutout.webp" if analysis.garment is not None else None,
        content_hash=prepared.content_hash,
        original_filename=display_filename(filename),
        source_format=prepared.source_format,
        width=prepared.width,
        height=prepared.height,
        size_bytes=len(prepared.stored),
        tags=analysis.to_tags(),
        corrections={},
        embedding=pack(analysis.signature) if analysis.signature is not None else None,
    )


async def discard_files(storage: Storage, keys: list[str]) -> None:
    if not keys:
        return
    try:
        await storage.delete(keys)
    except StorageError:
        # The orphan sweeper reconciles files without rows; the client still gets the original error.
        logger.exception("could not remove files of a failed upload: %s", keys)


async def get_image(session: AsyncSession, *, user_id: int, image_id: int) -> WardrobeImage:
    image = await session.get(WardrobeImage, image_id) if storable_id(image_id) else None
    if image is None or image.user_id != user_id:
        raise NotFound(f"User {user_id} has no image {image_id}.")
    return image


async def locked_image(session: AsyncSession, *, user_id: int, image_id: int) -> WardrobeImage:
    """The image as it is now, write-locked until the transaction ends: a read-modify-write after this call
    cannot interleave with another one, so concurrent corrections merge instead of overwriting each other."""
    owned = (WardrobeImage.id == image_id, WardrobeImage.user_id == user_id)
    if not storable_id(image_id) or await lock_rows(session, WardrobeImage, *owned) == 0:
        raise NotFound(f"User {user_id} has no image {image_id}.")
    return await session.get_one(WardrobeImage, image_id, populate_existing=True)


async def delete_image(session: AsyncSession, storage: Storage, *, image: WardrobeImage) -> None:
    keys = [image.storage_key, image.thumbnail_key, *([image.cutout_key] if image.cutout_key else [])]
    await session.delete(image)
    await session.commit()  # rows first: a file without a row is swept, a row without a file is broken
    await discard_files(storage, keys)


async def storage_keys_of(session: AsyncSession, *, user_id: int) -> list[str]:
    rows = await session.execute(
        select(WardrobeImage.storage_key, WardrobeImage.thumbnail_key, WardrobeImage.cutout_key).where(
            WardrobeImage.user_id == user_id
        )
    )
    return [key for keys in rows for key in keys if key]


def _colour_fields(tags: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    # Effective tags keep `colors` consistent with corrections; an entry without a usable hex (stored before
    # corrections were checked) is left out rather than handed to the colour maths.
    colours = [c for c in tags.get("colors") or [] if isinstance(c, dict) and _is_hex(c.get("hex"))]
    return {
        "colour_names": tuple(str(c.get("name")) for c in colours),
        "colour_families": tuple(str(c.get("family")) for c in colours),
        "colour_hexes": tuple(str(c.get("hex")) for c in colours),
        "colour_shares": tuple(float(c.get("share") or 0) for c in colours),
    }


def _is_hex(value: object) -> bool:
    return isinstance(value, str) and re.fullmatch(r"#[0-9A-Fa-f]{6}", value) is not None


def to_wardrobe_item(image: WardrobeImage, *, with_embedding: bool = False) -> WardrobeItem:
    """A row as the engines see it: the user's corrections win over the model's tags."""
    tags = image.effective_tags
    return WardrobeItem(
        id=image.id,
        type=tags.get("type"),
        category=tags.get("category") or category_of(tags.get("type")),
        style=tags.get("style"),
        pattern=tags.get("pattern"),
        formality=tags.get("formality"),
        warmth=tags.get("warmth"),
        seasons=tuple(tags.get("seasons") or ()),
        certainty=kind_certainty(image.tags or {}, image.corrections or {}),
        alternatives=alternative_kinds(tags),
        embedding=embedding_of(unpack(image.embedding)) if with_embedding and image.embedding else None,
        **_colour_fields(tags),
    )


KIND_FIELDS = ("type", "category")


def kind_certainty(tags: dict[str, Any], corrections: dict[str, Any]) -> float | None:
    """The analyser's confidence in what the item is, the lower of type and category; a field the user
    corrected is certain (a corrected type decides the category too)."""
    if "type" in corrections:
        return None
    confidence = tags.get("confidence")
    if not isinstance(confidence, dict):
        return None
    values = [
        float(confidence[name])
        for name in KIND_FIELDS
        if name not in corrections and isinstance(confidence.get(name), int | float)
    ]
    return min(values) if values else None


def alternative_kinds(tags: dict[str, Any]) -> tuple[tuple[str, float], ...]:
    """The analyser's other candidate kinds, from the effective tags (a corrected type has none)."""
    own = tags.get("type")
    return tuple(
        (str(c["type"]), float(c["p"]))
        for c in tags.get("type_candidates") or ()
        if isinstance(c, dict) and c.get("type") != own and isinstance(c.get("p"), int | float)
    )


async def wardrobe_items(
    session: AsyncSession, *, user_id: int, with_embedding: bool = False, limit: int = 5000
) -> list[WardrobeItem]:
    query = (
        select(WardrobeImage)
        .where(WardrobeImage.user_id == user_id)
        .order_by(WardrobeImage.created_at.desc(), WardrobeImage.id.desc())
        .limit(limit)
    )
    if with_embedding:
        query = query.options(undefer(WardrobeImage.embedding))
    rows = await session.scalars(query)
    return [to_wardrobe_item(row, with_embedding=with_embedding) for row in rows]


async def correct_tags(
    session: AsyncSession, storage: Storage, *, image: WardrobeImage, changes: dict[str, str | None]
) -> WardrobeImage:
    slot_before = image.effective_tags.get("category")
    corrections = {**(image.corrections or {}), **changes}  # derived fields follow on read (app/wardrobe/tags.py)
    image.corrections = {key: value for key, value in corrections.items() if value is not None}
    stale = None
    if image.cutout_key and image.effective_tags.get("category") != slot_before:
        # The stored cut-out was made for the old slot (a top's mask cuts a pair of jeans off at the hem). A key
        # with no file yet makes the next read cut it out again for the corrected slot; a writer still holding the
        # old key finds the row changed and removes its own file (cutouts.keep_cutout).
        stale, image.cutout_key = image.cutout_key, fresh_cutout_key(image.storage_key)
    await session.commit()  # the row first: a file without a row is swept, a row naming no file remakes it
    if stale:
        await discard_files(storage, [stale])
    return image
