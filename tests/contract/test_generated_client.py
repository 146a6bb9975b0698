"""A client generated from docs/openapi.json by openapi-python-client runs the whole flow against a real server.

No raw HTTP and no casts: every call is a generated function, every body a generated model, every error a typed
`ErrorBody` with an `ErrorCode` member. `make contract` runs this with the Redocly lint and the TypeScript check.
"""

import importlib
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.factories import jpeg
from tests.servers import local_env, serving

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "stylist_client"
# Its own venv (`make contract-python`, run by `make test`): the generator needs an older typer than the CLI's.
GENERATOR = ROOT / ".venv-contract" / "bin" / "openapi-python-client"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    if not GENERATOR.exists():
        if os.environ.get("STYLIST_CONTRACT_REQUIRED"):
            pytest.fail(f"{GENERATOR} is missing: run `make contract-python`")
        pytest.skip("openapi-python-client is not installed; `make test` or `make contract-python` installs it")
    folder = tmp_path_factory.mktemp("generated")
    config = folder / "config.yaml"
    config.write_text("post_hooks: []\n")  # no formatter run: the code is imported, not read
    document = str(ROOT / "docs" / "openapi.json")
    options = ["--meta", "none", "--output-path", str(folder / PACKAGE), "--config", str(config), "--fail-on-warning"]
    subprocess.run(  # noqa: S603 - the pinned generator from .venv-contract
        [str(GENERATOR), "generate", "--path", document, *options],
        check=True,
        capture_output=True,
    )
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(folder))
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real service as `make run` starts it (uvicorn process), on a fresh SQLite database."""
    home = tmp_path_factory.mktemp("contract-server")
    with serving(local_env(home), home / "server.log") as running:
        yield running.url


def _op(client: ModuleType, tag: str, name: str) -> Any:
    return importlib.import_module(f"{client.__name__}.api.{tag}.{name}")


def test_whole_flow_through_the_generated_client(generated: ModuleType, server: str) -> None:
    models: Any = importlib.import_module(f"{PACKAGE}.models")
    types: Any = importlib.import_module(f"{PACKAGE}.types")
    anonymous = generated.Client(base_url=server, raise_on_unexpected_status=True)

    created = _op(generated, "users", "users_create").sync(
        client=anonymous, body=models.UserCreate(username="ana", style_preferences="navy, no neon")
    )
    assert isinstance(created, models.UserWithToken)
    again = _op(generated, "users", "users_create").sync(client=anonymous, body=models.UserCreate(username="ANA"))
    assert isinstance(again, models.ErrorBody) and again.error == models.ErrorCode.CONFLICT  # the typed 409
    client = generated.AuthenticatedClient(base_url=server, token=created.api_token, raise_on_unexpected_status=True)
    me = created.id

    photo = types.File(payload=io.BytesIO(jpeg((31, 42, 68))), file_name="navy.jpg", mime_type="image/jpeg")
    uploaded = _op(generated, "images", "images_upload").sync(
        client=client, user_id=me, body=models.ImagesUploadForm(file=photo)
    )
    assert isinstance(uploaded, models.UploadedImage), uploaded
    assert uploaded.near_duplicates == [] and uploaded.tags.primary_color

    listed = _op(generated, "images", "images_list").sync(client=client, user_id=me)
    assert [image.id for image in listed] == [uploaded.id]
    corrected = _op(generated, "images", "images_correct_tags").sync(
        client=client,
        user_id=me,
        image_id=uploaded.id,
        body=models.TagCorrection(type_="shirt", category=models.Category.TOP, pattern=models.Pattern.SOLID),
    )
    assert isinstance(corrected, models.Image) and corrected.tags.category == models.Category.TOP

    asked = _op(generated, "conversations", "conversations_add").sync(
        client=client, user_id=me, question="What goes with my navy shirt for work?"
    )
    assert isinstance(asked, models.Conversation) and asked.answer.strip()
    assert isinstance(asked.referenced_item_ids, list)

    suggested = _op(generated, "outfits", "outfits_suggestions").sync(
        client=client, user_id=me, occasion=models.Occasion.WORK, season=models.Season.WINTER
    )
    assert isinstance(suggested, models.OutfitList) and suggested.message
    scored = _op(generated, "outfits", "outfits_score").sync(
        client=client, user_id=me, body=models.ScoreRequest(item_ids=[uploaded.id])
    )
    assert isinstance(scored, models.OutfitOut) and 0 <= scored.score <= 1
    feedback = _op(generated, "outfits", "outfits_feedback").sync_detailed(
        client=client, user_id=me, body=models.FeedbackRequest(item_ids=[uploaded.id], signal=models.Signal.WORE)
    )
    assert feedback.status_code == 201 and feedback.parsed.signal == models.Signal.WORE

    thumbnail = _op(generated, "images", "images_download_thumbnail").sync(
        client=client, user_id=me, image_id=uploaded.id
    )
    assert isinstance(thumbnail, types.File) and thumbnail.payload.read().startswith(b"\xff\xd8")

    missing = _op(generated, "images", "images_get").sync(client=client, user_id=me, image_id=uploaded.id + 1000)
    assert isinstance(missing, models.ErrorBody) and missing.error == models.ErrorCode.NOT_FOUND  # the typed 404
