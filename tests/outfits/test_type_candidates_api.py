"""Through the API: an item the image engine says may well be another kind (its `type_candidates`) is not what a
hard rule leans on while a sure item can meet it: sandals that may be flip-flops stay home on a date, `pants` that
may be jeans stay home at a funeral; they still go when nothing safe can; a correction makes the item sure again."""

from dataclasses import replace
from typing import Any

import httpx
from fastapi import FastAPI
from PIL import Image

from app.vision.analyze import ItemAnalysis
from app.vision.candidates import TypeCandidate
from app.vision.knowledge import formality_of, seasons_of, warmth_of
from app.vision.taxonomy import category_of
from tests.factories import Account, create_user, upload
from tests.outfits.test_rules_api import photo

Told = tuple[str, list[tuple[str, float]]]  # the type and its candidates an upload should come back with
SURE = 0.97


class ToldAnalyzer:
    """The shipped analyser, with the type and type candidates of each upload set by the test (in upload order):
    the model is sure of its class (`sandals`), the candidates say which finer kind it may be (`flip-flops`)."""

    def __init__(self, inner: Any, plan: list[Told], confidences: list[float]) -> None:
        self.inner, self.plan, self.confidences = inner, plan, confidences

    def analyze(self, image: Image.Image) -> ItemAnalysis:
        analysis: ItemAnalysis = self.inner.analyze(image)
        kind, candidates = self.plan.pop(0)
        sure = self.confidences.pop(0)
        return replace(
            analysis, type=kind, category=category_of(kind), style="casual", pattern="solid",
            formality=formality_of(kind, "casual"), warmth=warmth_of(kind), seasons=seasons_of(kind),
            confidence={**analysis.confidence, "type": sure, "category": SURE},  # how sure of the model's class
            type_candidates=[TypeCandidate(t, p) for t, p in candidates],
        )  # fmt: skip

    def cutout(self, image: Image.Image, *, category: str | None = None) -> bytes | None:
        result: bytes | None = self.inner.cutout(image, category=category)
        return result


async def wardrobe(
    app: FastAPI, client: httpx.AsyncClient, account: Account, plan: list[Told], sure: list[float] | None = None
) -> list[int]:
    app.state.analyzer = ToldAnalyzer(app.state.analyzer, list(plan), list(sure or [SURE] * len(plan)))
    ids = []
    for n, (kind, _) in enumerate(plan):
        uploaded = await upload(client, account, photo(n), filename=f"{kind}-{n}.jpg")
        assert uploaded.status_code in (200, 201), uploaded.text
        assert uploaded.json()["tags"]["type"] == kind
        ids.append(uploaded.json()["id"])
    return ids


async def used(client: httpx.AsyncClient, account: Account, **params: Any) -> set[int]:
    response = await client.get(
        "/api/outfits/suggestions", params={"user_id": account.id, "count": 6, **params}, headers=account.headers
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["outfits"] and body["unmet"] == [], body
    assert all(outfit["broken_rules"] == [] for outfit in body["outfits"])
    return {item["id"] for outfit in body["outfits"] for item in outfit["items"]}


MAYBE_FLIP_FLOPS: Told = ("sandals", [("sandals", 0.5), ("flip-flops", 0.48)])
DATE_WARDROBE: list[Told] = [
    ("blouse", [("blouse", SURE)]), ("skirt", [("skirt", SURE)]), ("dress", [("dress", SURE)]),
    MAYBE_FLIP_FLOPS, ("heels", [("heels", SURE)]),
]  # fmt: skip


async def test_sandals_that_may_be_flip_flops_stay_home_on_a_date(app: FastAPI, client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    ids = await wardrobe(app, client, ana, DATE_WARDROBE)
    sandals = ids[3]
    item = (await client.get(f"/api/images/{ana.id}/{sandals}", headers=ana.headers)).json()
    assert item["tags"]["type_candidates"] == [{"type": "sandals", "p": 0.5}, {"type": "flip-flops", "p": 0.48}]
    assert sandals not in await used(client, ana, occasion="date", temperature_c=22)
    assert sandals in await used(client, ana, occasion="casual", temperature_c=22)  # flip-flops are fine there


async def test_they_still_go_when_no_sure_shoes_can_and_the_outfit_says_so(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    ana = await create_user(client)
    ids = await wardrobe(app, client, ana, DATE_WARDROBE[:4])  # no heels
    assert ids[3] in await used(client, ana, occasion="date", temperature_c=22)
    response = await client.get(
        "/api/outfits/suggestions", params={"user_id": ana.id, "occasion": "date", "temperature_c": 22},
        headers=ana.headers,
    )  # fmt: skip
    for outfit in response.json()["outfits"]:
        assert "the sandals may be flip-flops (48%): flip-flops on a date (beachwear)" in outfit["explanation"]
        assert outfit["score"] <= 0.75  # a stated doubt caps the score, as any stated flaw does
    rated = await client.post(
        "/api/outfits/score", params={"user_id": ana.id}, headers=ana.headers,
        json={"item_ids": [ids[2], ids[3]], "occasion": "date", "temperature_c": 22},
    )  # fmt: skip
    assert "may be flip-flops" in rated.json()["explanation"] and rated.json()["broken_rules"] == []


async def test_a_correction_makes_the_item_sure_again(app: FastAPI, client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    sandals = (await wardrobe(app, client, ana, DATE_WARDROBE))[3]
    patched = await client.patch(f"/api/images/{ana.id}/{sandals}", json={"type": "sandals"}, headers=ana.headers)
    assert patched.status_code == 200 and patched.json()["tags"]["type_candidates"] == []
    assert sandals in await used(client, ana, occasion="date", temperature_c=22)


async def test_pants_that_may_be_jeans_stay_home_at_a_funeral(app: FastAPI, client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    ids = await wardrobe(app, client, ana, [
        ("shirt", [("shirt", SURE)]), ("pants", [("pants", 0.99), ("jeans", 0.51), ("trousers", 0.46)]),
        ("trousers", [("trousers", SURE)]), ("formal-shoes", [("formal-shoes", SURE)]),
    ])  # fmt: skip
    funeral = await used(client, ana, occasion="funeral", temperature_c=18)
    assert ids[1] not in funeral and ids[2] in funeral
    assert ids[1] in await used(client, ana, occasion="work", temperature_c=18)  # jeans are fine at work


async def test_rain_cover_that_rests_on_a_guess_says_so(app: FastAPI, client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    plan: list[Told] = [
        ("t-shirt", [("t-shirt", SURE)]), ("jeans", [("jeans", SURE)]), ("boots", [("boots", SURE)]),
        ("jacket", [("jacket", 0.48), ("shirt", 0.28)]),
    ]  # fmt: skip
    await wardrobe(app, client, ana, plan, sure=[SURE, SURE, SURE, 0.48])
    response = await client.get(
        "/api/outfits/suggestions", params={"user_id": ana.id, "temperature_c": 12, "rain": True}, headers=ana.headers
    )
    body = response.json()
    assert body["unmet"] == [] and body["outfits"]
    for outfit in body["outfits"]:  # the only cover goes, and the answer says it is a guess
        assert (
            "the cover for the rain rests on a guess: the jacket (48% sure), confirm its type" in outfit["explanation"]
        )
        assert outfit["score"] <= 0.75 and outfit["broken_rules"] == []
