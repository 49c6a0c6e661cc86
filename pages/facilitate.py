"""Facilitation in one place: every switch acts at once; the countdown, the reveal, the roster, approvals,
run-off and finalising, the final steps asking first and saying what they will do."""
import streamlit as st
from ui.guard import guard

from kpi_logic.domain import COUNTDOWN_MAX_SECONDS, PHASES
from kpi_logic.facilitation_view import COUNTDOWN_MINUTES, EXTEND_SECONDS, FacilitationView, facilitation_view
from kpi_logic.links import room_url
from kpi_logic.room_view import SECONDS_PER_MINUTE, countdown_text
from kpi_logic.text import escape_markdown
from kpi_logic.vanity import assess
from kpi_logic.voting import MAX_POINTS_SETTING, MIN_POINTS_SETTING
from ui.confirm import confirmed
from ui.countdown import countdown
from ui.feedback import attempt
from ui.links import app_base_url
from ui.live import on_change, take_change
from ui.nav import PAGES_BY_KEY
from ui.roster import roster
from ui.start import show_invite

context = guard("facilitate")

MIN_RUNOFF = 2
TYPED_MINUTES_DEFAULT = 4
GOALS_PAGE = PAGES_BY_KEY["goals"]
SWITCHES: tuple[tuple[str, str], ...] = (  # (workshop field, text key)
    ("voting_open", "voting_open"),
    ("results_hidden", "blind"),
    ("anonymous", "anonymous"),
    ("facilitator_votes", "facilitator_votes"),
    ("joins_open", "joins_open"),
)
store, workshop = context.store, context.workshop


def _save(changes: dict, notice: str, **values: object) -> None:
    attempt(context, lambda: store.workshops.update_settings(workshop.id, **changes), notice, rerun=True, **values)


def _no_goal() -> None:
    st.error(context.t("facilitate.settings.no_goal"))
    # A plain link: page_link needs the menu of app.py, which a page opened on its own lacks.
    st.markdown(f"{GOALS_PAGE.icon} [{context.t('page.goals')}](/{GOALS_PAGE.url_path})")


def _write_switch(field: str, value: bool) -> object:
    if field == "voting_open":
        return store.workshops.open_voting(workshop.id) if value else store.workshops.close_voting(workshop.id)
    return store.workshops.update_settings(workshop.id, **{field: value})


def _switch(view: FacilitationView, field: str, key: str) -> None:
    """A toggle that takes effect when flipped, with a toast; refused, it springs back with the reason."""
    widget = f"live_{field}"
    changed, wanted = take_change(widget, getattr(workshop, field))
    if changed and field == "voting_open" and wanted and not view.may_open:
        _no_goal()
    elif changed:
        attempt(context, lambda: _write_switch(field, wanted),
                f"facilitate.live.{key}.{'on' if wanted else 'off'}", rerun=True)
    st.toggle(context.t(f"facilitate.settings.{key}"), key=widget, on_change=on_change(widget),
              help=context.t(f"facilitate.settings.{key}_help"))


def _phase() -> None:
    widget = "live_phase"
    changed, wanted = take_change(widget, workshop.phase)
    if changed:
        _save({"phase": wanted}, "facilitate.live.phase", phase=context.t(f"start.phase.{wanted}"))
    st.selectbox(context.t("facilitate.settings.phase"), PHASES, key=widget, on_change=on_change(widget),
                 format_func=lambda key: context.t(f"start.phase.{key}"),
                 help=context.t("facilitate.settings.phase_help"))


def _start_countdown(view: FacilitationView, minutes: int) -> None:
    if not view.may_open:
        _no_goal()
        return
    seconds = minutes * SECONDS_PER_MINUTE
    attempt(context, lambda: store.workshops.start_countdown(workshop.id, seconds), "facilitate.countdown.started",
            rerun=True, time=countdown_text(seconds))


def _time_left(seconds: int) -> None:
    st.metric(context.t("facilitate.countdown.left"), countdown_text(seconds), border=True)


def _countdown(view: FacilitationView) -> None:
    """Start a countdown (2/3/5 minutes or typed), see it run, give more time; at zero the vote closes."""
    st.subheader(context.t("facilitate.countdown.title"))
    if view.seconds_left is not None:
        countdown(context, workshop.timer_ends_at, _time_left)
        if st.button(context.t("facilitate.countdown.extend"), key="extend_countdown"):
            attempt(context, lambda: store.workshops.extend_countdown(workshop.id, EXTEND_SECONDS),
                    "facilitate.countdown.extended", rerun=True)
    for column, minutes in zip(st.columns(len(COUNTDOWN_MINUTES)), COUNTDOWN_MINUTES):
        if column.button(context.t("facilitate.countdown.preset", minutes=minutes), key=f"countdown_{minutes}",
                         width="stretch"):
            _start_countdown(view, minutes)
    typed, start = st.columns([2, 1], vertical_alignment="bottom")
    minutes = typed.number_input(context.t("facilitate.countdown.typed"), 1, COUNTDOWN_MAX_SECONDS // SECONDS_PER_MINUTE,
                                 TYPED_MINUTES_DEFAULT, key="countdown_typed")
    if start.button(context.t("facilitate.countdown.start"), key="countdown_start", width="stretch"):
        _start_countdown(view, int(minutes))


