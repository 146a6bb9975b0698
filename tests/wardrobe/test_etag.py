"""Item reads carry a strong ETag; a PATCH with a stale If-Match is refused with 412 instead of overwriting."""

import httpx

from app.core.etag import if_match_passes, if_none_match_hits, strong_etag
from tests.factories import Account, create_user, jpeg, upload


async def _item(client: httpx.AsyncClient) -> tuple[Account, str]:
    ana = await create_user(client)
    image_id = (await upload(client, ana, jpeg((20, 120, 20)))).json()["id"]
    return ana, f"/api/images/{ana.id}/{image_id}"


async def test_item_reads_carry_a_strong_etag_that_follows_the_content(client: httpx.AsyncClient) -> None:
    ana, url = await _item(client)
    first = await client.get(url, headers=ana.headers)
    again = await client.get(url, headers=ana.headers)
    etag = first.headers["etag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert again.headers["etag"] == etag  # same representation, same tag
    patched = await client.patch(url, json={"style": "formal"}, headers=ana.headers)
    assert patched.status_code == 200
    assert patched.headers["etag"] not in (None, etag)
    assert (await client.get(url, headers=ana.headers)).headers["etag"] == patched.headers["etag"]


async def test_patch_with_a_stale_if_match_is_412_and_changes_nothing(client: httpx.AsyncClient) -> None:
    ana, url = await _item(client)
    stale = (await client.get(url, headers=ana.headers)).headers["etag"]
    assert (await client.patch(url, json={"style": "formal"}, headers=ana.headers)).status_code == 200
    refused = await client.patch(url, json={"pattern": "striped"}, headers={**ana.headers, "If-Match": stale})
    assert refused.status_code == 412
    assert refused.json()["error"] == "precondition_failed"
    assert "read it again" in refused.json()["detail"]
    assert "pattern" not in (await client.get(url, headers=ana.headers)).json()["corrections"]


async def test_patch_with_the_current_if_match_applies(client: httpx.AsyncClient) -> None:
    ana, url = await _item(client)
    current = (await client.get(url, headers=ana.headers)).headers["etag"]
    for template in ("{}", '"other", {}', "*"):
        if_match = template.format(current)
        answer = await client.patch(url, json={"pattern": "striped"}, headers={**ana.headers, "If-Match": if_match})
        assert answer.status_code == 200, if_match
        current = answer.headers["etag"]
    weak = await client.patch(url, json={"style": "formal"}, headers={**ana.headers, "If-Match": f"W/{current}"})
    assert weak.status_code == 412  # If-Match compares strongly: a weak tag never matches


async def test_if_match_on_a_missing_item_is_404(client: httpx.AsyncClient) -> None:
    ana, url = await _item(client)
    answer = await client.patch(f"{url}999", json={"style": "formal"}, headers={**ana.headers, "If-Match": '"x"'})
    assert answer.status_code == 404


def test_etag_rules() -> None:
    assert strong_etag({"a": 1, "b": [1, 2]}) == strong_etag({"b": [1, 2], "a": 1})  # key order is not content
    assert strong_etag({"a": 1}) != strong_etag({"a": 2})
    assert strong_etag(b"body") == strong_etag(b"body") != strong_etag(b"other")
    tag = strong_etag(b"body")
    assert if_match_passes(None, tag) and if_match_passes("*", tag) and if_match_passes(f'"x", {tag}', tag)
    assert not if_match_passes('"x"', tag) and not if_match_passes(f"W/{tag}", tag)
    assert if_none_match_hits(f"W/{tag}", tag) and if_none_match_hits("*", tag)
    assert not if_none_match_hits(None, tag) and not if_none_match_hits('"x"', tag)
