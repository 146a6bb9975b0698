"""An outfit as a flat lay a person reads at a glance on a phone.

Three bands on a neutral background: outerwear and top side by side (outermost on the left, as they are
laid out), then the bottom (a one-piece spans both bands), then shoes and accessories; a caption with the
occasion and the one-line explanation. Cut-outs (RGBA) sit on the background with a soft shadow; photos are fitted
into white cards. A JPEG of at most MAX_SIDE px on its long side and MAX_BYTES.
"""

import io
import textwrap
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from app.styling.garments import garment
from app.styling.items import WardrobeItem

WIDTH, HEIGHT = 900, 1200  # 3:4 portrait, the shape of a phone screen; HEIGHT is the long side
MAX_SIDE, MAX_BYTES = 1200, 300_000
MARGIN, GAP = 24, 14
CAPTION = 196  # px at the bottom for the occasion and up to four lines of explanation
CAPTION_CHARS = 230  # about what four lines of the caption font hold at this width
BANDS = (0.42, 0.33, 0.25)  # torso, legs, feet and accessories: shares of the picture area
BACKGROUND, CARD, INK, MUTED = (233, 229, 222), (255, 255, 255), (34, 34, 34), (96, 96, 96)
# The background is a warm grey a step darker than paper (242, 239, 234 until session 8), and a cut-out casts a soft
# shadow, so white and cream garments keep their outline on it: the garment's mask, grown by a pixel or two and
# blurred, drawn in SHADOW under it, SHADOW_OFFSET lower. Dark garments look the same with or without it.
SHADOW, SHADOW_ALPHA, SHADOW_OFFSET, SHADOW_BLUR = (70, 62, 54), 0.42, 3, 3


@dataclass(frozen=True)
class Piece:
    category: str | None
    type: str | None
    image: bytes
    cutout: bool = False  # an RGBA cut-out of the garment (no background of its own)


def band_of(piece: Piece) -> int:
    """0 torso (tops, outerwear, one-pieces), 1 legs, 2 shoes and accessories."""
    return {"top": 0, "outerwear": 0, "one-piece": 0, "bottom": 1}.get(piece.category or "", 2)


def _torso_order(piece: Piece) -> tuple[int, int]:
    """Outermost first (left), so the coat is laid out beside the knit and the knit beside the shirt."""
    layer = garment(WardrobeItem(0, piece.type, piece.category)).layer
    return (-(layer or 0), 0 if piece.category != "one-piece" else 1)


def _feet_order(piece: Piece) -> int:
    return 0 if piece.category == "shoes" else 1


def _open(piece: Piece) -> Image.Image:
    with Image.open(io.BytesIO(piece.image)) as opened:
        opened.load()
        return opened.convert("RGBA") if piece.cutout else opened.convert("RGB")


def _place(canvas: Image.Image, piece: Piece, box: tuple[int, int, int, int]) -> None:
    """Fit the picture inside the box, centred; a photo gets a white card behind it, a cut-out does not."""
    left, top, right, bottom = box
    picture = _open(piece)
    inset = 0 if piece.cutout else 10
    scale = min((right - left - 2 * inset) / picture.width, (bottom - top - 2 * inset) / picture.height)
    size = (max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))
    picture = picture.resize(size, Image.Resampling.LANCZOS)  # small photos are enlarged to fill their cell
    x = left + (right - left - picture.width) // 2
    y = top + (bottom - top - picture.height) // 2
    if piece.cutout:
        _shadow(canvas, picture.getchannel("A"), (x, y))
        canvas.paste(picture, (x, y), picture)
        return
    card = (x - inset, y - inset, x + picture.width + inset, y + picture.height + inset)
    ImageDraw.Draw(canvas).rounded_rectangle(card, radius=14, fill=CARD)
    canvas.paste(picture, (x, y))


def _shadow(canvas: Image.Image, mask: Image.Image, at: tuple[int, int]) -> None:
    """A soft edge under a cut-out: its mask grown, blurred and darkened, a little below it."""
    pad = 3 * SHADOW_BLUR
    padded = Image.new("L", (mask.width + 2 * pad, mask.height + 2 * pad), 0)
    padded.paste(mask, (pad, pad))
    halo = padded.filter(ImageFilter.MaxFilter(3)).filter(ImageFilter.GaussianBlur(SHADOW_BLUR))
    halo = halo.point(lambda a: round(a * SHADOW_ALPHA))
    canvas.paste(SHADOW, (at[0] - pad, at[1] - pad + SHADOW_OFFSET), halo)


def _row(canvas: Image.Image, pieces: list[Piece], top: int, bottom: int) -> None:
    width = (WIDTH - 2 * MARGIN - GAP * (len(pieces) - 1)) // max(len(pieces), 1)
    for n, piece in enumerate(pieces):
        left = MARGIN + n * (width + GAP)
        _place(canvas, piece, (left, top, left + width, bottom))


def _bands(pieces: list[Piece]) -> list[list[Piece]]:
    bands: list[list[Piece]] = [[], [], []]
    for piece in pieces:
        bands[band_of(piece)].append(piece)
    bands[0].sort(key=_torso_order)
    bands[2].sort(key=_feet_order)
    return bands


def _layout(canvas: Image.Image, pieces: list[Piece]) -> None:
    torso, legs, feet = _bands(pieces)
    area = HEIGHT - CAPTION - 2 * MARGIN - 2 * GAP
    heights = [round(area * share) for share in BANDS]
    edges = [MARGIN, MARGIN + heights[0], MARGIN + heights[0] + GAP + heights[1]]
    if not legs:  # a one-piece: the torso band takes the legs' room too
        _row(canvas, torso, edges[0], edges[1] + GAP + heights[1])
    else:
        _row(canvas, torso, edges[0], edges[0] + heights[0])
        _row(canvas, legs, edges[1] + GAP, edges[1] + GAP + heights[1])
    feet_top = edges[2] + GAP
    _row(canvas, feet, feet_top, feet_top + heights[2])


def _caption(canvas: Image.Image, title: str, text: str) -> None:
    draw = ImageDraw.Draw(canvas)
    top = HEIGHT - CAPTION
    draw.line((MARGIN, top, WIDTH - MARGIN, top), fill=(210, 205, 198), width=2)
    heading, body = ImageFont.load_default(size=34), ImageFont.load_default(size=24)
    draw.text((MARGIN, top + 18), title, font=heading, fill=INK)
    average = max(body.getlength("abcdefghij") / 10, 1)
    lines = textwrap.wrap(text, width=int((WIDTH - 2 * MARGIN) / average) - 2)
    if len(lines) > 4:
        lines = [*lines[:3], textwrap.shorten(" ".join(lines[3:]), width=len(lines[3]), placeholder=" ...")]
    for n, line in enumerate(lines):
        draw.text((MARGIN, top + 62 + n * 30), line, font=body, fill=MUTED)


def _jpeg(canvas: Image.Image) -> bytes:
    for quality in (85, 75, 65, 55, 45):
        buffer = io.BytesIO()
        canvas.save(buffer, format="JPEG", quality=quality, optimize=True, progressive=True)
        if buffer.tell() <= MAX_BYTES:
            break
    return buffer.getvalue()


def render(pieces: list[Piece], *, title: str, caption: str) -> bytes:
    """The flat lay as JPEG bytes: WIDTH x HEIGHT (long side MAX_SIDE), at most MAX_BYTES."""
    canvas = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    _layout(canvas, pieces)
    _caption(canvas, title, caption)
    return _jpeg(canvas)
