"""Small builders for users and images used across the tests."""

import io
from dataclasses import dataclass

import httpx
from PIL import Image, ImageDraw


@dataclass
class Account:
    id: int
    username: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


async def create_user(
    client: httpx.AsyncClient, username: str = "ana", style_preferences: str | None = None
) -> Account:
    response = await client.post("/api/users/", json={"username": username, "style_preferences": style_preferences})
    assert response.status_code == 200, response.text
    body = response.json()
    return Account(id=body["id"], username=body["username"], token=body["api_token"])


def garment_image(
    colour: tuple[int, int, int] = (31, 42, 68),
    size: tuple[int, int] = (400, 300),
    background: tuple[int, int, int] = (245, 245, 245),
) -> Image.Image:
    """A garment-like blob on a plain backdrop, like a shop photo."""
    image = Image.new("RGB", size, background)
    w, h = size
    ImageDraw.Draw(image).rectangle([w // 4, h // 5, 3 * w // 4, 4 * h // 5], fill=colour)
    return image


def encode(image: Image.Image, fmt: str = "JPEG", **params: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **params)
    return buffer.getvalue()


def jpeg(colour: tuple[int, int, int] = (31, 42, 68), size: tuple[int, int] = (400, 300)) -> bytes:
    return encode(garment_image(colour, size))


async def upload(
    client: httpx.AsyncClient,
    account: Account,
    data: bytes,
    filename: str = "item.jpg",
    content_type: str = "image/jpeg",
) -> httpx.Response:
    return await client.post(
        f"/api/images/upload?user_id={account.id}",
        headers=account.headers,
        files={"file": (filename, data, content_type)},
    )
