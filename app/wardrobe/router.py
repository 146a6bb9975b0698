import dataclasses
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, File, Header, Query, Response, UploadFile, status
from sqlalchemy.exc import IntegrityError

from app.core.db import EngineDep, SessionDep
from app.core.dependencies import AnalyzerDep, PageDep, SessionFactoryDep, SettingsDep, StorageDep
from app.core.errors import (
    AUTH_ERRORS,
    AppError,
    Conflict,
    ErrorBody,
    InvalidImage,
    NotFound,
    PayloadTooLarge,
    PreconditionFailed,
    UnsupportedMediaType,
    error_for_integrity,
    responses,
)
from app.core.etag import ETAG_HEADER_DOC, if_match_passes, strong_etag
from app.core.responses import IfNoneMatch, cached_read, conditional, dumps
from app.core.security import OwnedUser, OwnedUserId
from app.storage.base import ObjectNotFound, StorageError
from app.vision.cutout import CUTOUT_CONTENT_TYPE
from app.wardrobe import cutouts, listing, service
from app.wardrobe.images import STORED_CONTENT_TYPE
from app.wardrobe.models import WardrobeImage
from app.wardrobe.reanalysis import reanalyze_wardrobe
from app.wardrobe.schemas import (
    BatchItem,
    BatchResult,
    Image,
    NearDuplicate,
    Reanalysis,
    TagCorrection,
    UploadedImage,
)

router = APIRouter(prefix="/api/images", tags=["images"])


UPLOAD_ERRORS = (*AUTH_ERRORS, InvalidImage, Conflict, PayloadTooLarge, UnsupportedMediaType)


async def _read_limited(file: UploadFile, limit: int) -> bytes:
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise PayloadTooLarge(f"{file.filename or 'The file'} is larger than the {limit // 1_000_000} MB limit.")
    return data


def _cut_out_later(
    background: BackgroundTasks, factory: SessionFactoryDep, storage: StorageDep, added: service.AddedImage
) -> None:
    """The cut-out is encoded after the answer: until it is stored, its route makes it from the photo."""
    if added.cutout is not None:
        background.add_task(cutouts.store_cutout, factory, storage, added.cutout)


def _uploaded(added: service.AddedImage) -> UploadedImage:
    duplicates = [NearDuplicate(id=i, similarity=s) for i, s in added.near_duplicates]
    return UploadedImage(**Image.from_row(added.row).model_dump(), near_duplicates=duplicates)


@router.post(
    "/upload", response_model=UploadedImage, summary="Upload a clothing photo", responses=responses(*UPLOAD_ERRORS)
)
async def upload_image(
    user: OwnedUser,
    session: SessionDep,
    storage: StorageDep,
    settings: SettingsDep,
    analyzer: AnalyzerDep,
    factory: SessionFactoryDep,
    background: BackgroundTasks,
    file: Annotated[UploadFile, File(description="A JPEG, PNG, WebP or HEIC photo of one item.")],
) -> UploadedImage:
    """Stores the photo (re-encoded, metadata stripped) and returns it with the tags the analysis found."""
    data = await _read_limited(file, settings.max_upload_bytes)
    async with service.adding_image(
        session, storage, settings, analyzer, user_id=user.id, data=data, filename=file.filename
    ) as added:
        response = _uploaded(added)  # built before the commit: a response that fails leaves nothing stored
    _cut_out_later(background, factory, storage, added)
    return response


@router.post(
    "/upload/batch",
    response_model=BatchResult,
    summary="Upload several clothing photos",
    responses=responses(*AUTH_ERRORS, PayloadTooLarge),
)
async def upload_batch(
    user: OwnedUser,
    session: SessionDep,
    storage: StorageDep,
    settings: SettingsDep,
    analyzer: AnalyzerDep,
    factory: SessionFactoryDep,
    background: BackgroundTasks,
    files: Annotated[list[UploadFile], File(description="Up to `STYLIST_MAX_BATCH_FILES` photos.")],
) -> BatchResult:
    """Each file is handled like a single upload, in its own transaction; one bad file does not stop the others."""
    if len(files) > settings.max_batch_files:
        raise PayloadTooLarge(f"{len(files)} files sent; at most {settings.max_batch_files} per batch.")
    user_id = user.id  # a failed file's rollback expires `user`; the later files need only its id
    payloads = [await _read_or_refuse(file, settings.max_upload_bytes) for file in files]
    uploads = [data if isinstance(data, bytes) else None for data in payloads]
    duplicates = await service.batch_duplicates(session, user_id=user_id, uploads=uploads)
    results = []
    for file, data, duplicate in zip(files, payloads, duplicates, strict=True):
        if isinstance(data, AppError):
            results.append(_refused(file.filename, data))
        elif duplicate is not None:
            results.append(_refused(file.filename, duplicate))
        else:
            item, added = await _upload_one(session, storage, settings, analyzer, user_id, file.filename, data)
            results.append(item)
            if added is not None:
                _cut_out_later(background, factory, storage, added)
    created = sum(1 for r in results if r.image is not None)
    return BatchResult(created=created, failed=len(results) - created, results=results)


