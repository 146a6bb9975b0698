"""The flat lay: a phone-sized JPEG, torso above legs above shoes, outermost layer on the left, a caption."""

from io import BytesIO

from PIL import Image

from app.outfits.collage import BACKGROUND, CAPTION, HEIGHT, MAX_BYTES, MAX_SIDE, WIDTH, Piece, render
from app.outfits.service import TITLE_OCCASION_CHARS, collage_title
from app.styling import StyleContext
from tests.factories import encode

RED, GREEN, BLUE, YELLOW, CYAN = (200, 20, 20), (20, 160, 20), (20, 20, 200), (230, 200, 20), (20, 190, 200)


def flat(colour: tuple[int, int, int], size: tuple[int, int] = (200, 200)) -> bytes:
    return encode(Image.new("RGB", size, colour))


def where(picture: Image.Image, colour: tuple[int, int, int]) -> tuple[float, float]:
    """The centre of the pixels close to `colour`."""
    rgb = picture.convert("RGB").resize((picture.width // 4, picture.height // 4))
    points = [
        (x, y)
        for y in range(rgb.height)
        for x in range(rgb.width)
        if all(abs(a - b) < 45 for a, b in zip(rgb.getpixel((x, y)), colour, strict=True))  # type: ignore[arg-type]
    ]
    assert points, colour
    return 4 * sum(p[0] for p in points) / len(points), 4 * sum(p[1] for p in points) / len(points)


def outfit() -> list[Piece]:
    return [
        Piece("shoes", "boots", flat(BLUE)),
        Piece("top", "shirt", flat(RED)),
        Piece("bottom", "jeans", flat(GREEN, (150, 300))),
        Piece("outerwear", "coat", flat(YELLOW, (200, 320))),
        Piece("accessory", "bag", flat(CYAN)),
    ]


def test_flat_lay_bands_and_layer_order() -> None:
    jpeg = render(outfit(), title="Work · 8 °C · rain", caption="navy coat + white shirt: for the rain.")
    with Image.open(BytesIO(jpeg)) as picture:
        assert picture.format == "JPEG" and picture.size == (WIDTH, HEIGHT)
        coat, shirt, jeans = where(picture, YELLOW), where(picture, RED), where(picture, GREEN)
        boots, bag = where(picture, BLUE), where(picture, CYAN)
    assert coat[0] < shirt[0] and abs(coat[1] - shirt[1]) < 60  # outerwear beside the top, outermost left
    assert shirt[1] < jeans[1] < boots[1]  # torso, then legs, then feet
    assert abs(boots[1] - bag[1]) < 40 and boots[0] < bag[0]  # accessories beside the shoes


def test_size_limits_on_the_long_side_and_in_bytes() -> None:
    noisy = [
        Piece(category, kind, encode(Image.effect_noise((1600, 1600), 90).convert("RGB")))
        for category, kind in (("top", "t-shirt"), ("bottom", "jeans"), ("shoes", "sneakers"), ("outerwear", "coat"))
    ]
    jpeg = render(noisy, title="Casual", caption="x " * 200)
    assert len(jpeg) <= MAX_BYTES
    with Image.open(BytesIO(jpeg)) as picture:
        assert max(picture.size) <= MAX_SIDE


def test_caption_is_drawn_and_cutouts_sit_on_the_background() -> None:
    cutout = Image.new("RGBA", (200, 200), (0, 0, 0, 0))
    cutout.paste((200, 20, 20, 255), (50, 50, 150, 150))
    pieces = [Piece("one-piece", "dress", encode(cutout, "PNG"), cutout=True), Piece("shoes", "heels", flat(BLUE))]
    jpeg = render(pieces, title="Wedding guest · 24 °C", caption="red dress + heels: fits the dress code.")
    with Image.open(BytesIO(jpeg)) as picture:
        rgb = picture.convert("RGB")
        caption = rgb.crop((0, HEIGHT - CAPTION, WIDTH, HEIGHT)).getcolors(1 << 20) or []
        dark = [n for n, colour in caption if isinstance(colour, tuple) and sum(colour) < 300]
        assert sum(dark) > 500  # dark text in the caption band
        corner = rgb.getpixel((WIDTH // 2 - 90, 60))  # beside the dress cut-out: background, not a white card
        assert all(abs(a - b) < 12 for a, b in zip(corner, BACKGROUND, strict=True))  # type: ignore[arg-type]
        dress = where(picture, RED)
    assert dress[1] < HEIGHT * 0.5  # a one-piece spans the torso and legs bands


def test_a_long_caption_drops_the_list_the_picture_already_shows_not_the_reasons() -> None:
    from app.outfits.service import collage_caption

    short = "white shirt + black trousers + black formal shoes: fits the dress code at work."
    assert collage_caption(short) == short
    names = "white shirt + black trousers + black formal shoes + grey coat + navy scarf + black bag + silver watch"
    reasons = "grey coat and closed formal shoes for the rain, fits the dress code at work, colours that work"
    long = f"{names}: {reasons} together, a consistent style; but mixes dressy and casual pieces (a casual coat)."
    assert collage_caption(long).startswith("Grey coat and closed formal shoes for the rain")
    assert collage_caption(long).endswith("(a casual coat).")


def test_the_collage_title_says_the_occasion_in_the_clients_words() -> None:
    """A brunch is dressed by the meal-out code (`dinner`) but captioned as the brunch it is."""
    brunch = StyleContext(occasion="dinner", occasion_said="sunday brunch with my parents", temperature_c=18)
    assert collage_title(brunch) == "Sunday brunch with my parents · 18 °C"
    assert collage_title(StyleContext(occasion="wedding-guest", occasion_said="wedding-guest")) == "Wedding guest"
    assert collage_title(StyleContext()) == "Everyday"
    said = "my best friend's surprise thirtieth birthday party"
    long = collage_title(StyleContext(occasion="party", occasion_said=said))
    assert len(long) <= TITLE_OCCASION_CHARS and long.endswith("…")


def test_a_white_cutout_keeps_its_outline_on_the_background() -> None:
    """A white shirt's cut-out on the off-white background: a soft shadow just outside its edge, the shirt white."""
    cutout = Image.new("RGBA", (200, 200), (0, 0, 0, 0))
    cutout.paste((255, 255, 255, 255), (40, 40, 160, 160))
    pieces = [Piece("top", "shirt", encode(cutout, "PNG"), cutout=True), Piece("bottom", "jeans", flat(BLUE))]
    with Image.open(BytesIO(render(pieces, title="Work", caption="white shirt + jeans."))) as picture:
        rgb = picture.convert("RGB").convert("L")
        columns = [x for x in range(WIDTH) if rgb.getpixel((x, 200)) > 250]  # type: ignore[operator]
        left, right = min(columns), max(columns)  # the shirt's edges on its middle row
        background = sum(BACKGROUND) / 3
        for x in (left - 3, right + 3):
            edge = rgb.getpixel((x, 200))
            assert isinstance(edge, int) and edge < background - 15, (x, edge)  # a visible edge beside the shirt
        far = rgb.getpixel((left - 60, 200))
        assert isinstance(far, int) and abs(far - background) < 6  # and plain background further out
