"""The published contract: operation names, tags, and what every route can answer, applied in one place.

Routers declare what only they know (their models and the errors they raise themselves); everything that holds
for all routes alike — the naming rule, binary bodies, authentication, rate limits, the request id, the
framework's own errors — is added here, from the routes' dependencies and the middleware's own rules, so a new
route gets it without repeating it.
"""

import copy
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute, RouteContext, iter_route_contexts
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from app.core.db import get_engine, get_session
from app.core.dependencies import get_storage
from app.core.errors import codes_by_status
from app.core.ratelimit import rate_limit_category

LOCAL_SERVER = {"url": "http://127.0.0.1:8000", "description": "The local default (`make run`)."}

TAGS: list[dict[str, str]] = [
    {"name": "users", "description": "Registration, the API token, and style preferences."},
    {"name": "images", "description": "The wardrobe: clothing photos, their tags and corrections, the files."},
    {"name": "outfits", "description": "Outfit suggestions, rating an outfit, feedback, the wear log, collages."},
    {
        "name": "conversations",
        "description": "Fashion questions answered from the wardrobe: JSON, Server-Sent Events, or a WebSocket.",
    },
    {"name": "health", "description": "Liveness, readiness and the API status (no token needed)."},
]

# The original contract's operations: their paths (trailing slashes included) and statuses are kept as it wrote them.
ORIGINAL_OPERATIONS = {
    ("post", "/api/users/"),
    ("post", "/api/conversations/"),
    ("get", "/api/conversations/{user_id}"),
    ("get", "/api/conversations/match-styles/"),
    ("post", "/api/images/upload"),
    ("get", "/api/images/{user_id}"),
    ("get", "/"),
}

OCTET_STREAM = "application/octet-stream"
OPERATION_ID = re.compile(r"^[a-z]+(-[a-z0-9]+)+$")
_JSON_ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
HEADERS = {
    "X-Request-ID": {
        "description": "Identifies this request in the server's logs; echoes a valid `X-Request-ID` the client sent.",
        "schema": {"type": "string"},
    },
    "Retry-After": {
        "description": "Seconds to wait before retrying.",
        "schema": {"type": "integer", "minimum": 0},
    },
}
_STATUS_TEXT = {
    400: "The body could not be parsed (malformed JSON or multipart) or the image is unreadable.",
    401: "Missing or invalid API token: send `Authorization: Bearer <api_token>`.",
    403: "The token belongs to another user.",
    404: "The user or item does not exist.",
    405: "The path exists, the method does not.",
    409: "The request conflicts with what is stored.",
    412: "`If-Match` does not match the current version (someone changed it first).",
    413: "The request or a file is larger than the limit.",
    415: "The file is not a supported image format.",
    422: "The request does not match the schema; `fields` says where.",
    429: "Too many requests; wait `Retry-After` seconds.",
    500: "The server failed; report the `X-Request-ID`.",
    503: "The database or file storage is unavailable; retry after `Retry-After` seconds.",
}


def operation_id(route: APIRoute) -> str:
    """`<tag>-<what it does>`: the function's words, minus the tag's own noun (`upload_image` -> `images-upload`)."""
    tag = str(route.tags[0]) if route.tags else "default"
    nouns = {tag, tag.removesuffix("s")}
    words = [word for word in route.name.split("_") if word not in nouns] or [route.name]
    return "-".join([tag, *words])


def sse_event_schema(**events: type[BaseModel]) -> dict[str, Any]:
    """One Server-Sent Event (how OpenAPI 3.1 tools read an event-stream schema): its name and JSON `data`.

    The last alternative, a string, is the whole stream as text: what a client that does not parse events (such
    as an openapi-python-client `sync()` call) reads.
    """
    raw = {"type": "string", "title": "EventStreamText", "description": "The whole stream, unparsed."}
    return {
        "description": "One event: `event` names it, `data` holds its JSON payload.",
        "anyOf": [
            {
                "type": "object",
                "title": f"{_pascal(name)}Event",
                "required": ["event", "data"],
                "properties": {
                    "event": {"const": name},
                    "data": {
                        "type": "string",
                        "contentMediaType": "application/json",
                        "contentSchema": {"$ref": f"{_SCHEMA_REF}{model.__name__}"},
                    },
                },
            }
            for name, model in events.items()
        ]
        + [raw],
    }


