"""Near-duplicates: the same garment photographed again is flagged; a different garment is not."""

from pathlib import Path

import httpx
from PIL import Image, ImageEnhance

from tests.factories import create_user, encode, upload

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "images"


def rephotographed(name: str) -> bytes:
    """The same photo as a second shot would differ: reframed, rescaled, a little brighter, re-encoded."""
    with Image.open(FIXTURES / name) as image:
        w, h = image.size
        crop = image.convert("RGB").crop((w // 20, h // 20, w - w // 25, h - h // 30)).resize((w * 2, h * 2))
    return encode(ImageEnhance.Brightness(crop).enhance(1.08), "JPEG", quality=80)


async def test_second_shot_of_a_garment_is_flagged(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    original = await upload(client, ana, (FIXTURES / "tshirt-grey.jpg").read_bytes())
    assert original.json()["near_duplicates"] == []
    other = await upload(client, ana, (FIXTURES / "tshirt-blue.jpg").read_bytes())
    assert other.json()["near_duplicates"] == []  # another t-shirt is not the same t-shirt
    again = await upload(client, ana, rephotographed("tshirt-grey.jpg"))
    assert again.status_code == 200  # flagged, not refused: the user decides
    flagged = again.json()["near_duplicates"]
    assert [d["id"] for d in flagged] == [original.json()["id"]]
    assert flagged[0]["similarity"] >= 0.90


async def test_duplicates_are_per_user(client: httpx.AsyncClient) -> None:
    ana = await create_user(client, "ana")
    bo = await create_user(client, "bo")
    await upload(client, ana, (FIXTURES / "tshirt-blue.jpg").read_bytes())
    response = await upload(client, bo, rephotographed("tshirt-blue.jpg"))
    assert response.json()["near_duplicates"] == []


def flat_strip(fmt: str) -> bytes:
    """A 1x20000 strip of one colour: the PNG and the JPEG decode to the same pixels, so their signatures match."""
    return encode(Image.new("RGB", (1, 20000), (250, 250, 250)), fmt, **({"quality": 100} if fmt == "JPEG" else {}))


async def test_identical_pixels_give_similarity_at_most_one_and_one_row(client: httpx.AsyncClient) -> None:
    """Issue 11, item 8: float16 signatures put this pair at 1.0001, a 500 after the commit, then a 409 on retry."""
    ana = await create_user(client)
    first = await upload(client, ana, flat_strip("PNG"), filename="strip.png", content_type="image/png")
    assert first.status_code == 200, first.text
    second = await upload(client, ana, flat_strip("JPEG"))
    assert second.status_code == 200, second.text
    flagged = second.json()["near_duplicates"]
    assert [d["id"] for d in flagged] == [first.json()["id"]]
    assert 0.99 <= flagged[0]["similarity"] <= 1.0
    listed = (await client.get(f"/api/images/{ana.id}", headers=ana.headers)).json()
    assert len(listed) == 2
