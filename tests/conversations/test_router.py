import httpx

from tests.factories import create_user


async def ask(client: httpx.AsyncClient, account, question: str) -> httpx.Response:
    return await client.post(
        "/api/conversations/", params={"user_id": account.id, "question": question}, headers=account.headers
    )


async def test_history_is_newest_first_and_paginated(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    ids = [(await ask(client, ana, f"What to wear for a date, take {n}?")).json()["id"] for n in range(4)]
    history = await client.get(f"/api/conversations/{ana.id}", params={"limit": 2}, headers=ana.headers)
    assert [c["id"] for c in history.json()] == [ids[3], ids[2]]
    rest = await client.get(f"/api/conversations/{ana.id}", params={"offset": 2}, headers=ana.headers)
    assert [c["id"] for c in rest.json()] == [ids[1], ids[0]]


async def test_answers_are_never_empty_and_record_the_backend(client: httpx.AsyncClient) -> None:
    ana = await create_user(client, style_preferences="earthy tones")
    for question in ["?", "what about a wedding", "olive or navy?"]:
        body = (await ask(client, ana, question)).json()
        assert body["answer"].strip()
        assert body["backend"] == "local"


async def test_overlong_question_is_422(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    assert (await ask(client, ana, "x" * 2001)).status_code == 422
