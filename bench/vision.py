"""Image analysis latency and batch-upload throughput: `make bench` (python -m bench.vision).

Prints p50/p95 for the analysis of a 1024x768 JPEG (decode, orient, analyse), its cut-out (made after the
upload answers) and both together, the whole upload preparation (plus re-encode and thumbnail), the analysis
of a load-run photo, peak memory, and images/s through the batch endpoint.
"""

import argparse
import asyncio
import io
import os
import tempfile
from pathlib import Path

import httpx
from PIL import Image

from app.core.config import Settings
from app.core.cpu import limit_blas_threads
from app.core.migrations import upgrade
from app.main import create_app
from app.vision.analyze import LocalAnalyzer
from app.vision.cutout import cutout_webp
from app.wardrobe.images import prepare_upload
from bench.common import peak_rss_mb, sample_jpeg, summary, timings_ms
from load.report import random_jpeg


def analysis_latency(analyzer: LocalAnalyzer, data: bytes, repeat: int) -> None:
    """The upload's critical path (decode, mask, every head), the cut-out made after the answer, and both."""
    with Image.open(io.BytesIO(data)) as opened:
        photo = opened.convert("RGB")
    garment = analyzer.analyze(photo).garment
    assert garment is not None, "models/mask.onnx is missing"

    def decode_and_analyze() -> None:
        with Image.open(io.BytesIO(data)) as image:
            analyzer.analyze(image.convert("RGB"))

    def decode_analyze_and_cut_out() -> None:
        with Image.open(io.BytesIO(data)) as image:
            rgb = image.convert("RGB")
            analysis = analyzer.analyze(rgb)
            assert analysis.garment is not None
            cutout_webp(rgb, analysis.garment)

    def full_upload_preparation() -> None:
        prepared = prepare_upload(data, max_pixels=50_000_000, thumbnail_size=320, quality=90)
        analyzer.analyze(prepared.image)

    print(summary("analysis of a 1024x768 JPEG (decode+analyse)", timings_ms(decode_and_analyze, repeat=repeat)))
    print(
        summary(
            "cut-out (WebP, encoded after the answer)", timings_ms(lambda: cutout_webp(photo, garment), repeat=repeat)
        )
    )
    print(summary("analysis + cut-out (issue 13: <= 40 ms)", timings_ms(decode_analyze_and_cut_out, repeat=repeat)))
    print(summary("upload preparation + analysis", timings_ms(full_upload_preparation, repeat=repeat)))


def load_photo_latency(analyzer: LocalAnalyzer, repeat: int) -> None:
    """What one upload of `make load` costs the server: its photos are 320x240 (load/report.py)."""
    data = random_jpeg(1)

    def decode_and_analyze() -> None:
        with Image.open(io.BytesIO(data)) as image:
            analyzer.analyze(image.convert("RGB"))

    print(summary("analysis of a 320x240 load-run photo", timings_ms(decode_and_analyze, repeat=repeat)))


async def batch_throughput(files: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        await asyncio.to_thread(upgrade, url)  # Alembic runs its own event loop
        settings = Settings(
            _env_file=None, database_url=url, storage_dir=Path(folder) / "images", max_batch_files=files
        )
        app = create_app(settings)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bench", timeout=300) as client:
                user = (await client.post("/api/users/", json={"username": "bench"})).json()
                headers = {"Authorization": f"Bearer {user['api_token']}"}
                # Distinct photos (sizes differ), so none is rejected as a duplicate.
                payload = [("files", (f"{i}.jpg", sample_jpeg((1024 + i, 768)), "image/jpeg")) for i in range(files)]
                loop = asyncio.get_running_loop()
                started = loop.time()
                response = await client.post(
                    f"/api/images/upload/batch?user_id={user['id']}", files=payload, headers=headers
                )
                elapsed = loop.time() - started
    body = response.json()
    rate = files / elapsed
    print(f"batch upload of {files} 1024x768 JPEGs: {body['created']} created in {elapsed:.2f} s = {rate:.1f} images/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--batch", type=int, default=20)
    args = parser.parse_args()
    settings = Settings(_env_file=None)  # STYLIST_* from the environment, as the server reads them
    limit_blas_threads(settings.blas_threads)  # as create_analyzer does in the server
    analyzer = LocalAnalyzer.load(settings.model_dir, threads=settings.vision_threads)
    print(
        f"vision benchmark: onnxruntime threads={settings.vision_threads}, BLAS threads={settings.blas_threads}, "
        f"cpu cores={os.cpu_count()}"
    )
    analysis_latency(analyzer, sample_jpeg(), args.repeat)
    load_photo_latency(analyzer, args.repeat)
    asyncio.run(batch_throughput(args.batch))
    print(f"peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
