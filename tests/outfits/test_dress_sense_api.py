"""Dress sense through the API: beach shoes, casual-looking tops at an interview, prints at a wedding,
formality clashes (refused where a dress code demands, down-ranked elsewhere) and explanations that are true."""

from typing import Any

import httpx

from tests.factories import Account, create_user
from tests.outfits.test_rules_api import rate, suggest, types_of, wardrobe


async def correct(client: httpx.AsyncClient, account: Account, item_id: int, **fields: str) -> None:
    response = await client.patch(f"/api/images/{account.id}/{item_id}", json=fields, headers=account.headers)
    assert response.status_code == 200, response.text


def ids_of(outfit: dict[str, Any]) -> set[int]:
    return {item["id"] for item in outfit["items"]}


async def test_the_beach_gets_beach_shoes_and_says_so_when_there_are_none(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    await wardrobe(client, ana, ["t-shirt", "shorts", "flats", "sandals", "sneakers"])
    body = await suggest(client, ana, occasion="beach", temperature_c=29)
    assert body["unmet"] == []
    assert all("flats" not in types_of(outfit) for outfit in body["outfits"])
    bea = await create_user(client, "bea")
    await wardrobe(client, bea, ["t-shirt", "shorts", "flats", "heels"])
    lacking = await suggest(client, bea, occasion="seaside", temperature_c=29)
    assert any("sandals, flip-flops or sneakers" in unmet for unmet in lacking["unmet"]), lacking["unmet"]
    assert all(outfit["score"] < 0.05 and outfit["broken_rules"] for outfit in lacking["outfits"])


async def test_an_interview_refuses_a_casual_top_and_a_wedding_a_graphic_print(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    ids = await wardrobe(client, ana, ["top", "shirt", "trousers", "formal-shoes"])
    await correct(client, ana, ids["top"], style="casual")
    body = await suggest(client, ana, occasion="interview")
    assert all("top" not in types_of(outfit) for outfit in body["outfits"]), body["outfits"]
    rated = await rate(client, ana, [ids["top"], ids["trousers"], ids["formal-shoes"]], occasion="interview")
    assert "too casual" in " ".join(rule["message"] for rule in rated["broken_rules"])
    await correct(client, ana, ids["shirt"], pattern="graphic")
    wedding = await rate(client, ana, [ids["shirt"], ids["trousers"], ids["formal-shoes"]], occasion="wedding")
    assert "a graphic print" in " ".join(rule["message"] for rule in wedding["broken_rules"])
    assert wedding["score"] < 0.05


async def test_a_formality_clash_is_refused_on_a_date_and_ranks_last_on_a_casual_day(
    client: httpx.AsyncClient,
) -> None:
    ana = await create_user(client)
    ids = await wardrobe(client, ana, ["shirt", "shorts", "jeans", "formal-shoes", "sneakers"])
    clash = [ids["shirt"], ids["shorts"], ids["formal-shoes"]]
    date = await rate(client, ana, clash, occasion="date", temperature_c=24)
    assert "formal shoes with shorts" in " ".join(rule["message"] for rule in date["broken_rules"])
    casual = await rate(client, ana, clash, occasion="casual", temperature_c=24)
    coherent = await rate(
        client, ana, [ids["shirt"], ids["shorts"], ids["sneakers"]], occasion="casual", temperature_c=24
    )
    assert casual["broken_rules"] == [] and casual["score"] < coherent["score"]
    assert "mixes dressy and casual pieces (formal shoes with shorts)" in casual["explanation"]
    body = await suggest(client, ana, occasion="casual", temperature_c=24, count=6)
    ranked = [ids_of(outfit) for outfit in body["outfits"]]
    assert set(clash) not in ranked[:-1], ranked  # shown, if at all, after every coherent outfit
    first = body["outfits"][0]
    assert "mixes dressy and casual" not in first["explanation"]
    again = await rate(client, ana, sorted(ids_of(first)), occasion="casual", temperature_c=24)
    assert again["score"] == first["score"]  # rate-my-outfit agrees with the ranking


async def test_cold_refuses_open_toes_not_heels_and_ice_refuses_heels_too(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    ids = await wardrobe(client, ana, ["dress", "heels", "sandals", "coat"])
    at_9 = await rate(client, ana, [ids["dress"], ids["heels"], ids["coat"]], temperature_c=9)
    assert all("heels" not in rule["message"] for rule in at_9["broken_rules"]), at_9["broken_rules"]
    sandals = await rate(client, ana, [ids["dress"], ids["sandals"], ids["coat"]], temperature_c=9)
    assert "sandals at 9 °C (not closed shoes)" in [rule["message"] for rule in sandals["broken_rules"]]
    icy = await rate(client, ana, [ids["dress"], ids["heels"], ids["coat"]], temperature_c=-2)
    assert "heels at -2 °C (not closed shoes)" in [rule["message"] for rule in icy["broken_rules"]]


async def test_a_scarf_and_gloves_count_towards_warmth(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    ids = await wardrobe(client, ana, ["t-shirt", "sweater", "jeans", "sneakers", "jacket", "scarf", "gloves"])
    layers = [ids["t-shirt"], ids["sweater"], ids["jeans"], ids["sneakers"], ids["jacket"]]
    bare = await rate(client, ana, layers, temperature_c=-3)
    assert "not warm enough for -3 °C" in [rule["message"] for rule in bare["broken_rules"]]
    wrapped = await rate(client, ana, [*layers, ids["scarf"]], temperature_c=-3)
    assert wrapped["broken_rules"] == []
    body = await suggest(client, ana, temperature_c=-3)
    assert body["unmet"] == [] and all(outfit["broken_rules"] == [] for outfit in body["outfits"])
    assert all({"scarf", "gloves"} & set(types_of(outfit)) for outfit in body["outfits"])


async def test_below_5_c_a_light_jacket_needs_a_knit_under_it_or_a_warm_coat(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    ids = await wardrobe(client, ana, ["shirt", "trousers", "formal-shoes", "blazer", "jacket", "coat"])
    for kind in ("trousers", "blazer", "jacket", "coat"):
        await correct(client, ana, ids[kind], primary_color="black")  # fixture photos come in any colour
    # A funeral refuses a casual sweater, so nothing warm goes under the jacket: the best it allows, flagged.
    body = await suggest(client, ana, occasion="funeral", temperature_c=4, rain=True, exclude_ids=[ids["coat"]])
    assert body["unmet"] == ["nothing warm enough: add a sweater or a warmer coat"]
    first = body["outfits"][0]
    assert "blazer" in types_of(first) and "jacket" in types_of(first), first  # a blazer at least, under the jacket
    assert [rule["message"] for rule in first["broken_rules"]] == ["no knit under a light jacket at 4 °C"]
    assert first["score"] < 0.05
    rated = await rate(client, ana, [ids[k] for k in ("shirt", "trousers", "formal-shoes", "blazer", "jacket")],
                       occasion="funeral", temperature_c=6)  # fmt: skip
    assert rated["broken_rules"] == []  # from 5 °C a blazer under the jacket is enough
    warm = await suggest(client, ana, occasion="funeral", temperature_c=4, rain=True)
    assert warm["unmet"] == [] and all("coat" in types_of(outfit) for outfit in warm["outfits"])


async def test_sporty_generic_pants_count_at_the_gym_and_lounge_bottoms_not_at_the_beach(
    client: httpx.AsyncClient,
) -> None:
    ana = await create_user(client)
    ids = await wardrobe(client, ana, ["t-shirt", "pants", "shorts", "sneakers", "jacket", "sandals", "joggers"])
    await correct(client, ana, ids["pants"], style="sporty")
    gym = await suggest(client, ana, occasion="gym", temperature_c=6)
    assert gym["unmet"] == [] and any("pants" in types_of(outfit) for outfit in gym["outfits"])  # track pants
    assert all("shorts" not in types_of(outfit) for outfit in gym["outfits"])  # 6 °C
    beach = await suggest(client, ana, occasion="beach", temperature_c=30)
    assert all(not {"joggers", "pants"} & set(types_of(outfit)) for outfit in beach["outfits"])


async def test_a_funeral_refuses_a_loud_scarf_and_prefers_dark_pieces(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    ids = await wardrobe(client, ana, ["shirt", "trousers", "formal-shoes", "scarf"])
    await correct(client, ana, ids["scarf"], primary_color="red")
    await correct(client, ana, ids["trousers"], primary_color="black")
    rated = await rate(
        client, ana, [ids["shirt"], ids["trousers"], ids["formal-shoes"], ids["scarf"]], occasion="funeral"
    )
    assert "red scarf at a funeral (too loud a colour)" in [rule["message"] for rule in rated["broken_rules"]]
    dark = await rate(client, ana, [ids["shirt"], ids["trousers"], ids["formal-shoes"]], occasion="funeral")
    await correct(client, ana, ids["trousers"], primary_color="cream")
    pale = await rate(client, ana, [ids["shirt"], ids["trousers"], ids["formal-shoes"]], occasion="funeral")
    assert pale["score"] < dark["score"]


async def test_in_the_cold_a_blazer_over_a_shirt_is_not_outerwear_but_over_a_knit_it_will_do(
    client: httpx.AsyncClient,
) -> None:
    ana = await create_user(client)
    ids = await wardrobe(client, ana, ["shirt", "sweater", "trousers", "formal-shoes", "blazer"])
    bare = await rate(client, ana, [ids["shirt"], ids["trousers"], ids["formal-shoes"], ids["blazer"]], temperature_c=6)
    assert "no outerwear at 6 °C" in [rule["message"] for rule in bare["broken_rules"]]
    knit = [ids["shirt"], ids["sweater"], ids["trousers"], ids["formal-shoes"], ids["blazer"]]
    assert (await rate(client, ana, knit, temperature_c=6))["broken_rules"] == []


async def test_a_graphic_tee_stays_home_on_a_work_day(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    ids = await wardrobe(client, ana, ["t-shirt", "shirt", "jeans", "sneakers"])
    await correct(client, ana, ids["t-shirt"], pattern="graphic")
    body = await suggest(client, ana, occasion="office", temperature_c=18)
    assert all(ids["t-shirt"] not in ids_of(outfit) for outfit in body["outfits"]), body["outfits"]
    rated = await rate(client, ana, [ids["t-shirt"], ids["jeans"], ids["sneakers"]], occasion="work")
    assert "a graphic print" in " ".join(rule["message"] for rule in rated["broken_rules"])


async def test_in_the_cold_the_coat_goes_over_the_blazer_and_is_named(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    ids = await wardrobe(client, ana, ["shirt", "sweater", "trousers", "formal-shoes", "blazer", "coat"])
    body = await suggest(client, ana, occasion="wedding", temperature_c=5)
    assert body["unmet"] == []
    for outfit in body["outfits"]:
        assert ids["coat"] in ids_of(outfit), outfit
        assert "coat for 5 °C" in outfit["explanation"], outfit["explanation"]


async def test_a_wedding_with_no_time_said_does_not_downgrade_a_guest_dress(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    ids = await wardrobe(client, ana, ["dress", "heels", "handbag"])
    await correct(client, ana, ids["dress"], style="casual", pattern="floral")
    outfit = [ids["dress"], ids["heels"]]
    unstated = await rate(client, ana, outfit, occasion="summer wedding", temperature_c=26)
    by_day = await rate(client, ana, outfit, occasion="wedding in the afternoon", temperature_c=26)
    assert unstated["broken_rules"] == []
    assert "less dressed" not in unstated["explanation"], unstated["explanation"]
    assert unstated["parts"]["occasion"] >= by_day["parts"]["occasion"], (unstated["parts"], by_day["parts"])
    evening = await rate(client, ana, outfit, occasion="evening wedding", temperature_c=26)
    assert evening["parts"]["occasion"] < unstated["parts"]["occasion"], evening["parts"]  # said outright: dressier


async def test_each_item_carries_the_name_the_explanation_uses(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    await wardrobe(client, ana, ["shirt", "trousers", "formal-shoes"])
    body = await suggest(client, ana, occasion="work")
    for outfit in body["outfits"]:
        names = [item["name"] for item in outfit["items"]]
        shoes = next(item["name"] for item in outfit["items"] if item["type"] == "formal-shoes")
        assert shoes.endswith("formal shoes"), shoes
        assert outfit["explanation"].startswith(" + ".join(names)), (names, outfit["explanation"])


async def test_a_casual_knit_goes_to_an_interview_only_under_a_blazer(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    ids = await wardrobe(client, ana, ["shirt", "sweater", "trousers", "formal-shoes", "blazer", "jacket"])
    await correct(client, ana, ids["sweater"], style="casual")
    body = await suggest(client, ana, occasion="job interview", temperature_c=1)
    assert body["unmet"] == []
    for outfit in body["outfits"]:  # at 1 °C a knit under a light jacket, and the blazer over the knit
        assert {"sweater", "blazer", "shirt"} <= set(types_of(outfit)), outfit
    alone = await rate(client, ana, [ids["sweater"], ids["trousers"], ids["formal-shoes"]], occasion="interview")
    assert "too casual without a blazer over it" in " ".join(rule["message"] for rule in alone["broken_rules"])


async def test_no_hat_at_the_office(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    ids = await wardrobe(client, ana, ["shirt", "trousers", "sneakers", "hat"])
    body = await suggest(client, ana, occasion="office", temperature_c=14)
    assert all(ids["hat"] not in ids_of(outfit) for outfit in body["outfits"]), body["outfits"]
    rated = await rate(client, ana, list(ids.values()), occasion="work")
    assert "hat at work (never worn)" in [rule["message"] for rule in rated["broken_rules"]], rated["broken_rules"]


async def test_a_casual_dress_with_heels_is_dressed_for_a_wedding(client: httpx.AsyncClient) -> None:
    """A dress is judged by what it is worn with (garments.Garment.styled_up): the image engine tags most dresses
    casual, and a dress + heels at a wedding read "mixes dressy and casual pieces (a casual dress with heels)"."""
    ana = await create_user(client)
    ids = await wardrobe(client, ana, ["dress", "heels", "sneakers"])
    await correct(client, ana, ids["dress"], style="casual")
    for occasion in ("wedding", "summer wedding", "garden wedding", "party"):
        rated = await rate(client, ana, [ids["dress"], ids["heels"]], occasion=occasion, temperature_c=22)
        assert "mixes dressy and casual" not in rated["explanation"], (occasion, rated["explanation"])
        assert rated["parts"]["formality"] > -0.3, (occasion, rated["parts"])
        body = await suggest(client, ana, occasion=occasion, temperature_c=22)
        assert {ids["dress"], ids["heels"]} <= ids_of(body["outfits"][0]), (occasion, body["outfits"][0])
    # a casual dress with sneakers is still casual: nothing dresses it up
    casual = await rate(client, ana, [ids["dress"], ids["sneakers"]], occasion="wedding", temperature_c=22)
    assert casual["score"] < rated["score"]
