"""The app's public root URL as this browser session sees it."""

from __future__ import annotations

import streamlit as st

from kpi_logic.config import PUBLIC_URL
from kpi_logic.i18n import t
from kpi_logic.links import AppAddress, app_address, phone_notice, qr_png


def current_address() -> AppAddress:
    """KPI_WORKSHOP_URL if set, else the scheme and host this browser used, localhost made reachable."""
    return app_address(st.context.url, PUBLIC_URL.value())


def app_base_url() -> str:
    """The root URL for this session's join and share links and QR codes."""
    return current_address().url


def phone_hint(language: str) -> None:
    """Tell the facilitator which address phones open when it is not the one in the browser."""
    notice = phone_notice(current_address(), language)
    if notice:
        st.info(notice, icon="📱")


def qr_image(language: str, url: str, width: int, caption: str | None = None, png: bytes | None = None) -> None:
    """A QR code for `url` that a screen reader can name (its alternative text says the link)."""
    st.image(png or qr_png(url), caption=caption, width=width, alt=t(language, "words.qr_alt", link=url))