def _reveal() -> None:
    """One action for the reveal: the vote closes and the ranking shows on the projector and every phone."""
    done = workshop.revealed and not workshop.voting_open
    if st.button(context.t("facilitate.reveal.button"), key="reveal", type="primary", disabled=done,
                 help=context.t("facilitate.reveal.help")):
        attempt(context, lambda: store.workshops.reveal(workshop.id), "facilitate.reveal.done", rerun=True)
    if done:
        st.caption(context.t("facilitate.reveal.shown"))


def _budget(view: FacilitationView) -> None:
    with st.form("budget"):
        budget_column, cap_column = st.columns(2)
        budget = budget_column.number_input(
            context.t("facilitate.settings.budget"), MIN_POINTS_SETTING, MAX_POINTS_SETTING,
            workshop.vote_budget, help=context.t("facilitate.settings.budget_help"))
        cap = cap_column.number_input(
            context.t("facilitate.settings.cap"), MIN_POINTS_SETTING, MAX_POINTS_SETTING,
            workshop.per_kpi_cap, help=context.t("facilitate.settings.cap_help"))
        submitted = st.form_submit_button(context.t("facilitate.settings.submit"))
    if submitted and cap > budget:
        st.error(context.t("start.create.cap_too_high", cap=cap, budget=budget))
    elif submitted:
        _save({"vote_budget": budget, "per_kpi_cap": cap}, "facilitate.settings.saved")
    if view.over_budget:
        st.warning(context.t("facilitate.over_budget", budget=workshop.vote_budget,
                             names=escape_markdown(", ".join(view.over_budget))))


def _join_code() -> None:
    code = workshop.join_code
    if confirmed(context, "new_code", context.t("facilitate.code.renew"),
                 context.t("facilitate.code.explain", code=code), context.t("facilitate.code.yes")):
        attempt(context, lambda: store.workshops.renew_join_code(workshop.id), "facilitate.code.renewed", rerun=True)


def _approvals(view: FacilitationView) -> None:
    """Each proposed KPI with its vanity check, to approve or reject before everyone sees it."""
    st.subheader(context.t("facilitate.approvals.title"))
    if not view.pending:
        st.caption(context.t("facilitate.approvals.none"))
    names = {row.participant_id: row.name for row in view.roster}
    for candidate in view.pending:
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


def _runoff(view: FacilitationView) -> None:
    """A new round between the current top N, after saying what it resets."""
    st.subheader(context.t("facilitate.runoff.title"))
    if view.runoff_pool < MIN_RUNOFF:
        st.caption(context.t("facilitate.runoff.too_few", minimum=MIN_RUNOFF))
        return
    st.caption(context.t("facilitate.runoff.intro"))
    top_n = int(st.number_input(context.t("facilitate.runoff.top_n"), MIN_RUNOFF, view.runoff_pool,
                                min(view.runoff_pool, MIN_RUNOFF + 1), key="runoff_top_n"))
    explain = context.t("facilitate.runoff.explain", round=workshop.round + 1, count=top_n)
    if confirmed(context, "runoff", context.t("facilitate.runoff.submit"), explain, context.t("facilitate.runoff.yes")):
        attempt(context, lambda: store.votes.start_runoff(workshop.id, top_n), "facilitate.runoff.started",
                rerun=True, round=workshop.round + 1, count=top_n)


def _finalise(view: FacilitationView) -> None:
    """Mark the shortlist as agreed (closing the vote), naming any error still open; or reopen it."""
    st.subheader(context.t("facilitate.finalise.title"))
    st.caption(context.t("facilitate.finalise.count", count=view.shortlist_count))
    if workshop.finalised:
        if st.button(context.t("facilitate.finalise.reopen"), key="reopen_shortlist"):
            _save({"finalised": False}, "facilitate.finalise.reopened")
        return
    if not view.shortlist_count:
        st.info(context.t("facilitate.finalise.empty"))
        return
    errors, count = view.open_errors, len(view.open_errors)
    explain = context.t("facilitate.finalise.explain")
    if errors:
        listed = "".join(f"\n- {error}" for error in errors)
        explain += f"\n\n{context.t('facilitate.finalise.errors', count=count)}\n{listed}"
    despite = context.t("facilitate.finalise.despite", count=count) if errors else None
    if confirmed(context, "finalise", context.t("facilitate.finalise.submit"), explain,
                 context.t("facilitate.finalise.yes"), acknowledge=despite):
        _save({"finalised": True, "voting_open": False}, "facilitate.finalise.done")


def _room_link() -> None:
    st.link_button(context.t("facilitate.projector.room"), room_url(app_base_url(), workshop.room_token),
                   icon="📽️", type="primary")
    st.caption(context.t("facilitate.projector.room_help"))


view = facilitation_view(store, workshop.id, context.language)
st.caption(context.t("facilitate.status", round=workshop.round,
                     phase=context.t(f"start.phase.{workshop.phase}"),
                     done=context.t("room.done", done=view.progress.done, total=view.progress.total)))
controls, side = st.columns([3, 2], gap="large")
with controls:
    st.subheader(context.t("facilitate.settings.title"))
    _phase()
    for field, key in SWITCHES:
        _switch(view, field, key)
    _countdown(view)
    _reveal()
    _budget(view)
with side:
    _room_link()
    _approvals(view)
    _runoff(view)
    _finalise(view)
roster(context, view)
st.subheader(context.t("facilitate.projector.title"))
show_invite(context)
_join_code()
