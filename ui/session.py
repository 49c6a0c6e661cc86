"""What one browser session holds: the current workshop, its role in it, and its language."""

from __future__ import annotations

import streamlit as st

from kpi_logic.config import db_path
from kpi_logic.store import WorkshopStore

# Roles, from fewest to most rights. A URL may only ever move a session down this list.
NO_ROLE = "none"
VIEWER = "viewer"
ROOM = "room"  # the projector's room screen: the room page only, nothing that writes
PARTICIPANT = "participant"
FACILITATOR = "facilitator"
ROLE_RANK: dict[str, int] = {NO_ROLE: 0, VIEWER: 1, ROOM: 1, PARTICIPANT: 2, FACILITATOR: 3}

WORKSHOP_ID = "workshop_id"
ROLE = "role"
PARTICIPANT_ID = "participant_id"
LANGUAGE = "language"
SECRET = "device_secret"  # the participant's re-join secret or the facilitator device's, kept in the URL


@st.cache_resource
def _store_for(path: str) -> WorkshopStore:
    return WorkshopStore(path)


def get_store() -> WorkshopStore:
    """One store per database file and server process: it migrates the file once, at start-up,
    and opens a connection per thread."""
    return _store_for(str(db_path()))


def _stored_id(key: str) -> int | None:
    # Session values are only ever set by enter(); anything but a positive int (a forged or stale
    # value) counts as "none", so it can neither crash a page nor name someone else's data.
    value = st.session_state.get(key)
    return value if type(value) is int and value > 0 else None


def role() -> str:
    """This session's role; an unknown value counts as no role at all."""
    value = st.session_state.get(ROLE, NO_ROLE)
    return value if value in ROLE_RANK else NO_ROLE


def workshop_id() -> int | None:
    return _stored_id(WORKSHOP_ID)


def participant_id() -> int | None:
    return _stored_id(PARTICIPANT_ID)


def secret() -> str | None:
    """The secret that brings this device back after a reload (None for viewers and the room)."""
    value = st.session_state.get(SECRET)
    return value if isinstance(value, str) and value else None


def enter(workshop: int, new_role: str, participant: int | None = None, device_secret: str | None = None) -> None:
    """Switch this session to `workshop` in `new_role` (after a join, a PIN, a re-join or a share link)."""
    st.session_state[WORKSHOP_ID] = workshop
    st.session_state[ROLE] = new_role
    st.session_state[PARTICIPANT_ID] = participant
    st.session_state[SECRET] = device_secret


def leave() -> None:
    """Forget the workshop, role and device secret of this session."""
    for key in (WORKSHOP_ID, ROLE, PARTICIPANT_ID, SECRET):
        st.session_state.pop(key, None)
