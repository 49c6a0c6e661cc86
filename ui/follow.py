"""Screens that follow the facilitator: a cheap tick that does real work only when the workshop changed.

Every write a screen shows bumps the workshop's `version` in the same transaction (migration m004's
triggers), and what a phone must follow (settings, phase, countdown, reveal, candidates) also bumps
`state_version`. A tick is one primary-key read; only when the number moved does the screen rerun,
and a participant's phone follows a new phase. Phones watch `state_version`, so one tap in the room
does not rerun every phone; the projector watches `version`.
"""

from __future__ import annotations

import streamlit as st

from kpi_logic.errors import KpiWorkshopError
from ui import session
from ui.nav import PAGES_BY_KEY

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
_GOTO = "follow_goto"  # the page a new phase sends this phone to, switched to on the next run


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


def phase_page(context, current_page: str) -> str | None:
    """The page a participant should move to because the facilitator moved the phase, else None.

    Only a new phase moves a phone: someone who browses to another page on their own stays there.
    """
    phase = context.store.workshops.get(context.workshop.id).phase
    seen = st.session_state.get(_SEEN_PHASE)
    st.session_state[_SEEN_PHASE] = phase
    target = PARTICIPANT_PAGE.get(phase)
    if seen is None or seen == phase or target is None or target == current_page:
        return None
    return target


def switch_if_phase_moved(page_key: str) -> None:
    """Go to the page a new phase sent this phone to, if the last tick found one. Called before the
    page draws anything: a fragment may not switch pages, and a page switched half-drawn makes the
    browser patch elements that are already gone."""
    target = st.session_state.pop(_GOTO, None)
    if target is not None and target != page_key:
        st.switch_page(PAGES_BY_KEY[target].path)


def follow(context, page_key: str) -> None:
    """Tick in the background; when the workshop moved, rerun the page (a participant's phone first
    follows a new phase to its page, see `switch_if_phase_moved`).

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
    st.session_state[_SEEN_PHASE] = context.workshop.phase  # a later new phase moves the phone

    @st.fragment(run_every=TICK_SECONDS)
    def tick() -> None:
        if not changed(context, page_key, every_vote):
            return
        if context.role == session.PARTICIPANT:
            st.session_state[_GOTO] = phase_page(context, page_key)
        st.rerun(scope="app")

    tick()