def _pascal(words: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[-_ ]", words) if part)


def install_openapi(app: FastAPI, *, messages: Sequence[type[BaseModel]] = ()) -> None:
    """Replace `app.openapi` with the builder below (cached, like FastAPI's own).

    `messages` are models no operation's body names (SSE events, WebSocket messages) published as components.
    """

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = build_document(app, messages)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def build_document(app: FastAPI, messages: Sequence[type[BaseModel]] = ()) -> dict[str, Any]:
    document = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
        tags=TAGS,
        servers=[LOCAL_SERVER],
    )
    routes = {
        (method.lower(), route.path_format): route for route in _api_routes(app) for method in route.methods or ()
    }
    _publish_models(document, messages)
    _rename_form_bodies(document)
    _declare_binary_strings(document)
    _declare_binary_responses(document)
    document["components"].setdefault("headers", {}).update(HEADERS)
    for (method, path), operation in _operations(document):
        route = routes.get((method, path))
        _add_common_responses(operation, method, path, route)
        if "security" not in operation:
            operation["security"] = []  # public: no token needed
        if (method, path) in ORIGINAL_OPERATIONS:
            operation["x-original-contract"] = True
            operation["description"] = (
                operation.get("description", "")
                + "\n\nPart of the original contract: path and status as it wrote them."
            ).strip()
        _drop_null_from_optional_parameters(operation)
        _required_body_is_not_null(operation)
    _drop_framework_validation_error(document)
    _require_what_responses_always_send(document)
    return document


def _api_routes(app: FastAPI) -> Iterator[RouteContext]:
    """The documented HTTP routes, as included (prefixes and router settings applied)."""
    for context in iter_route_contexts(app.routes):
        if isinstance(context.original_route, APIRoute) and context.include_in_schema:
            yield context


def _operations(document: dict[str, Any]) -> Iterator[tuple[tuple[str, str], dict[str, Any]]]:
    for path, item in document["paths"].items():
        for method, operation in item.items():
            yield (method, path), operation


def _depends_on(dependant: Dependant, target: Callable[..., Any]) -> bool:
    return dependant.call is target or any(_depends_on(sub, target) for sub in dependant.dependencies)


def _error_response(status: int) -> dict[str, Any]:
    codes = ", ".join(f"`{code}`" for code in sorted(codes_by_status().get(status, ())))
    text = _STATUS_TEXT.get(status, "Error.")
    return {"description": f"{text} Codes: {codes}." if codes else text, "content": copy.deepcopy(_JSON_ERROR)}


def _add_common_responses(operation: dict[str, Any], method: str, path: str, route: RouteContext | None) -> None:
    responses: dict[str, Any] = operation["responses"]
    needed: dict[int, tuple[str, ...]] = {500: ()}
    if "requestBody" in operation:
        needed[400] = needed[413] = ()
    if operation.get("security"):
        needed[401] = ()
    if rate_limit_category(method.upper(), path):
        needed[429] = ("Retry-After",)
    if route is not None and any(_depends_on(route.dependant, dep) for dep in (get_session, get_engine, get_storage)):
        needed[503] = ("Retry-After",)
    for code, headers in needed.items():
        entry = responses.setdefault(str(code), _error_response(code))
        for name in headers:
            entry.setdefault("headers", {})[name] = {"$ref": f"#/components/headers/{name}"}
    if not operation.get("parameters") and "requestBody" not in operation:
        responses.pop("422", None)  # nothing the client sends can fail validation
    for status, entry in responses.items():
        if status.startswith(("4", "5")) and entry.get("content") == _JSON_ERROR:
            entry["description"] = _error_response(int(status))["description"]
        entry.setdefault("headers", {})["X-Request-ID"] = {"$ref": "#/components/headers/X-Request-ID"}
    operation["responses"] = dict(sorted(responses.items()))


def _rename_form_bodies(document: dict[str, Any]) -> None:
    """FastAPI names form bodies `Body_<operation id>`; publish them as `<OperationId>Form`."""
    schemas: dict[str, Any] = document["components"]["schemas"]
    renamed = {name: _pascal(name.removeprefix("Body_")) + "Form" for name in schemas if name.startswith("Body_")}
    for old, new in renamed.items():
        schemas[new] = schemas.pop(old)
        schemas[new]["title"] = new
    _replace_refs(document, {f"#/components/schemas/{o}": f"#/components/schemas/{n}" for o, n in renamed.items()})


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _replace_refs(document: dict[str, Any], mapping: dict[str, str]) -> None:
    for node in _walk(document):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref in mapping:
            node["$ref"] = mapping[ref]


