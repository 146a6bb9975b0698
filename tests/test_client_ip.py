"""Forwarded client addresses are believed only from configured proxies (issue 11, item 13)."""

import httpx
import pytest

from app.core.client_ip import client_address, parse_networks

PROXIES = parse_networks(["10.0.0.0/16", "127.0.0.1/32"])


@pytest.mark.parametrize(
    ("peer", "forwarded", "expected"),
    [
        ("203.0.113.9", "1.2.3.4", "203.0.113.9"),  # not a proxy: its header is the client's own claim
        ("10.0.1.5", "198.51.100.7", "198.51.100.7"),  # the load balancer vouches for the client
        ("10.0.1.5", "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # a spoofed left part changes nothing
        ("10.0.1.5", "198.51.100.7, 10.0.2.9", "198.51.100.7"),  # a chain of trusted proxies is skipped
        ("10.0.1.5", "not-an-ip", "10.0.1.5"),
        ("10.0.1.5", None, "10.0.1.5"),
    ],
)
def test_right_most_untrusted_hop_is_the_client(peer: str, forwarded: str | None, expected: str) -> None:
    assert client_address(peer, forwarded, PROXIES) == expected


async def _register(client: httpx.AsyncClient, n: int, forwarded: str) -> int:
    response = await client.post("/api/users/", json={"username": f"u{n}"}, headers={"X-Forwarded-For": forwarded})
    return response.status_code


async def test_forwarded_for_from_an_untrusted_peer_buys_no_budget(client_with) -> None:
    client: httpx.AsyncClient = await client_with(rate_limit_writes_per_minute=3)  # trusts no proxy
    statuses = [await _register(client, n, f"198.51.100.{n}") for n in range(5)]
    assert statuses == [200, 200, 200, 429, 429]


async def test_a_trusted_proxy_names_the_client(client_with) -> None:
    # The test transport's peer is 127.0.0.1: configured as the proxy, clients are told apart by the header.
    client: httpx.AsyncClient = await client_with(rate_limit_writes_per_minute=3, trusted_proxies=["127.0.0.1/32"])
    assert [await _register(client, n, "198.51.100.1") for n in range(4)] == [200, 200, 200, 429]
    assert await _register(client, 9, "198.51.100.2") == 200  # another client has its own budget
    assert await _register(client, 10, "6.6.6.6, 198.51.100.1") == 429  # spoofing the left part does not help


def test_trusted_proxies_must_be_networks() -> None:
    from pydantic import ValidationError

    from app.core.config import Settings

    with pytest.raises(ValidationError, match="not an IP network"):
        Settings(_env_file=None, trusted_proxies=["the load balancer"])
