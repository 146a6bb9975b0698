"""Image analysis in one separate process, so the server's requests never wait on the GIL behind it.

In a server thread, the analysis's Python and numpy steps (mask clean-up, colour statistics, heads: about half of
its ~30 ms of CPU) hold the GIL, and every request of the event loop queued behind them. In a child process the
loop keeps its interpreter to itself. The child loads the model once, at a lower CPU priority than the server (a
read waits less; an upload, which waits for the child anyway, is the one to wait), and analyses one photo at a
time. What crosses the process boundary is plain data: the photo's pixels in, the ItemAnalysis out.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TypeVar

from PIL import Image

from app.core.cpu import limit_blas_threads
from app.vision.analyze import ItemAnalysis, LocalAnalyzer, analysis_copy

logger = logging.getLogger(__name__)
T = TypeVar("T")

_analyzer: LocalAnalyzer | None = None  # the child's model, loaded once by _load


def _load(model_dir: Path, threads: int, blas_threads: int, niceness: int) -> None:
    global _analyzer  # one model per child process, for the process's life
    # Ctrl-C reaches the whole process group: the server decides when its analyses stop (graceful shutdown).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if niceness:
        os.nice(niceness)
    limit_blas_threads(blas_threads)  # the child's main thread runs the work: the cap holds (app/core/cpu.py)
    _analyzer = LocalAnalyzer.load(model_dir, threads=threads)


def _child() -> LocalAnalyzer:
    assert _analyzer is not None, "the analysis process was started without its model"
    return _analyzer


def _model_version() -> str:
    return _child().model_version


def _analyze(image: Image.Image) -> ItemAnalysis:
    return _child().analyze(image)


def _cutout(image: Image.Image, category: str | None) -> bytes | None:
    return _child().cutout(image, category=category)


class AnalysisProcess:
    """An ImageAnalyzer whose LocalAnalyzer runs in one child process; a child that died is replaced."""

    def __init__(self, model_dir: Path, *, threads: int, blas_threads: int, niceness: int, processes: int = 1) -> None:
        self._start_args = (model_dir, threads, blas_threads, niceness)
        self._processes = processes
        self._lock = threading.Lock()
        self._pool = self._new_pool()
        # Waits for the child to load the model, as the in-process analyser does before the server accepts requests.
        self.model_version: str = self._call(_model_version)

    def _new_pool(self) -> ProcessPoolExecutor:
        # spawn, not fork: the server already runs threads (onnxruntime's, the event loop's) a fork would copy mid-work.
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(
            max_workers=self._processes, mp_context=context, initializer=_load, initargs=self._start_args
        )

    def _call(self, work: Callable[..., T], *args: object) -> T:
        """Run `work` in the child and wait for it (from a worker thread: the event loop never blocks here)."""
        pool = self._pool
        try:
            return pool.submit(work, *args).result()
        except BrokenProcessPool:
            # The child died (killed, out of memory): start another one and try this photo once more there.
            logger.warning("the image analysis process stopped; starting a new one")
            with self._lock:
                if self._pool is pool:
                    self._pool = self._new_pool()
                pool = self._pool
            return pool.submit(work, *args).result()

    def analyze(self, image: Image.Image) -> ItemAnalysis:
        # The analysis reads only its ANALYSIS_SIDE copy, made here (Pillow resizes without the GIL): a phone photo's
        # pixels sent whole cost the server ~8 ms of CPU to pickle and pipe, this copy ~1.4 ms. analysis_copy of that
        # copy is the copy itself, so the tags are the same.
        return self._call(_analyze, analysis_copy(image))

    def pid(self) -> int:
        """The analysing child's process id (it changes when a dead child is replaced)."""
        return self._call(os.getpid)

    def cutout(self, image: Image.Image, *, category: str | None = None) -> bytes | None:
        return self._call(_cutout, image, category)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
