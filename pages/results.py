"""Live results: ranking, team agreement and who is done, redrawn as soon as the workshop changes."""
import streamlit as st
from ui.guard import guard

import pandas as pd

from kpi_logic.charts.results import element_height
from kpi_logic.results_view import RANKING_LIMIT, LiveResults, live_results
from kpi_logic.formatting import format_percent
from kpi_logic.text import escape_markdown
from kpi_logic.domain import TEAM_LABELS, label
from kpi_logic.store import WorkshopStore

context = guard("results")


@st.cache_resource(max_entries=64, show_spinner=False)
def _shared_results(
    _store: WorkshopStore, db_file: str, workshop_id: int, version: int, language: str, for_facilitator: bool
) -> LiveResults:
    # One query per workshop version, language and role, however many screens show it; shared, never
    # mutated. The version (bumped by every write a screen shows) makes a stale entry unreachable.
    return live_results(_store, workshop_id, language, for_facilitator)


def _names(frame: pd.DataFrame) -> str:
    return ", ".join(escape_markdown(name) for name in frame["participant"]) or context.t("results.nobody")


def _participation(view: LiveResults) -> None:
    """How many said "I'm done"; the facilitator also sees who, unless the results are anonymous."""
    done, total = view.progress.done, view.progress.total
    if total == 0:
        st.info(context.t("results.no_participants"))
        return
    st.metric(context.t("results.done_count"), context.t("room.done", done=done, total=total), border=True)
    st.progress(done / total)
    if view.workshop.anonymous or not context.is_facilitator:
        return
    people = view.participation
    voted, waiting = st.columns(2)
    voted.markdown(f"**{context.t('results.done')}:** {_names(people[people['done']])}")
    waiting.markdown(f"**{context.t('results.not_done')}:** {_names(people[~people['done']])}")


def _points_left(view: LiveResults) -> None:
    people = view.participation
    if view.workshop.anonymous:
        count = int((people["points_left"] > 0).sum())
        st.caption(context.t("results.points_left.anonymous", count=count))
        return
    with st.expander(context.t("results.points_left")):
        table = pd.DataFrame(
            {
                context.t("results.column.participant"): people["participant"],
                context.t("results.column.team"): [label(TEAM_LABELS, team, context.language) for team in people["team"]],
                context.t("results.column.used"): people["points_used"],
                context.t("results.column.left"): people["points_left"],
                context.t("results.column.over_budget"): people["points_used"] > view.workshop.vote_budget,
            }
        )
        st.dataframe(table, hide_index=True, width="stretch")


def _totals(view: LiveResults) -> None:
    if view.candidate_count == 0:
        st.info(context.t("results.no_candidates"))
        return
    if view.ranking is None:
        st.info(context.t("room.no_votes"), icon="🗳️")
        return
    if view.workshop.results_hidden and not view.workshop.revealed:
        st.caption(context.t("results.blind.facilitator"))
    st.vega_lite_chart(dict(view.ranking), width="stretch", height=element_height(view.ranking))
    if view.candidate_count > RANKING_LIMIT:
        st.caption(context.t("results.top_only", shown=RANKING_LIMIT, total=view.candidate_count))
    index_column, chart_column = st.columns([1, 2])
    with index_column:
        index = view.agreement_index
        st.metric(context.t("results.agreement_index"), format_percent(index, context.language), border=True)
        st.caption(context.t("results.agreement_index.explain" if index is not None else "results.agreement_index.missing"))
    chart_column.vega_lite_chart(dict(view.agreement), width="stretch", height=element_height(view.agreement))
    if view.vanity_names:
        st.warning(
            f"**{context.t('results.vanity_flags')}**\n\n"
            + "\n".join(f"- {context.t('results.vanity_flag', name=escape_markdown(name))}" for name in view.vanity_names)
        )


def live_screen() -> None:
    """The results as they are now; the server redraws the page when a vote or a setting changes them."""
    # The version of the workshop row the guard read at the start of this run: what the redraw compares.
    view = _shared_results(context.store, str(context.store.path), context.workshop.id, context.workshop.version,
                           context.language, context.is_facilitator)
    workshop = view.workshop
    status = context.t("results.voting_open" if workshop.voting_open else "results.voting_closed")
    if workshop.round > 1:
        status += " · " + context.t("results.round", round=workshop.round)
    st.caption(status)
    if view.blind:
        st.info(context.t("results.blind"), icon="🙈")
    else:
        _totals(view)
    _participation(view)
    if context.is_facilitator:
        _points_left(view)


live_screen()
