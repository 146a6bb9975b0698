"""Fixtures: a migrated database (SQLite always, PostgreSQL when STYLIST_TEST_DATABASE_URL is set), real files.

Every test that takes `client` runs once per database backend, so the same suite proves both work.
"""

import asyncio
import os
import shutil
import socket
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import boto3
import httpx
import pytest
from fastapi import FastAPI
from moto.server import ThreadedMotoServer
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from app.core import migrations
from app.core.config import Settings
from app.main import create_app
from app.models import metadata
from app.vision.analyze import LocalAnalyzer
from tests.fakes.llm_server import FakeLLMServer

PG_URL_VARIABLE = "STYLIST_TEST_DATABASE_URL"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db") / "template.db"
    migrations.upgrade(f"sqlite+aiosqlite:///{path}")
    return path


async def _admin(url: str, statement: str) -> None:
    engine = create_async_engine(url, isolation_level="AUTOCOMMIT")
    async with engine.connect() as connection:
        await connection.execute(text(statement))
    await engine.dispose()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throw-away database on the server named by STYLIST_TEST_DATABASE_URL, migrated once."""
    base = os.environ.get(PG_URL_VARIABLE)
    if not base:
        pytest.skip(f"{PG_URL_VARIABLE} is not set")
    name = f"stylist_test_{uuid.uuid4().hex[:10]}"
    asyncio.run(_admin(base, f'CREATE DATABASE "{name}"'))
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    try:
        migrations.upgrade(url)
        yield url
    finally:
        asyncio.run(_admin(base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def truncate_all(url: str) -> None:
    tables = ", ".join(f'"{table.name}"' for table in metadata.sorted_tables)
    engine = create_async_engine(url)
    async with engine.begin() as connection:
        await connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    await engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> Iterator[str]:
    if request.param == "sqlite":
        path = tmp_path / "stylist.db"
        shutil.copy(sqlite_template, path)  # a migrated copy per test: isolated and fast
        yield f"sqlite+aiosqlite:///{path}"
        return
    url: str = request.getfixturevalue("postgres_url")
    yield url
    asyncio.run(truncate_all(url))


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        _env_file=None,
        database_url=database_url,
        auto_migrate=False,
        storage_dir=tmp_path / "images",
        vision_process=False,  # a child process per test's app would cost seconds; tests/vision/test_worker.py has one
    )


@pytest.fixture
async def app(settings: Settings) -> AsyncIterator[FastAPI]:
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield http


@pytest.fixture
def storage_dir(settings: Settings) -> Path:
    return settings.storage_dir


@pytest.fixture
async def client_with(settings: Settings) -> AsyncIterator[object]:
    """Build a client whose settings differ from the default test settings (limits, storage backend)."""
    stack: list[tuple[FastAPI, httpx.AsyncClient]] = []

    async def build(**overrides: object) -> httpx.AsyncClient:
        application = create_app(settings.model_copy(update=overrides))
        await application.router.lifespan_context(application).__aenter__()
        transport = httpx.ASGITransport(app=application, raise_app_exceptions=False)
        http = httpx.AsyncClient(transport=transport, base_url="http://test")
        stack.append((application, http))
        return http

    yield build
    for application, http in stack:
        await http.aclose()
        await application.state.db_engine.dispose()


@pytest.fixture(scope="session")
def local_analyzer() -> LocalAnalyzer:
    """The shipped model, loaded once for the whole run."""
    return LocalAnalyzer.load(Settings(_env_file=None).model_dir, threads=2)


@pytest.fixture(scope="session")
def fake_llm() -> Iterator[FakeLLMServer]:
    server = FakeLLMServer().start()
    yield server
    server.stop()


S3_BUCKET = "stylist-test"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3_bucket(s3_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    # Credentials for the fake endpoint only; boto3 reads them like real ones.
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=S3_BUCKET)
    yield S3_BUCKET
    for obj in client.list_objects_v2(Bucket=S3_BUCKET).get("Contents", []):
        client.delete_object(Bucket=S3_BUCKET, Key=obj["Key"])
    client.delete_bucket(Bucket=S3_BUCKET)
