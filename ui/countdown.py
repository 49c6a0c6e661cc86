"""A countdown that ticks on its own and closes the vote at zero, wherever it is shown."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from kpi_logic import voting
from ui.feedback import attempt

TICK_SECONDS = 1


def show_and_settle(context, ends_at: float, show: Callable[[int], None]) -> None:
    """`show` the seconds left; at zero settle the countdown (the vote closes and every screen
    following the workshop redraws)."""
    left = voting.seconds_left(ends_at, context.store.clock())
    show(left)
    if left == 0:
        attempt(context, lambda: context.store.workshops.settle_countdown(context.workshop.id), None)


def countdown(context, ends_at: float, show: Callable[[int], None]) -> None:
    """The countdown redrawn every second, in a container of its own.

    Streamlit's browser side places a fragment's elements by position: when a fragment's own run
    reaches the browser next to a full run (queued just behind it), its elements may be dropped and
    sent again later. Alone in its container, nothing after it depends on where they land.
    """
    with st.container():
        _ticking(context, ends_at, show)


@st.fragment(run_every=TICK_SECONDS)
def _ticking(context, ends_at: float, show: Callable[[int], None]) -> None:
    show_and_settle(context, ends_at, show)
