"""Realistic wardrobes built from ../shared/data photos, each item known twice: as the engine sees it (the
photo analysed by the image engine, exactly as an upload would be) and by its TRUE human label, which the
stylist's judge reads. So tagging errors count against the outfit engine, as they would for a user.

Items are picked deterministically (sha256 of the wardrobe and image names, so wardrobes rarely share a photo)
from `product-attributes` (articleType, usage, baseColour) and `clothing-types` (label); analyses are cached
under eval/.cache/scenarios/.
"""

import base64
import csv
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from app.styling import WardrobeItem
from app.vision.analyze import LocalAnalyzer
from app.vision.similarity import pack
from app.wardrobe.models import WardrobeImage
from app.wardrobe.service import to_wardrobe_item
from training.labels import product_shoe_kind

CACHE_DIR = Path(__file__).resolve().parent / ".cache" / "scenarios"

# True label -> the stylist's kind (what the judge reasons about). "sports-shoes" and "casual-shoes" stay apart
# here even though the engine's taxonomy calls both sneakers: running shoes at the office are the engine's error.
PRODUCT_KINDS = {
    "Tshirts": "t-shirt", "Shirts": "shirt", "Tops": "top", "Kurtas": "kurta", "Sweaters": "sweater",
    "Sweatshirts": "sweatshirt", "Jackets": "jacket", "Jeans": "jeans", "Trousers": "trousers", "Shorts": "shorts",
    "Track Pants": "track-pants", "Skirts": "skirt", "Leggings": "leggings", "Dresses": "dress",
    "Casual Shoes": "casual-shoes", "Sports Shoes": "sports-shoes", "Formal Shoes": "formal-shoes",
    "Heels": "heels", "Flats": "flats", "Sandals": "sandals", "Flip Flops": "flip-flops", "Handbags": "handbag",
    "Backpacks": "backpack", "Clutches": "clutch", "Belts": "belt", "Watches": "watch", "Ties": "tie",
    "Caps": "cap", "Scarves": "scarf", "Mufflers": "muffler", "Sunglasses": "sunglasses", "Gloves": "gloves",
}  # fmt: skip
CLOTHING_KINDS = {
    "T-Shirt": "t-shirt", "Longsleeve": "longsleeve", "Hoodie": "hoodie", "Pants": "pants", "Shorts": "shorts",
    "Outwear": "outerwear", "Blazer": "blazer", "Shirt": "shirt", "Polo": "polo", "Blouse": "blouse",
    "Dress": "dress", "Skirt": "skirt", "Top": "top",
}  # fmt: skip


# The catalogue files some shoes under another article type than their own product name gives ("Enroute Women
# Casual White Flats" under Heels, "Carlton London Women Casual Beige Sandals" under Flats): the judge reads the
# kind the name says, as the training labels do (training.labels.product_shoe_kind). Flip-flops and sports shoes
# keep their article type, which is finer than any name rule.
NAMED_SHOE_KINDS = {"heels": "heels", "flats": "flats", "sandals": "sandals", "boots": "boots"}
RENAMED_ARTICLES = frozenset({"Heels", "Flats", "Sandals", "Casual Shoes", "Formal Shoes"})


def product_kind(row: dict[str, str]) -> str:
    """The stylist's kind of a product-attributes row: its article type, or for shoes the kind its name says."""
    kind = PRODUCT_KINDS[row["articleType"]]
    if row["articleType"] not in RENAMED_ARTICLES:
        return kind
    return NAMED_SHOE_KINDS.get(product_shoe_kind(row["articleType"], row["productDisplayName"]) or "", kind)


@dataclass(frozen=True)
class TrueLabel:
    kind: str  # PRODUCT_KINDS / CLOTHING_KINDS value
    usage: str | None  # product-attributes usage: Casual, Formal, Sports, Ethnic
    colour: str | None  # product-attributes baseColour
    source: str  # "product-attributes/images/1.jpg"


@dataclass(frozen=True)
class Wardrobe:
    name: str
    items: tuple[WardrobeItem, ...]  # as the engine sees them
    truth: dict[int, TrueLabel]  # item id -> what it really is


