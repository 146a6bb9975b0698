"""Taste learned from Polyvore: which garment kinds and colour words people who care about fashion put together.

`python -m eval.polyvore_taste --data ../shared/data [--write]`
- kinds: 35,140 outfits (`polyvore-outfits/outfits.csv`); fine categories mapped to our garment types; a shrunk
  log lift per type pair, log((together + m) / (expected + m)), counted on the `train` split only;
- colour words: the 3,659 named outfits (`named-outfits.csv`), colour words read from the shop names, the same
  lift per colour-word pair, counted on its `valid` split (the file has no `train` split).
Each is scored on the held-out `test` split: real outfits vs the same outfit with one item swapped for a
same-slot item of another test outfit (AUC), and fill-in-the-blank among 4. Then the kind table is tried as the
engine's type affinity on the worn-outfit validation split. `--write` puts the Polyvore kind table into
models/outfit_weights.json (the fitted weights stay).
"""

import argparse
import csv
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from app.core.config import Settings
from app.styling.compatibility import WEIGHTS_PATH, PairModel, load_model, outfit_parts
from app.styling.features import GARMENT_TYPES, UNKNOWN_TYPE, Array, item_features
from app.vision.taxonomy import PARENT_TYPE, TYPES
from eval.outfits import auc, compatibility_auc, fitb_accuracy
from eval.outfits_data import WornOutfit, load_outfits
from eval.outfits_fit import _SAME_CATEGORY as SAME_CATEGORY
from eval.outfits_fit import lift_table, type_affinity

SEED = 14
FINE_TYPES = {
    "sandals": "sandals", "heels": "heels", "flats": "flats", "booties": "boots", "boots": "boots",
    "heeled boots": "boots", "over-the-knee boots": "boots", "flat boots": "boots", "sneakers": "sneakers",
    "male sneakers": "sneakers", "slippers": "slippers", "flip-flops": "flip-flops", "male flip-flops": "flip-flops",
    "closed shoes": "formal-shoes", "male formal shoes": "formal-shoes", "male loafers": "loafers",
    "platform shoes": "heels", "male shoes": "formal-shoes",
    "dress": "dress", "gown": "dress", "romper": "jumpsuit", "jumpsuit": "jumpsuit", "bodie": "bodysuit",
    "top": "top", "tunic": "top", "blouse": "blouse", "tshirt": "t-shirt", "male T-shirt": "t-shirt",
    "tank": "tank-top", "tank top": "tank-top", "male shirt": "shirt", "turtleneck sweater": "sweater",
    "sweater": "sweater", "male sweater": "sweater", "hoodie": "hoodie", "male polos": "polo",
    "sports long-sleeve shirt": "longsleeve",
    "skirt": "skirt", "long skirt": "skirt", "tennis skirt": "skirt", "jeans": "jeans", "male jeans": "jeans",
    "pant": "trousers", "pants": "trousers", "male pants": "trousers", "shorts": "shorts",
    "male knee-length shorts": "shorts", "sweatpants": "joggers", "male sweatpants": "joggers",
    "male track pants": "joggers",
    "parka": "puffer", "trench coat": "trench", "blazer": "blazer", "male formal jacket": "blazer",
    "male suit jacket": "blazer", "cardigan": "cardigan", "jacket/coat": "coat", "male jacket": "jacket",
    "bag": "bag", "purse": "bag", "clutch": "bag", "tote": "bag", "backpack": "bag", "satchel": "bag",
    "winter hat": "beanie", "male baseball caps": "hat", "scarf": "scarf", "male scarves": "scarf",
    "sunglasses": "sunglasses", "male sunglasses": "sunglasses", "watch": "watch", "male watch": "watch",
    "belt": "belt", "male belt": "belt", "gloves": "gloves", "male gloves": "gloves", "socks": "socks",
    "wallet": "wallet", "tie": "tie",
}  # fmt: skip
COLOUR_WORDS = (
    "black", "white", "grey", "gray", "navy", "blue", "red", "pink", "green", "yellow", "orange", "purple", "brown",
    "beige", "cream", "ivory", "camel", "tan", "khaki", "olive", "burgundy", "gold", "silver", "nude", "denim",
    "leopard", "floral", "striped", "metallic", "coral", "mint", "lavender", "teal", "blush", "rose", "taupe",
)  # fmt: skip


