"""How pages tell users what happened: a confirmation after every write, errors in their language."""

from __future__ import annotations

import logging

import streamlit as st

from kpi_logic.errors import KpiWorkshopError, StorageError
from kpi_logic.text import escape_markdown

LOGGER = logging.getLogger(__name__)


def confirm(context, key: str = "saved", **values: object) -> None:
    """A short toast after a write succeeded."""
    st.toast(context.t(key, **values), icon="✅")


def show_error(context, error: Exception) -> None:
    """Say what went wrong without a traceback; storage faults keep what was already stored."""
    if isinstance(error, StorageError):
        detail = escape_markdown(error.explain(context.language))
        st.error(context.t("error.storage", detail=detail), icon="💾")
    elif isinstance(error, KpiWorkshopError):
        st.error(context.t("error.invalid", detail=escape_markdown(error.explain(context.language))),
                 icon="⚠️")
    else:
        LOGGER.exception("Unexpected error on a page")
        st.error(context.t("error.storage", detail=type(error).__name__), icon="💾")
