"""The occasion vocabulary through the API: synonyms and phrases are understood, anything else is a 422."""

import httpx
import pytest

from app.styling.occasions import OCCASION_NAMES
from tests.factories import create_user
from tests.outfits.test_router import stock

PHRASES = {
    "office": "work",
    "job interview at a bank": "interview",
    "friend's wedding in June": "wedding-guest",
    "weekend": "casual",
    "dinner": "dinner",
    "beach": "beach",
    "job interview": "interview",
    "black tie": "formal",
    "a day of walking around the city": "casual",
    "evening at a ski chalet": "dinner",
    "gym after work": "gym",
    "walk in the park": "casual",
}


async def test_every_occasion_and_phrase_is_accepted(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    await stock(client, ana)
    for occasion in [*OCCASION_NAMES, *PHRASES]:
        response = await client.get(
            "/api/outfits/suggestions", params={"user_id": ana.id, "occasion": occasion}, headers=ana.headers
        )
        assert response.status_code == 200, (occasion, response.text)


async def test_a_phrase_ranks_like_its_occasion(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    await stock(client, ana)
    for phrase, occasion in PHRASES.items():
        ranked = []
        for value in (phrase, occasion):
            response = await client.get(
                "/api/outfits/suggestions",
                params={"user_id": ana.id, "occasion": value, "count": 3},
                headers=ana.headers,
            )
            ranked.append([[item["id"] for item in o["items"]] for o in response.json()["outfits"]])
        assert ranked[0] == ranked[1], phrase


@pytest.mark.parametrize(
    ("path", "method"),
    [("/api/outfits/suggestions", "GET"), ("/api/conversations/match-styles/", "GET"), ("/api/outfits/score", "POST")],
)
async def test_unknown_occasion_is_422_listing_the_accepted_ones(
    client: httpx.AsyncClient, path: str, method: str
) -> None:
    ana = await create_user(client)
    ids = await stock(client, ana, ["tshirt-grey.jpg"])
    params: dict[str, str | int] = {"user_id": ana.id}
    if method == "GET":
        params["occasion"] = "quidditch"
        response = await client.get(path, params=params, headers=ana.headers)
    else:
        body = {"item_ids": list(ids.values()), "occasion": "quidditch"}
        response = await client.post(path, params=params, json=body, headers=ana.headers)
    assert response.status_code == 422, response.text
    assert response.json()["error"] == "unknown_occasion"
    assert all(name in response.json()["detail"] for name in OCCASION_NAMES)


async def test_feedback_stores_the_canonical_occasion(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    ids = await stock(client, ana, ["tshirt-grey.jpg"])
    response = await client.post(
        "/api/outfits/feedback",
        params={"user_id": ana.id},
        json={"item_ids": list(ids.values()), "signal": "like", "occasion": "the office"},
        headers=ana.headers,
    )
    assert response.status_code == 201 and response.json()["occasion"] == "work"
    unknown = await client.post(
        "/api/outfits/feedback",
        params={"user_id": ana.id},
        json={"item_ids": list(ids.values()), "signal": "like", "occasion": "quidditch"},
        headers=ana.headers,
    )
    assert unknown.status_code == 422 and unknown.json()["error"] == "unknown_occasion"


def test_the_vocabulary_is_an_enum_in_openapi() -> None:
    from app.main import create_app

    schema = create_app().openapi()
    assert schema["components"]["schemas"]["Occasion"]["enum"] == list(OCCASION_NAMES)
