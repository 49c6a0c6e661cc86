"""The start page's views: open the demo, join, create or unlock a workshop, and where this session stands.

After a session enters a workshop the page reruns once, so that the sidebar menu is rebuilt for the
new role; only then can `st.switch_page` reach the pages that role may open.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from kpi_logic.demo import DEMO_PIN, open_demo
from kpi_logic.domain import LANGUAGES, PARTICIPANT_TEAMS, PHASES, TEAM_LABELS, label
from kpi_logic.errors import JoinsClosed, KpiWorkshopError, NameTaken, NotFound, PinLocked, Throttled
from kpi_logic.text import escape_markdown
from kpi_logic.links import DEVICE_PARAM, JOIN_PARAM, SEAT_PARAM, join_url
from kpi_logic.security import (
    PASSPHRASE_MIN_LENGTH,
    PIN_MIN_DIGITS,
    new_secret,
    normalise_join_code,
    validate_pin,
)
from kpi_logic.throttle import JOIN_FAILURES, UNLOCK_FAILURES
from kpi_logic.voting import DEFAULT_BUDGET, DEFAULT_CAP, MAX_POINTS_SETTING, MIN_POINTS_SETTING
from ui import session
from ui.client import current_client
from ui.feedback import confirm_after_rerun, show_error, show_notice
from ui.guard import PageContext, role_text
from ui.language import LANGUAGE_NAMES
from ui.links import app_base_url, phone_hint, qr_image
from ui.nav import PAGES_BY_KEY

_GOTO = "start_goto"  # (page key, query params) to switch to once the menu knows the new role
QR_WIDTH = 260

# The page that moves each phase forward, for the facilitator and for participants.
FACILITATOR_NEXT: dict[str, str] = {
    "status_quo": "status_quo", "goals": "goals", "voting": "results",
    "shortlist": "shortlist", "review": "review",
}
PARTICIPANT_NEXT: dict[str, str] = {
    "status_quo": "status_quo", "goals": "goals", "voting": "voting",
    "shortlist": "results", "review": "review",
}


def render(context: PageContext) -> None:
    """The whole start page below the title."""
    _follow_pending_switch(context)
    st.caption(context.t("start.intro"))
    if context.workshop is None:
        # Someone arriving by a join link came to join: the form first, the demo after it.
        sections = (_paths, _demo) if st.query_params.get(JOIN_PARAM) else (_demo, _paths)
        for section in sections:
            section(context)
        return
    _where_you_are(context)
    join_code = st.query_params.get(JOIN_PARAM)
    other_workshop = bool(join_code) and normalise_join_code(join_code) != context.workshop.join_code
    with st.expander(context.t("start.here.other"), expanded=other_workshop):
        _paths(context)


def _enter(context: PageContext, workshop_id: int, role: str, participant_id: int | None,
           notice: tuple[str, dict], goto: tuple[str, dict] | None = None, device_secret: str | None = None) -> None:
    """Put the session in the workshop, then rerun so navigation offers the new role's pages.

    A facilitator gets a device secret here (the PIN is typed once per device); a participant
    brings the re-join secret they joined with.
    """
    if role == session.FACILITATOR and device_secret is None:
        device_secret = context.store.workshops.new_facilitator_device(workshop_id)
    session.enter(workshop_id, role, participant_id, device_secret)
    if goto is not None:
        st.session_state[_GOTO] = goto
    key, values = notice
    confirm_after_rerun(key, **values)


def _follow_pending_switch(context: PageContext) -> None:
    pending = st.session_state.pop(_GOTO, None)
    if pending is None or context.workshop is None:
        return
    page_key, query = pending
    show_notice(context)
    secret_param = {session.PARTICIPANT: SEAT_PARAM, session.FACILITATOR: DEVICE_PARAM}.get(context.role)
    if secret_param and session.secret():
        query = {**query, secret_param: session.secret()}
    st.switch_page(PAGES_BY_KEY[page_key].path, query_params=query)


# ---------------------------------------------------------------- the session is in a workshop


def _where_you_are(context: PageContext) -> None:
    workshop = context.workshop
    with st.container(border=True):
        st.subheader(context.t("start.here.title", name=escape_markdown(workshop.name)))
        facts = [context.t("start.here.role", role=role_text(context)),
                 context.t("start.here.phase", phase=context.t(f"start.phase.{workshop.phase}"))]
        if workshop.workshop_date:
            facts.append(context.t("start.here.date", date=workshop.workshop_date.strftime("%d.%m.%Y")))
        st.caption(escape_markdown(" · ".join(facts)))
        if workshop.is_demo and context.is_facilitator:
            st.info(context.t("start.here.demo_pin", pin=DEMO_PIN), icon="🧪")
        if context.is_facilitator:
            _facilitator_next(context)
        else:
            _participant_next(context)
    if context.is_facilitator:
        show_invite(context)


def _next_step(context: PageContext, key: str) -> None:
    """The page that moves the workshop on, as one big button."""
    spec = PAGES_BY_KEY[key]
    st.markdown(f"**{context.t('start.here.next')}**")
    if st.button(f"{context.t(f'page.{key}')} →", icon=spec.icon, type="primary", key="next_step"):
        st.switch_page(spec.path)


def _facilitator_next(context: PageContext) -> None:
    _next_step(context, FACILITATOR_NEXT[context.workshop.phase])
    steps = [context.t(f"start.phase.{phase}") for phase in PHASES]
    current = PHASES.index(context.workshop.phase)
    steps[current] = f"**{steps[current]}**"
    st.caption(f"{context.t('start.here.steps')}: " + " → ".join(steps))


def _participant_next(context: PageContext) -> None:
    workshop = context.workshop
    if context.participant is not None:
        state = "start.here.voting_open" if workshop.voting_open else "start.here.voting_closed"
        points = context.store.votes.points_left(context.participant.id)
        st.write(context.t(state), context.t("start.here.points_left", points=points))
    _next_step(context, PARTICIPANT_NEXT[workshop.phase])


def show_invite(context: PageContext) -> None:
    """Join code in big type, the join link and its QR code, for the projector."""
    code = context.workshop.join_code
    url = join_url(app_base_url(), code)
    with st.container(border=True):
        st.subheader(context.t("start.invite.title"))
        text_column, qr_column = st.columns([3, 2])
        with text_column:
            st.metric(context.t("start.invite.code"), code)
            st.caption(context.t("start.invite.link"))
            st.code(url, language=None)
        with qr_column:
            qr_image(context.language, url, QR_WIDTH, caption=context.t("start.invite.qr"))
        phone_hint(context.language)


# ---------------------------------------------------------------- the ways in


def _demo(context: PageContext) -> None:
    with st.container(border=True):
        st.subheader(f"🧪 {context.t('start.demo.title')}")
        st.write(context.t("start.demo.text"))
        if st.button(context.t("start.demo.button"), type="primary", key="open_demo", width="stretch"):
            try:
                workshop = open_demo(context.store, context.language, current_client())
            except KpiWorkshopError as error:
                show_error(context, error)
                return
            _enter(context, workshop.id, session.FACILITATOR, None,
                   ("start.demo.opened", {"code": workshop.join_code, "pin": DEMO_PIN}),
                   goto=("results", {}))


def _paths(context: PageContext) -> None:
    labels = [context.t("start.tab.join"), context.t("start.tab.create"), context.t("start.tab.unlock")]
    default = labels[0] if st.query_params.get(JOIN_PARAM) or context.workshop is None else labels[1]
    join_tab, create_tab, unlock_tab = st.tabs(labels, default=default)
    with join_tab:
        _join_form(context)
    with create_tab:
        _create_form(context)
    with unlock_tab:
        _unlock_form(context)


def _join_form(context: PageContext) -> None:
    st.caption(context.t("start.join.intro"))
    with st.form("join_workshop"):
        code = st.text_input(context.t("start.join.code"), value=st.query_params.get(JOIN_PARAM, ""),
                             max_chars=20, help=context.t("start.join.code_help"))
        name = st.text_input(context.t("start.join.name"), max_chars=80,
                             help=context.t("start.join.name_help"))
        team = st.selectbox(context.t("start.join.team"), PARTICIPANT_TEAMS, index=None,
                            format_func=lambda key: label(TEAM_LABELS, key, context.language),
                            placeholder=context.t("start.join.team_placeholder"),
                            help=context.t("start.join.team_help"))
        submitted = st.form_submit_button(context.t("start.join.submit"), type="primary")
    if not submitted:
        return
    problems = [key for key, missing in (("start.join.code_missing", not code.strip()),
                                         ("start.join.name_missing", not name.strip()),
                                         ("start.join.team_missing", team not in PARTICIPANT_TEAMS))
                if missing]
    for key in problems:
        st.error(context.t(key))
    if problems:
        return
    throttles, client = context.store.throttles, current_client()
    try:
        # Counted as a wrong code in advance, in one transaction with the check: parallel tries from
        # one client cannot slip past the limit; a known code takes its count back.
        reserved = throttles.take((JOIN_FAILURES, client))
    except Throttled as throttled:
        st.error(context.t("start.join.too_many", seconds=throttled.seconds_left))
        return
    secret = new_secret()
    try:
        participant = context.store.participants.join(code, name, team, context.language, secret,
                                                      client=client)
    except NotFound:
        st.error(context.t("start.join.unknown_code", code=escape_markdown(code.strip())))
        return
    except (NameTaken, JoinsClosed) as error:
        throttles.remove(reserved)  # the code was right
        st.error(error.explain(context.language), icon="✋")
        return
    except KpiWorkshopError as error:
        throttles.remove(reserved)
        show_error(context, error)
        return
    throttles.remove(reserved)
    # The secret goes into the URL of every page, so a reload or a lock screen brings this phone back.
    _enter(context, participant.workshop_id, session.PARTICIPANT, participant.id,
           ("start.join.done", {"name": escape_markdown(participant.name)}),
           goto=("voting", {}), device_secret=secret)


def _create_form(context: PageContext) -> None:
    st.caption(context.t("start.create.intro"))
    with st.form("create_workshop"):
        name = st.text_input(context.t("start.create.name"), max_chars=80,
                             help=context.t("start.create.name_help"))
        company = st.text_input(context.t("start.create.company"), max_chars=80)
        language = st.segmented_control(
            context.t("start.create.language"), LANGUAGES, default=context.language, required=True,
            format_func=LANGUAGE_NAMES.__getitem__, help=context.t("start.create.language_help"),
        )
        pin_column, confirm_column = st.columns(2)
        pin = pin_column.text_input(context.t("start.create.pin"), type="password", max_chars=64,
                                    help=context.t("start.create.pin_help", digits=PIN_MIN_DIGITS,
                                                                 length=PASSPHRASE_MIN_LENGTH))
        pin_again = confirm_column.text_input(context.t("start.create.pin_confirm"), type="password",
                                              max_chars=64)
        budget_column, cap_column = st.columns(2)
        budget = budget_column.number_input(
            context.t("start.create.budget"), MIN_POINTS_SETTING, MAX_POINTS_SETTING, DEFAULT_BUDGET,
            help=context.t("start.create.budget_help", low=MIN_POINTS_SETTING, high=MAX_POINTS_SETTING),
        )
        cap = cap_column.number_input(context.t("start.create.cap"), MIN_POINTS_SETTING,
                                      MAX_POINTS_SETTING, DEFAULT_CAP, help=context.t("start.create.cap_help"))
        workshop_date = st.date_input(context.t("start.create.date"), value=date.today(),
                                      format="DD.MM.YYYY")
        submitted = st.form_submit_button(context.t("start.create.submit"), type="primary")
    if not submitted:
        return
    problems = [
        context.t(key, cap=cap, budget=budget)
        for key, failed in (
            ("start.create.name_missing", not name.strip()),
            ("start.create.pin_mismatch", pin != pin_again),
            ("start.create.cap_too_high", cap > budget),
        )
        if failed
    ]
    try:
        validate_pin(pin)
    except KpiWorkshopError as error:
        problems.insert(1, error.explain(context.language))  # our own words, no user text
    for problem in problems:
        st.error(problem)
    if problems:
        return
    try:
        workshop = context.store.workshops.create(
            name, facilitator_pin=pin, vote_budget=budget, language=language or context.language,
            per_kpi_cap=cap, company=company, workshop_date=workshop_date, voting_open=False,
            client=current_client(),
        )
    except KpiWorkshopError as error:
        show_error(context, error)
        return
    _enter(context, workshop.id, session.FACILITATOR, None,
           ("start.create.done", {"name": escape_markdown(workshop.name)}))


def _unlock_form(context: PageContext) -> None:
    st.caption(context.t("start.unlock.intro"))
    with st.form("unlock_workshop"):
        code = st.text_input(context.t("start.join.code"), max_chars=20,
                             help=context.t("start.join.code_help"))
        pin = st.text_input(context.t("start.unlock.pin"), type="password", max_chars=64)
        submitted = st.form_submit_button(context.t("start.unlock.submit"), type="primary")
    if not submitted:
        return
    if not code.strip():
        st.error(context.t("start.join.code_missing"))
        return
    throttles, client = context.store.throttles, current_client()
    try:
        # Throttled like the join form, and counted in advance: a wrong code and a wrong PIN count
        # the same and get the same answer, so the form tells a guesser nothing about codes.
        reserved = throttles.take((UNLOCK_FAILURES, client))
        workshop = context.store.workshops.unlock(code, pin, device=client)
    except (Throttled, PinLocked) as refused:
        st.error(context.t("start.unlock.locked", seconds=refused.seconds_left))
        return
    except KpiWorkshopError as error:
        show_error(context, error)
        return
    if workshop is None:
        st.error(context.t("start.unlock.wrong"))
        return
    throttles.remove(reserved)
    _enter(context, workshop.id, session.FACILITATOR, None,
           ("start.unlock.done", {"name": escape_markdown(workshop.name)}))