async def _read_or_refuse(file: UploadFile, limit: int) -> bytes | AppError:
    try:
        return await _read_limited(file, limit)
    except AppError as exc:
        return exc


def _refused(filename: str | None, exc: AppError) -> BatchItem:
    return BatchItem(filename=filename, status=exc.status_code, error=ErrorBody(error=exc.code, detail=exc.detail))


async def _upload_one(
    session: SessionDep,
    storage: StorageDep,
    settings: SettingsDep,
    analyzer: AnalyzerDep,
    user_id: int,
    filename: str | None,
    data: bytes,
) -> tuple[BatchItem, service.AddedImage | None]:
    """The file's entry of the batch, and what was added when it was stored."""
    try:
        async with service.adding_image(
            session, storage, settings, analyzer, user_id=user_id, data=data, filename=filename
        ) as added:
            item = BatchItem(filename=filename, status=200, image=_uploaded(added))
    except AppError as exc:
        return _refused(filename, exc), None
    except IntegrityError as exc:  # this file lost a race (the same photo, the user deleted): its own 409/404
        lost_race = error_for_integrity(exc)
        if lost_race is None:
            raise
        return _refused(filename, lost_race), None
    except StorageError:
        error = ErrorBody(error="storage_unavailable", detail="File storage is unavailable; retry this file.")
        return BatchItem(filename=filename, status=503, error=error), None
    return item, added


@router.get(
    "/{user_id}",
    response_model=list[Image],
    responses={**cached_read("The items, newest first."), **responses(*AUTH_ERRORS)},
)
async def list_images(
    owner_id: OwnedUserId, engine: EngineDep, page: PageDep, if_none_match: IfNoneMatch = None
) -> Response:
    """The user's wardrobe, newest first. Send `If-None-Match: <ETag>` to get 304 while nothing changed."""
    rows = await listing.list_images(engine, user_id=owner_id, limit=page.limit, offset=page.offset)
    body = listing.list_json(rows)
    return conditional(body, strong_etag(body), if_none_match)


def _tagged(row: WardrobeImage, response: Response) -> Image:
    """The item's representation, with its strong ETag on the response."""
    image = Image.from_row(row)
    response.headers["ETag"] = strong_etag(image)
    return image


ITEM_READ: dict[int | str, dict[str, Any]] = {200: {"description": "The item.", "headers": ETAG_HEADER_DOC}}
ITEM_GET = cached_read("The item.")
IfMatch = Annotated[
    str | None,
    Header(description="The `ETag` of the version read; a stale one is refused with 412 instead of overwriting."),
]


@router.get("/{user_id}/{image_id}", response_model=Image, responses={**ITEM_GET, **responses(*AUTH_ERRORS)})
async def get_image(
    owner_id: OwnedUserId, image_id: int, session: SessionDep, if_none_match: IfNoneMatch = None
) -> Response:
    """One item, with the ETag that `PATCH` takes as `If-Match`; 304 for a current `If-None-Match`."""
    image = Image.from_row(await service.get_image(session, user_id=owner_id, image_id=image_id))
    return conditional(dumps(image.model_dump(mode="json")), strong_etag(image), if_none_match)


@router.patch(
    "/{user_id}/{image_id}",
    response_model=Image,
    responses={**ITEM_READ, **responses(*AUTH_ERRORS, PreconditionFailed)},
)
async def correct_tags(
    user: OwnedUser,
    image_id: int,
    body: TagCorrection,
    session: SessionDep,
    storage: StorageDep,
    response: Response,
    if_match: IfMatch = None,
) -> Image:
    """Corrects what the analysis got wrong; corrections survive later re-analysis.

    Concurrent corrections of different fields all survive. Send `If-Match: <ETag>` to apply the change only
    to the version you read (412 `precondition_failed` when someone changed it since). A correction that moves the
    item to another category (a "top" corrected to jeans) discards its cut-out, made for the old slot: the next
    `GET .../cutout` cuts the photo out again for the corrected one.
    """
    image = await service.locked_image(session, user_id=user.id, image_id=image_id)
    if not if_match_passes(if_match, strong_etag(Image.from_row(image))):
        raise PreconditionFailed("The item changed since it was read (ETag differs); read it again, then retry.")
    changes = body.model_dump(exclude_unset=True)
    return _tagged(await service.correct_tags(session, storage, image=image, changes=changes), response)


