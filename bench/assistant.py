"""Assistant latency: `python -m bench.assistant` (local engine, no network).

Prints p50/p95 for a whole local answer and for the first streamed chunk, over the evaluation questions
(eval/assistant_data, first turn of every case, every language) on its 36-item wardrobe and on a 200-item
wardrobe made from it.
"""

import argparse
import asyncio
import time
from dataclasses import replace

from app import styling
from app.assistant import ConversationContext, create_assistant
from app.assistant.local.plan import prepare
from app.assistant.local.understand import understand
from app.core.config import get_settings
from app.core.cpu import limit_blas_threads
from app.styling import WardrobeItem
from bench.common import summary
from eval.assistant import load_cases, load_wardrobes


def grown(wardrobe: tuple[WardrobeItem, ...], size: int) -> tuple[WardrobeItem, ...]:
    """A bigger wardrobe: copies of the fixture items under new ids, so outfit search has more to do."""
    return tuple(replace(wardrobe[i % len(wardrobe)], id=1000 + i) for i in range(size))


async def measure(questions: list[str], wardrobe: tuple[WardrobeItem, ...], rounds: int) -> tuple[list[float], ...]:
    assistant = create_assistant()
    whole, first = [], []
    for _ in range(rounds):
        for question in questions:
            understand.cache_clear()  # a new question is never in the cache: measure its parse, not a repeat's
            started = time.perf_counter()
            stream = assistant.stream(ConversationContext(question, "minimal, navy and camel", (), wardrobe))
            first_chunk = None
            async for _chunk in stream:
                first_chunk = first_chunk or time.perf_counter()
            done = time.perf_counter()
            whole.append((done - started) * 1000)
            first.append(((first_chunk or done) - started) * 1000)
    return whole, first


def engine_alone(questions: list[str], wardrobe: tuple[WardrobeItem, ...], rounds: int) -> list[float]:
    """`app.styling.suggest` by itself for the same questions: what an outfit answer cannot be faster than."""
    times = []
    for _ in range(rounds):
        for question in questions:
            ask = prepare(ConversationContext(question, "minimal, navy and camel", (), wardrobe))
            started = time.perf_counter()
            styling.suggest(list(wardrobe), ask.style(), styling.FeedbackStats(), count=3)
            times.append((time.perf_counter() - started) * 1000)
    return times


async def run(rounds: int) -> None:
    questions = [case.turns[0][0] for case in load_cases()]
    base = load_wardrobes()["anna"]
    await measure(questions[:5], base, 1)  # warm-up: the outfit engine loads its model once
    for label, wardrobe in ((f"{len(base)} items", base), ("200 items", grown(base, 200))):
        whole, first = await measure(questions, wardrobe, rounds)
        print(summary(f"local answer, whole ({label})", whole))
        print(summary(f"local answer, first chunk ({label})", first))
    outfits = [case.turns[0][0] for case in load_cases() if case.id.split("-")[1] in ("out", "cold", "dinner", "cycle")]
    whole, first = await measure(outfits, grown(base, 200), rounds)
    print(summary("outfit requests only, whole (200 items)", whole))
    print(summary("outfit requests only, first chunk (200 items)", first))
    print(summary("  the outfit engine alone, same questions", engine_alone(outfits, grown(base, 200), rounds)))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="passes over the question set")
    limit_blas_threads(get_settings().blas_threads)  # the outfit engine's numpy, capped as in the server
    asyncio.run(run(parser.parse_args().rounds))


if __name__ == "__main__":
    main()
