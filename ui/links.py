"""The app's public root URL as this browser session sees it."""

from __future__ import annotations

import streamlit as st

from kpi_logic.config import PUBLIC_URL
from kpi_logic.links import AppAddress, app_address, phone_notice


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
