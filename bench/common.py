"""Helpers shared by the benchmarks: timing summaries and a sample photo."""

import io
import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "images"


def sample_jpeg(size: tuple[int, int] = (1024, 768), name: str | None = None) -> bytes:
    """A real garment photo from the test fixtures, scaled to `size` like a phone upload."""
    path = FIXTURES / name if name else sorted(FIXTURES.glob("*.jpg"))[0]
    with Image.open(path) as image:
        scaled = image.convert("RGB").resize(size, Image.Resampling.BICUBIC)
    buffer = io.BytesIO()
    scaled.save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def timings_ms(run: Callable[[], object], *, repeat: int, warmup: int = 3) -> list[float]:
    for _ in range(warmup):
        run()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def summary(label: str, samples: list[float]) -> str:
    return (
        f"{label:<46} p50 {statistics.median(samples):7.2f} ms   p95 {percentile(samples, 95):7.2f} ms   "
        f"n={len(samples)}"
    )


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_ms(run: Callable[[], object], *, repeat: int, warmup: int = 0) -> float:
    """Median CPU time of this process per run, in ms: on a shared machine wall time mostly measures the other jobs."""
    for _ in range(warmup):
        run()
    samples = []
    for _ in range(repeat):
        started = time.process_time()
        run()
        samples.append((time.process_time() - started) * 1000)
    return statistics.median(samples)
