"""How much compatibility signal the worn outfits hold at all: single signals and a richer learned model.

`python -m eval.outfits_ceiling --data ../shared/data` prints, on the same validation split and negatives as
`eval.outfits`, the AUC and fill-in-the-blank accuracy of
- single signals, including colour measured straight from the mask pixels (no analyser error: an upper
  bound for anything colour-based the engine could compute from a garment photo);
- a richer learned model than the engine ships: a logistic model on the mean, minimum and maximum over the
  outfit's pairs of every engine pair feature, the type affinity, 16 embedding PCA products and the
  pixel-colour similarity.
If these stay far below the issue's targets, no weighting of such features reaches them on this data.
"""

import argparse
import csv
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from PIL import Image

from app.core.config import Settings
from app.styling import WardrobeItem
from app.styling.features import Array, item_features, pair_features
from app.vision.colours import rgb_to_lab
from eval.outfits import NEGATIVES, Scorer, compatibility_auc, fitb_accuracy
from eval.outfits_data import LABEL_TYPES, MIN_PIXELS, WornOutfit, load_outfits
from eval.outfits_fit import slot_pool, swapped, type_affinity

EMBEDDING_COMPONENTS = 16
LAB_BINS = (4, 6, 6)
LAB_RANGE = ((0.0, 100.0), (-60.0, 60.0), (-60.0, 60.0))
RIDGE = 0.01
STEPS = 2000
LEARNING_RATE = 0.02