# name -> [(source, label, gender or None, usage or None, how many)]
Pick = tuple[str, str, str | None, str | None, int]
SPECS: dict[str, list[Pick]] = {
    "city-men": [
        ("pa", "Shirts", "Men", "Formal", 3), ("pa", "Shirts", "Men", "Casual", 2),
        ("pa", "Tshirts", "Men", "Casual", 4),
        ("pa", "Sweaters", "Men", None, 2), ("pa", "Sweatshirts", "Men", None, 1), ("pa", "Jackets", "Men", None, 2),
        ("pa", "Jeans", "Men", None, 2), ("pa", "Trousers", "Men", "Formal", 2), ("pa", "Shorts", "Men", None, 2),
        ("pa", "Track Pants", "Men", None, 1), ("pa", "Formal Shoes", "Men", None, 2),
        ("pa", "Casual Shoes", "Men", None, 2), ("pa", "Sports Shoes", "Men", None, 1),
        ("pa", "Sandals", "Men", None, 1),
        ("pa", "Flip Flops", "Men", None, 1), ("pa", "Belts", "Men", None, 1), ("pa", "Watches", "Men", None, 1),
        ("pa", "Ties", "Men", None, 1), ("pa", "Backpacks", None, None, 1), ("pa", "Caps", None, None, 1),
        ("ct", "Blazer", None, None, 1), ("ct", "Outwear", None, None, 2), ("ct", "Hoodie", None, None, 1),
    ],
    "mixed-women": [
        ("pa", "Tops", "Women", None, 4), ("pa", "Tshirts", "Women", None, 2), ("pa", "Shirts", "Women", None, 1),
        ("pa", "Dresses", "Women", None, 3), ("pa", "Skirts", "Women", None, 2), ("pa", "Jeans", "Women", None, 2),
        ("ct", "Pants", None, None, 2), ("pa", "Leggings", "Women", None, 1), ("pa", "Heels", "Women", None, 2),
        ("pa", "Flats", "Women", None, 2), ("pa", "Casual Shoes", "Women", None, 1),
        ("pa", "Sports Shoes", "Women", None, 1), ("pa", "Sandals", None, None, 1),
        ("pa", "Flip Flops", "Women", None, 1), ("pa", "Handbags", "Women", None, 2), ("pa", "Clutches", None, None, 1),
        ("pa", "Scarves", None, None, 1), ("pa", "Sweaters", "Women", None, 2), ("pa", "Jackets", "Women", None, 1),
        ("ct", "Blouse", None, None, 2), ("ct", "Outwear", None, None, 1), ("ct", "Blazer", None, None, 1),
    ],
    "student": [
        ("ct", "T-Shirt", None, None, 5), ("ct", "Longsleeve", None, None, 2), ("ct", "Hoodie", None, None, 2),
        ("ct", "Pants", None, None, 3), ("ct", "Shorts", None, None, 2), ("ct", "Outwear", None, None, 2),
        ("ct", "Shirt", None, None, 2), ("ct", "Polo", None, None, 1), ("pa", "Casual Shoes", None, None, 2),
        ("pa", "Sports Shoes", None, None, 1), ("pa", "Flip Flops", None, None, 1), ("pa", "Caps", None, None, 1),
        ("pa", "Backpacks", None, None, 1), ("pa", "Track Pants", None, None, 1),
    ],
    "summer-light": [  # no closed shoes and no outerwear: the rules it cannot satisfy must be reported
        ("pa", "Tshirts", "Women", None, 3), ("pa", "Tops", "Women", None, 2), ("pa", "Shorts", "Women", None, 2),
        ("pa", "Skirts", "Women", None, 1), ("pa", "Dresses", "Women", None, 2), ("pa", "Sandals", None, None, 1),
        ("pa", "Flip Flops", "Women", None, 1), ("pa", "Heels", "Women", None, 1), ("pa", "Handbags", "Women", None, 1),
    ],
    # Written for issue 14's second round, before the engine was run on them: a working woman's wardrobe and a
    # cold-climate man's, for rainy commutes, cold offices, winter weddings and the gym in the cold.
    "office-women": [
        ("pa", "Shirts", "Women", None, 2), ("ct", "Blouse", None, None, 2), ("pa", "Tops", "Women", None, 2),
        ("pa", "Tshirts", "Women", None, 2), ("pa", "Sweaters", "Women", None, 2), ("ct", "Blazer", None, None, 1),
        ("pa", "Jackets", "Women", None, 1), ("ct", "Outwear", None, None, 1), ("ct", "Pants", None, None, 2),
        ("pa", "Skirts", "Women", None, 2), ("pa", "Jeans", "Women", None, 1), ("pa", "Dresses", "Women", None, 2),
        ("pa", "Leggings", "Women", None, 1), ("pa", "Track Pants", "Women", None, 1),
        ("pa", "Heels", "Women", None, 2),
        ("pa", "Flats", "Women", None, 1), ("pa", "Casual Shoes", "Women", None, 1),
        ("pa", "Sports Shoes", "Women", None, 1), ("pa", "Sandals", None, None, 1),
        ("pa", "Flip Flops", "Women", None, 1), ("pa", "Handbags", "Women", None, 1), ("pa", "Clutches", None, None, 1),
        ("pa", "Scarves", "Women", None, 1), ("pa", "Sunglasses", "Women", None, 1),
        ("pa", "Watches", "Women", None, 1),
    ],
    "winter-men": [
        ("pa", "Shirts", "Men", "Formal", 2), ("pa", "Shirts", "Men", "Casual", 1), ("pa", "Tshirts", "Men", None, 3),
        ("ct", "Longsleeve", None, None, 1), ("pa", "Sweaters", "Men", None, 2), ("pa", "Sweatshirts", "Men", None, 1),
        ("ct", "Hoodie", None, None, 1), ("pa", "Jackets", "Men", None, 2), ("ct", "Outwear", None, None, 2),
        ("ct", "Blazer", None, None, 1), ("pa", "Jeans", "Men", None, 2), ("pa", "Trousers", "Men", "Formal", 1),
        ("pa", "Track Pants", "Men", None, 1), ("pa", "Shorts", "Men", None, 1), ("pa", "Formal Shoes", "Men", None, 1),
        ("pa", "Casual Shoes", "Men", None, 2), ("pa", "Sports Shoes", "Men", None, 1),
        ("pa", "Flip Flops", "Men", None, 1), ("pa", "Mufflers", "Men", None, 1), ("pa", "Gloves", "Men", None, 1),
        ("pa", "Caps", "Men", None, 1), ("pa", "Ties", "Men", None, 1), ("pa", "Watches", "Men", None, 1),
        ("pa", "Backpacks", None, None, 1),
    ],
    # Written for the fifth round (session 11), before the engine was run on them. A man who dresses for a hot
    # city office and owns no shorts at all: trousers, chinos and jeans must do in the heat.
    "summer-office-men": [
        ("pa", "Shirts", "Men", "Formal", 3), ("pa", "Shirts", "Men", "Casual", 2), ("ct", "Polo", None, None, 2),
        ("pa", "Tshirts", "Men", "Casual", 2), ("pa", "Sweaters", "Men", None, 1), ("ct", "Blazer", None, None, 1),
        ("pa", "Jackets", "Men", None, 1), ("pa", "Trousers", "Men", "Formal", 2), ("ct", "Pants", None, None, 2),
        ("pa", "Jeans", "Men", None, 1), ("pa", "Track Pants", "Men", None, 1), ("pa", "Formal Shoes", "Men", None, 2),
        ("pa", "Casual Shoes", "Men", None, 1), ("pa", "Sports Shoes", "Men", None, 1),
        ("pa", "Sandals", "Men", None, 1), ("pa", "Belts", "Men", None, 1), ("pa", "Watches", "Men", None, 1),
        ("pa", "Ties", "Men", None, 1), ("pa", "Sunglasses", "Men", None, 1), ("pa", "Backpacks", None, None, 1),
    ],
    # A woman who dresses for festivals and trips: no heels, flats or dress shoes at all, so an evening wedding
    # cannot be met on shoes and must be reported as such.
    "festival-women": [
        ("pa", "Tops", "Women", None, 3), ("pa", "Tshirts", "Women", None, 3), ("ct", "Blouse", None, None, 1),
        ("pa", "Shorts", "Women", None, 2), ("pa", "Jeans", "Women", None, 2), ("pa", "Skirts", "Women", None, 1),
        ("pa", "Dresses", "Women", None, 2), ("pa", "Leggings", "Women", None, 1), ("ct", "Hoodie", None, None, 1),
        ("pa", "Jackets", "Women", None, 1), ("ct", "Outwear", None, None, 1), ("pa", "Sweaters", "Women", None, 1),
        ("pa", "Casual Shoes", "Women", None, 1), ("pa", "Sports Shoes", "Women", None, 1),
        ("pa", "Sandals", None, None, 1), ("pa", "Flip Flops", "Women", None, 1), ("pa", "Backpacks", None, None, 1),
        ("pa", "Handbags", "Women", None, 1), ("pa", "Caps", "Women", None, 1), ("pa", "Sunglasses", "Women", None, 1),
    ],
}  # fmt: skip


