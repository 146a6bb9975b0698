"""Every user-scoped route, found from the app's own OpenAPI schema, refuses missing and foreign tokens.

New routes are covered automatically: a route that takes `user_id` but forgets the check fails here.
"""

from typing import Any

import httpx
from fastapi import FastAPI

from tests.factories import create_user, jpeg, upload

SELF_DESTRUCTIVE = {("DELETE", "/api/users/{user_id}"), ("POST", "/api/users/{user_id}/token")}


def user_scoped_operations(app: FastAPI) -> list[tuple[str, str, dict[str, Any]]]:
    found = []
    for path, operations in app.openapi()["paths"].items():
        for method, operation in operations.items():
            names = {p["name"] for p in operation.get("parameters", [])}
            if "user_id" in names or operation.get("security"):
                found.append((method.upper(), path, operation))
    return found


def url_for(path: str, operation: dict[str, Any], user_id: int, image_id: int) -> str:
    url = path.replace("{user_id}", str(user_id)).replace("{image_id}", str(image_id))
    in_query = any(p["name"] == "user_id" and p["in"] == "query" for p in operation.get("parameters", []))
    return url + (f"?user_id={user_id}" if in_query else "")


async def test_every_user_scoped_route_needs_the_owners_token(client: httpx.AsyncClient, app: FastAPI) -> None:
    operations = user_scoped_operations(app)
    assert len(operations) >= 12, [op[:2] for op in operations]  # the walk itself must find the routes
    ana = await create_user(client, "ana")
    bo = await create_user(client, "bo")
    image_id = (await upload(client, ana, jpeg())).json()["id"]
    for method, path, operation in operations:
        assert operation.get("security"), f"{method} {path} takes user_id but declares no auth"
        url = url_for(path, operation, ana.id, image_id)
        anonymous = await client.request(method, url)
        assert anonymous.status_code == 401, (method, path, anonymous.text)
        if "{user_id}" not in path and "user_id" not in url:
            continue  # /api/users/me: the token decides whose data it is
        foreign = await client.request(method, url, headers=bo.headers)
        assert foreign.status_code == 403, (method, path, foreign.text)
        if (method, path) in SELF_DESTRUCTIVE:
            continue  # covered in tests/users: they end this token's life
        own = await client.request(method, url, headers=ana.headers)
        assert own.status_code not in (401, 403), (method, path, own.text)  # the owner gets past the checks
