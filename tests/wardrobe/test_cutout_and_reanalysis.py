"""The cut-out route, its file's life cycle, and re-analysis that keeps corrections (real app, DB and files)."""

import io
from pathlib import Path
from typing import Any

import httpx
import numpy as np
from fastapi import FastAPI
from PIL import Image
from sqlalchemy import update

from app.core.config import Settings
from app.wardrobe.models import WardrobeImage
from app.wardrobe.reanalysis import reanalyze_local
from tests.factories import create_user, jpeg, upload


def alpha_of(webp: bytes) -> np.ndarray:
    with Image.open(io.BytesIO(webp)) as cutout:
        return np.asarray(cutout.convert("RGBA").getchannel("A"))


def cutouts(storage_dir: Path) -> list[Path]:
    return list(storage_dir.rglob("*.cutout.webp"))


async def test_an_upload_has_a_transparent_cutout_that_goes_with_the_item(
    client: httpx.AsyncClient, storage_dir: Path
) -> None:
    ana = await create_user(client)
    item = (await upload(client, ana, jpeg((200, 30, 40)))).json()
    response = await client.get(f"/api/images/{ana.id}/{item['id']}/cutout", headers=ana.headers)
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/webp"
    with Image.open(io.BytesIO(response.content)) as cutout:
        alpha = np.asarray(cutout.convert("RGBA").getchannel("A"))
    assert alpha.max() == 255 and alpha.min() == 0
    assert len(cutouts(storage_dir)) == 1
    assert (await client.delete(f"/api/images/{ana.id}/{item['id']}", headers=ana.headers)).status_code == 204
    assert cutouts(storage_dir) == []
    gone = await client.get(f"/api/images/{ana.id}/{item['id']}/cutout", headers=ana.headers)
    assert gone.status_code == 404


async def test_a_cutout_not_written_yet_is_made_on_its_first_read(client: httpx.AsyncClient, storage_dir: Path) -> None:
    """The upload answers before its cut-out is encoded; a read in between (or after a crash) gets the same file."""
    ana = await create_user(client)
    item = (await upload(client, ana, jpeg((200, 30, 40)))).json()
    assert item["tags"]["garment_mask"] == "learned"
    [stored] = cutouts(storage_dir)
    written = stored.read_bytes()
    stored.unlink()
    response = await client.get(f"/api/images/{ana.id}/{item['id']}/cutout", headers=ana.headers)
    assert response.status_code == 200 and response.headers["content-type"] == "image/webp"
    # Made from the stored photo (its JPEG, not the upload's pixels): the same garment, the same crop.
    first, again = alpha_of(written), alpha_of(response.content)
    assert all(abs(a - b) <= 2 for a, b in zip(first.shape, again.shape, strict=True))
    h, w = min(first.shape[0], again.shape[0]), min(first.shape[1], again.shape[1])
    assert (abs(first[:h, :w].astype(int) - again[:h, :w]) < 64).mean() > 0.95
    assert stored.read_bytes() == response.content  # and kept for the next read


class CategoryWatchingAnalyzer:
    """The shipped analyser, noting the category each missing cut-out is rebuilt with."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.categories: list[str | None] = []

    def analyze(self, image: Image.Image) -> Any:
        return self.inner.analyze(image)

    def cutout(self, image: Image.Image, *, category: str | None = None) -> bytes | None:
        self.categories.append(category)
        result: bytes | None = self.inner.cutout(image, category=category)
        return result


async def test_a_missing_cutout_is_made_for_the_stored_category(
    app: FastAPI, client: httpx.AsyncClient, storage_dir: Path
) -> None:
    """The upload's slot goes to the mask, so the type is not predicted a second time to find it."""
    ana = await create_user(client)
    item = (await upload(client, ana, jpeg((20, 30, 140)))).json()
    [stored] = cutouts(storage_dir)
    stored.unlink()
    watching = CategoryWatchingAnalyzer(app.state.analyzer)
    app.state.analyzer = watching
    response = await client.get(f"/api/images/{ana.id}/{item['id']}/cutout", headers=ana.headers)
    assert response.status_code == 200
    assert watching.categories == [item["tags"]["category"]] and item["tags"]["category"]


def _other_slot(category: str) -> tuple[str, str]:
    """A slot other than the model's, and a type the user would correct the item to for it."""
    corrected = "shoes" if category != "shoes" else "bottom"
    return corrected, {"shoes": "boots", "bottom": "jeans"}[corrected]


async def test_a_missing_cutout_is_made_for_the_users_corrected_category(
    app: FastAPI, client: httpx.AsyncClient, storage_dir: Path
) -> None:
    """A user who says the item is jeans has told the mask where the garment is: a top's mask would cut it off."""
    ana = await create_user(client)
    item = (await upload(client, ana, jpeg((20, 30, 140)))).json()
    url = f"/api/images/{ana.id}/{item['id']}"
    corrected, kind = _other_slot(item["tags"]["category"])
    assert (await client.patch(url, json={"type": kind}, headers=ana.headers)).status_code == 200
    for stored in cutouts(storage_dir):
        stored.unlink()
    watching = CategoryWatchingAnalyzer(app.state.analyzer)
    app.state.analyzer = watching
    assert (await client.get(f"{url}/cutout", headers=ana.headers)).status_code == 200
    assert watching.categories == [corrected]


