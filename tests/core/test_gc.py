"""The collector stays out of the way of requests in flight (app/main.py::keep_out_of_collections)."""

import gc

from fastapi import FastAPI

from app.main import YOUNG_OBJECTS_BEFORE_A_COLLECTION


async def test_start_up_freezes_its_objects_and_collects_young_objects_less_often(app: FastAPI) -> None:
    assert gc.get_freeze_count() > 10_000  # the model, vocabularies and routes are out of the collector's reach
    assert gc.get_threshold()[0] == YOUNG_OBJECTS_BEFORE_A_COLLECTION > 700  # Python's default is 700
