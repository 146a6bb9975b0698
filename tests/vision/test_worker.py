"""The analysis process (app/vision/worker.py): the tags and cut-outs of the server's own, and a dead child replaced."""

import multiprocessing
import os
import signal
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from app.core.config import Settings
from app.main import create_app
from app.vision.analyze import LocalAnalyzer
from app.vision.cutout import cutout_webp
from app.vision.worker import AnalysisProcess
from tests.factories import create_user, jpeg, upload
from tests.vision.test_analyze import photo


@pytest.fixture(scope="module")
def analysis_process() -> Iterator[AnalysisProcess]:
    process = AnalysisProcess(Settings(_env_file=None).model_dir, threads=1, blas_threads=1, niceness=5)
    yield process
    process.close()


@pytest.mark.parametrize("name", ["tshirt-blue.jpg", "shoes-black-boot.jpg", "dress-floral.jpg"])
def test_the_child_tags_and_cuts_out_exactly_as_the_server_would(
    analysis_process: AnalysisProcess, local_analyzer: LocalAnalyzer, name: str
) -> None:
    image = photo(name)
    there, here = analysis_process.analyze(image), local_analyzer.analyze(image)
    assert there.to_tags() == here.to_tags()
    assert there.embedding is not None and here.embedding is not None
    assert there.embedding.tobytes() == here.embedding.tobytes()
    assert there.garment is not None and here.garment is not None
    assert cutout_webp(image, there.garment) == cutout_webp(image, here.garment)
    rebuilt = analysis_process.cutout(image, category=here.category)
    assert rebuilt == local_analyzer.cutout(image, category=here.category)
    assert analysis_process.model_version == local_analyzer.model_version


def test_the_child_runs_at_a_lower_priority(analysis_process: AnalysisProcess) -> None:
    mine = os.getpriority(os.PRIO_PROCESS, 0)
    assert os.getpriority(os.PRIO_PROCESS, analysis_process.pid()) == min(19, mine + 5)


def test_a_child_that_died_is_replaced_and_the_photo_still_analysed(analysis_process: AnalysisProcess) -> None:
    first = analysis_process.pid()
    os.kill(first, signal.SIGKILL)
    analysis = analysis_process.analyze(photo("tshirt-blue.jpg"))
    assert analysis.category == "top"
    assert analysis_process.pid() != first


async def test_the_server_uploads_and_cuts_out_through_its_analysis_process(settings: Settings, tmp_path: Path) -> None:
    app = create_app(settings.model_copy(update={"vision_process": True}))
    async with app.router.lifespan_context(app):
        assert isinstance(app.state.analyzer, AnalysisProcess)
        child = app.state.analyzer.pid()
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            ana = await create_user(client)
            item = (await upload(client, ana, jpeg((200, 30, 40)))).json()
            assert item["tags"]["garment_mask"] == "learned"
            cutout = await client.get(f"/api/images/{ana.id}/{item['id']}/cutout", headers=ana.headers)
            assert cutout.status_code == 200 and cutout.headers["content-type"] == "image/webp"
    with pytest.raises(ProcessLookupError):  # stopped with the server
        os.kill(child, 0)


def test_two_processes_analyse_two_photos_at_once_with_the_same_tags(local_analyzer: LocalAnalyzer) -> None:
    """STYLIST_VISION_PROCESSES=2: photos that arrive together are analysed side by side, each as the server would."""
    before = set(multiprocessing.active_children())
    process = AnalysisProcess(Settings(_env_file=None).model_dir, threads=1, blas_threads=1, niceness=5, processes=2)
    try:
        names = ["tshirt-blue.jpg", "dress-floral.jpg", "shoes-black-boot.jpg", "tshirt-blue.jpg"]
        with ThreadPoolExecutor(4) as threads:
            there = list(threads.map(lambda name: process.analyze(photo(name)), names))
        assert [a.to_tags() for a in there] == [local_analyzer.analyze(photo(name)).to_tags() for name in names]
        assert len(set(multiprocessing.active_children()) - before) == 2, "a second child for the photos that waited"
    finally:
        process.close()
