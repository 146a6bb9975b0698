"""Upload safety: decode by content, enforce limits, orient, strip metadata, never leave half a write."""

import io
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import httpx
import numpy as np
import pytest
from fastapi import FastAPI
from PIL import Image
from sqlalchemy import func, select, text

from app.storage.base import StorageError
from app.storage.local import LocalStorage
from app.wardrobe.images import thumbnail_image
from app.wardrobe.models import WardrobeImage
from tests.factories import create_user, encode, garment_image, jpeg, upload


def files_in(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


async def row_count(app: FastAPI) -> int:
    async with app.state.session_factory() as session:
        return int(await session.scalar(select(func.count()).select_from(WardrobeImage)) or 0)


def exif_rotated_jpeg_with_gps() -> bytes:
    """A 300x200 (landscape) JPEG whose EXIF says 'rotate 90°' and carries a GPS position."""
    image = garment_image(size=(300, 200))
    image.putpixel((0, 0), (255, 0, 0))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps[2] = (52.0, 22.0, 1.0)  # latitude
    return encode(image, exif=exif.tobytes())


def png_bomb(width: int = 100_000, height: int = 100_000) -> bytes:
    """A valid PNG header announcing 10 gigapixels, in a few hundred bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 1000))
        + chunk(b"IEND", b"")
    )


def heic() -> bytes:
    from pillow_heif import register_heif_opener

    register_heif_opener()
    return encode(garment_image(colour=(200, 20, 40)), "HEIF")


def animated_webp() -> bytes:
    frames = [garment_image(colour=(200, 20, 40)), garment_image(colour=(20, 20, 200))]
    return encode(frames[0], "WEBP", save_all=True, append_images=frames[1:], duration=100, loop=0)


def jpeg_zip_polyglot() -> bytes:
    """A valid JPEG with a ZIP archive glued on: a classic way to smuggle content past upload checks."""
    return jpeg() + b"PK\x03\x04" + b"payload.html<script>alert(1)</script>" * 20


ACCEPTED: dict[str, tuple[Callable[[], bytes], str]] = {
    "jpeg": (lambda: jpeg(), "JPEG"),
    "png": (lambda: encode(garment_image(), "PNG"), "PNG"),
    "png-rgba": (lambda: encode(garment_image().convert("RGBA"), "PNG"), "PNG"),
    "png-palette": (lambda: encode(garment_image().convert("P"), "PNG"), "PNG"),
    "png-16bit-grey": (lambda: encode(garment_image().convert("L").convert("I;16"), "PNG"), "PNG"),
    "jpeg-cmyk": (lambda: encode(garment_image().convert("CMYK"), "JPEG"), "JPEG"),
    "webp": (lambda: encode(garment_image(), "WEBP"), "WEBP"),
    "heic": (heic, "HEIF"),
    "webp-animated": (animated_webp, "WEBP"),
    "jpeg-zip-polyglot": (jpeg_zip_polyglot, "JPEG"),
}


@pytest.mark.parametrize("kind", ACCEPTED)
async def test_accepted_formats_are_stored_as_clean_jpeg(
    client: httpx.AsyncClient, storage_dir: Path, kind: str
) -> None:
    make, detected = ACCEPTED[kind]
    ana = await create_user(client)
    # The client's name and type are wrong on purpose: the bytes decide.
    response = await upload(client, ana, make(), filename="photo.gif", content_type="application/octet-stream")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["source_format"] == detected
    stored = files_in(storage_dir)
    assert len(stored) == 3  # photo, thumbnail, cut-out
    for path in stored:
        with Image.open(path) as image:
            cutout = path.name.endswith(".cutout.webp")
            assert (image.format, image.mode) == (("WEBP", "RGBA") if cutout else ("JPEG", "RGB"))
        assert b"PK\x03\x04" not in path.read_bytes()  # re-encoded: nothing rides along
    file = await client.get(body["file_url"], headers=ana.headers)
    assert file.status_code == 200 and file.headers["content-type"] == "image/jpeg"
    with Image.open(io.BytesIO(file.content)) as image:
        assert image.size == (400, 300)


async def test_exif_orientation_applied_and_metadata_stripped(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    response = await upload(client, ana, exif_rotated_jpeg_with_gps())
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["width"], body["height"]) == (200, 300)  # rotated upright
    file = await client.get(body["file_url"], headers=ana.headers)
    with Image.open(io.BytesIO(file.content)) as image:
        assert image.size == (200, 300)
        assert not image.getexif()  # no orientation, maker or GPS left
        assert b"PhoneMaker" not in file.content
    thumb = await client.get(body["thumbnail_url"], headers=ana.headers)
    with Image.open(io.BytesIO(thumb.content)) as image:
        assert max(image.size) <= 320


REJECTED = {
    "empty": (b"", 400, "empty"),
    "text": (b"hello, I am not a photo", 415, "JPEG, PNG, WebP or HEIC"),
    "html": (b"<!DOCTYPE html><html><body>hi</body></html>", 415, "HTML"),
    "svg": (b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', 415, "SVG"),
    "pdf": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", 415, "PDF"),
    "gif": (encode(garment_image(), "GIF"), 415, "GIF"),
    "gif-animated": (
        encode(garment_image(), "GIF", save_all=True, append_images=[garment_image((9, 9, 9))], duration=50),
        415,
        "GIF",
    ),
    "zip": (b"PK\x03\x04" + b"\0" * 200, 415, "ZIP"),
    "truncated-jpeg": (jpeg()[:600], 400, "corrupt"),
    "bomb": (png_bomb(), 413, "megapixel"),
}


@pytest.mark.parametrize("kind", REJECTED)
async def test_bad_uploads_get_clear_4xx_and_leave_nothing(
    client: httpx.AsyncClient, app: FastAPI, storage_dir: Path, kind: str
) -> None:
    data, status, words = REJECTED[kind]
    ana = await create_user(client)
    response = await upload(client, ana, data)
    assert response.status_code == status, response.text
    assert words.lower() in response.json()["detail"].lower()
    assert files_in(storage_dir) == []
    assert await row_count(app) == 0


async def test_file_over_byte_limit_is_413(client_with, storage_dir: Path) -> None:
    small = await client_with(max_upload_bytes=20_000)
    ana = await create_user(small)
    big = encode(Image.effect_noise((400, 400), 80).convert("RGB"), "PNG")
    assert len(big) > 20_000
    response = await upload(small, ana, big)
    assert response.status_code == 413
    assert response.json()["error"] == "payload_too_large"
    huge = b"\xff" * (20_000 + 70_000)  # past the Content-Length guard too
    assert (await upload(small, ana, huge)).status_code == 413
    thirty_mb = b"\xff\xd8" + b"\0" * (30 * 1024 * 1024)
    assert (await upload(small, ana, thirty_mb)).status_code == 413
    assert files_in(storage_dir) == []


async def test_pixel_limit_from_settings(client_with) -> None:
    tight = await client_with(max_image_pixels=100 * 100)
    ana = await create_user(tight)
    response = await upload(tight, ana, jpeg(size=(200, 200)))
    assert response.status_code == 413
    assert "0.0 megapixels" in response.json()["detail"] or "megapixels" in response.json()["detail"]


async def test_same_photo_twice_is_409_naming_the_existing_item(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    data = jpeg()
    first = await upload(client, ana, data)
    second = await upload(client, ana, data)
    assert second.status_code == 409
    assert f"image {first.json()['id']}" in second.json()["detail"]


async def test_hostile_filename_never_reaches_the_store(client: httpx.AsyncClient, storage_dir: Path) -> None:
    ana = await create_user(client)
    name = "../../etc/passwd\u0000" + "x" * 400 + ".jpg"
    response = await upload(client, ana, jpeg(), filename=name)
    assert response.status_code == 200, response.text
    filename = response.json()["filename"]
    assert "/" not in filename and "\u0000" not in filename and len(filename) <= 255
    for path in files_in(storage_dir):
        assert path.is_relative_to(storage_dir / "users" / str(ana.id))
        assert "passwd" not in path.name


class ThumbnailWriteFails(LocalStorage):
    async def put(self, key: str, data: bytes, *, content_type: str) -> None:
        if key.endswith(".thumb.jpg"):
            raise StorageError("disk full")
        await super().put(key, data, content_type=content_type)


async def test_storage_failure_midway_leaves_no_file_and_no_row(
    client: httpx.AsyncClient, app: FastAPI, storage_dir: Path
) -> None:
    ana = await create_user(client)
    app.state.storage = ThumbnailWriteFails(storage_dir)
    response = await upload(client, ana, jpeg())
    assert response.status_code == 503
    assert response.json()["error"] == "storage_unavailable"
    assert files_in(storage_dir) == []
    assert await row_count(app) == 0


async def test_database_failure_after_files_written_removes_the_files(
    client: httpx.AsyncClient, app: FastAPI, storage_dir: Path
) -> None:
    ana = await create_user(client)
    async with app.state.db_engine.begin() as connection:
        if connection.dialect.name == "sqlite":
            await connection.execute(
                text("CREATE TRIGGER refuse BEFORE INSERT ON wardrobe_images BEGIN SELECT RAISE(ABORT, 'refused'); END")
            )
        else:
            await connection.execute(
                text(
                    "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$ "
                    "LANGUAGE plpgsql"
                )
            )
            await connection.execute(
                text("CREATE TRIGGER refuse BEFORE INSERT ON wardrobe_images FOR EACH ROW EXECUTE FUNCTION refuse()")
            )
    try:
        response = await upload(client, ana, jpeg())
        assert response.status_code >= 500
        assert files_in(storage_dir) == []
        assert await row_count(app) == 0
    finally:
        async with app.state.db_engine.begin() as connection:
            if connection.dialect.name == "sqlite":
                await connection.execute(text("DROP TRIGGER refuse"))
            else:
                await connection.execute(text("DROP TRIGGER refuse ON wardrobe_images"))
                await connection.execute(text("DROP FUNCTION refuse()"))


async def test_a_response_that_cannot_be_built_commits_nothing(
    client: httpx.AsyncClient, app: FastAPI, storage_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 11, item 8: the response is validated before the commit, so a failure there is not a 500 then a 409."""
    from app.wardrobe import service

    ana = await create_user(client)
    first = await upload(client, ana, jpeg((200, 30, 40)))

    async def out_of_range(*_: object, **__: object) -> list[tuple[int, float]]:
        return [(first.json()["id"], 1.5)]  # what NearDuplicate refuses: the response cannot be built

    monkeypatch.setattr(service, "_near_duplicates", out_of_range)
    data = jpeg()
    failed = await upload(client, ana, data)
    assert failed.status_code == 500
    assert await row_count(app) == 1
    assert len(files_in(storage_dir)) == 3  # only the first upload's photo, thumbnail and cut-out
    monkeypatch.undo()
    retried = await upload(client, ana, data)
    assert retried.status_code == 200, retried.text


def fine_stripes(size: tuple[int, int]) -> Image.Image:
    """Stripes near the pixel pitch (a fine knit, a shirting): what a cheap resampling turns into moiré."""
    yy, xx = np.mgrid[0 : size[1], 0 : size[0]]
    base = 128 + 60 * np.sin(xx / 2.9) + 40 * np.sin((xx + yy) / 9.3)
    channels = np.stack([base, 255 - base, 128 + 50 * np.sin(yy / 4.3)], axis=-1)
    return Image.fromarray(np.clip(channels, 0, 255).astype(np.uint8))


@pytest.mark.parametrize("size", [(1024, 768), (3000, 2000), (3024, 4032)])
def test_the_thumbnail_is_as_near_the_whole_resampling_as_its_jpeg_is_to_it(size: tuple[int, int]) -> None:
    """Box-reducing first (cheap) must not show: within the noise of the thumbnail's own quality-85 encoding."""
    photo = fine_stripes(size)
    whole = photo.copy()
    whole.thumbnail((320, 320), Image.Resampling.LANCZOS, reducing_gap=None)
    made = thumbnail_image(photo, 320)
    assert made.size == whole.size
    error = np.asarray(made, dtype=np.float64) - np.asarray(whole, dtype=np.float64)
    assert 10 * np.log10(255**2 / float((error**2).mean())) > 38.0
