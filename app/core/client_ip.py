"""The client's address behind trusted proxies: the right-most `X-Forwarded-For` hop no trusted proxy added.

Only a request whose peer is a configured proxy (STYLIST_TRUSTED_PROXIES, e.g. the VPC range the load balancer
lives in) may name another client; from anywhere else the header is ignored, so nobody can pick the address
their requests are counted against. Proxies append the address they saw, so the right-most entry that is not
itself a trusted proxy is the first one a trusted party vouches for; everything to its left is the client's own
claim.
"""

import ipaddress
from collections.abc import Iterable

from starlette.types import ASGIApp, Receive, Scope, Send

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(values: Iterable[str]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(value.strip(), strict=False) for value in values)


def _is_trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(peer: str, forwarded_for: str | None, networks: tuple[Network, ...]) -> str:
    if not forwarded_for or not _is_trusted(peer, networks):
        return peer
    client = peer
    for hop in reversed([part.strip() for part in forwarded_for.split(",")]):
        try:
            ipaddress.ip_address(hop)
        except ValueError:  # a malformed hop: nothing to its left can be trusted either
            break
        client = hop
        if not _is_trusted(hop, networks):
            break
    return client


class TrustedProxyHeaders:
    def __init__(self, app: ASGIApp, *, trusted: Iterable[str]) -> None:
        self.app = app
        self.networks = parse_networks(trusted)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.networks and scope["type"] in ("http", "websocket") and scope.get("client"):
            header = dict(scope["headers"]).get(b"x-forwarded-for")
            peer_host, peer_port = scope["client"]
            host = client_address(peer_host, header.decode("latin-1") if header else None, self.networks)
            if host != peer_host:
                scope = {**scope, "client": (host, peer_port)}
        await self.app(scope, receive, send)
