"""Optional remote vision backend: any OpenAI-compatible chat API with image input, or Gemini.

The model is asked for the same fields the local model gives, through structured output (a JSON schema).
Measured things stay local: colours are measured from pixels and the embedding comes from the local model,
so duplicates and outfit scoring work the same whichever backend tags the item. On any failure (network,
timeout, HTTP error, output that does not fit the schema) the local analysis is returned instead.
"""

import base64
import io
import json
import logging
from dataclasses import replace
from typing import Any, Literal

import httpx
from PIL import Image
from pydantic import BaseModel, Field, ValidationError

from app.vision.analyze import ItemAnalysis, LocalAnalyzer, analysis_copy
from app.vision.candidates import TypeCandidate
from app.vision.colours import PALETTE
from app.vision.knowledge import SEASONS, STYLES, formality_within, seasons_of, style_of  # the local rules
from app.vision.taxonomy import TYPES, category_of

logger = logging.getLogger(__name__)

Provider = Literal["openai", "gemini"]
PATTERNS = ("solid", "striped", "checked", "dotted", "floral", "animal", "graphic", "other")
COLOUR_NAMES = tuple(name for name, _, _ in PALETTE)
IMAGE_SIDE = 512  # enough for a garment; fewer tokens and bytes than the original

PROMPT = (
    "You tag one clothing item in a photo for a wardrobe app. Describe the garment itself, not the "
    "background or the person wearing it. Answer only with JSON matching the schema. `formality` is 1 "
    "(gym, beach) to 5 (black tie); `warmth` is 1 (vest, sandals) to 5 (winter coat); `confidence` is "
    "your probability that `type` is right."
)


class RemoteVisionError(Exception):
    """The remote backend failed or answered something unusable."""


class RemoteFields(BaseModel):
    type: Literal[tuple(TYPES)]  # type: ignore[valid-type]
    pattern: Literal[PATTERNS]  # type: ignore[valid-type]
    style: Literal[STYLES]  # type: ignore[valid-type]
    formality: int = Field(ge=1, le=5)
    warmth: int = Field(ge=1, le=5)
    seasons: list[Literal[SEASONS]] = Field(min_length=1)  # type: ignore[valid-type]
    primary_color: Literal[COLOUR_NAMES]  # type: ignore[valid-type]
    secondary_color: Literal[COLOUR_NAMES] | None = None  # type: ignore[valid-type]
    confidence: float = Field(ge=0, le=1)


def _json_schema() -> dict[str, Any]:
    """Strict JSON schema (OpenAI structured output): every field required, nullable where optional."""
    enum = {
        "type": list(TYPES),
        "pattern": list(PATTERNS),
        "style": list(STYLES),
        "primary_color": list(COLOUR_NAMES),
    }
    properties: dict[str, Any] = {name: {"type": "string", "enum": values} for name, values in enum.items()}
    properties["secondary_color"] = {"type": ["string", "null"], "enum": [*COLOUR_NAMES, None]}
    properties["formality"] = {"type": "integer", "minimum": 1, "maximum": 5}
    properties["warmth"] = {"type": "integer", "minimum": 1, "maximum": 5}
    properties["seasons"] = {"type": "array", "items": {"type": "string", "enum": list(SEASONS)}}
    properties["confidence"] = {"type": "number", "minimum": 0, "maximum": 1}
    return {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}


def _gemini_schema() -> dict[str, Any]:
    """The same schema in Gemini's OpenAPI subset (no type unions, `nullable` instead)."""
    schema = _json_schema()
    properties = {}
    for name, spec in schema["properties"].items():
        spec = {k: v for k, v in spec.items() if k not in ("minimum", "maximum")}
        if name == "secondary_color":
            spec = {"type": "string", "enum": list(COLOUR_NAMES), "nullable": True}
        properties[name] = spec
    return {"type": "object", "properties": properties, "required": schema["required"]}


def _jpeg_base64(image: Image.Image) -> str:
    small = analysis_copy(image).copy()
    small.thumbnail((IMAGE_SIDE, IMAGE_SIDE))
    buffer = io.BytesIO()
    small.save(buffer, format="JPEG", quality=85)
    return base64.b64encode(buffer.getvalue()).decode()