async def _image_response(
    storage: StorageDep, image_id: int, key: str, media_type: str = STORED_CONTENT_TYPE
) -> Response:
    try:
        data = await storage.get(key)
    except ObjectNotFound as exc:
        raise NotFound(f"The file of image {image_id} is missing from storage.") from exc
    return _file_response(data, media_type)


def _file_response(data: bytes, media_type: str) -> Response:
    return Response(
        content=data,
        media_type=media_type,
        headers={"Cache-Control": "private, max-age=86400", "X-Content-Type-Options": "nosniff"},
    )


IMAGE_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {STORED_CONTENT_TYPE: {}}, "description": "The JPEG bytes."}
}


@router.get(
    "/{user_id}/{image_id}/file",
    response_class=Response,
    responses={**IMAGE_RESPONSE, **responses(*AUTH_ERRORS)},
)
async def download_image(owner_id: OwnedUserId, image_id: int, session: SessionDep, storage: StorageDep) -> Response:
    """The stored photo: upright, sRGB JPEG, no EXIF/GPS."""
    image = await service.get_image(session, user_id=owner_id, image_id=image_id)
    return await _image_response(storage, image_id, image.storage_key)


@router.get(
    "/{user_id}/{image_id}/thumbnail",
    response_class=Response,
    responses={**IMAGE_RESPONSE, **responses(*AUTH_ERRORS)},
)
async def download_thumbnail(
    owner_id: OwnedUserId, image_id: int, session: SessionDep, storage: StorageDep
) -> Response:
    image = await service.get_image(session, user_id=owner_id, image_id=image_id)
    return await _image_response(storage, image_id, image.thumbnail_key)


@router.get(
    "/{user_id}/{image_id}/cutout",
    response_class=Response,
    responses={
        200: {"content": {CUTOUT_CONTENT_TYPE: {}}, "description": "The garment on a transparent background (WebP)."},
        **responses(*AUTH_ERRORS),
    },
)
async def download_cutout(
    user: OwnedUser,
    image_id: int,
    session: SessionDep,
    storage: StorageDep,
    analyzer: AnalyzerDep,
    factory: SessionFactoryDep,
) -> Response:
    """The garment cut out of its photo by the learned mask: a transparent WebP, at most 512 px.

    Right after an upload it may still be encoding; then it is made here, so the answer is the same. When the
    item's tags say `garment_mask: fallback` (no plausible mask), it is the whole photo. After a correction into
    another category it is made again for the corrected slot. 404 when the item was analysed before cut-outs
    existed: re-analyse it first.
    """
    image = await service.get_image(session, user_id=user.id, image_id=image_id)
    data = await cutouts.cutout_of(factory, storage, analyzer, image)
    return _file_response(data, CUTOUT_CONTENT_TYPE)


@router.post("/{user_id}/reanalyze", response_model=Reanalysis, responses=responses(*AUTH_ERRORS))
async def reanalyze(
    user: OwnedUser,
    session: SessionDep,
    storage: StorageDep,
    analyzer: AnalyzerDep,
    limit: Annotated[int, Query(ge=1, le=200, description="Items to re-tag in this request.")] = 50,
) -> Reanalysis:
    """Re-tags the items analysed by an older model with the current one (oldest first), keeping corrections.

    Large wardrobes go in batches: repeat the call while `remaining` is above 0; each response is progress.
    """
    report = await reanalyze_wardrobe(session, storage, analyzer, user_id=user.id, limit=limit)
    return Reanalysis(**dataclasses.asdict(report))


@router.delete("/{user_id}/{image_id}", status_code=status.HTTP_204_NO_CONTENT, responses=responses(*AUTH_ERRORS))
async def delete_image(user: OwnedUser, image_id: int, session: SessionDep, storage: StorageDep) -> None:
    """Removes the item and its files."""
    image = await service.get_image(session, user_id=user.id, image_id=image_id)
    await service.delete_image(session, storage, image=image)
