"""Slowing down guessing and flooding: who a request counts against, and how many it may make.

The counters themselves live in SQLite (`store.throttles`), so every server process on the same
database counts the same attempts. This module holds the pure parts: the limits, and the key
derived from the peer address, the X-Forwarded-For header and the trusted proxies.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class Limit:
    """At most `count` events per key of `bucket` within `window_s` seconds."""

    bucket: str
    count: int
    window_s: float


# Wrong join codes per client: 10 a minute lets a mistyped code be retried, and keeps guessing one
# of 8.9e8 codes far out of reach in a workshop's lifetime.
JOIN_FAILURES = Limit("join_failure", 10, 60)
# Joins of new names per workshop: a room of 60 joins in a minute; 300 fake names in 45 s do not.
JOINS_PER_WORKSHOP = Limit("join_workshop", 60, 60)
# Unlock attempts (a wrong code or a wrong PIN) per client, like the join form.
UNLOCK_FAILURES = Limit("unlock_failure", 10, 60)
# PIN checks: five per device, and a ceiling per workshop that one participant (one device, one
# address) cannot reach alone, while many sessions together still get no more than 30 in ten minutes.
PIN_PER_DEVICE = Limit("pin_device", 5, 10 * 60)
PIN_PER_WORKSHOP = Limit("pin_workshop", 30, 10 * 60)
# Creation per client and per server (the server-wide ceilings bound sessions that rotate keys).
WORKSHOPS_PER_CLIENT = Limit("create_client", 5, 60 * 60)
WORKSHOPS_PER_SERVER = Limit("create_server", 100, 60 * 60)
DEMOS_PER_CLIENT = Limit("demo_client", 3, 60 * 60)
DEMOS_PER_SERVER = Limit("demo_server", 60, 60 * 60)
SERVER_KEY = "server"

LIMITS: tuple[Limit, ...] = (
    JOIN_FAILURES, JOINS_PER_WORKSHOP, UNLOCK_FAILURES, PIN_PER_DEVICE, PIN_PER_WORKSHOP,
    WORKSHOPS_PER_CLIENT, WORKSHOPS_PER_SERVER, DEMOS_PER_CLIENT, DEMOS_PER_SERVER,
)
LONGEST_WINDOW_S = max(limit.window_s for limit in LIMITS)


def parse_networks(setting: str) -> tuple[Network, ...]:
    """The trusted proxies of a comma-separated setting ('127.0.0.1, 10.0.0.0/8'); bad entries raise ValueError."""
    return tuple(
        ipaddress.ip_network(part.strip(), strict=False) for part in setting.split(",") if part.strip()
    )


def _address(text: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    if not text:
        return None
    text = text.strip()
    if text.startswith("[") and "]" in text:  # "[::1]:443" as some proxies write it
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # "1.2.3.4:5678"
        text = text.split(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _trusted(address, networks: Iterable[Network]) -> bool:
    return any(address.version == network.version and address in network for network in networks)


def client_key(peer: str | None, forwarded_for: Iterable[str], trusted: Iterable[Network],
               session_id: str) -> str:
    """Who a request counts against: 'ip:<address>' when the address is known, else 'session:<id>'.

    Without trusted proxies the peer is the client; a loopback peer is then the host itself (a
    local browser, or a proxy nobody declared) and says nothing about the person, so the session
    counts instead of one bucket shared by everyone. With trusted proxies and a trusted peer, the
    right-most X-Forwarded-For entry that is not a trusted proxy is the client: entries left of it
    were written by the client itself and prove nothing.
    """
    networks = tuple(trusted)
    address = _address(peer)
    if address is not None and networks and _trusted(address, networks):
        hops = [hop for header in forwarded_for for hop in header.split(",") if hop.strip()]
        for hop in reversed(hops):
            hop_address = _address(hop)
            if hop_address is None:
                break  # a garbled entry: nothing left of it can be believed
            if not _trusted(hop_address, networks):
                return f"ip:{hop_address}"
        return f"session:{session_id}"
    if address is None or address.is_loopback:
        return f"session:{session_id}"
    return f"ip:{address}"
