"""How pages tell users what happened: a confirmation after every write, errors in their language."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import streamlit as st

from kpi_logic.errors import KpiWorkshopError, StorageError
from kpi_logic.text import escape_markdown

LOGGER = logging.getLogger(__name__)
_NOTICE = "feedback_notice"  # (text key, values) to confirm at the start of the next run
T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What a write did: whether it was taken, and what it returned."""

    ok: bool
    value: T | None = None


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


def attempt(
    context: Any, action: Callable[[], T], done: str | None = "saved", *, rerun: bool = False, **values: object
) -> Outcome[T]:
    """The one write-and-confirm idiom: run `action`; a toast in the user's language when it was taken
    (`done`, None for none; `{count}` in it is what the action returned, unless given), the refusal in place when it was not.

    `rerun` reruns the page after a success, so what the write changed shows at once.
    """
    try:
        value = action()
    except KpiWorkshopError as error:
        show_error(context, error)
        return Outcome(False)
    values = {"count": value, **values}
    if rerun:
        confirm_after_rerun(done, **values)  # does not return
    if done is not None:
        confirm(context, done, **values)
    return Outcome(True, value)


def confirm_after_rerun(key: str | None, **values: object) -> None:
    """Rerun the page now and confirm the write with a toast at the start of that rerun."""
    if key is not None:
        st.session_state[_NOTICE] = (key, values)
    st.rerun()


def show_notice(context: Any) -> None:
    """The confirmation left by `confirm_after_rerun`, once (every page's guard calls this)."""
    notice = st.session_state.pop(_NOTICE, None)
    if notice is not None:
        key, values = notice
        confirm(context, key, **values)
