"""Join and share links for a workshop, and their QR codes."""

from __future__ import annotations

import io
from urllib.parse import urlencode, urlsplit

import segno

JOIN_PARAM = "join"
SHARE_PARAM = "share"


def base_url(page_url: str | None, configured: str = "") -> str:
    """The app's root URL: the configured public URL, else scheme and host of the page in use."""
    if configured:
        return configured.rstrip("/")
    if not page_url:
        return "http://localhost:8501"
    parts = urlsplit(page_url)
    return f"{parts.scheme}://{parts.netloc}"


def join_url(base: str, join_code: str) -> str:
    """The link that opens the join form of one workshop."""
    return f"{base}/?{urlencode({JOIN_PARAM: join_code})}"


def share_url(base: str, share_token: str) -> str:
    """The link that opens the read-only view of one workshop."""
    return f"{base}/?{urlencode({SHARE_PARAM: share_token})}"


def qr_png(url: str, scale: int = 8) -> bytes:
    """A QR code of `url` as PNG bytes, large enough to scan from a projector."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()