def _rows(data: Path) -> dict[str, list[dict[str, str]]]:
    with (data / "product-attributes" / "labels.csv").open() as handle:
        product = list(csv.DictReader(handle))
    with (data / "clothing-types" / "labels.csv").open() as handle:
        clothing = [row for row in csv.DictReader(handle) if row["kids"] == "False"]
    return {"pa": product, "ct": clothing}


def _order(wardrobe: str, row: dict[str, str]) -> bytes:
    """Each wardrobe draws its own photos, so one mis-tagged photo does not recur in every wardrobe."""
    return hashlib.sha256(f"{wardrobe}/{row['image']}".encode()).digest()


def _drawn(name: str, draw: int) -> str:
    """Draw 0 is the reference wardrobe; other draws pick other photos of the same kinds."""
    return name if draw == 0 else f"{name}#{draw}"


def _pick(
    rows: dict[str, list[dict[str, str]]], wardrobe: str, pick: Pick, taken: set[str]
) -> list[tuple[str, TrueLabel]]:
    source, label, gender, usage, count = pick
    if source == "pa":
        matching = [
            r for r in rows["pa"]
            if r["articleType"] == label and (gender is None or r["gender"] in (gender, "Unisex"))
            and (usage is None or r["usage"] == usage)
        ]  # fmt: skip
        folder, kinds = "product-attributes", PRODUCT_KINDS
    else:
        matching, folder, kinds = [r for r in rows["ct"] if r["label"] == label], "clothing-types", CLOTHING_KINDS
    chosen = [
        r for r in sorted(matching, key=lambda row: _order(wardrobe, row)) if f"{folder}/{r['image']}" not in taken
    ][:count]
    if len(chosen) < count:
        raise ValueError(f"only {len(chosen)} {label} photos for {pick}")
    picked = []
    for row in chosen:
        path = f"{folder}/{row['image']}"
        taken.add(path)
        kind = product_kind(row) if source == "pa" else kinds[label]
        picked.append((path, TrueLabel(kind, row.get("usage"), row.get("baseColour"), path)))
    return picked