def _index(kind: str) -> int:
    return GARMENT_TYPES.index(kind) if kind in TYPES else UNKNOWN_TYPE


def _read(data: Path, name: str) -> list[dict[str, str]]:
    with (data / "polyvore-outfits" / name).open() as handle:
        return list(csv.DictReader(handle))


def kind_outfits(data: Path) -> dict[str, list[list[tuple[str, int]]]]:
    """split -> outfits as (coarse slot, type index) items, unknown fine categories left out."""
    splits: dict[str, list[list[tuple[str, int]]]] = {}
    for row in _read(data, "outfits.csv"):
        items = [item.split("|") for item in row["items"].split(";")]
        known = [(coarse, _index(FINE_TYPES[fine])) for fine, coarse in items if fine in FINE_TYPES]
        if len(known) >= 2:
            splits.setdefault(row["split"], []).append(known)
    return splits


def colour_outfits(data: Path) -> dict[str, list[list[tuple[str, int]]]]:
    """split -> named outfits as (slot, colour word index) items; items without a colour word left out."""
    grouped: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for row in _read(data, "named-outfits.csv"):
        words = re.findall(r"[a-z]+", row["name"].lower())
        found = [COLOUR_WORDS.index(w) for w in words if w in COLOUR_WORDS]
        if found:
            grouped.setdefault((row["split"], row["outfit"]), []).append((row["slot"], found[0]))
    splits: dict[str, list[list[tuple[str, int]]]] = {}
    for (split, _), items in grouped.items():
        if len(items) >= 2:
            splits.setdefault(split, []).append(items)
    return splits


def _score(items: Sequence[tuple[str, int]], table: Array) -> float:
    labels = [label for _, label in items]
    pairs = [table[a, b] for n, a in enumerate(labels) for b in labels[n + 1 :]]
    return float(np.mean(pairs)) if pairs else 0.0


def held_out(outfits: list[list[tuple[str, int]]], scorer: Callable[[Sequence[tuple[str, int]]], float]) -> str:
    """AUC of real vs one-item-swapped outfits and fill-in-the-blank (1 of 4), swaps within the same slot."""
    rng, pool = random.Random(SEED), dict[str, list[tuple[int, int]]]()
    for n, outfit in enumerate(outfits):
        for slot, label in outfit:
            pool.setdefault(slot, []).append((n, label))
    real, fake, hits = [], [], []
    for n, outfit in enumerate(outfits):
        position = rng.randrange(len(outfit))
        slot, label = outfit[position]
        others = [lab for m, lab in pool[slot] if m != n and lab != label]
        if len(others) < 3:
            continue
        swaps = [[*outfit[:position], (slot, lab), *outfit[position + 1 :]] for lab in rng.sample(others, 3)]
        real.append(scorer(outfit))
        fake.append(scorer(swaps[0]))
        scores = [real[-1], *(scorer(s) for s in swaps)]
        hits.append(int(np.argmax(scores)) == 0 and scores.count(scores[0]) == 1)
    return f"AUC {auc(real, fake):.3f}  FITB {np.mean(hits):.3f}  ({len(real)} outfits)"


def worn_split(data: Path, validation: bool) -> list[WornOutfit]:
    return [o for o in load_outfits(data, Settings(_env_file=None).model_dir) if o.is_validation == validation]


def worn_check(data: Path, table: Array | None) -> str:
    outfits = worn_split(data, validation=True)
    model = load_model() if table is None else replace(load_model(), type_affinity=table)

    def scorer(items: Sequence[object]) -> float:
        return sum(outfit_parts(item_features(items), model).values())  # type: ignore[arg-type]

    fitb, questions = fitb_accuracy(outfits, scorer)
    return f"AUC {compatibility_auc(outfits, scorer):.3f}  FITB {fitb:.3f}  ({questions} outfits)"


