"""Screens that follow the facilitator: a cheap tick that does real work only when the workshop changed.

Every write a screen shows bumps the workshop's `version` in the same transaction (migration m004's
triggers), and what a phone must follow (settings, phase, countdown, reveal, candidates) also bumps
`state_version`. A tick is one primary-key read; only when the number moved does the screen rerun,
and a participant's phone follows a new phase. Phones watch `state_version`, so one tap in the room
does not rerun every phone; the projector watches `version`.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from kpi_logic.errors import KpiWorkshopError
from kpi_logic.formatting import clock
from ui import session
from ui.countdown import show_and_settle
from ui.nav import PAGES_BY_KEY, switch_keeping_link

# How often a waiting phone or the projector asks "did anything change?".
TICK_SECONDS = 0.5
# The page that shows each phase to a participant.
PARTICIPANT_PAGE: dict[str, str] = {
    "status_quo": "status_quo", "goals": "goals", "voting": "voting",
    "shortlist": "results", "review": "review",
}
# Screens that show every vote redraw on any change; the others only on what phones follow.
EVERY_VOTE_PAGES = frozenset({"facilitate", "results", "room"})
# Where a facilitator's screen redraws by itself; on the editing pages a redraw would get in the way.
FACILITATOR_PAGES = EVERY_VOTE_PAGES | {"voting"}
_SEEN_VERSION = "follow_seen_version"
_SEEN_PHASE = "follow_seen_phase"
COUNTDOWN_TEXT = "voting.countdown"


def _seen_key(key: str) -> str:
    return f"{_SEEN_VERSION}_{key}"


def changed(context, key: str, every_vote: bool = False) -> bool:
    """Whether the workshop moved since this screen (`key`) last looked; remembers what it saw.

    `every_vote` watches every change (the projector), else only what phones follow.
    """
    try:
        version = context.store.workshops.version(context.workshop.id, of_state=not every_vote)
    except KpiWorkshopError:
        return False  # a storage hiccup: the next tick asks again
    moved = st.session_state.get(_seen_key(key)) not in (None, version)
    st.session_state[_seen_key(key)] = version
    return moved


def switch_if_phase_moved(context, page_key: str) -> None:
    """A participant's phone goes to the page of a new phase; called by the guard before the page draws.

    Decided in every full run, from the workshop row the run was built from: whichever run first
    reads a new phase (the tick's rerun, a menu switch, a rerun for any other reason) moves the
    phone, so no run can take the phase as seen without following it. Before anything is drawn,
    because a page switched half-drawn makes the browser patch elements that are gone. Only a new
    phase moves a phone: someone who browses to another page on their own stays there.
    """
    if context.role != session.PARTICIPANT or context.workshop is None:
        return
    phase = context.workshop.phase
    seen = st.session_state.get(_SEEN_PHASE)
    target = PARTICIPANT_PAGE.get(phase)
    if seen is not None and seen != phase and target is not None and target != page_key:
        # The phase counts as seen only once its page runs: Streamlit may fold this switch into a
        # tick the browser sent meanwhile and rerun the old page instead (the newer request's page
        # wins), and that run must switch again.
        switch_keeping_link(target)
    st.session_state[_SEEN_PHASE] = phase


# Every page of the app by the name of its script file.
PAGE_KEYS_BY_FILE: dict[str, str] = {Path(spec.path).name: key for key, spec in PAGES_BY_KEY.items()}


def _page_run_for() -> str | None:
    """The page (key) Streamlit runs this run for; None for a script outside the app's pages.

    Streamlit has no public API for it (the run context's page hash, looked up in its pages); the
    app pins Streamlit's version (requirements.txt).
    """
    ctx = get_script_run_ctx()
    page = ctx.pages_manager.get_pages().get(ctx.page_script_hash) if ctx else None
    return PAGE_KEYS_BY_FILE.get(Path(page["script_path"]).name) if page else None


def _back_to(page_key: str) -> None:
    """A tick the browser sent for the page it showed before a switch runs as that old page, and a
    rerun from it would go back there (or the browser would take the old page as current): the
    session goes on to the page the tick belongs to instead."""
    running = _page_run_for()
    if running is not None and running != page_key:
        switch_keeping_link(page_key)


def follow(context, page_key: str) -> None:
    """Tick in the background; when the workshop moved, rerun the page (whose guard moves a
    participant's phone to a new phase's page, see `switch_if_phase_moved`).

    Called by the guard. The run remembers the counters of the workshop row it was built from, read
    before anything else, so a write during the run is never taken as seen: the next tick redraws it.
    """
    role = context.role
    if context.workshop is None or role not in (session.PARTICIPANT, session.FACILITATOR, session.ROOM):
        return
    if role == session.FACILITATOR and page_key not in FACILITATOR_PAGES:
        return
    every_vote = page_key in EVERY_VOTE_PAGES
    # What this run shows: the counters of the workshop row it was built from (read before anything else).
    workshop = context.workshop
    st.session_state[_seen_key(page_key)] = workshop.version if every_vote else workshop.state_version
    # A participant sees a running countdown on every page; it closes the vote at zero.
    ends_at = workshop.timer_ends_at if role == session.PARTICIPANT and workshop.voting_open else None

    @st.fragment(run_every=TICK_SECONDS)
    def tick() -> None:
        _back_to(page_key)
        if ends_at is not None:
            show_and_settle(context, ends_at, lambda left: st.caption(context.t(COUNTDOWN_TEXT, time=clock(left))))
        if changed(context, page_key, every_vote):
            st.rerun(scope="app")

    # Streamlit's browser side places a fragment's elements by position. A tick's own run can reach
    # the browser ahead of the page it belongs to (a tick queued while the phone switched pages runs
    # with the old page's position) or make the browser drop its elements from the run just before.
    # In the bottom container the tick is the only element, at the same place on every page, so
    # neither can make the browser patch an element that is not there (which blanks the page).
    with st.bottom:
        tick()
