"""The one access check every page runs at its top, before it shows data or a control that writes.

A page can be opened by its own URL before anything else has run, so the guard does not rely on
``app.py``: it applies a share link, sets the language, checks the session's role and stops the page
when the role is not enough.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode
from typing import NoReturn

import streamlit as st

from kpi_logic.errors import NotFound, StorageError
from kpi_logic.i18n import t
from kpi_logic.links import DEVICE_PARAM, JOIN_PARAM, ROOM_PARAM, SEAT_PARAM, SHARE_PARAM
from kpi_logic.records import Participant, Workshop
from kpi_logic.store import WorkshopStore
from kpi_logic.text import escape_markdown
from ui import session
from ui.feedback import show_notice
from ui.follow import follow, switch_if_phase_moved
from ui.language import current_language, language_switcher
from ui.nav import LANDING, PAGES_BY_KEY, START, allowed, close_menu_after_switch, switch_keeping_link
from ui.style import apply_shared_style

@dataclass(frozen=True)
class PageContext:
    """What a page needs to render for this session."""

    store: WorkshopStore
    workshop: Workshop | None
    role: str
    participant: Participant | None
    language: str

    def t(self, key: str, **values: object) -> str:
        return t(self.language, key, **values)

    @property
    def is_facilitator(self) -> bool:
        return self.role == session.FACILITATOR


def apply_share_link(store: WorkshopStore) -> bool:
    """Turn ``?share=<token>`` into a read-only session of that workshop; False if the token is unknown.

    A share link only ever lowers rights: whoever opens it becomes a viewer, even a facilitator.
    """
    return _apply_token_link(SHARE_PARAM, store.workshops.by_share_token, session.VIEWER)


def apply_room_link(store: WorkshopStore) -> bool:
    """Turn ``?room=<token>`` into a room-screen session of that workshop; False if the token is unknown."""
    return _apply_token_link(ROOM_PARAM, store.workshops.by_room_token, session.ROOM)


def _apply_token_link(param: str, find: Callable[[str], Workshop], role: str) -> bool:
    """A link token in the URL makes this session `role` in its workshop; False if it names none."""
    token = st.query_params.get(param)
    if token is None:
        return True
    try:
        workshop = find(token)
    except NotFound:
        session.leave()
        return False
    if session.workshop_id() != workshop.id or session.role() != role:
        session.enter(workshop.id, role)
    return True


def apply_device_secret(store: WorkshopStore) -> bool:
    """A reloaded phone or laptop comes back as who it was: ``?seat=`` (a participant) or ``?device=``
    (a facilitator device) in the URL names the device's secret. False if the secret no longer works
    (the person was let in on another device, or removed)."""
    if session.workshop_id() is not None:
        return True
    for param in (SEAT_PARAM, DEVICE_PARAM):
        secret = st.query_params.get(param)
        if not secret:
            continue
        try:
            if param == SEAT_PARAM:
                person = store.participants.by_secret(secret)
                session.enter(person.workshop_id, session.PARTICIPANT, person.id, secret)
            else:
                session.enter(store.workshops.by_facilitator_secret(secret).id, session.FACILITATOR, None, secret)
        except NotFound:
            del st.query_params[param]
            return False
    return True


def _keep_secret_in_url(role: str) -> None:
    """Put this device's secret back into the URL after a menu switch dropped it, so a reload works."""
    secret = session.secret()
    param = {session.PARTICIPANT: SEAT_PARAM, session.FACILITATOR: DEVICE_PARAM}.get(role)
    if secret and param and st.query_params.get(param) != secret:
        st.query_params[param] = secret


def _load_context(store: WorkshopStore) -> tuple[Workshop | None, Participant | None]:
    workshop_id = session.workshop_id()
    if workshop_id is None:
        return None, None
    try:
        workshop = store.workshops.get(workshop_id)
        participant_id = session.participant_id()
        participant = store.participants.get(participant_id) if participant_id else None
    except NotFound:
        session.leave()
        return None, None
    # A participant session must name one of this workshop's participants, or it is no session.
    if (participant is not None and participant.workshop_id != workshop.id) or (
        participant is None and session.role() == session.PARTICIPANT
    ):
        session.leave()
        return None, None
    return workshop, participant