async def test_correcting_the_slot_replaces_the_stored_cutout(
    app: FastAPI, client: httpx.AsyncClient, storage_dir: Path
) -> None:
    """The stored cut-out was made with the model's slot: a correction into another slot removes it, and the next
    read cuts the photo out again for the corrected one; a correction within the slot keeps the file."""
    ana = await create_user(client)
    item = (await upload(client, ana, jpeg((20, 30, 140)))).json()
    url = f"/api/images/{ana.id}/{item['id']}"
    [first] = cutouts(storage_dir)
    assert (await client.patch(url, json={"style": "formal"}, headers=ana.headers)).status_code == 200
    assert cutouts(storage_dir) == [first]

    corrected, kind = _other_slot(item["tags"]["category"])
    assert (await client.patch(url, json={"type": kind}, headers=ana.headers)).status_code == 200
    assert cutouts(storage_dir) == []
    watching = CategoryWatchingAnalyzer(app.state.analyzer)
    app.state.analyzer = watching
    response = await client.get(f"{url}/cutout", headers=ana.headers)
    assert response.status_code == 200 and response.headers["content-type"] == "image/webp"
    assert watching.categories == [corrected]
    [remade] = cutouts(storage_dir)
    assert remade != first and remade.read_bytes() == response.content
    assert (await client.get(f"{url}/cutout", headers=ana.headers)).content == response.content
    assert watching.categories == [corrected]  # kept: the second read made nothing
    assert (await client.delete(url, headers=ana.headers)).status_code == 204
    assert cutouts(storage_dir) == []


async def test_reanalysis_cuts_out_for_the_users_corrected_slot(
    app: FastAPI, client: httpx.AsyncClient, storage_dir: Path
) -> None:
    ana = await create_user(client)
    item = (await upload(client, ana, jpeg((20, 30, 140)))).json()
    corrected, kind = _other_slot(item["tags"]["category"])
    assert (
        await client.patch(f"/api/images/{ana.id}/{item['id']}", json={"type": kind}, headers=ana.headers)
    ).is_success
    await _age(app, item["id"])
    watching = CategoryWatchingAnalyzer(app.state.analyzer)
    app.state.analyzer = watching
    done = (await client.post(f"/api/images/{ana.id}/reanalyze", headers=ana.headers)).json()
    assert done["reanalyzed"] == 1
    assert watching.categories == [corrected]
    assert len(cutouts(storage_dir)) == 1


async def test_another_users_cutout_is_forbidden(client: httpx.AsyncClient) -> None:
    ana, bo = await create_user(client, "ana"), await create_user(client, "bo")
    item = (await upload(client, ana, jpeg())).json()
    assert (await client.get(f"/api/images/{ana.id}/{item['id']}/cutout", headers=bo.headers)).status_code == 403


async def _age(app: FastAPI, image_id: int) -> None:
    """Make a row look as if an older model had tagged it, without a cut-out."""
    async with app.state.session_factory() as session:
        row = await session.get(WardrobeImage, image_id)
        assert row is not None
        tags = {**row.tags, "model_version": "older-model", "type": "hat"}
        await session.execute(
            update(WardrobeImage).where(WardrobeImage.id == image_id).values(tags=tags, cutout_key=None)
        )
        await session.commit()


async def test_reanalysis_retags_older_items_in_batches_and_keeps_corrections(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    ana = await create_user(client)
    ids = [(await upload(client, ana, jpeg(colour))).json()["id"] for colour in ((200, 30, 40), (20, 30, 140))]
    patched = await client.patch(f"/api/images/{ana.id}/{ids[0]}", headers=ana.headers, json={"style": "formal"})
    assert patched.status_code == 200
    for image_id in ids:
        await _age(app, image_id)
    assert (await client.get(f"/api/images/{ana.id}/{ids[1]}/cutout", headers=ana.headers)).status_code == 404

    first = (await client.post(f"/api/images/{ana.id}/reanalyze?limit=1", headers=ana.headers)).json()
    assert first["reanalyzed"] == 1 and first["remaining"] == 1
    second = (await client.post(f"/api/images/{ana.id}/reanalyze?limit=1", headers=ana.headers)).json()
    assert second["reanalyzed"] == 1 and second["remaining"] == 0
    done = (await client.post(f"/api/images/{ana.id}/reanalyze", headers=ana.headers)).json()
    assert done["reanalyzed"] == 0 and done["remaining"] == 0

    item = (await client.get(f"/api/images/{ana.id}/{ids[0]}", headers=ana.headers)).json()
    assert item["tags"]["model_version"] == first["model_version"] != "older-model"
    assert item["tags"]["type"] != "hat"
    assert item["tags"]["style"] == "formal" and item["corrections"] == {"style": "formal"}
    assert isinstance(item["tags"]["needs_review"], list)
    assert (await client.get(f"/api/images/{ana.id}/{ids[1]}/cutout", headers=ana.headers)).status_code == 200


async def test_reanalysis_needs_the_owner(client: httpx.AsyncClient) -> None:
    ana, bo = await create_user(client, "ana"), await create_user(client, "bo")
    assert (await client.post(f"/api/images/{ana.id}/reanalyze", headers=bo.headers)).status_code == 403
    assert (await client.post(f"/api/images/{ana.id}/reanalyze")).status_code == 401


async def test_the_command_retags_a_whole_wardrobe_with_progress(
    app: FastAPI, client: httpx.AsyncClient, settings: Settings
) -> None:
    ana = await create_user(client)
    image_id = (await upload(client, ana, jpeg())).json()["id"]
    await _age(app, image_id)
    seen: list[tuple[int, int]] = []
    report = await reanalyze_local(settings, user_id=ana.id, progress=lambda done, total: seen.append((done, total)))
    assert report.reanalyzed == 1 and seen == [(1, 1)]
    again = await reanalyze_local(settings, user_id=ana.id)
    assert again.reanalyzed == 0
