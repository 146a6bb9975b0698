"""Worn outfits as the outfit engine sees them: each masked garment cut out, analysed once, cached.

The Clothing Co-Parsing masks give every garment's pixels. A garment is cropped to its bounding box with
everything else painted white (as on a product photo), analysed by the image engine, and stored under
`eval/.cache/outfits/` keyed by the model version, so later runs only read the cache.

Category and type come from the mask label (human-labelled, so the calibration measures compatibility,
not tagging errors); colours, pattern, style, warmth and the embedding come from the image engine.
"""

import csv
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from app.styling import WardrobeItem
from app.vision.analyze import LocalAnalyzer
from app.vision.taxonomy import base_formality, base_warmth

CACHE_DIR = Path(__file__).resolve().parent / ".cache" / "outfits"
MIN_PIXELS = 400  # smaller regions are slivers (a shoe tip behind a leg) that no analyser can read
VALIDATION_PERCENT = 20

# Mask label -> our garment type. Labels not listed (jewellery, hosiery, underwear, skin, hair) are not outfit
# slots. "shoes" is generic in the masks; the analyser's own shoe type is used for it.
LABEL_TYPES: dict[str, str] = {
    "blouse": "blouse", "shirt": "shirt", "t-shirt": "t-shirt", "top": "top", "vest": "top",
    "sweater": "sweater", "jumper": "sweater", "sweatshirt": "hoodie", "hoodie": "hoodie",
    "jeans": "jeans", "pants": "pants", "leggings": "leggings", "shorts": "shorts", "skirt": "skirt",
    "dress": "dress", "romper": "jumpsuit",
    "blazer": "blazer", "cardigan": "cardigan", "coat": "coat", "jacket": "jacket", "cape": "coat",
    "boots": "boots", "flats": "flats", "heels": "heels", "pumps": "heels", "wedges": "heels",
    "loafers": "loafers", "sandals": "sandals", "sneakers": "sneakers", "clogs": "flats", "shoes": "shoes",
    "bag": "bag", "purse": "bag", "belt": "belt", "hat": "hat", "scarf": "scarf", "sunglasses": "sunglasses",
    "glasses": "sunglasses", "watch": "watch", "wallet": "wallet", "tie": "tie",
}  # fmt: skip
CATEGORY_OF_LABEL_TYPE: dict[str, str] = {
    **{t: "top" for t in ("blouse", "shirt", "t-shirt", "top", "sweater", "hoodie")},
    **{t: "bottom" for t in ("jeans", "pants", "leggings", "shorts", "skirt")},
    **{t: "one-piece" for t in ("dress", "jumpsuit")},
    **{t: "outerwear" for t in ("blazer", "cardigan", "coat", "jacket")},
    **{t: "shoes" for t in ("boots", "flats", "heels", "loafers", "sandals", "sneakers", "shoes")},
    **{t: "accessory" for t in ("bag", "belt", "hat", "scarf", "sunglasses", "watch", "wallet", "tie")},
}


@dataclass(frozen=True)
class WornOutfit:
    photo: str
    items: tuple[WardrobeItem, ...]
    guessed_types: frozenset[int] = frozenset()  # ids of items typed by the analyser (generic "shoes" masks)

    @property
    def is_validation(self) -> bool:
        """Fixed 80/20 split by a hash of the photo name, so every run fits and reports on the same outfits."""
        digest = hashlib.sha256(self.photo.encode()).digest()
        return int.from_bytes(digest[:4], "big") % 100 < VALIDATION_PERCENT


def garment_crops(photo: Image.Image, mask: np.ndarray, labels: list[str]) -> list[tuple[str, Image.Image]]:
    """(label, crop on white) for each outfit garment in the mask that is big enough to analyse."""
    rgb = np.asarray(photo.convert("RGB"))
    crops = []
    for index in np.unique(mask):
        label = labels[int(index)] if int(index) < len(labels) else ""
        region = mask == index
        if label not in LABEL_TYPES or region.sum() < MIN_PIXELS:
            continue
        rows, cols = np.nonzero(region)
        top, bottom, left, right = rows.min(), rows.max() + 1, cols.min(), cols.max() + 1
        cut = np.where(region[top:bottom, left:right, None], rgb[top:bottom, left:right], 255).astype(np.uint8)
        crops.append((label, Image.fromarray(cut)))
    return crops


