"""The page registry: every page's file, URL, icon, section and the least role that may open it."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
import streamlit.components.v1 as components

from kpi_logic.i18n import t
from ui.session import FACILITATOR, NO_ROLE, PARTICIPANT, ROLE_RANK, ROOM, VIEWER

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
    PageSpec("room", "pages/room.py", "room", "📽️", FACILITATION_SECTION, ROOM),
)
PAGES_BY_KEY: dict[str, PageSpec] = {spec.key: spec for spec in (START, *PAGES)}


def allowed(spec: PageSpec, role: str) -> bool:
    """Whether a session in `role` may open the page: viewers only the share page, the room screen
    only the room page, everyone else by rank (the facilitator may open the room screen too)."""
    if role in (VIEWER, ROOM) or spec.min_role == ROOM:
        return spec.min_role == role or (spec.min_role == ROOM and role == FACILITATOR)
    return ROLE_RANK[role] >= ROLE_RANK[spec.min_role]


def _in_menu(spec: PageSpec, role: str) -> bool:
    """Whether the page is in this role's menu. Streamlit resolves a hidden page's URL only by its
    menu, so the room screen is listed for the room role (whose menu is not drawn) and opens for the
    facilitator by its own link."""
    return allowed(spec, role) and (spec.min_role != ROOM or role == ROOM)


# The page a session lands on when the URL names none: viewers read the agreed set, the room screen
# shows the room, everyone else starts at the start page. The start page stays the menu's default for
# every role and hands these sessions on (`ui.guard`): Streamlit gives the default page the URL "/",
# so a default room page would not answer its own link "/room" and show "Page not found".
LANDING: dict[str, str] = {VIEWER: "share", ROOM: "room"}


def navigation(language: str, role: str, start_page) -> st.navigation:
    """The menu for this role, titles in this language.

    Every page is registered, those the role may not open hidden from the menu. A reloaded phone
    finds its page because the secret in its URL restores its role before this menu is built. The
    menu sits at the top on a wide screen and folds into the sidebar on a phone (closed again after
    each choice, see `close_menu_after_switch`); the room screen has no menu at all.
    """
    sections: dict[str, list[st.Page]] = {}
    # The room screen's session knows its page and the start page, which hands it on to the room.
    specs = [START, PAGES_BY_KEY["room"]] if role == ROOM else [START, *PAGES]
    for spec in specs:
        page = start_page if spec is START else spec.path
        sections.setdefault(t(language, spec.section), []).append(
            st.Page(
                page,
                title=t(language, f"page.{spec.key}"),
                icon=spec.icon,
                url_path=spec.url_path or None,
                default=spec is START,
                visibility="visible" if _in_menu(spec, role) else "hidden",
            )
        )
    return st.navigation(sections, position="hidden" if role == ROOM else "top")


# Streamlit 1.67 leaves the phone's menu (the sidebar) open over the page just chosen, so each page
# switch took three taps. This collapses it once per page switch on a narrow screen; the HTML names the
# page, so the frame is made anew (and runs) only when the page changes. No user text is in it.
_CLOSE_MENU = """<script>
const page = "{page}", doc = window.parent.document;
if (window.parent.innerWidth < {max_width}) {{
  const menu = doc.querySelector('[data-testid="stSidebar"]');
  const close = doc.querySelector('[data-testid="stSidebarHeader"] button');
  if (menu && menu.getAttribute('data-collapsed') === 'false' && close) close.click();
}}
</script>"""
PHONE_MAX_WIDTH = 640


def close_menu_after_switch(page_key: str) -> None:
    """On a phone, fold the menu away once the chosen page shows."""
    # In a component frame: Streamlit 1.67's own HTML element with JavaScript allowed did not run it
    # again on a page switch (tried); components.v1 is deprecated there but still works.
    with st.sidebar:
        components.html(_CLOSE_MENU.format(page=page_key, max_width=PHONE_MAX_WIDTH), height=0)


def switch_keeping_link(page_key: str) -> None:
    """Go to the page `page_key` with this URL's query string (the seat, device or room link in it)."""
    st.switch_page(PAGES_BY_KEY[page_key].path, query_params=st.query_params.to_dict())
