"""Room screen: what the projector shows the room (join code, phase, countdown, who is done, the reveal)."""
from html import escape

import streamlit as st
from ui.guard import guard

from kpi_logic.charts.results import element_height
from kpi_logic.room_view import BLIND, NO_CANDIDATES, NO_VOTES, RANKING, RoomView, countdown_text, room_view
from ui.countdown import countdown
from ui.links import current_address, qr_image

# Whoever opens it, the wall shows the room's screen: no sidebar, no menu (the room role has none;
# the facilitator's are hidden here as well).
st.set_page_config(initial_sidebar_state="collapsed", layout="wide")
context = guard("room", projector=True)

QR_WIDTH = 260
# What the ranking area says while there is no ranking to show: (text key, icon) per state.
NOTES: dict[str, tuple[str, str]] = {
    BLIND: ("room.blind", "🙈"), NO_VOTES: ("room.no_votes", "🗳️"), NO_CANDIDATES: ("room.no_candidates", "📋"),
}
# Sizes for a 1280×720 projector read from the back of a room. Text colours are inherited from the
# theme (full contrast on its background); the chart sets its own dark-on-white colours.
ROOM_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"] {display: none;}
.block-container, [data-testid="stMainBlockContainer"] {padding-top: 1.2rem; padding-bottom: 0.5rem;}
.room-status {font-size: 1.6rem; font-weight: 600; line-height: 1.25;}
.room-countdown {font-size: 4.2rem; font-weight: 800; font-variant-numeric: tabular-nums; line-height: 1.1;}
.room-done {font-size: 2.6rem; font-weight: 700; line-height: 1.2;}
.room-note {font-size: 1.6rem; line-height: 1.3;}
.room-join {font-size: 1.6rem; font-weight: 600;}
.room-code {font-size: 5.8rem; font-weight: 800; letter-spacing: 0.08em; line-height: 1; font-family: monospace;}
.room-link {font-size: 1.45rem; font-weight: 600; word-break: break-all;}
.room-hint {font-size: 1rem; line-height: 1.3;}
</style>
"""


def _text(css_class: str, text: str) -> None:
    st.html(f'<div class="{css_class}">{escape(text)}</div>')


def _join(view: RoomView) -> None:
    """The way in for latecomers: code, QR, the link to type."""
    _text("room-join", context.t("room.join.title"))
    _text("room-code", view.workshop.join_code)
    qr_image(context.language, view.short_link, QR_WIDTH, png=view.qr)
    _text("room-note", context.t("room.join.scan"))
    _text("room-link", view.short_link)
    if view.phone_notice:
        _text("room-hint", f"📱 {view.phone_notice}")


def _status(view: RoomView) -> None:
    workshop = view.workshop
    parts = [context.t(f"start.phase.{workshop.phase}"),
             context.t("results.voting_open" if view.voting_open else "results.voting_closed")]
    if workshop.round > 1:
        parts.append(context.t("results.round", round=workshop.round))
    if workshop.revealed:
        parts.append(context.t("room.revealed"))
    _text("room-status", " · ".join(parts))


def _time_left(seconds: int) -> None:
    text = context.t("room.countdown", time=countdown_text(seconds)) if seconds else context.t("room.countdown.over")
    _text("room-countdown", f"⏱ {text}")


def _progress(view: RoomView) -> None:
    done, total = view.progress.done, view.progress.total
    if total == 0:
        _text("room-note", context.t("room.nobody"))
        return
    _text("room-done", "✅ " + context.t("room.done", done=done, total=total))
    st.progress(done / total)


def _ranking(view: RoomView) -> None:
    if view.state == RANKING:
        if view.ties:
            _text("room-note", context.t("room.tie"))
        st.vega_lite_chart(view.ranking, width="stretch", height=element_height(view.ranking), theme=None)
        return
    key, icon = NOTES[view.state]
    _text("room-note", f"{icon} {context.t(key)}")


view = room_view(context.store, context.workshop.id, context.language, current_address())
st.html(ROOM_CSS)
main, side = st.columns([5, 3], gap="large")
with main:
    _status(view)
    if view.seconds_left is not None:
        countdown(context, view.workshop.timer_ends_at, _time_left)
    if not view.workshop.revealed:  # once revealed, the ranking has the room's attention and the space
        _progress(view)
    _ranking(view)
with side:
    _join(view)