def _analysis(path: Path, analyzer: LocalAnalyzer) -> dict[str, object]:
    with Image.open(path) as opened:
        analysis = analyzer.analyze(opened.convert("RGB"))
    signature = pack(analysis.signature) if analysis.signature is not None else b""
    return {"tags": analysis.to_tags(), "signature": base64.b64encode(signature).decode()}


def load_wardrobes(data: Path, analyzer_dir: Path, draw: int = 0) -> list[Wardrobe]:
    analyzer = LocalAnalyzer.load(analyzer_dir)
    cache_path = CACHE_DIR / f"{analyzer.model_version}.json"  # model files and the analyser code that reads them
    cache: dict[str, dict[str, object]] = json.loads(cache_path.read_text()) if cache_path.exists() else {}
    rows, wardrobes, fresh = _rows(data), [], 0
    for name, picks in SPECS.items():
        taken: set[str] = set()
        items: list[WardrobeItem] = []
        truth: dict[int, TrueLabel] = {}
        for pick in picks:
            for path, label in _pick(rows, _drawn(name, draw), pick, taken):
                if path not in cache:
                    cache[path], fresh = _analysis(data / path, analyzer), fresh + 1
                item_id = len(items) + 1
                record = cache[path]
                row = WardrobeImage(id=item_id, tags=record["tags"], corrections=None)
                row.embedding = base64.b64decode(str(record["signature"])) or None
                items.append(to_wardrobe_item(row, with_embedding=True))
                truth[item_id] = label
        wardrobes.append(Wardrobe(name, tuple(items), truth))
    if fresh:
        cache_path.parent.mkdir(parents=True, exist_ok=True)
        cache_path.write_text(json.dumps(cache))
        print(f"  analysed {fresh} photos (cached to {cache_path})", flush=True)
    return wardrobes
