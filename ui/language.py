"""The language of this session: chosen in the sidebar, else the workshop's, else the browser's."""

from __future__ import annotations

import streamlit as st

from kpi_logic.domain import DEFAULT_LANGUAGE, LANGUAGES
from kpi_logic.i18n import normalise_language, t
from kpi_logic.errors import KpiWorkshopError
from ui import session
from ui.session import LANGUAGE

LANGUAGE_NAMES: dict[str, str] = {"de": "Deutsch", "en": "English"}
_SWITCH_KEY = "language_switch"


def current_language(
    workshop_language: str | None = None, person_language: str | None = None, prefer_browser: bool = False
) -> str:
    """This session's choice, else the person's own (a participant's, kept across reloads), else the
    workshop's language, else the browser locale, else German.

    `prefer_browser` puts the browser locale before the workshop's language (share-link viewers).
    """
    browser = normalise_language(st.context.locale)
    workshop = normalise_language(workshop_language)
    preferred = (browser, workshop) if prefer_browser else (workshop, browser)
    return (st.session_state.get(LANGUAGE) or normalise_language(person_language)
            or preferred[0] or preferred[1] or DEFAULT_LANGUAGE)


def _remember_choice() -> None:
    """Hold the choice for this session and, for a participant, as theirs (it outlives a reload)."""
    choice = st.session_state[_SWITCH_KEY]
    st.session_state[LANGUAGE] = choice
    participant_id = session.participant_id()
    if participant_id is not None and session.role() == session.PARTICIPANT:
        try:
            session.get_store().participants.set_language(participant_id, choice)
        except KpiWorkshopError:
            pass  # the session still speaks it; the next switch stores it again


def language_switcher(language: str) -> None:
    """A DE | EN switch in the sidebar; the choice holds for this session, and a participant keeps it."""
    st.session_state[_SWITCH_KEY] = language
    st.sidebar.segmented_control(
        t(language, "sidebar.language"),
        options=LANGUAGES,
        format_func=LANGUAGE_NAMES.__getitem__,
        key=_SWITCH_KEY,
        on_change=_remember_choice,
        required=True,
    )
