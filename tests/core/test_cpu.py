"""The server runs numpy's BLAS on one thread (app/core/cpu.py): spinning pool threads took the cores from requests."""

from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

from app.core.config import Settings
from app.main import create_app


def blas_threads() -> set[int]:
    return {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"}


async def test_serving_caps_blas_at_the_configured_threads(database_url: str, tmp_path: Path) -> None:
    threadpool_limits(limits=2, user_api="blas")  # what OpenBLAS starts with on a 2-core machine
    np.ones((64, 64)) @ np.ones((64, 64))  # make sure the library is loaded and listed
    assert blas_threads(), "numpy's BLAS library was not found"
    settings = Settings(_env_file=None, database_url=database_url, auto_migrate=False, storage_dir=tmp_path)
    app = create_app(settings.model_copy(update={"blas_threads": 1}))
    async with app.router.lifespan_context(app):
        assert blas_threads() == {1}
