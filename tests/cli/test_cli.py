"""`stylist` against a real database and storage: analyze offline, import a folder (resumable), outfits, ask,
export and restore on another instance; and the same importer against a server through HTTP."""

import asyncio
import json
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pillow_heif
import pytest
from PIL import Image
from sqlalchemy import func, select

from app.cli import main
from app.commandline.backend import CommandError, Context, LocalBackend, RemoteBackend
from app.commandline.importer import import_folder, photos_under
from app.conversations.models import Conversation
from app.core.config import Settings, get_settings
from app.main import create_app
from app.outfits.models import OutfitFeedback, WearLogEntry
from app.wardrobe.models import WardrobeImage

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "images"
PHOTOS = sorted(FIXTURES.glob("*.jpg"))


@pytest.fixture
def env(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """The CLI reads STYLIST_* like the server: point it at the test database and image folder."""
    monkeypatch.setenv("STYLIST_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("STYLIST_STORAGE_DIR", str(settings.storage_dir))
    monkeypatch.setenv("STYLIST_AUTO_MIGRATE", "false")
    monkeypatch.setenv("STYLIST_VISION_THREADS", "1")
    get_settings.cache_clear()
    yield settings
    get_settings.cache_clear()


@pytest.fixture
def photo_folder(tmp_path: Path) -> Path:
    """Five photos in nested folders, one as HEIC, a byte-identical copy, a non-image and a hidden file."""
    folder = tmp_path / "photos"
    (folder / "summer" / "shoes").mkdir(parents=True)
    (folder / ".thumbnails").mkdir()
    for n, photo in enumerate(PHOTOS[:4]):
        shutil.copy(photo, folder / ("summer" if n % 2 else "") / photo.name)
    heif = pillow_heif.from_pillow(Image.open(PHOTOS[4]))
    heif.save(folder / "summer" / "shoes" / f"{PHOTOS[4].stem}.HEIC")
    shutil.copy(PHOTOS[0], folder / "summer" / "copy-of-first.jpg")
    (folder / "notes.jpg").write_text("not a photo")
    shutil.copy(PHOTOS[1], folder / ".thumbnails" / "hidden.jpg")
    return folder


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


def test_photos_under_finds_nested_and_heic_but_not_hidden(photo_folder: Path) -> None:
    names = [p.name for p in photos_under(photo_folder)]
    assert len(names) == 7 and "hidden.jpg" not in names
    assert any(n.endswith(".HEIC") for n in names)


def test_analyze_prints_tags_as_json_offline(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8 truncated")
    code, out = run_cli(capsys, "analyze", str(FIXTURES / "pants-jeans.jpg"), str(broken), "--json")
    assert code == 0
    results = json.loads(out)
    jeans = results[str(FIXTURES / "pants-jeans.jpg")]
    assert jeans["category"] == "bottom" and jeans["confidence"]["category"] > 0.5
    assert results[str(broken)]["error"]


def test_import_summarises_and_resumes(env: Settings, photo_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_cli(capsys, "import", str(photo_folder), "--user", "cli-ana")
    assert code == 0, out
    assert "Created user cli-ana" in out and "sty_" in out
    rows = summary_rows(out)
    assert rows == {"imported": 5, "already in the wardrobe (skipped)": 1, "duplicates in this run": 0, "rejected": 1}
    assert "notes.jpg" in out and "not an image" in out

    # Run again (as after an interruption): nothing is analysed twice, nothing is added twice.
    code, out = run_cli(capsys, "import", str(photo_folder), "--user", "cli-ana")
    assert code == 0 and "Created user" not in out
    assert summary_rows(out)["imported"] == 0 and summary_rows(out)["already in the wardrobe (skipped)"] == 6

    # The name as sign-up compares names (case and Unicode compatibility forms), not only as typed.
    code, out = run_cli(capsys, "outfits", "--user", "ＣＬＩ-Ana", "--rain", "--temperature", "12", "--json")
    assert code == 0, out
    suggestions = json.loads(out)
    assert suggestions["outfits"] and all(o["explanation"] for o in suggestions["outfits"])
    code, out = run_cli(capsys, "ask", "--user", "cli-ana", "What should I wear today?", "--json")
    assert json.loads(out)["answer"]

    # Every item was tagged by the current model: re-analysis has nothing to do unless forced.
    code, out = run_cli(capsys, "reanalyze", "--user", "cli-ana")
    assert code == 0 and "Re-tagged 0 items" in out
    code, out = run_cli(capsys, "reanalyze", "--user", "cli-ana", "--force")
    assert code == 0 and "Re-tagged 5 items" in out


def summary_rows(out: str) -> dict[str, int]:
    rows = {}
    for line in out.splitlines():
        cells = [c.strip() for c in line.strip("│┃ ").split("│")]
        if len(cells) == 2 and cells[1].isdigit() and cells[0] != "total":
            rows[cells[0]] = int(cells[1])
    return rows


def test_unknown_user_is_a_clear_error(env: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["outfits", "--user", "nobody"]) == 1
    assert "no user named 'nobody'" in capsys.readouterr().err


def test_export_and_restore_on_another_instance(
    env: Settings,
    photo_folder: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert main(["import", str(photo_folder), "--user", "cli-bo"]) == 0
    token = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("sty_"))
    _give_history(env, token)
    archive = tmp_path / "bo.zip"
    code, out = run_cli(capsys, "export", "--user", "cli-bo", str(archive))
    assert code == 0 and "5 items" in out
    with zipfile.ZipFile(archive) as opened:
        manifest = json.loads(opened.read("manifest.json"))
        assert len([n for n in opened.namelist() if n.startswith("files/")]) == 15  # photo, thumbnail, cut-out each
    assert manifest["items"][0]["corrections"] == {"pattern": "solid"}
    assert {row["signal"] for row in manifest["feedback"]} == {"like", "wore"}
    assert manifest["wear_log"] and manifest["conversations"]

    other = tmp_path / "other"
    other_db = f"sqlite+aiosqlite:///{other / 'stylist.db'}"
    monkeypatch.setenv("STYLIST_DATABASE_URL", other_db)
    monkeypatch.setenv("STYLIST_STORAGE_DIR", str(other / "images"))
    monkeypatch.setenv("STYLIST_AUTO_MIGRATE", "true")  # a fresh instance, migrated as `make run` does
    get_settings.cache_clear()
    code, out = run_cli(capsys, "import-archive", str(archive))
    assert code == 0 and "Restored 5 items" in out, out
    restored = _restored(other_db, other / "images")
    assert restored["items"] == 5 and restored["corrected"] == {"pattern": "solid"}
    assert restored["feedback"] == 2 and restored["wear_log"] == len(manifest["wear_log"])
    assert restored["conversations"] == 1 and restored["files_readable"]


def _give_history(settings: Settings, token: str) -> None:
    """A correction, a like, a wore and a question, through the API on the same database."""

    async def work() -> None:
        application = create_app(settings)
        async with application.router.lifespan_context(application):
            transport = httpx.ASGITransport(app=application)
            headers = {"Authorization": f"Bearer {token}"}
            async with httpx.AsyncClient(transport=transport, base_url="http://t", headers=headers) as http:
                me = (await http.get("/api/users/me")).json()
                items = (await http.get(f"/api/images/{me['id']}")).json()
                ids = sorted(i["id"] for i in items)
                await http.patch(f"/api/images/{me['id']}/{ids[0]}", json={"pattern": "solid"})
                for signal in ("like", "wore"):
                    body = {"item_ids": ids[:3], "signal": signal}
                    assert (await http.post(f"/api/outfits/feedback?user_id={me['id']}", json=body)).is_success
                ask = {"user_id": me["id"], "question": "What goes with my jeans?"}
                assert (await http.post("/api/conversations/", json=ask)).is_success

    asyncio.run(work())


def _restored(database_url: str, storage: Path) -> dict[str, object]:
    async def work() -> dict[str, object]:
        settings = Settings(_env_file=None, database_url=database_url, storage_dir=storage)
        async with LocalBackend.open(settings) as local, local.factory() as session:
            items = list(await session.scalars(select(WardrobeImage).order_by(WardrobeImage.id)))
            files = [await local.storage.get(i.thumbnail_key) for i in items]
            count = {
                m.__name__: await session.scalar(select(func.count()).select_from(m))
                for m in (OutfitFeedback, WearLogEntry, Conversation)
            }
            return {
                "items": len(items),
                "corrected": next(i.corrections for i in items if i.corrections),
                "feedback": count["OutfitFeedback"],
                "wear_log": count["WearLogEntry"],
                "conversations": count["Conversation"],
                "files_readable": all(f.startswith(b"\xff\xd8") for f in files),
            }

    return asyncio.run(work())


async def test_import_through_a_running_server(client: httpx.AsyncClient, photo_folder: Path) -> None:
    """--url/--token: the same importer over HTTP (here the app in-process; the routes are the server's)."""
    created = (await client.post("/api/users/", json={"username": "remote-cy"})).json()
    client.headers["Authorization"] = f"Bearer {created['api_token']}"
    remote = RemoteBackend(client=client)
    account = await remote.account("remote-cy")
    first = await import_folder(remote, account, photo_folder)
    assert (first.imported, first.already_there, len(first.rejected)) == (5, 1, 1)
    again = await import_folder(remote, account, photo_folder)
    assert (again.imported, again.already_there) == (0, 6)
    rainy = await remote.suggest(account, Context(temperature_c=12, rain=True), count=2)
    assert rainy["outfits"] and len(rainy["outfits"]) <= 2
    answer = await remote.ask(account, "What should I wear on a rainy day?")
    assert answer["answer"] and answer["user_id"] == account.id
    with pytest.raises(CommandError, match="belongs to 'remote-cy'"):
        await remote.account("someone-else")


def test_stylist_command_is_installed() -> None:
    script = Path(sys.executable).parent / "stylist"
    assert script.exists(), "run `make install` (pip install -e .)"
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=60, check=False)  # noqa: S603
    assert result.returncode == 0
    for command in ("serve", "migrate", "openapi", "sweep", "analyze", "import", "outfits", "ask", "export"):
        assert command in result.stdout
