"""A countdown that ticks on its own and closes the vote at zero, wherever it is shown."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from kpi_logic import voting
from ui.feedback import attempt

TICK_SECONDS = 1


@st.fragment(run_every=TICK_SECONDS)
def countdown(context, ends_at: float, show: Callable[[int], None]) -> None:
    """`show` the seconds left every second; at zero settle the countdown (the vote closes and every
    screen following the workshop redraws)."""
    left = voting.seconds_left(ends_at, context.store.clock())
    show(left)
    if left == 0:
        attempt(context, lambda: context.store.workshops.settle_countdown(context.workshop.id), None)