def role_text(context: PageContext) -> str:
    """The session's role as words, with the participant's name."""
    if context.role == session.PARTICIPANT and context.participant is not None:
        return context.t("role.participant", name=escape_markdown(context.participant.name))
    return context.t(f"role.{context.role}")


def _sidebar(context: PageContext) -> None:
    language_switcher(context.language)
    if context.workshop is None:
        return
    st.sidebar.caption(context.t("sidebar.workshop", name=escape_markdown(context.workshop.name)))
    if context.workshop.is_demo:
        st.sidebar.info(context.t("sidebar.demo_badge"), icon="🧪")
    st.sidebar.caption(context.t("sidebar.role", role=role_text(context)))
    # A viewer came by a share link and has nothing to leave.
    if context.role != session.VIEWER and st.sidebar.button(context.t("sidebar.leave"), key="leave_workshop"):
        session.leave()
        st.query_params.clear()
        st.rerun()


def _stop_on_storage_error(error: StorageError) -> NoReturn:
    """The database cannot be read (read-only, deleted, broken): say so and stop this run only.

    Nothing is cached from a failed start, so the next rerun tries the file again.
    """
    language = current_language(None)
    detail = escape_markdown(error.explain(language))
    st.error(t(language, "error.storage", detail=detail), icon="💾")
    st.stop()


def current_context() -> tuple[PageContext, bool]:
    """This session's workshop, role and language, after applying any share, room or re-join link.

    The flag is False when the URL carried a share, room or re-join link that no longer works.
    """
    try:
        store = session.get_store()
        links_ok = apply_share_link(store) and apply_room_link(store) and apply_device_secret(store)
        workshop, participant = _load_context(store)
    except StorageError as error:
        _stop_on_storage_error(error)
    role = session.role() if workshop else session.NO_ROLE
    # Someone outside the workshop reads it in their browser's language, not the workshop's; a
    # participant in the language they chose.
    language = current_language(workshop.language if workshop else None,
                                participant.language if participant else None,
                                prefer_browser=role in (session.VIEWER, session.ROOM))
    _keep_secret_in_url(role)
    return PageContext(store, workshop, role, participant, language), links_ok


def _start_link() -> str:
    """The start page, keeping a join code from the URL so a reloaded participant finds the form filled."""
    code = st.query_params.get(JOIN_PARAM)
    return f"/?{urlencode({JOIN_PARAM: code})}" if code else "/"


def guard(page_key: str, viewer_document: bool = False, projector: bool = False) -> PageContext:
    """Check this session may open the page `page_key`; render its title; stop the page if not.

    With `viewer_document` a viewer gets no page title: the page heads itself like a document.
    A `projector` page gets neither sidebar nor title, whoever opens it: the wall shows only the room's screen.
    """
    spec = PAGES_BY_KEY[page_key]
    context, links_ok = current_context()
    workshop, role = context.workshop, context.role
    if spec is START and role in LANDING:
        switch_keeping_link(LANDING[role])
    switch_if_phase_moved(context, page_key)
    # Watched before any stop below, so that a page that stops (not allowed, no workshop) is watched
    # as of this run too, and is not redrawn again and again for a change it already showed.
    follow(context, spec.key)
    apply_shared_style()
    if role != session.ROOM and not projector:
        _sidebar(context)
        close_menu_after_switch(page_key)
    document = viewer_document and role == session.VIEWER and workshop is not None
    if not (projector or document):
        st.title(f"{spec.icon} {context.t(f'page.{spec.key}')}")
    if not links_ok:
        st.error(context.t("access.unknown_share"))
    if not allowed(spec, role) or (spec is not START and workshop is None):
        key = "access.no_workshop" if workshop is None else "access.not_allowed"
        st.info(context.t(key, role=role_text(context) if role != session.NO_ROLE else ""))
        if role != session.VIEWER:
            st.markdown(f"[{context.t('access.go_start')}]({_start_link()})")
        st.stop()
    show_notice(context)
    return context
