"""Re-tag a wardrobe with the current model, keeping the user's corrections (they live apart, in `corrections`).

Used by `POST /api/images/{user_id}/reanalyze` (a batch per request; the response says how many remain) and
the `stylist reanalyze` command (every item, with a progress bar).
"""

import asyncio
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PIL import Image
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.config import Settings
from app.storage.base import ObjectNotFound, Storage
from app.users.models import User
from app.vision.analyze import ImageAnalyzer, ItemAnalysis
from app.vision.cutout import CUTOUT_CONTENT_TYPE, cutout_webp
from app.vision.similarity import pack
from app.wardrobe.cutouts import fresh_cutout_key
from app.wardrobe.models import WardrobeImage
from app.wardrobe.tags import effective_tags


@dataclass
class ReanalysisReport:
    model_version: str | None
    reanalyzed: int = 0
    missing_files: int = 0  # rows whose photo is gone from storage (the sweeper reports them too)
    remaining: int = 0  # outdated items not reached in this batch


def current_model_version(analyzer: ImageAnalyzer) -> str | None:
    version = getattr(analyzer, "model_version", None)
    return str(version) if version else None


def _analyze_bytes(
    analyzer: ImageAnalyzer, data: bytes, corrections: dict[str, Any]
) -> tuple[ItemAnalysis, bytes | None]:
    """The new tags and the cut-out from their mask (a batch job: both made here, in one thread hop). Where the
    user corrected the item into another slot, the cut-out is made for that slot: a mask made for a top would cut
    a pair of jeans off at the hem."""
    with Image.open(io.BytesIO(data)) as opened:
        photo = opened.convert("RGB")
    analysis = analyzer.analyze(photo)
    if analysis.garment is None:
        return analysis, None
    tags = analysis.to_tags()
    corrected = effective_tags(tags, corrections).get("category")
    if isinstance(corrected, str) and corrected != tags.get("category"):
        return analysis, analyzer.cutout(photo, category=corrected)
    return analysis, cutout_webp(photo, analysis.garment)


async def outdated_ids(session: AsyncSession, *, user_id: int, model_version: str | None, force: bool) -> list[int]:
    rows = await session.execute(
        select(WardrobeImage.id, WardrobeImage.tags).where(WardrobeImage.user_id == user_id).order_by(WardrobeImage.id)
    )
    return [
        image_id
        for image_id, tags in rows
        if force or model_version is None or (tags or {}).get("model_version") != model_version
    ]


async def _reanalyze_one(
    session: AsyncSession, storage: Storage, analyzer: ImageAnalyzer, image: WardrobeImage
) -> bool:
    try:
        data = await storage.get(image.storage_key)
    except ObjectNotFound:
        return False
    analysis, cutout = await asyncio.to_thread(_analyze_bytes, analyzer, data, image.corrections or {})
    if cutout is not None:
        key = image.cutout_key or fresh_cutout_key(image.storage_key)
        await storage.put(key, cutout, content_type=CUTOUT_CONTENT_TYPE)
        image.cutout_key = key
    image.tags = analysis.to_tags()  # corrections are a separate column: untouched
    if analysis.signature is not None:
        image.embedding = pack(analysis.signature)
    await session.commit()  # one item at a time: an interrupted run keeps what it finished
    return True


async def reanalyze_wardrobe(
    session: AsyncSession,
    storage: Storage,
    analyzer: ImageAnalyzer,
    *,
    user_id: int,
    limit: int | None = None,
    force: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ReanalysisReport:
    """Re-tag up to `limit` of the user's items whose tags came from another model (all with `force`)."""
    version = current_model_version(analyzer)
    ids = await outdated_ids(session, user_id=user_id, model_version=version, force=force)
    batch = ids[:limit] if limit is not None else ids
    report = ReanalysisReport(model_version=version, remaining=len(ids) - len(batch))
    for done, image_id in enumerate(batch, 1):
        image = await session.get(WardrobeImage, image_id)
        if image is not None and image.user_id == user_id:
            if await _reanalyze_one(session, storage, analyzer, image):
                report.reanalyzed += 1
            else:
                report.missing_files += 1
        if progress is not None:
            progress(done, len(batch))
    return report


async def reanalyze_local(
    settings: Settings, *, user_id: int, force: bool = False, progress: Callable[[int, int], None] | None = None
) -> ReanalysisReport:
    """The whole wardrobe of one user, on the local database and storage (the `stylist reanalyze` command)."""
    from app.core.db import create_engine, create_session_factory
    from app.storage.factory import create_storage
    from app.vision.factory import create_analyzer

    in_process = settings.model_copy(update={"vision_process": False})  # a batch job: no requests to keep going
    engine = create_engine(settings)
    try:
        async with create_session_factory(engine)() as session:
            if await session.get(User, user_id) is None:
                raise LookupError(f"there is no user {user_id}")
            return await reanalyze_wardrobe(
                session, create_storage(settings), create_analyzer(in_process), user_id=user_id, force=force,
                progress=progress,
            )  # fmt: skip
    finally:
        await engine.dispose()
