"""Outfit search latency on synthetic wardrobes of 50, 500 and 5000 items (`python -m bench.outfits`).

Items get a realistic slot mix, random types, colours, patterns and unit embeddings, and a third of them another
kind of their slot they may be (type candidates, which the rules weigh per item); each run asks for the top 10
outfits. Time should grow about linearly with the wardrobe, never like the product of the slots.
numpy's BLAS gets the server's thread cap (STYLIST_BLAS_THREADS, app/core/cpu.py), so this measures what a
request costs there; OpenBLAS's default spins a thread per core between products.
"""

import random
import statistics
from functools import partial

import numpy as np

from app.core.config import get_settings
from app.core.cpu import limit_blas_threads
from app.styling import StyleContext, WardrobeItem, suggest
from app.vision.taxonomy import TYPES, base_formality, base_warmth
from bench.common import cpu_ms, percentile, timings_ms

SLOT_MIX = {"top": 0.32, "bottom": 0.2, "one-piece": 0.08, "outerwear": 0.1, "shoes": 0.15, "accessory": 0.15}
PATTERNS = ("solid",) * 6 + ("striped", "checked", "floral", "dotted", "graphic")
STYLES = ("casual", "casual", "smart-casual", "formal", "sporty")


def wardrobe(size: int, seed: int = 0) -> list[WardrobeItem]:
    rng, vectors = random.Random(seed), np.random.default_rng(seed).normal(size=(size, 1280)).astype(np.float32)
    maybe = random.Random(seed + 1)  # its own draws, so the wardrobe itself is the one measured before candidates
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    by_slot = {slot: [t for t, (c, _, _) in TYPES.items() if c == slot] for slot in SLOT_MIX}
    items = []
    for n in range(size):
        slot = rng.choices(list(SLOT_MIX), weights=list(SLOT_MIX.values()))[0]
        kind = rng.choice(by_slot[slot])
        colours = [f"#{rng.randrange(0x1000000):06X}" for _ in range(rng.randint(1, 3))]
        items.append(
            WardrobeItem(
                id=n + 1,
                type=kind,
                category=slot,
                style=rng.choice(STYLES),
                pattern=rng.choice(PATTERNS),
                formality=base_formality(kind),
                warmth=base_warmth(kind),
                seasons=("spring", "fall"),
                colour_hexes=tuple(colours),
                colour_shares=tuple([1 / len(colours)] * len(colours)),
                embedding=vectors[n],
                alternatives=((maybe.choice(by_slot[slot]), round(maybe.uniform(0.1, 0.5), 2)),)
                if maybe.random() < 1 / 3
                else (),
            )
        )
    return items


def main() -> None:
    threads = get_settings().blas_threads
    limit_blas_threads(threads)  # as the server does at start-up
    print(f"BLAS threads: {threads} (the server's STYLIST_BLAS_THREADS)", flush=True)
    context = StyleContext(occasion="work", temperature_c=14)  # every rule applies: dress code, warmth
    medians = {}
    for size, repeat in ((50, 30), (500, 20), (5000, 10)):
        items = wardrobe(size)
        samples = timings_ms(partial(suggest, items, context, count=10), repeat=repeat, warmup=2)
        medians[size] = statistics.median(samples)
        found = len(suggest(items, context, count=10).outfits)
        cpu = cpu_ms(partial(suggest, items, context, count=10), repeat=repeat)
        print(
            f"suggest top 10, {size:>5} items: p50 {medians[size]:7.1f} ms   p95 {percentile(samples, 95):7.1f} ms"
            f"   cpu p50 {cpu:7.1f} ms   n={repeat}   outfits={found}",
            flush=True,
        )
    print(
        f"growth: 50->500 items x{medians[500] / medians[50]:.1f} time, "
        f"500->5000 items x{medians[5000] / medians[500]:.1f} time (10x items each step)"
    )
    # The costliest day: a coat is required and a blazer may go under it (one more slot in the search).
    rainy = StyleContext(occasion="work", temperature_c=4, rain=True)
    for size, repeat in ((500, 20), (5000, 10)):
        items = wardrobe(size)
        samples = timings_ms(partial(suggest, items, rainy, count=10), repeat=repeat, warmup=2)
        cpu = cpu_ms(partial(suggest, items, rainy, count=10), repeat=repeat)
        print(
            f"rainy 4 °C commute, {size:>5} items: p50 {statistics.median(samples):7.1f} ms   "
            f"p95 {percentile(samples, 95):7.1f} ms   cpu p50 {cpu:7.1f} ms   n={repeat}",
            flush=True,
        )


if __name__ == "__main__":
    main()
