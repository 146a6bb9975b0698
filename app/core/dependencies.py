"""Typed dependencies for resources created once in the app's lifespan.

All `async def`: FastAPI runs a plain `def` dependency in its thread pool, a thread hop per request for
what is an attribute read.
"""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query, Request
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.assistant import Assistant
from app.core.config import Settings
from app.storage.base import Storage
from app.vision.analyze import ImageAnalyzer


async def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_storage(request: Request) -> Storage:
    storage: Storage = request.app.state.storage
    return storage


async def get_analyzer(request: Request) -> ImageAnalyzer:
    analyzer: ImageAnalyzer = request.app.state.analyzer
    return analyzer


async def get_session_factory(request: Request) -> async_sessionmaker[AsyncSession]:
    """For work after the response (a background task's own session; the request's is closed by then)."""
    factory: async_sessionmaker[AsyncSession] = request.app.state.session_factory
    return factory


async def get_assistant(request: Request) -> Assistant:
    assistant: Assistant = request.app.state.assistant
    return assistant


AssistantDep = Annotated[Assistant, Depends(get_assistant)]
AnalyzerDep = Annotated[ImageAnalyzer, Depends(get_analyzer)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
SessionFactoryDep = Annotated[async_sessionmaker[AsyncSession], Depends(get_session_factory)]
StorageDep = Annotated[Storage, Depends(get_storage)]


# Far past any real list, and small enough for every database's integer type (a huge offset was a 500).
MAX_OFFSET = 1_000_000


@dataclass(frozen=True)
class Page:
    """`limit`/`offset` for every list: newest first, at most 500 rows per call."""

    limit: int
    offset: int


async def get_page(
    limit: Annotated[int, Query(ge=1, le=500, description="Rows to return (max 500).")] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description=f"Rows to skip (max {MAX_OFFSET}).")] = 0,
) -> Page:
    return Page(limit=limit, offset=offset)


PageDep = Annotated[Page, Depends(get_page)]
