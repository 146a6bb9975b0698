"""CPU per upload, stage by stage: `python -m bench.upload_cpu [--repeat 30]`.

Process time (not wall time) of what one upload's photo costs the server: `prepare_upload` (decode, orient,
re-encode, thumbnail), the analysis, the cut-out made after the answer, the cut-out rebuilt from the stored
photo when its file is missing (with and without the stored category), and what the server itself spends on an
analysis run in its child process. On a machine shared with other work,
wall-clock latency (`bench.vision`) swings with the load; the CPU a stage takes moves much less, so run this in
two checkouts one after the other, alternating, to compare them.
"""

import argparse
import io
from collections.abc import Callable
from functools import partial

from PIL import Image

from app.core.config import Settings
from app.core.cpu import limit_blas_threads
from app.vision.analyze import LocalAnalyzer
from app.vision.cutout import cutout_webp
from app.vision.worker import AnalysisProcess
from app.wardrobe.images import prepare_upload
from bench.common import cpu_ms, sample_jpeg
from load.report import random_jpeg


def stages(analyzer: LocalAnalyzer, label: str, data: bytes, repeat: int) -> None:
    prepared = prepare_upload(data, max_pixels=50_000_000, thumbnail_size=320, quality=90)
    analysis = analyzer.analyze(prepared.image)
    garment, stored = analysis.garment, prepared.stored
    assert garment is not None, "models/mask.onnx is missing"
    photo = prepared.image
    parts = {
        "prepare": cpu_ms(lambda: prepare_upload(data, max_pixels=50_000_000, thumbnail_size=320, quality=90),
                          repeat=repeat, warmup=3),
        "analyse": cpu_ms(lambda: analyzer.analyze(photo), repeat=repeat, warmup=3),
        "cut-out": cpu_ms(lambda: cutout_webp(photo, garment), repeat=repeat, warmup=3),
    }  # fmt: skip
    cells = "  ".join(f"{name} {ms:6.2f}" for name, ms in parts.items())
    print(f"{label:<24} {cells}  sum {sum(parts.values()):6.2f} ms CPU")

    def rebuilt(category: str | None) -> Callable[[], object]:
        def run() -> object:  # the stored JPEG, decoded as `cutout_of` decodes it
            with Image.open(io.BytesIO(stored)) as opened:
                return analyzer.cutout(opened.convert("RGB"), category=category)

        return run

    guessed = cpu_ms(rebuilt(None), repeat=repeat, warmup=3)
    stored_category = cpu_ms(rebuilt(analysis.category), repeat=repeat, warmup=3)
    print(
        f"{'':<24} cut-out rebuilt from the stored photo: {guessed:6.2f} ms CPU, "
        f"with the stored category {stored_category:6.2f} ms"
    )


def through_the_child(settings: Settings, repeat: int) -> None:
    """What the server itself spends when the analysis runs in its child process (app/vision/worker.py)."""
    process = AnalysisProcess(
        settings.model_dir, threads=settings.vision_threads, blas_threads=settings.blas_threads, niceness=0
    )
    try:
        for label, data in (("1024x768 bench JPEG", sample_jpeg()), ("320x240 load-run JPEG", random_jpeg(1))):
            photo = prepare_upload(data, max_pixels=50_000_000, thumbnail_size=320, quality=90).image
            spent = cpu_ms(partial(process.analyze, photo), repeat=repeat, warmup=3)
            print(f"{label:<24} analyse in the child process: {spent:6.2f} ms of the server's CPU")
    finally:
        process.close()


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
    through_the_child(settings, args.repeat)


if __name__ == "__main__":
    main()
