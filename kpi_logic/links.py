"""Join and share links for a workshop, and their QR codes, at an address phones can reach."""

from __future__ import annotations

import functools
import io
import socket
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

import segno

from kpi_logic.config import PUBLIC_URL
from kpi_logic.i18n import t

JOIN_PARAM = "join"
SHARE_PARAM = "share"
SEAT_PARAM = "seat"  # a participant's re-join secret
DEVICE_PARAM = "device"  # a facilitator device's secret
ROOM_PARAM = "room"  # the room screen's token
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
DEFAULT_URL = "http://localhost:8501"


def network_address() -> str | None:
    """This machine's address in the local network, as `streamlit run` prints in its Network URL.

    Connecting a UDP socket sends nothing; it only makes the system choose the outgoing interface.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("8.8.8.8", 80))
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") or address == "0.0.0.0" else address


@dataclass(frozen=True)
class AppAddress:
    """The root URL links and QR codes use, and whether it had to stand in for a localhost URL."""

    url: str
    browser_host: str
    replaced_loopback: bool  # the browser used localhost; links use the network address instead
    phones_cannot_reach: bool  # localhost and no network address: a phone's scan leads nowhere


def app_address(page_url: str | None, configured: str = "", network: str | None = None) -> AppAddress:
    """The app's root URL: the configured public URL, else the page's own, with localhost replaced.

    A phone scanning a QR for http://localhost:8501 opens itself; the machine's network address
    (`network`, looked up when not given) is what phones in the same network reach.
    """
    parts = urlsplit(page_url or DEFAULT_URL)
    host = parts.hostname or "localhost"
    if configured:
        return AppAddress(configured.rstrip("/"), host, False, False)
    url = f"{parts.scheme}://{parts.netloc}"
    if host not in LOOPBACK_HOSTS:
        return AppAddress(url, host, False, False)
    network = network if network is not None else network_address()
    if not network:
        return AppAddress(url, host, False, True)
    port = f":{parts.port}" if parts.port else ""
    return AppAddress(f"{parts.scheme}://{network}{port}", host, True, False)


def base_url(page_url: str | None, configured: str = "") -> str:
    """The root URL for links and QR codes (see `app_address`)."""
    return app_address(page_url, configured).url


def phone_notice(address: AppAddress, language: str) -> str | None:
    """What to tell the facilitator when links do not use the browser's address; None when they do.

    For every screen that shows a join or share link (controls, share page, room screen).
    """
    setting = PUBLIC_URL.env
    if address.replaced_loopback:
        return t(language, "links.phones_open", url=address.url, host=address.browser_host, setting=setting)
    if address.phones_cannot_reach:
        return t(language, "links.phones_cannot", host=address.browser_host, setting=setting)
    return None


def join_url(base: str, join_code: str) -> str:
    """The link that opens the join form of one workshop."""
    return f"{base}/?{urlencode({JOIN_PARAM: join_code})}"


def share_url(base: str, share_token: str) -> str:
    """The link that opens the read-only view of one workshop."""
    return f"{base}/?{urlencode({SHARE_PARAM: share_token})}"


def room_url(base: str, room_token: str) -> str:
    """The link that opens the room screen for the projector (read-only, nothing that writes)."""
    return f"{base}/room?{urlencode({ROOM_PARAM: room_token})}"


def seat_url(base: str, secret: str) -> str:
    """The link that lets one person back in on a new device (given by the facilitator, used once)."""
    return f"{base}/?{urlencode({SEAT_PARAM: secret})}"


QR_CACHE_SIZE = 64  # a server draws the same few links (join, share, room) on every run of their pages


@functools.lru_cache(maxsize=QR_CACHE_SIZE)
def qr_png(url: str, scale: int = 8) -> bytes:
    """A QR code of `url` as PNG bytes, large enough to scan from a projector (kept per link: the
    bytes depend on nothing else, and encoding them was a few ms of every invite page's run)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()