def _record(label: str, crop: Image.Image, analyzer: LocalAnalyzer) -> dict[str, object]:
    analysis = analyzer.analyze(crop)
    garment_type = LABEL_TYPES[label]
    if garment_type == "shoes":  # the masks do not say which shoes; trust the analyser when it saw shoes
        garment_type = analysis.type if analysis.category == "shoes" and analysis.type else "flats"
    return {
        "label": label,
        "type": garment_type,
        "category": CATEGORY_OF_LABEL_TYPE[LABEL_TYPES[label]],
        "predicted_type": analysis.type,
        "colours": [[c.name, c.family, c.hex, c.share] for c in analysis.colors],
        "pattern": analysis.pattern,
        "style": analysis.style,
        "seasons": analysis.seasons,
        "embedding": [] if analysis.embedding is None else analysis.embedding.tolist(),
    }


def _analyse_all(root: Path, analyzer: LocalAnalyzer) -> dict[str, list[dict[str, object]]]:
    labels = (root / "mask_labels.txt").read_text().split("\n")
    labels = [line.split("\t")[-1].strip() for line in labels if line.strip()]
    with (root / "outfits.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    records: dict[str, list[dict[str, object]]] = {}
    for number, row in enumerate(rows, 1):
        with Image.open(root / row["photo"]) as photo, Image.open(root / row["mask"]) as mask_image:
            crops = garment_crops(photo, np.asarray(mask_image), labels)
        records[row["photo"]] = [_record(label, crop, analyzer) for label, crop in crops]
        if number % 25 == 0 or number == len(rows):
            print(f"  analysed {number}/{len(rows)} outfits", flush=True)
    return records


def _item(item_id: int, record: dict[str, object]) -> WardrobeItem:
    """The cached analysis as the service would hand it to the engine (see wardrobe.service.to_wardrobe_item)."""
    colours = record["colours"]
    assert isinstance(colours, list)
    garment_type = str(record["type"])
    style = str(record["style"]) if record["style"] else None
    embedding = np.asarray(record["embedding"], dtype=np.float32) if record["embedding"] else None
    return WardrobeItem(
        id=item_id,
        type=garment_type,
        category=str(record["category"]),
        colour_families=tuple(str(c[1]) for c in colours),
        colour_names=tuple(str(c[0]) for c in colours),
        style=style,
        pattern=str(record["pattern"]) if record["pattern"] else None,
        formality=base_formality(garment_type),
        warmth=base_warmth(garment_type),
        seasons=tuple(str(s) for s in record["seasons"]),  # type: ignore[attr-defined]
        colour_hexes=tuple(str(c[2]) for c in colours),
        colour_shares=tuple(float(c[3]) for c in colours),
        embedding=embedding,
    )


def load_outfits(data: Path, analyzer_dir: Path) -> list[WornOutfit]:
    """Every worn outfit with its garments as WardrobeItems (ids unique across outfits); analyses cached."""
    root = data / "worn-outfits"
    analyzer = LocalAnalyzer.load(analyzer_dir)
    cache = CACHE_DIR / f"{analyzer.model.model_version}-{MIN_PIXELS}.json"
    if cache.exists():
        records = json.loads(cache.read_text())
    else:
        print(f"analysing worn-outfit garments (cached to {cache})", flush=True)
        records = _analyse_all(root, analyzer)
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(records))
    outfits, next_id = [], 1
    for photo, garments in records.items():
        items, guessed = [], set()
        for record in garments:
            items.append(_item(next_id, record))
            if LABEL_TYPES[str(record["label"])] == "shoes":
                guessed.add(next_id)
            next_id += 1
        outfits.append(WornOutfit(photo=photo, items=tuple(items), guessed_types=frozenset(guessed)))
    return outfits
