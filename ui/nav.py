"""The page registry: every page's file, URL, icon, section and the least role that may open it."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from kpi_logic.i18n import t
from ui.session import FACILITATOR, NO_ROLE, PARTICIPANT, ROLE_RANK, VIEWER

WORKSHOP_SECTION = "nav.section.workshop"
AFTER_SECTION = "nav.section.after"
FACILITATION_SECTION = "nav.section.facilitation"


@dataclass(frozen=True)
class PageSpec:
    """One page of the app; `key` names its title text (page.<key>) and its guard."""

    key: str
    path: str
    url_path: str
    icon: str
    section: str
    min_role: str


START = PageSpec("start", "app.py", "", "🏠", WORKSHOP_SECTION, NO_ROLE)
PAGES: tuple[PageSpec, ...] = (
    PageSpec("status_quo", "pages/status_quo.py", "status_quo", "🔍", WORKSHOP_SECTION, PARTICIPANT),
    PageSpec("goals", "pages/goals.py", "goals", "🎯", WORKSHOP_SECTION, PARTICIPANT),
    PageSpec("voting", "pages/voting.py", "voting", "🗳️", WORKSHOP_SECTION, PARTICIPANT),
    PageSpec("results", "pages/results.py", "results", "📊", WORKSHOP_SECTION, PARTICIPANT),
    PageSpec("shortlist", "pages/shortlist.py", "shortlist", "✅", WORKSHOP_SECTION, PARTICIPANT),
    PageSpec("funnel", "pages/funnel.py", "funnel", "🔻", WORKSHOP_SECTION, PARTICIPANT),
    PageSpec("share", "pages/share.py", "share", "🔗", WORKSHOP_SECTION, VIEWER),
    PageSpec("review", "pages/review.py", "review", "📈", AFTER_SECTION, PARTICIPANT),
    PageSpec("action_plan", "pages/action_plan.py", "action_plan", "🗓️", AFTER_SECTION, PARTICIPANT),
    PageSpec("kpi_cards", "pages/kpi_cards.py", "kpi_cards", "🪪", AFTER_SECTION, PARTICIPANT),
    PageSpec("facilitate", "pages/facilitate.py", "facilitate", "🎛️", FACILITATION_SECTION, FACILITATOR),
)
PAGES_BY_KEY: dict[str, PageSpec] = {spec.key: spec for spec in (START, *PAGES)}


def allowed(spec: PageSpec, role: str) -> bool:
    """Whether a session in `role` may open the page (viewers only ever see the share page)."""
    if role == VIEWER:
        return spec.min_role == VIEWER
    return ROLE_RANK[role] >= ROLE_RANK[spec.min_role]


def navigation(language: str, role: str, start_page) -> st.navigation:
    """The sidebar menu for this role, titles in this language; a viewer lands on the share page."""
    sections: dict[str, list[st.Page]] = {}
    if role != VIEWER:
        sections.setdefault(t(language, START.section), []).append(
            st.Page(start_page, title=t(language, "page.start"), icon=START.icon, default=True)
        )
    for spec in PAGES:
        if allowed(spec, role):
            sections.setdefault(t(language, spec.section), []).append(
                st.Page(
                    spec.path,
                    title=t(language, f"page.{spec.key}"),
                    icon=spec.icon,
                    url_path=spec.url_path,
                    default=role == VIEWER,
                )
            )
    return st.navigation(sections)
