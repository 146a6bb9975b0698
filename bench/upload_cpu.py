"""CPU per upload, stage by stage: `python -m bench.upload_cpu [--repeat 30]`.

Process time (not wall time) of what one upload's photo costs the server: `prepare_upload` (decode, orient,
re-encode, thumbnail), the analysis, the cut-out made after the answer, and the cut-out rebuilt from the stored
photo when its file is missing (with and without the stored category). On a machine shared with other work,
wall-clock latency (`bench.vision`) swings with the load; the CPU a stage takes moves much less, so run this in
two checkouts one after the other, alternating, to compare them.
"""

import argparse
import io
import statistics
import time
from collections.abc import Callable

from PIL import Image

from app.core.config import Settings
from app.core.cpu import limit_blas_threads
from app.vision.analyze import LocalAnalyzer
from app.vision.cutout import cutout_webp
from app.wardrobe.images import prepare_upload
from bench.common import sample_jpeg
from load.report import random_jpeg


def cpu_ms(run: Callable[[], object], *, repeat: int, warmup: int = 3) -> float:
    """Median process time of `run`, in ms."""
    for _ in range(warmup):
        run()
    samples = []
    for _ in range(repeat):
        started = time.process_time()
        run()
        samples.append((time.process_time() - started) * 1000)
    return statistics.median(samples)


def stages(analyzer: LocalAnalyzer, label: str, data: bytes, repeat: int) -> None:
    prepared = prepare_upload(data, max_pixels=50_000_000, thumbnail_size=320, quality=90)
    analysis = analyzer.analyze(prepared.image)
    garment, stored = analysis.garment, prepared.stored
    assert garment is not None, "models/mask.onnx is missing"
    photo = prepared.image
    parts = {
        "prepare": cpu_ms(lambda: prepare_upload(data, max_pixels=50_000_000, thumbnail_size=320, quality=90),
                          repeat=repeat),
        "analyse": cpu_ms(lambda: analyzer.analyze(photo), repeat=repeat),
        "cut-out": cpu_ms(lambda: cutout_webp(photo, garment), repeat=repeat),
    }  # fmt: skip
    cells = "  ".join(f"{name} {ms:6.2f}" for name, ms in parts.items())
    print(f"{label:<24} {cells}  sum {sum(parts.values()):6.2f} ms CPU")

    def rebuilt(category: str | None) -> Callable[[], object]:
        def run() -> object:  # the stored JPEG, decoded as `cutout_of` decodes it
            with Image.open(io.BytesIO(stored)) as opened:
                return analyzer.cutout(opened.convert("RGB"), category=category)

        return run

    print(
        f"{'':<24} cut-out rebuilt from the stored photo: {cpu_ms(rebuilt(None), repeat=repeat):6.2f} ms CPU, "
        f"with the stored category {cpu_ms(rebuilt(analysis.category), repeat=repeat):6.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    settings = Settings(_env_file=None)
    limit_blas_threads(settings.blas_threads)
    analyzer = LocalAnalyzer.load(settings.model_dir, threads=settings.vision_threads)
    print(f"CPU per upload: onnxruntime threads={settings.vision_threads}, p50 of {args.repeat} per stage")
    stages(analyzer, "1024x768 bench JPEG", sample_jpeg(), args.repeat)
    stages(analyzer, "320x240 load-run JPEG", random_jpeg(1), args.repeat)


if __name__ == "__main__":
    main()
