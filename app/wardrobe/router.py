from typing import Annotated, Any

from fastapi import APIRouter, File, Response, UploadFile, status

from app.core.db import SessionDep
from app.core.dependencies import PageDep, SettingsDep, StorageDep
from app.core.errors import (
    AUTH_ERRORS,
    Conflict,
    InvalidImage,
    NotFound,
    PayloadTooLarge,
    UnsupportedMediaType,
    responses,
)
from app.core.security import OwnedUser
from app.storage.base import ObjectNotFound
from app.wardrobe import service
from app.wardrobe.images import STORED_CONTENT_TYPE
from app.wardrobe.schemas import Image, TagCorrection

router = APIRouter(prefix="/api/images", tags=["images"])


@router.post(
    "/upload",
    response_model=Image,
    summary="Upload a clothing photo",
    responses=responses(*AUTH_ERRORS, InvalidImage, Conflict, PayloadTooLarge, UnsupportedMediaType),
)
async def upload_image(
    user: OwnedUser,
    session: SessionDep,
    storage: StorageDep,
    settings: SettingsDep,
    file: Annotated[UploadFile, File(description="A JPEG, PNG, WebP or HEIC photo of one item.")],
) -> Image:
    """Stores the photo (re-encoded, metadata stripped) and returns it with the tags the analysis found."""
    data = await file.read(settings.max_upload_bytes + 1)
    if len(data) > settings.max_upload_bytes:
        raise PayloadTooLarge(f"The file is larger than the {settings.max_upload_bytes // 1_000_000} MB limit.")
    row = await service.add_image(session, storage, settings, user=user, data=data, filename=file.filename)
    return Image.from_row(row)


@router.get("/{user_id}", response_model=list[Image], responses=responses(*AUTH_ERRORS))
async def list_images(user: OwnedUser, session: SessionDep, page: PageDep) -> list[Image]:
    """The user's wardrobe, newest first."""
    rows = await service.list_images(session, user_id=user.id, limit=page.limit, offset=page.offset)
    return [Image.from_row(row) for row in rows]


@router.get("/{user_id}/{image_id}", response_model=Image, responses=responses(*AUTH_ERRORS))
async def get_image(user: OwnedUser, image_id: int, session: SessionDep) -> Image:
    return Image.from_row(await service.get_image(session, user_id=user.id, image_id=image_id))


@router.patch("/{user_id}/{image_id}", response_model=Image, responses=responses(*AUTH_ERRORS))
async def correct_tags(user: OwnedUser, image_id: int, body: TagCorrection, session: SessionDep) -> Image:
    """Corrects what the analysis got wrong; corrections survive later re-analysis."""
    image = await service.get_image(session, user_id=user.id, image_id=image_id)
    changes = body.model_dump(exclude_unset=True)
    return Image.from_row(await service.correct_tags(session, image=image, changes=changes))


async def _image_response(storage: StorageDep, image_id: int, key: str) -> Response:
    try:
        data = await storage.get(key)
    except ObjectNotFound as exc:
        raise NotFound(f"The file of image {image_id} is missing from storage.") from exc
    return Response(
        content=data,
        media_type=STORED_CONTENT_TYPE,
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
async def download_image(user: OwnedUser, image_id: int, session: SessionDep, storage: StorageDep) -> Response:
    """The stored photo: upright, sRGB JPEG, no EXIF/GPS."""
    image = await service.get_image(session, user_id=user.id, image_id=image_id)
    return await _image_response(storage, image_id, image.storage_key)


@router.get(
    "/{user_id}/{image_id}/thumbnail",
    response_class=Response,
    responses={**IMAGE_RESPONSE, **responses(*AUTH_ERRORS)},
)
async def download_thumbnail(user: OwnedUser, image_id: int, session: SessionDep, storage: StorageDep) -> Response:
    image = await service.get_image(session, user_id=user.id, image_id=image_id)
    return await _image_response(storage, image_id, image.thumbnail_key)


@router.delete("/{user_id}/{image_id}", status_code=status.HTTP_204_NO_CONTENT, responses=responses(*AUTH_ERRORS))
async def delete_image(user: OwnedUser, image_id: int, session: SessionDep, storage: StorageDep) -> None:
    """Removes the item and its files."""
    image = await service.get_image(session, user_id=user.id, image_id=image_id)
    await service.delete_image(session, storage, image=image)
