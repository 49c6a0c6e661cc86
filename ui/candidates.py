"""The voting page's other two sections: propose a KPI, and browse the catalogue (the facilitator adds
KPIs to the vote from it)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kpi_logic.ballot_view import badges, vanity_text
from kpi_logic.catalog import CatalogKpi, catalog_by_id, filter_catalog, load_catalog
from kpi_logic.domain import APPROVED, CANDIDATE_STATUSES, KINDS, OWNER_TEAMS, PENDING, STAGE_LABELS, STAGES
from kpi_logic.domain import TEAM_LABELS, label
from kpi_logic.errors import KpiWorkshopError
from kpi_logic.records import Participant
from kpi_logic.text import escape_markdown
from kpi_logic.vanity import VanityNote, assess, vanity_note
from ui.feedback import confirm, show_error
from ui.session import get_store

# What a callback (which runs before the page) wants the page to say: (text key, values) or an error.
FLASH_KEY = "candidates_flash"
# The custom KPI text whose vanity warning this session has already seen; a second submit adds it anyway.
CHECKED_KEY = "voting_checked_text"
PICK_KEY = "catalog_add_pick"


def show_flash(context) -> None:
    """Say what the last catalogue callback did."""
    flash = st.session_state.pop(FLASH_KEY, None)
    if isinstance(flash, Exception):
        show_error(context, flash)
    elif flash is not None:
        key, values = flash
        confirm(context, key, **values)


def add_candidates(context, catalog_ids: list[str]) -> None:
    """Put catalogue KPIs up for the vote (facilitator only)."""
    if not context.is_facilitator:
        return
    try:
        for catalog_id in catalog_ids:
            get_store().candidates.add(context.workshop.id, catalog_id=catalog_id)
    except KpiWorkshopError as error:
        st.session_state[FLASH_KEY] = error
    else:
        st.session_state[FLASH_KEY] = ("voting.added", {"count": len(catalog_ids)})


def add_picked(context) -> None:
    """Add the KPIs picked in the multiselect, then empty it (they are no longer options)."""
    picked = st.session_state.get(PICK_KEY) or []
    if picked:
        add_candidates(context, list(picked))
    st.session_state[PICK_KEY] = []


def propose(context, person: Participant | None, name: str, definition: str, stage: str | None,
            team: str | None) -> None:
    """Check the typed KPI for vanity, and add it once the warning (if any) has been seen."""
    language = context.language
    if not name.strip():
        st.error(context.t("voting.propose.name_required"))
        return
    assessment = assess(name, definition)
    typed = (name.strip(), definition.strip())
    if assessment.is_vanity:
        alternative = assessment.alternative_name.get(language) if assessment.alternative_name else None
        note = VanityNote(assessment.explain(language), alternative)
        st.warning(escape_markdown(vanity_text(note, language)), icon="⚠️")
        if st.session_state.get(CHECKED_KEY) != typed:
            st.session_state[CHECKED_KEY] = typed
            st.info(context.t("voting.propose.vanity_confirm"))
            return
    else:
        st.success(escape_markdown(context.t("voting.propose.ok", reason=assessment.explain(language))), icon="✅")
    status = APPROVED if context.is_facilitator else PENDING
    try:
        context.store.candidates.add(
            context.workshop.id, name=name, definition=definition, stage=stage, team=team,
            proposed_by=person.id if person else None, status=status,
        )
    except KpiWorkshopError as error:
        show_error(context, error)
        return
    st.session_state.pop(CHECKED_KEY, None)
    confirm(context, "voting.propose.approved" if status == APPROVED else "voting.propose.pending",
            name=escape_markdown(name.strip()))


def own_proposals(context, person: Participant) -> None:
    """The custom KPIs this participant proposed, with where each stands."""
    mine = [c for c in context.store.candidates.list(context.workshop.id, statuses=CANDIDATE_STATUSES)
            if c.proposed_by == person.id and c.catalog_id is None]
    if not mine:
        return
    st.subheader(context.t("voting.mine"))
    for candidate in mine:
        st.markdown(f"- {escape_markdown(candidate.name)} — *{context.t(f'voting.status.{candidate.status}')}*")


def propose_section(context, person: Participant | None) -> None:
    """A form to propose a custom KPI, checked for vanity before it is stored."""
    language = context.language
    st.caption(context.t("voting.propose.intro"))
    optional = context.t("voting.propose.none")
    with st.form("propose_kpi"):
        name = st.text_input(context.t("voting.propose.name"), max_chars=120,
                             help=context.t("voting.propose.name.help"))
        definition = st.text_area(context.t("voting.propose.definition"), max_chars=2000,
                                  help=context.t("voting.propose.definition.help"))
        stage = st.selectbox(context.t("voting.propose.stage"), (None, *STAGES),
                             format_func=lambda key: label(STAGE_LABELS, key, language) if key else optional)
        team = st.selectbox(context.t("voting.propose.team"), (None, *OWNER_TEAMS),
                            format_func=lambda key: label(TEAM_LABELS, key, language) if key else optional)
        submitted = st.form_submit_button(context.t("voting.propose.submit"), type="primary")
    if submitted:
        propose(context, person, name, definition, stage, team)
    if context.participant:
        own_proposals(context, context.participant)


def _filters(context) -> list[CatalogKpi]:
    language = context.language
    every = context.t("voting.filter.all")
    search, stage_column, team_column, kind_column = st.columns([2, 1, 1, 1])
    query = search.text_input(context.t("voting.search"), key="catalog_query", help=context.t("voting.search.help"))
    stage = stage_column.selectbox(context.t("voting.filter.stage"), (None, *STAGES), key="catalog_stage",
                                   format_func=lambda key: label(STAGE_LABELS, key, language) if key else every)
    team = team_column.selectbox(context.t("voting.filter.team"), (None, *OWNER_TEAMS), key="catalog_team",
                                 format_func=lambda key: label(TEAM_LABELS, key, language) if key else every)
    kind = kind_column.selectbox(context.t("voting.filter.kind"), (None, *KINDS), key="catalog_kind",
                                 format_func=lambda key: context.t(f"voting.kind.{key}") if key else every)
    return filter_catalog(load_catalog(), query=query, stage=stage, team=team, kind=kind, language=language)


def _vanity_of(kpi: CatalogKpi, language: str) -> str:
    note = vanity_note(kpi.id, "", "", catalog_by_id(), language)
    return vanity_text(note, language) if note else ""


def _table(context, kpis: list[CatalogKpi], chosen: set[str]) -> pd.DataFrame:
    language = context.language
    return pd.DataFrame({
        context.t("voting.column.name"): [("⚠ " if kpi.is_vanity else "") + kpi.name.get(language) for kpi in kpis],
        context.t("voting.column.stage"): [label(STAGE_LABELS, kpi.stage, language) for kpi in kpis],
        context.t("voting.column.team"): [label(TEAM_LABELS, kpi.team, language) for kpi in kpis],
        context.t("voting.column.kind"): [context.t(f"voting.kind.{kpi.kind}") for kpi in kpis],
        context.t("voting.column.candidate"): [kpi.id in chosen for kpi in kpis],
        context.t("voting.definition"): [kpi.definition.get(language) for kpi in kpis],
        context.t("voting.formula"): [kpi.formula.get(language) for kpi in kpis],
        context.t("voting.column.vanity"): [_vanity_of(kpi, language) for kpi in kpis],
    })


def _card(context, kpi: CatalogKpi, chosen: set[str]) -> None:
    language = context.language
    with st.container(border=True):
        st.markdown(f"**{escape_markdown(kpi.name.get(language))}**")
        st.caption(badges(kpi.stage, kpi.team, kpi.kind, language))
        st.markdown(f"**{context.t('voting.definition')}:** {escape_markdown(kpi.definition.get(language))}")
        st.markdown(f"**{context.t('voting.formula')}:** {escape_markdown(kpi.formula.get(language))}")
        warning = _vanity_of(kpi, language)
        if warning:
            st.warning(escape_markdown(warning), icon="⚠️")
        if kpi.id in chosen:
            st.caption(context.t("voting.is_candidate"))
        elif context.is_facilitator:
            st.button(context.t("voting.add"), key=f"add_{kpi.id}", on_click=add_candidates,
                      args=(context, [kpi.id]))


def catalog_section(context) -> None:
    """The catalogue, filtered, with one KPI's card; the facilitator adds KPIs to the vote from it."""
    language = context.language
    kpis = _filters(context)
    if not kpis:
        st.info(context.t("voting.catalog.none"))
        return
    candidates = context.store.candidates.list(context.workshop.id, statuses=CANDIDATE_STATUSES)
    chosen = {c.catalog_id for c in candidates if c.catalog_id}
    st.caption(context.t("voting.catalog.count", count=len(kpis)))
    st.dataframe(_table(context, kpis, chosen), hide_index=True, width="stretch")
    by_id = {kpi.id: kpi for kpi in kpis}
    shown = st.selectbox(context.t("voting.details"), list(by_id), key="catalog_details",
                         format_func=lambda kpi_id: by_id[kpi_id].name.get(language))
    _card(context, by_id[shown], chosen)
    if context.is_facilitator:
        with st.form("add_candidates"):
            st.multiselect(context.t("voting.add_many"), [kpi_id for kpi_id in by_id if kpi_id not in chosen],
                           key=PICK_KEY, format_func=lambda kpi_id: by_id[kpi_id].name.get(language),
                           help=context.t("voting.add_many.help"), placeholder=context.t("widget.choose"))
            st.form_submit_button(context.t("voting.add_many.submit"), type="primary", on_click=add_picked,
                                  args=(context,))
