"""Controls that act the moment they change: no "save" button, and a refused change springs back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

_CHANGED = "live_changed_{}"


def take_change(key: str, stored: Any) -> tuple[bool, Any]:
    """Whether the user just changed the control `key`, and to what; the control then shows `stored`.

    Only a change by the user counts (its `on_change`): a value that moved in the store meanwhile (a
    countdown closing the vote, another tab) never reads as an order to set it back.
    """
    changed = st.session_state.pop(_CHANGED.format(key), False)
    wanted = st.session_state.get(key, stored)
    st.session_state[key] = stored
    return changed and wanted != stored, wanted


def on_change(key: str) -> Callable[[], None]:
    """The `on_change` callback of the control `key`, for `take_change` to find."""
    return lambda: st.session_state.__setitem__(_CHANGED.format(key), True)
