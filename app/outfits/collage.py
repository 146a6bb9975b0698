"""One picture of an outfit: the items' photos stacked top to bottom in the order they are worn."""

import io

from PIL import Image

SLOT_ORDER = {"accessory-head": 0, "outerwear": 1, "top": 2, "one-piece": 2, "bottom": 3, "shoes": 4, "accessory": 5}
HEAD_TYPES = frozenset({"hat", "sunglasses", "scarf", "tie"})
WIDTH = 360
GAP = 12


def slot_rank(category: str | None, garment_type: str | None) -> int:
    if category == "accessory" and garment_type in HEAD_TYPES:
        return SLOT_ORDER["accessory-head"]
    return SLOT_ORDER.get(category or "", len(SLOT_ORDER))


def render(pictures: list[tuple[int, bytes]]) -> bytes:
    """`pictures`: (rank, image bytes) pairs; returns a PNG with each picture scaled to the same width."""
    scaled = []
    for _, data in sorted(pictures, key=lambda pair: pair[0]):
        with Image.open(io.BytesIO(data)) as opened:
            picture = opened.convert("RGB")
        height = max(1, round(picture.height * WIDTH / picture.width))
        scaled.append(picture.resize((WIDTH, height), Image.Resampling.LANCZOS))
    canvas = Image.new("RGB", (WIDTH + 2 * GAP, sum(p.height for p in scaled) + GAP * (len(scaled) + 1)), "white")
    y = GAP
    for picture in scaled:
        canvas.paste(picture, (GAP, y))
        y += picture.height + GAP
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
