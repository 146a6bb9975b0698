"""Serves the web app (/app) and the interactive docs (/docs, /redoc) from local files: nothing from a CDN."""

from pathlib import Path

import fastapi_offline
from fastapi import APIRouter, FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

STATIC_DIR = Path(__file__).parent / "static"
# fastapi-offline ships Swagger UI and ReDoc builds; only their files are used, not its FastAPI subclass.
DOCS_ASSETS_DIR = Path(fastapi_offline.__file__).parent / "static"
DOCS_ASSETS_URL = "/docs-assets"

router = APIRouter(include_in_schema=False)


@router.get("/app")
async def web_app() -> FileResponse:
    """One page; the sections are switched in the browser (#/wardrobe, #/outfits, #/chat, #/account)."""
    return FileResponse(STATIC_DIR / "index.html", headers={"Cache-Control": "no-cache"})


@router.get("/app/")
async def web_app_slash() -> RedirectResponse:
    return RedirectResponse("/app")


@router.get("/docs")
async def swagger_ui() -> HTMLResponse:
    return get_swagger_ui_html(
        openapi_url="/openapi.json",
        title="AI Stylist API - Swagger UI",
        swagger_js_url=f"{DOCS_ASSETS_URL}/swagger-ui-bundle.js",
        swagger_css_url=f"{DOCS_ASSETS_URL}/swagger-ui.css",
        swagger_favicon_url=f"{DOCS_ASSETS_URL}/favicon.png",
    )


@router.get("/redoc")
async def redoc() -> HTMLResponse:
    return get_redoc_html(
        openapi_url="/openapi.json",
        title="AI Stylist API - ReDoc",
        redoc_js_url=f"{DOCS_ASSETS_URL}/redoc.standalone.js",
        redoc_favicon_url=f"{DOCS_ASSETS_URL}/favicon.png",
        with_google_fonts=False,
    )


def mount_web(app: FastAPI) -> None:
    """The app was created with docs_url=None and redoc_url=None: these routes replace FastAPI's CDN pages."""
    app.mount("/app/static", StaticFiles(directory=STATIC_DIR), name="web-static")
    app.mount(DOCS_ASSETS_URL, StaticFiles(directory=DOCS_ASSETS_DIR), name="docs-assets")
    app.include_router(router)
