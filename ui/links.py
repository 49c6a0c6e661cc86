"""The app's public root URL as this browser session sees it."""

from __future__ import annotations

import streamlit as st

from kpi_logic.config import PUBLIC_URL
from kpi_logic.links import base_url


def app_base_url() -> str:
    """KPI_WORKSHOP_URL if set, else the scheme and host this browser used."""
    return base_url(st.context.url, PUBLIC_URL.value())
