"""Remote vision backends over real HTTP (a local fake speaking the OpenAI and Gemini formats)."""

import json
import time

import httpx
import pytest

from app.vision.analyze import LocalAnalyzer
from app.vision.remote import RemoteAnalyzer
from tests.factories import create_user, garment_image, jpeg, upload
from tests.fakes.llm_server import FakeLLMServer

ANSWER = {
    "type": "blazer",
    "pattern": "checked",
    "style": "smart-casual",
    "formality": 4,
    "warmth": 3,
    "seasons": ["fall", "winter"],
    "primary_color": "camel",
    "secondary_color": None,
    "confidence": 0.9,
}


def remote(fake: FakeLLMServer, local: LocalAnalyzer, provider: str, timeout_s: float = 5.0) -> RemoteAnalyzer:
    base = fake.url + ("/v1" if provider == "openai" else "")
    return RemoteAnalyzer(
        provider=provider,  # type: ignore[arg-type]
        base_url=base,
        model="test-model",
        api_key="secret-key",
        timeout_s=timeout_s,
        local=local,
    )


@pytest.mark.parametrize("provider", ["openai", "gemini"])
def test_structured_answer_is_merged_with_local_measurements(
    fake_llm: FakeLLMServer, local_analyzer: LocalAnalyzer, provider: str
) -> None:
    script = fake_llm.reset(reply=json.dumps(ANSWER))
    analysis = remote(fake_llm, local_analyzer, provider).analyze(garment_image((193, 154, 107)))
    assert analysis.backend == f"{provider}:test-model"
    assert (analysis.type, analysis.category, analysis.pattern, analysis.formality) == (
        "blazer",
        "outerwear",
        "checked",
        4,
    )
    assert analysis.primary_color == "camel" and analysis.seasons == ["spring", "fall", "winter"]  # a blazer's
    assert analysis.embedding is not None  # still from the local model
    request, headers = script.requests[0], script.headers[0]
    if provider == "openai":
        assert headers["authorization"] == "Bearer secret-key"
        assert request["response_format"]["json_schema"]["strict"] is True
        image_part = request["messages"][0]["content"][1]["image_url"]["url"]
        assert image_part.startswith("data:image/jpeg;base64,")
    else:
        assert headers["x-goog-api-key"] == "secret-key"
        assert request["generationConfig"]["responseMimeType"] == "application/json"
        assert request["contents"][0]["parts"][1]["inline_data"]["mime_type"] == "image/jpeg"


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        # The garment knowledge of the local path binds a remote model too (app/vision/knowledge.py).
        ({"type": "sandals", "seasons": ["winter"]}, {"seasons": ["spring", "summer"]}),
        ({"type": "beanie", "seasons": ["summer"]}, {"seasons": ["fall", "winter"]}),
        ({"type": "shorts", "seasons": ["spring", "fall"]}, {"seasons": ["spring", "summer"]}),
        ({"type": "coat", "seasons": ["summer"]}, {"seasons": ["fall", "winter"]}),
        ({"type": "jeans", "style": "formal", "formality": 5}, {"style": "casual", "formality": 3}),
        ({"type": "joggers", "style": "casual", "formality": 3}, {"style": "sporty", "formality": 2}),
        ({"type": "sweater", "pattern": "solid", "style": "sporty"}, {"style": "smart-casual"}),
    ],
)
def test_a_remote_answer_keeps_to_the_garment_rules(
    fake_llm: FakeLLMServer, local_analyzer: LocalAnalyzer, answer: dict[str, object], expected: dict[str, object]
) -> None:
    fake_llm.reset(reply=json.dumps({**ANSWER, **answer}))
    analysis = remote(fake_llm, local_analyzer, "openai").analyze(garment_image())
    assert analysis.backend == "openai:test-model"
    assert {key: getattr(analysis, key) for key in expected} == expected


@pytest.mark.parametrize(
    "failure",
    [
        {"status": 500},
        {"status": 429},
        {"reply": "not json at all"},
        {"reply": json.dumps({**ANSWER, "type": "spaceship"})},
        {"reply": json.dumps({**ANSWER, "formality": 9})},
    ],
)
def test_failures_fall_back_to_the_local_model(
    fake_llm: FakeLLMServer, local_analyzer: LocalAnalyzer, failure: dict[str, object]
) -> None:
    fake_llm.reset(**failure)
    image = garment_image()
    analysis = remote(fake_llm, local_analyzer, "openai").analyze(image)
    assert analysis.backend == "local (fallback from openai)"
    assert analysis.type == local_analyzer.analyze(image).type


def test_the_cutout_is_the_local_masks_for_the_category_given(
    fake_llm: FakeLLMServer, local_analyzer: LocalAnalyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_llm.reset()
    asked: list[str | None] = []
    local_cutout = local_analyzer.cutout

    def watched(image: object, *, category: str | None = None) -> bytes | None:
        asked.append(category)
        return local_cutout(image, category=category)  # type: ignore[arg-type]

    monkeypatch.setattr(local_analyzer, "cutout", watched)
    image = garment_image()
    made = remote(fake_llm, local_analyzer, "openai").cutout(image, category="top")
    assert asked == ["top"] and made == local_cutout(image, category="top")
    assert fake_llm.script.requests == []  # the remote model tags; it is not asked to cut out


def test_a_hanging_backend_is_cut_off_by_the_timeout(fake_llm: FakeLLMServer, local_analyzer: LocalAnalyzer) -> None:
    fake_llm.reset(reply=json.dumps(ANSWER), delay_s=3.0)
    started = time.monotonic()
    analysis = remote(fake_llm, local_analyzer, "gemini", timeout_s=0.3).analyze(garment_image())
    assert time.monotonic() - started < 2.0
    assert analysis.backend == "local (fallback from gemini)"


async def test_service_uses_the_configured_remote_backend(client_with, fake_llm: FakeLLMServer) -> None:
    fake_llm.reset(reply=json.dumps(ANSWER))
    client: httpx.AsyncClient = await client_with(
        vision_backend="openai", vision_base_url=fake_llm.url + "/v1", vision_model="test-model"
    )
    ana = await create_user(client)
    body = (await upload(client, ana, jpeg((193, 154, 107)))).json()
    assert body["tags"]["backend"] == "openai:test-model"
    assert body["tags"]["type"] == "blazer" and body["tags"]["category"] == "outerwear"


def test_a_remote_backend_is_asked_only_for_styles_the_api_can_answer() -> None:
    # A style outside the response vocabulary (the remote schema once allowed "evening") made item reads 500.
    from app.vision.knowledge import STYLES
    from app.vision.remote import RemoteFields

    allowed = RemoteFields.model_json_schema()["properties"]["style"]["enum"]
    assert tuple(allowed) == STYLES
