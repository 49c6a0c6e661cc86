"""The language of this session: chosen in the sidebar, else the workshop's, else the browser's."""

from __future__ import annotations

import streamlit as st

from kpi_logic.domain import DEFAULT_LANGUAGE, LANGUAGES
from kpi_logic.i18n import normalise_language, t
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
    st.session_state[LANGUAGE] = st.session_state[_SWITCH_KEY]


def language_switcher(language: str) -> None:
    """A DE | EN switch in the sidebar; the choice holds for this session only."""
    st.session_state[_SWITCH_KEY] = language
    st.sidebar.segmented_control(
        t(language, "sidebar.language"),
        options=LANGUAGES,
        format_func=LANGUAGE_NAMES.__getitem__,
        key=_SWITCH_KEY,
        on_change=_remember_choice,
        required=True,
    )