class RemoteAnalyzer:
    def __init__(
        self,
        *,
        provider: Provider,
        base_url: str,
        model: str,
        api_key: str | None,
        timeout_s: float,
        local: LocalAnalyzer,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.provider = provider
        self.model = model
        self.local = local
        headers = {"Authorization": f"Bearer {api_key}"} if api_key and provider == "openai" else {}
        if api_key and provider == "gemini":
            headers = {"x-goog-api-key": api_key}
        self.client = httpx.Client(
            base_url=base_url.rstrip("/") + "/", headers=headers, timeout=timeout_s, transport=transport
        )

    @property
    def model_version(self) -> str:
        return self.local.model_version

    def analyze(self, image: Image.Image) -> ItemAnalysis:
        local = self.local.analyze(image)
        try:
            fields = self.ask(image)
        except RemoteVisionError as exc:
            logger.warning("remote vision (%s) failed, using the local model: %s", self.provider, exc)
            return replace(local, backend=f"local (fallback from {self.provider})")
        return merge(local, fields, backend=f"{self.provider}:{self.model}")

    def cutout(self, image: Image.Image, *, category: str | None = None) -> bytes | None:
        return self.local.cutout(image, category=category)  # the remote model tags; the local mask cuts out

    def ask(self, image: Image.Image) -> RemoteFields:
        picture = _jpeg_base64(image)
        try:
            text = self._openai(picture) if self.provider == "openai" else self._gemini(picture)
            return RemoteFields.model_validate(json.loads(text))
        except httpx.HTTPStatusError as exc:
            raise RemoteVisionError(f"HTTP {exc.response.status_code}") from exc
        except httpx.HTTPError as exc:
            raise RemoteVisionError(type(exc).__name__) from exc
        except (ValueError, KeyError, IndexError, TypeError, ValidationError) as exc:
            raise RemoteVisionError(f"unusable answer: {str(exc)[:200]}") from exc

    def _openai(self, picture: str) -> str:
        body = {
            "model": self.model,
            "messages": [
                {
                    "role": "user",
                    "content": [
                        {"type": "text", "text": PROMPT},
                        {"type": "image_url", "image_url": {"url": f"data:image/jpeg;base64,{picture}"}},
                    ],
                }
            ],
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": "item_analysis", "strict": True, "schema": _json_schema()},
            },
            "temperature": 0,
        }
        response = self.client.post("chat/completions", json=body)
        response.raise_for_status()
        return str(response.json()["choices"][0]["message"]["content"])

    def _gemini(self, picture: str) -> str:
        body = {
            "contents": [{"parts": [{"text": PROMPT}, {"inline_data": {"mime_type": "image/jpeg", "data": picture}}]}],
            "generationConfig": {
                "responseMimeType": "application/json",
                "responseSchema": _gemini_schema(),
                "temperature": 0,
            },
        }
        response = self.client.post(f"v1beta/models/{self.model}:generateContent", json=body)
        response.raise_for_status()
        return str(response.json()["candidates"][0]["content"]["parts"][0]["text"])


def _renamed(local: ItemAnalysis, primary: str, secondary: str | None) -> list[Any]:
    """Keep the measured colour shares and hexes; take the remote model's names for the first two."""
    colours = list(local.colors)
    for index, name in ((0, primary), (1, secondary)):
        if name and index < len(colours):
            family = next(f for n, _, f in PALETTE if n == name)
            colours[index] = replace(colours[index], name=name, family=family)
    return colours


def merge(local: ItemAnalysis, fields: RemoteFields, *, backend: str) -> ItemAnalysis:
    """The remote model's answer within the same garment knowledge the local path applies (knowledge.py):
    the type fixes the seasons (a chat model once called sandals "winter"), style and formality are its
    guesses where the type allows them (never 4 for jeans), so the rules hold whichever backend tags."""
    style = style_of(fields.type, fields.style, fields.pattern)
    return replace(
        local,
        type=fields.type,
        category=category_of(fields.type),
        pattern=fields.pattern,
        style=style,
        formality=formality_within(fields.type, fields.formality),
        warmth=fields.warmth,
        seasons=seasons_of(fields.type),
        colors=_renamed(local, fields.primary_color, fields.secondary_color),
        confidence={**local.confidence, "type": fields.confidence},
        # The local heads' alternatives were to the local type; the remote model gives one answer.
        type_candidates=[TypeCandidate(fields.type, round(fields.confidence, 3))],
        backend=backend,
    )
