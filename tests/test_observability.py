import json
import logging

import httpx
import pytest
from pydantic import SecretStr

from app.core.logging import JsonFormatter
from tests.factories import create_user


async def test_request_id_is_echoed_or_generated(client: httpx.AsyncClient) -> None:
    given = await client.get("/", headers={"X-Request-ID": "abc-123"})
    assert given.headers["x-request-id"] == "abc-123"
    generated = await client.get("/", headers={"X-Request-ID": "bad id with spaces"})
    assert len(generated.headers["x-request-id"]) == 32


async def test_access_log_is_json_with_route_and_no_token(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    ana = await create_user(client)
    caplog.set_level(logging.INFO, logger="app.access")
    await client.get(f"/api/images/{ana.id}", headers={**ana.headers, "X-Request-ID": "req-1"})
    record = next(r for r in caplog.records if r.name == "app.access" and r.getMessage().startswith("GET"))
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "GET /api/images/{user_id} 200"
    assert line["status"] == 200 and line["request_id"] == "req-1"
    assert ana.token not in json.dumps(line)


async def test_metrics_count_requests_per_route_template(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    await client.get(f"/api/images/{ana.id}", headers=ana.headers)
    text = (await client.get("/metrics")).text
    assert 'stylist_http_requests_total{method="GET",route="/api/images/{user_id}",status="200"}' in text
    assert "stylist_http_request_duration_seconds_bucket" in text


async def test_metrics_can_be_protected_by_a_token(client_with) -> None:
    client: httpx.AsyncClient = await client_with(metrics_token=SecretStr("scrape-secret"))
    assert (await client.get("/metrics")).status_code == 401
    assert (await client.get("/metrics", headers={"Authorization": "Bearer wrong"})).status_code == 401
    allowed = await client.get("/metrics", headers={"Authorization": "Bearer scrape-secret"})
    assert allowed.status_code == 200 and "stylist_http_requests_total" in allowed.text
