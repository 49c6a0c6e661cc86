"""Facilitation: run the vote (phase, open/closed, blind, anonymous, budget), approvals, run-off, finalise."""
import streamlit as st
from ui.guard import guard

from kpi_logic.domain import PHASES
from kpi_logic.text import escape_markdown
from kpi_logic.vanity import assess
from kpi_logic.voting import MAX_POINTS_SETTING, MIN_POINTS_SETTING, participation
from ui.feedback import attempt
from ui.nav import PAGES_BY_KEY
from ui.start import show_invite

context = guard("facilitate")

MIN_RUNOFF = 2
GOALS_PAGE = PAGES_BY_KEY["goals"]
SWITCHES: tuple[tuple[str, str], ...] = (  # (workshop field, text key)
    ("voting_open", "voting_open"),
    ("results_hidden", "blind"),
    ("anonymous", "anonymous"),
    ("facilitator_votes", "facilitator_votes"),
)
store, workshop = context.store, context.workshop


def _save(changes: dict, notice: str) -> None:
    attempt(context, lambda: store.workshops.update_settings(workshop.id, **changes), notice, rerun=True)


def _state(flag: bool, yes: str, no: str) -> str:
    return context.t(yes if flag else no)


def _settings() -> None:
    """Phase, the voting switches, budget and cap, saved together."""
    st.subheader(context.t("facilitate.settings.title"))
    with st.form("voting_settings"):
        phase = st.selectbox(
            context.t("facilitate.settings.phase"), PHASES, index=PHASES.index(workshop.phase),
            format_func=lambda key: context.t(f"start.phase.{key}"),
            help=context.t("facilitate.settings.phase_help"),
        )
        switches = {
            field: st.toggle(context.t(f"facilitate.settings.{key}"), value=getattr(workshop, field),
                             help=context.t(f"facilitate.settings.{key}_help"))
            for field, key in SWITCHES
        }
        budget_column, cap_column = st.columns(2)
        budget = budget_column.number_input(
            context.t("facilitate.settings.budget"), MIN_POINTS_SETTING, MAX_POINTS_SETTING,
            workshop.vote_budget, help=context.t("facilitate.settings.budget_help"),
        )
        cap = cap_column.number_input(
            context.t("facilitate.settings.cap"), MIN_POINTS_SETTING, MAX_POINTS_SETTING,
            workshop.per_kpi_cap, help=context.t("facilitate.settings.cap_help"),
        )
        submitted = st.form_submit_button(context.t("facilitate.settings.submit"), type="primary")
    if not submitted:
        return
    wanted = {"phase": phase, **switches, "vote_budget": budget, "per_kpi_cap": cap}
    changes = {key: value for key, value in wanted.items() if getattr(workshop, key) != value}
    if changes.get("voting_open") and not store.goals.list(workshop.id):
        st.error(context.t("facilitate.settings.no_goal"))
        # A plain link: page_link needs the menu of app.py, which a page opened on its own lacks.
        st.markdown(f"{GOALS_PAGE.icon} [{context.t('page.goals')}](/{GOALS_PAGE.url_path})")
    elif cap > budget:
        st.error(context.t("start.create.cap_too_high", cap=cap, budget=budget))
    elif not changes:
        st.info(context.t("facilitate.settings.unchanged"))
    else:
        _save(changes, "facilitate.settings.saved")


def _over_budget() -> None:
    """Who gave more points than a lowered budget allows (they can only take points away now)."""
    voters = participation(store.participants.list(workshop.id), store.votes.table(workshop.id),
                           workshop.vote_budget)
    over = voters[voters["points_used"] > workshop.vote_budget]
    if not over.empty:
        st.warning(context.t("facilitate.over_budget", budget=workshop.vote_budget,
                             names=escape_markdown(", ".join(over["participant"]))))


def _approvals() -> None:
    """Each proposed KPI with its vanity check, to approve or reject before everyone sees it."""
    st.subheader(context.t("facilitate.approvals.title"))
    pending = store.candidates.list(workshop.id, statuses=("pending",))
    if not pending:
        st.caption(context.t("facilitate.approvals.none"))
    names = {person.id: person.name for person in store.participants.list(workshop.id)}
    for candidate in pending:
        with st.container(border=True):
            st.markdown(f"**{escape_markdown(candidate.name)}**")
            if candidate.definition:
                st.text(candidate.definition)
            if candidate.proposed_by in names:
                st.caption(context.t("facilitate.approvals.proposed_by",
                                     name=escape_markdown(names[candidate.proposed_by])))
            verdict = assess(candidate.name, candidate.definition)
            explanation = escape_markdown(verdict.explain(context.language))
            show = st.warning if verdict.is_vanity else st.info
            show(context.t("facilitate.approvals.vanity", text=explanation))
            for column, status, key in zip(st.columns(2), ("approved", "rejected"), ("approve", "reject")):
                if column.button(context.t(f"facilitate.approvals.{key}"), key=f"{key}_{candidate.id}",
                                 type="primary" if key == "approve" else "secondary", width="stretch"):
                    attempt(context, lambda: store.candidates.set_status(workshop.id, candidate.id, status),
                            f"facilitate.approvals.{status}", rerun=True, name=escape_markdown(candidate.name))


def _runoff() -> None:
    """A new round between the current top N."""
    st.subheader(context.t("facilitate.runoff.title"))
    approved = len(store.votes.results(workshop.id))
    if approved < MIN_RUNOFF:
        st.caption(context.t("facilitate.runoff.too_few", minimum=MIN_RUNOFF))
        return
    with st.form("runoff"):
        st.caption(context.t("facilitate.runoff.intro"))
        top_n = st.number_input(context.t("facilitate.runoff.top_n"), MIN_RUNOFF, approved,
                                min(approved, MIN_RUNOFF + 1))
        if st.form_submit_button(context.t("facilitate.runoff.submit")):
            attempt(context, lambda: store.votes.start_runoff(workshop.id, top_n), "facilitate.runoff.started",
                    rerun=True, round=workshop.round + 1, count=top_n)


def _finalise() -> None:
    """Mark the shortlist as agreed (closing the vote), or reopen it."""
    st.subheader(context.t("facilitate.finalise.title"))
    entries = store.shortlist.list(workshop.id)
    st.caption(context.t("facilitate.finalise.count", count=len(entries)))
    if workshop.finalised:
        if st.button(context.t("facilitate.finalise.reopen"), key="reopen_shortlist"):
            _save({"finalised": False}, "facilitate.finalise.reopened")
    elif st.button(context.t("facilitate.finalise.submit"), key="finalise_shortlist", type="primary"):
        if entries:
            _save({"finalised": True, "voting_open": False}, "facilitate.finalise.done")
        else:
            st.error(context.t("facilitate.finalise.empty"))


st.caption(context.t(
    "facilitate.status", round=workshop.round,
    voting=_state(workshop.voting_open, "facilitate.open", "facilitate.closed"),
    finalised=_state(workshop.finalised, "facilitate.final", "facilitate.draft"),
))
controls, side = st.columns([3, 2], gap="large")
with controls:
    _settings()
    _over_budget()
    _finalise()
with side:
    _approvals()
    _runoff()
st.subheader(context.t("facilitate.projector.title"))
show_invite(context)
