"""Screens that follow the facilitator: which pages redraw when the workshop moves (the server
pushes the redraw, ui/push.py), and a participant's phone going to the page of a new phase."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui import push, session
from ui.countdown import TIME_SLOT, browser_countdown
from ui.nav import switch_keeping_link

# The page that shows each phase to a participant.
PARTICIPANT_PAGE: dict[str, str] = {
    "status_quo": "status_quo", "goals": "goals", "voting": "voting",
    "shortlist": "results", "review": "review",
}
# Screens that show every vote redraw on any change; the others only on what phones follow.
EVERY_VOTE_PAGES = frozenset({"facilitate", "results", "room"})
# Where a facilitator's screen redraws by itself; on the editing pages a redraw would get in the way.
FACILITATOR_PAGES = EVERY_VOTE_PAGES | {"voting"}
_SEEN_PHASE = "follow_seen_phase"
COUNTDOWN_TEXT = "voting.countdown"


def switch_if_phase_moved(context, page_key: str) -> None:
    """A participant's phone goes to the page of a new phase; called by the guard before the page draws.

    Decided in every full run, from the workshop row the run was built from: whichever run first
    reads a new phase (the server's redraw, a menu switch, a rerun for any other reason) moves the
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
        # request the browser sent meanwhile and rerun the old page instead (the newer request's
        # page wins), and that run must switch again.
        switch_keeping_link(target)
    st.session_state[_SEEN_PHASE] = phase


def follow(context, page_key: str) -> None:
    """Have the server redraw this page when its workshop moves (ui/push.py); a participant's page
    also shows a running countdown at its bottom.

    Called by the guard. The page is watched from the counters of the workshop row this run was built
    from, read before anything else, so a write during the run is never taken as seen.
    """
    watcher = push.watcher()
    session_id = get_script_run_ctx().session_id
    role, workshop = context.role, context.workshop
    follows = workshop is not None and role in (session.PARTICIPANT, session.FACILITATOR, session.ROOM) and not (
        role == session.FACILITATOR and page_key not in FACILITATOR_PAGES)
    if not follows:
        if watcher is not None:
            watcher.forget(session_id)
        return
    every_vote = page_key in EVERY_VOTE_PAGES
    if watcher is not None:
        watcher.watch(session_id, workshop.id, workshop.version if every_vote else workshop.state_version, every_vote)
    if role == session.PARTICIPANT and workshop.voting_open and workshop.timer_ends_at is not None:
        with st.bottom:
            browser_countdown(context.t(COUNTDOWN_TEXT, time=TIME_SLOT), workshop.timer_ends_at, context.store.clock())
