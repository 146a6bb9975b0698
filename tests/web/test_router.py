"""The web app and the docs are served from local files, under a policy that lets them load nothing else."""

import re
from pathlib import Path

import httpx

from app.web.router import STATIC_DIR


async def test_app_page_and_its_scripts_are_served(client: httpx.AsyncClient) -> None:
    page = await client.get("/app")
    assert page.status_code == 200
    assert "text/html" in page.headers["content-type"]
    policy = page.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy
    for src in re.findall(r'(?:src|href)="(/app/static/[^"]+)"', page.text):
        assert (await client.get(src)).status_code == 200, src
    script = await client.get("/app/static/js/main.js")
    assert "javascript" in script.headers["content-type"]
    assert (await client.get("/app/")).headers["location"] == "/app"


async def test_the_app_references_nothing_outside_the_server() -> None:
    for path in Path(STATIC_DIR).rglob("*"):
        if path.suffix in {".html", ".js", ".css"}:
            text = path.read_text()
            assert not re.search(r"https?://", text), f"{path} names another origin"


async def test_docs_pages_use_local_assets(client: httpx.AsyncClient) -> None:
    for route in ("/docs", "/redoc"):
        page = await client.get(route)
        assert page.status_code == 200
        assert not re.search(r"https?://(?!127\.0\.0\.1)", page.text.replace("http://www.w3.org", "")), route
        assets = re.findall(r'(?:src|href)=["\'](/docs-assets/[^"\']+)', page.text)
        assert assets, route
        for asset in assets:
            assert (await client.get(asset)).status_code == 200, asset
    assert "default-src 'none'" in (await client.get("/health/live")).headers["content-security-policy"]


async def test_docs_are_not_in_the_api_schema(client: httpx.AsyncClient) -> None:
    paths = (await client.get("/openapi.json")).json()["paths"]
    assert not {"/app", "/docs", "/redoc"} & set(paths)
