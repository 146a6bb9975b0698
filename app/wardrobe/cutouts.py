"""Cut-outs of wardrobe items: made after the upload answers, or from the photo on first read; never orphaned.

An upload's row names its cut-out key when it commits, and the file follows off the request's critical path
(`store_cutout`, a background task of the upload). Until then, or when the process stopped first, `cutout_of`
makes it from the stored photo. Either writer checks the row after writing (`keep_cutout`), so an item or user
deleted meanwhile leaves no file behind.
"""

import asyncio
import io
import logging
import uuid
from dataclasses import dataclass

from PIL import Image
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.core.errors import NotFound
from app.storage.base import ObjectNotFound, Storage, StorageError
from app.vision.analyze import ImageAnalyzer
from app.vision.cutout import CUTOUT_CONTENT_TYPE, cutout_webp
from app.vision.mask import GarmentMask
from app.wardrobe.models import WardrobeImage

logger = logging.getLogger(__name__)


def fresh_cutout_key(storage_key: str) -> str:
    """A key no file has yet: the next read makes the cut-out from the photo as the row now describes it."""
    return f"{storage_key.rsplit('.', 1)[0]}.{uuid.uuid4().hex[:8]}.cutout.webp"


@dataclass(frozen=True)
class PendingCutout:
    """A committed row's cut-out, encoded and stored after the upload has answered (`store_cutout`)."""

    image_id: int
    key: str
    photo: Image.Image
    garment: GarmentMask


async def store_cutout(
    session_factory: async_sessionmaker[AsyncSession], storage: Storage, pending: PendingCutout
) -> None:
    """Encode and store the cut-out of a committed upload. A failure only delays it: `cutout_of` makes it again."""
    try:
        data = await asyncio.to_thread(cutout_webp, pending.photo, pending.garment)
        await keep_cutout(session_factory, storage, image_id=pending.image_id, key=pending.key, data=data)
    except (StorageError, SQLAlchemyError, OSError) as exc:
        logger.warning("cut-out of image %s not stored (made on its first read): %s", pending.image_id, exc)


async def keep_cutout(
    session_factory: async_sessionmaker[AsyncSession], storage: Storage, *, image_id: int, key: str, data: bytes
) -> bool:
    """Write a cut-out for its row; False (and no file left) when the row is gone.

    A deletion commits the row's removal, then removes its files: one that removed them before this write
    cannot have seen this file. So the row is read *after* the write, in a fresh transaction, and the file goes
    when the row went; a deletion that commits after that read removes the file itself.
    """
    await storage.put(key, data, content_type=CUTOUT_CONTENT_TYPE)
    async with session_factory() as session:
        kept = await session.scalar(
            select(WardrobeImage.id).where(WardrobeImage.id == image_id, WardrobeImage.cutout_key == key)
        )
    if kept is None:
        await storage.delete([key])
    return kept is not None


async def cutout_of(
    session_factory: async_sessionmaker[AsyncSession], storage: Storage, analyzer: ImageAnalyzer, image: WardrobeImage
) -> bytes:
    """The item's cut-out; made from the stored photo when it is not stored (yet): its upload answered first,
    or the process stopped before writing it."""
    if not image.cutout_key:
        raise NotFound(f"Image {image.id} has no cut-out; POST /api/images/{image.user_id}/reanalyze makes one.")
    try:
        return await storage.get(image.cutout_key)
    except ObjectNotFound:
        pass
    try:
        photo = await storage.get(image.storage_key)
    except ObjectNotFound as exc:
        raise NotFound(f"The file of image {image.id} is missing from storage.") from exc
    # The user's corrected slot over the model's: a mask made for a top would cut a pair of jeans off at the hem.
    category = image.effective_tags.get("category")
    data = await asyncio.to_thread(_cutout_of_photo, analyzer, photo, category if isinstance(category, str) else None)
    if data is None:
        raise NotFound(f"Image {image.id} has no cut-out: this service has no garment mask model.")
    if not await keep_cutout(session_factory, storage, image_id=image.id, key=image.cutout_key, data=data):
        raise NotFound(f"User {image.user_id} has no image {image.id}.")
    return data


def _cutout_of_photo(analyzer: ImageAnalyzer, photo: bytes, category: str | None) -> bytes | None:
    with Image.open(io.BytesIO(photo)) as opened:
        return analyzer.cutout(opened.convert("RGB"), category=category)