# Types Polyvore's categories never name borrow from their closest relative (besides taxonomy.PARENT_TYPE).
RELATIVE = {"kurta": "top", "polo": "t-shirt"}


def fill_missing_types(table: Array) -> Array:
    """Rows for the engine's types Polyvore has no category for: a coarse type (`pants`, `outerwear`: what the
    image engine says when unsure) is the mean of its finer types, a fine one (`leggings`, `sweatshirt`) takes
    its parent's row, so they are not all "no preference"."""
    filled = table.copy()
    known = {GARMENT_TYPES[r] for r in np.flatnonzero(np.abs(table).sum(1))}
    children: dict[str, list[str]] = {}
    for child, parent in PARENT_TYPE.items():
        children.setdefault(parent, []).append(child)
    for name in GARMENT_TYPES:  # coarse from fine first, so a fine type can then borrow from its coarse one
        found = [GARMENT_TYPES.index(c) for c in children.get(name, []) if c in known]
        if name not in known and found:
            _copy_row(filled, GARMENT_TYPES.index(name), filled[found].mean(0))
            known.add(name)
    for name in GARMENT_TYPES:
        parent = RELATIVE.get(name) or PARENT_TYPE.get(name, "")
        if name not in known and parent in known:
            _copy_row(filled, GARMENT_TYPES.index(name), filled[GARMENT_TYPES.index(str(parent))])
    np.fill_diagonal(filled, 0.0)
    filled[SAME_CATEGORY] = 0.0
    return filled


def _copy_row(table: Array, row: int, values: Array) -> None:
    table[row, :] = values
    table[:, row] = values


def kind_table(data: Path) -> Array:
    """The kind table learned on Polyvore's train split, indexed like the engine's type-affinity table."""
    kinds = kind_outfits(data)
    table = lift_table([[label for _, label in o] for o in kinds["train"]], UNKNOWN_TYPE + 1)
    table[UNKNOWN_TYPE, :] = table[:, UNKNOWN_TYPE] = 0.0
    table[SAME_CATEGORY] = 0.0  # as for the worn table: two items of one slot are the search's structural call
    return fill_missing_types(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--write", action="store_true", help="ship the Polyvore kind table as the type affinity")
    args = parser.parse_args()
    kinds, table = kind_outfits(args.data), kind_table(args.data)
    worn_table = type_affinity(worn_split(args.data, validation=False))  # learned from worn training outfits
    print(f"kinds: {len(kinds['train'])} training outfits, {len(kinds['test'])} held-out (Polyvore test split)")
    print(f"  Polyvore kind table       {held_out(kinds['test'], lambda o: _score(o, table))}")
    print(f"  worn-outfit kind table    {held_out(kinds['test'], lambda o: _score(o, worn_table))}")
    print(f"  no learned taste          {held_out(kinds['test'], lambda o: 0.0)}")
    colours = colour_outfits(args.data)
    colour_table = lift_table([[label for _, label in o] for o in colours["valid"]], len(COLOUR_WORDS))
    print(f"colour words: {len(colours['valid'])} named outfits to learn from, {len(colours['test'])} held-out")
    print(f"  Polyvore colour-word table {held_out(colours['test'], lambda o: _score(o, colour_table))}")
    print(f"  no learned taste           {held_out(colours['test'], lambda o: 0.0)}")
    print("worn outfits, validation split, engine compatibility with each type table:")
    print(f"  shipped weights   {worn_check(args.data, None)}")
    print(f"  worn-outfit table {worn_check(args.data, worn_table)}")
    print(f"  Polyvore table    {worn_check(args.data, table)}")
    print(f"  no type affinity  {worn_check(args.data, np.zeros_like(table))}")
    if args.write:
        shipped: PairModel = replace(load_model(), type_affinity=table)
        WEIGHTS_PATH.write_text(shipped.to_json({"type_affinity_from": "polyvore-outfits train split"}) + "\n")
        print(f"wrote {WEIGHTS_PATH}")


if __name__ == "__main__":
    main()