def _declare_binary_strings(document: dict[str, Any]) -> None:
    """Files as `format: binary` beside 3.1's `contentMediaType`: what the common generators turn into file types."""
    for node in _walk(document):
        textual = node.get("contentMediaType") == "application/json" or "contentEncoding" in node
        if node.get("type") == "string" and "contentMediaType" in node and not textual:
            node["format"] = "binary"


def _declare_binary_responses(document: dict[str, Any]) -> None:
    """Image bodies get a binary schema, and `application/octet-stream` beside their own type: some generators
    (openapi-python-client) return bytes only for that type. The server answers it when a client asks for it."""
    for _, operation in _operations(document):
        for status, response in operation["responses"].items():
            content = response.get("content", {})
            images = [media for media in content if media.startswith("image/")] if status.startswith("2") else []
            for media in images:
                content[media] = {"schema": {"type": "string", "format": "binary", "contentMediaType": media}}
            if images:
                content[OCTET_STREAM] = {"schema": {"type": "string", "format": "binary"}}


def _publish_models(document: dict[str, Any], models: Sequence[type[BaseModel]]) -> None:
    if not models:
        return
    _, schema = models_json_schema([(m, "serialization") for m in models], ref_template=_SCHEMA_REF + "{model}")
    schemas = document["components"]["schemas"]
    for name, definition in schema.get("$defs", {}).items():
        schemas.setdefault(name, definition)


def _required_body_is_not_null(operation: dict[str, Any]) -> None:
    """A body the operation requires is an object, not `null`."""
    body = operation.get("requestBody", {})
    for media in body.get("content", {}).values() if body.get("required") else ():
        options = media.get("schema", {}).get("anyOf", [])
        rest = [option for option in options if option != {"type": "null"}]
        if len(options) == 2 and len(rest) == 1:
            extra = {k: v for k, v in media["schema"].items() if k not in ("anyOf", "title")}
            media["schema"] = {**rest[0], **extra}


def _drop_null_from_optional_parameters(operation: dict[str, Any]) -> None:
    """A query parameter is absent or has a value; `null` cannot be sent, so it is not offered."""
    for parameter in operation.get("parameters", []):
        schema = parameter.get("schema", {})
        options = schema.get("anyOf")
        if options and not parameter.get("required") and {"type": "null"} in options:
            rest = [option for option in options if option != {"type": "null"}]
            schema.pop("anyOf")
            if len(rest) == 1:
                schema.update(rest[0])
            else:
                schema["anyOf"] = rest


def _drop_framework_validation_error(document: dict[str, Any]) -> None:
    """FastAPI's HTTPValidationError is never sent: validation errors use ErrorBody like every other error."""
    for (_, _), operation in _operations(document):
        entry = operation["responses"].get("422")
        if entry and "HTTPValidationError" in str(entry.get("content")):
            entry["content"] = copy.deepcopy(_JSON_ERROR)
    schemas = document["components"]["schemas"]
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)


# Response fields the server leaves out rather than sending `null`.
OMITTED_WHEN_EMPTY = {("ErrorBody", "fields")}
_SCHEMA_REF = "#/components/schemas/"


def _referenced(node: Any, schemas: dict[str, Any]) -> set[str]:
    """Names of the components `node` reaches, following references transitively."""
    found: set[str] = set()
    pending = [node]
    while pending:
        for child in _walk(pending.pop()):
            ref = child.get("$ref")
            if isinstance(ref, str) and ref.startswith(_SCHEMA_REF) and ref[len(_SCHEMA_REF) :] not in found:
                name = ref[len(_SCHEMA_REF) :]
                found.add(name)
                pending.append(schemas.get(name, {}))
    return found


def _require_what_responses_always_send(document: dict[str, Any]) -> None:
    """A response model's field with a default is still always sent: required (nullable only if it can be null)."""
    schemas: dict[str, Any] = document["components"]["schemas"]
    requests: set[str] = set()
    responses: set[str] = set()
    for _, operation in _operations(document):
        requests |= _referenced([operation.get("parameters", []), operation.get("requestBody", {})], schemas)
        responses |= _referenced(operation["responses"], schemas)
    for name in sorted(responses - requests):
        properties = schemas[name].get("properties")
        if properties:
            always = [field for field in properties if (name, field) not in OMITTED_WHEN_EMPTY]
            schemas[name]["required"] = always