def pixel_colours(data: Path) -> dict[int, tuple[Array, Array]]:
    """Item id -> (mean CIELAB, normalised CIELAB histogram) of the garment's mask pixels.

    Items are numbered exactly as eval.outfits_data numbers them: outfits in CSV order, garments in mask-label
    order, the same labels and size cut-off.
    """
    root = data / "worn-outfits"
    labels = [line.split("\t")[-1].strip() for line in (root / "mask_labels.txt").read_text().split("\n")]
    labels = [label for label in labels if label]
    with (root / "outfits.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    colours, next_id = {}, 1
    for number, row in enumerate(rows, 1):
        with Image.open(root / row["photo"]) as photo, Image.open(root / row["mask"]) as mask_image:
            pixels = np.asarray(photo.convert("RGB"), dtype=np.float64).reshape(-1, 3)
            mask = np.asarray(mask_image).reshape(-1)
        for index in np.unique(mask):
            label = labels[int(index)] if int(index) < len(labels) else ""
            region = mask == index
            if label not in LABEL_TYPES or region.sum() < MIN_PIXELS:
                continue
            lab = rgb_to_lab(pixels[region])
            histogram = np.histogramdd(lab, bins=LAB_BINS, range=LAB_RANGE)[0].ravel()
            colours[next_id] = (lab.mean(0), histogram / histogram.sum())
            next_id += 1
        if number % 100 == 0 or number == len(rows):
            print(f"  measured mask pixels of {number}/{len(rows)} outfits", flush=True)
    return colours


PairSimilarity = Callable[[WardrobeItem, WardrobeItem], float]


def pair_mean(similarity: PairSimilarity) -> Scorer:
    def scorer(items: Sequence[WardrobeItem]) -> float:
        values = [similarity(a, b) for n, a in enumerate(items) for b in items[n + 1 :]]
        return float(np.mean(values)) if values else 0.0

    return scorer


class RichModel:
    """Pair features (engine, type affinity, embedding PCA, pixel colour) -> outfit mean/min/max -> logistic."""

    def __init__(self, train: list[WornOutfit], colours: dict[int, tuple[Array, Array]]) -> None:
        self.colours = colours
        self.affinity = type_affinity(train)
        embeddings = np.array([item.embedding for outfit in train for item in outfit.items], dtype=np.float64)
        self.centre = embeddings.mean(0)
        _, spread, basis = np.linalg.svd(embeddings - self.centre, full_matrices=False)
        self.projection = basis[:EMBEDDING_COMPONENTS] / spread[:EMBEDDING_COMPONENTS, None]
        self.weights, self.scale = np.zeros(0), np.zeros(0)
        self.fit(train)

    def pair_rows(self, items: Sequence[WardrobeItem]) -> Array:
        features = item_features(items)
        named = pair_features(features, features)
        columns = list(named.values())
        columns.append(self.affinity[features.garment_type[:, None], features.garment_type[None, :]])
        projected = (np.array([i.embedding for i in items], dtype=np.float64) - self.centre) @ self.projection.T
        columns += [np.outer(projected[:, d], projected[:, d]) for d in range(EMBEDDING_COMPONENTS)]
        histograms = np.sqrt(np.array([self.colours[i.id][1] for i in items]))
        columns.append(histograms @ histograms.T)  # Bhattacharyya coefficient of the pixel colours
        upper = np.triu_indices(len(items), k=1)
        return np.stack([column[upper] for column in columns], 1)

    def vector(self, items: Sequence[WardrobeItem]) -> Array:
        rows = self.pair_rows(items)
        return np.concatenate([rows.mean(0), rows.min(0), rows.max(0), [1.0]])

    def fit(self, train: list[WornOutfit]) -> None:
        vectors, targets = [], []
        pool = slot_pool(train)
        for index, outfit in enumerate(train):
            if len(outfit.items) < 2:
                continue
            vectors.append(self.vector(outfit.items))
            targets.append(1.0)
            for position, item in enumerate(outfit.items):
                if item.category in pool:
                    for fake in swapped(train, index, position, pool, NEGATIVES):
                        vectors.append(self.vector(fake))
                        targets.append(0.0)
        x, y = np.array(vectors), np.array(targets)
        self.scale = np.where(x.std(0) > 1e-9, x.std(0), 1.0)
        x = x / self.scale
        balance = np.where(y == 1, 0.5 / y.mean(), 0.5 / (1 - y.mean()))  # real and swapped weigh the same
        weights, velocity = np.zeros(x.shape[1]), np.zeros(x.shape[1])
        for _ in range(STEPS):
            error = (0.5 * (1 + np.tanh(x @ weights / 2)) - y) * balance  # sigmoid that cannot overflow
            velocity = 0.9 * velocity - LEARNING_RATE * (x.T @ error / len(y) + 2 * RIDGE * weights)
            weights = weights + velocity
        self.weights = weights

    def __call__(self, items: Sequence[WardrobeItem]) -> float:
        return float((self.vector(items) / self.scale) @ self.weights)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = parser.parse_args()
    outfits = load_outfits(args.data, Settings(_env_file=None).model_dir)
    colours = pixel_colours(args.data)
    train = [o for o in outfits if not o.is_validation]
    validation = [o for o in outfits if o.is_validation]
    affinity = type_affinity(train)

    def bhattacharyya(a: WardrobeItem, b: WardrobeItem) -> float:
        return float(np.sqrt(colours[a.id][1] * colours[b.id][1]).sum())

    def closeness(a: WardrobeItem, b: WardrobeItem) -> float:
        return -float(np.linalg.norm(colours[a.id][0] - colours[b.id][0]))

    def affinity_of(a: WardrobeItem, b: WardrobeItem) -> float:
        rows = item_features([a, b]).garment_type
        return float(affinity[rows[0], rows[1]])

    def cosine(a: WardrobeItem, b: WardrobeItem) -> float:
        return float(np.dot(a.embedding, b.embedding)) if a.embedding is not None and b.embedding is not None else 0

    signals = {
        "pixel colour histograms (Bhattacharyya)": pair_mean(bhattacharyya),
        "pixel mean colour closeness (-dE)": pair_mean(closeness),
        "type affinity (training outfits)": pair_mean(affinity_of),
        "embedding cosine": pair_mean(cosine),
    }
    print(f"validation: {len(validation)} outfits; targets AUC 0.750, FITB 0.450 (random 0.500 / 0.250)")
    for name, scorer in signals.items():
        auc, fitb = compatibility_auc(validation, scorer), fitb_accuracy(validation, scorer)[0]
        print(f"  {name:<42} AUC {auc:.3f}  FITB {fitb:.3f}", flush=True)
    print("fitting the richer model on the training split", flush=True)
    rich = RichModel(train, colours)
    for name, split in (("training", train), ("validation", validation)):
        auc, fitb = compatibility_auc(split, rich), fitb_accuracy(split, rich)[0]
        print(f"  richer learned model, {name:<20} AUC {auc:.3f}  FITB {fitb:.3f}")


if __name__ == "__main__":
    main()
