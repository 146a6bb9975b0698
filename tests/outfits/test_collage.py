from io import BytesIO

from PIL import Image

from app.outfits.collage import render, slot_rank
from tests.factories import encode

RED, GREEN, BLUE = (200, 20, 20), (20, 160, 20), (20, 20, 200)


def test_items_are_stacked_in_wearing_order() -> None:
    shoes = (slot_rank("shoes", "sneakers"), encode(Image.new("RGB", (100, 50), BLUE)))
    top = (slot_rank("top", "t-shirt"), encode(Image.new("RGB", (100, 100), RED)))
    bottom = (slot_rank("bottom", "jeans"), encode(Image.new("RGB", (100, 120), GREEN)))
    png = render([shoes, top, bottom])
    with Image.open(BytesIO(png)) as picture:
        rgb = picture.convert("RGB")
        column = [tuple(rgb.getpixel((rgb.width // 2, y))) for y in range(rgb.height)]  # type: ignore[arg-type]

    def first(colour: tuple[int, int, int]) -> int:
        return next(
            y for y, pixel in enumerate(column) if all(abs(a - b) < 40 for a, b in zip(pixel, colour, strict=True))
        )

    assert first(RED) < first(GREEN) < first(BLUE)


def test_hats_go_above_tops_and_bags_below_shoes() -> None:
    assert slot_rank("accessory", "hat") < slot_rank("outerwear", "coat") < slot_rank("top", "shirt")
    assert slot_rank("shoes", "boots") < slot_rank("accessory", "bag")
