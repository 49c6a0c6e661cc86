"""A countdown that ticks on its own and closes the vote at zero, wherever it is shown: on the
facilitator's screens from the server every second, on a phone in the browser."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from kpi_logic import voting
from ui.feedback import attempt

TICK_SECONDS = 1
# Counted down in the browser, so a phone's second costs the server nothing; the time reads as
# kpi_logic.formatting.clock writes it (m:ss). The text is set as text, never as HTML.
_BROWSER_COUNTDOWN_JS = """
export default function ({ data, parentElement }) {
  const shown = parentElement.querySelector(".kpi-countdown");
  const offset = data.now * 1000 - Date.now();
  const draw = () => {
    const left = Math.max(0, Math.ceil((data.ends_at * 1000 - (Date.now() + offset)) / 1000));
    const time = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
    shown.textContent = data.text.replace(data.slot, time);
  };
  draw();
  const timer = setInterval(draw, 1000);
  return () => clearInterval(timer);
}
"""
_browser_countdown = st.components.v2.component(
    "kpi_countdown", isolate_styles=False, js=_BROWSER_COUNTDOWN_JS,
    html='<p class="kpi-countdown" role="timer"></p>',
    css=".kpi-countdown {font-size: 0.875rem; margin: 0; font-variant-numeric: tabular-nums;}",
)
# Where the time goes in the countdown's text.
TIME_SLOT = "{time}"


def show_and_settle(context, ends_at: float, show: Callable[[int], None]) -> None:
    """`show` the seconds left; at zero settle the countdown (the vote closes and every screen
    following the workshop redraws)."""
    left = voting.seconds_left(ends_at, context.store.clock())
    show(left)
    if left == 0:
        attempt(context, lambda: context.store.workshops.settle_countdown(context.workshop.id), None)


def browser_countdown(text: str, ends_at: float, now: float) -> None:
    """`text` with its TIME_SLOT showing the time left until `ends_at` (the server's epoch seconds;
    `now` is the server's, so a phone's wrong clock does not matter). At zero it stays at 0:00 until
    the vote's close (ui/push.py settles it) redraws the page."""
    _browser_countdown(data={"text": text, "slot": TIME_SLOT, "ends_at": ends_at, "now": now}, key="countdown")


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
