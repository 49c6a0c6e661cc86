"""Candidates and voting: browse the catalogue, propose KPIs and spend your points on the candidates."""
import streamlit as st
from ui.guard import guard

import pandas as pd

from kpi_logic.catalog import CatalogKpi, catalog_by_id, filter_catalog, load_catalog
from kpi_logic.text import escape_markdown
from kpi_logic.domain import KINDS, OWNER_TEAMS, STAGE_LABELS, STAGES, TEAM_LABELS, label
from kpi_logic.errors import KpiWorkshopError, VoteBudgetExceeded, VotingClosed
from kpi_logic.domain import APPROVED, CANDIDATE_STATUSES, PENDING
from kpi_logic.records import Candidate, Participant, Workshop
from kpi_logic.vanity import VanityNote, assess, vanity_note
from ui.feedback import confirm, show_error
from ui.session import get_store

context = guard("voting")
store, workshop, language = context.store, context.workshop, context.language
catalog = catalog_by_id()

SECTION_KEY = "voting_section"
SECTIONS: tuple[str, ...] = ("vote", "propose", "catalog")
# What a callback (which runs before the page) wants the page to say: ("toast"|"warning", key, values) or an error.
FLASH_KEY = "voting_flash"
# The custom KPI text whose vanity warning this session has already seen; a second submit adds it anyway.
CHECKED_KEY = "voting_checked_text"
PICK_KEY = "catalog_add_pick"


def points_key(candidate_id: int) -> str:
    return f"points_{candidate_id}"


def kpi_name(catalog_id: str | None, name: str) -> str:
    """A candidate's name in the session's language (the store names it in the workshop's)."""
    kpi = catalog.get(catalog_id) if catalog_id else None
    return kpi.name.get(language) if kpi else name


def voter() -> Participant | None:
    """Who votes in this session: the participant, or the facilitator when taking part."""
    if context.is_facilitator:
        return store.participants.facilitator(workshop.id) if workshop.facilitator_votes else None
    return context.participant


def closed_reason(person: Participant | None, settings: Workshop) -> str | None:
    """Why this session cannot vote right now, or None when it can."""
    if person is None:
        return context.t("voting.closed.facilitator" if context.is_facilitator else "voting.closed.no_participant")
    if not settings.voting_open or settings.finalised:
        return context.t("voting.closed")
    return None


def set_points(participant_id: int, candidate_id: int, name: str) -> None:
    """Store the tapped points; when refused, put the control back to the stored points and say why."""
    key = points_key(candidate_id)
    points = st.session_state[key]
    current_store = get_store()
    try:
        current_store.votes.set_points(participant_id, candidate_id, points)
    except KpiWorkshopError as error:
        st.session_state[key] = current_store.votes.points_of(participant_id).get(candidate_id, 0)
        st.session_state[FLASH_KEY] = error
    else:
        st.session_state[FLASH_KEY] = ("toast", "voting.saved", {"points": points, "name": escape_markdown(name)})


def add_candidates(catalog_ids: list[str]) -> None:
    """Put catalogue KPIs up for the vote (facilitator only)."""
    if not context.is_facilitator:
        return
    try:
        for catalog_id in catalog_ids:
            get_store().candidates.add(workshop.id, catalog_id=catalog_id)
    except KpiWorkshopError as error:
        st.session_state[FLASH_KEY] = error
    else:
        st.session_state[FLASH_KEY] = ("toast", "voting.added", {"count": len(catalog_ids)})


def add_picked() -> None:
    """Add the KPIs picked in the multiselect, then empty it (they are no longer options)."""
    picked = st.session_state.get(PICK_KEY) or []
    if picked:
        add_candidates(list(picked))
    st.session_state[PICK_KEY] = []


def show_flash(settings: Workshop) -> None:
    """Say what the last callback did: shown by the ballot after a tap, by the page after anything else."""
    flash = st.session_state.pop(FLASH_KEY, None)
    if flash is None:
        return
    if isinstance(flash, VoteBudgetExceeded):
        st.warning(context.t("voting.refused.budget", cap=settings.per_kpi_cap, budget=settings.vote_budget), icon="✋")
    elif isinstance(flash, VotingClosed):
        st.warning(context.t("voting.refused.closed"), icon="🔒")
    elif isinstance(flash, Exception):
        show_error(context, flash)
    else:
        _, key, values = flash
        confirm(context, key, **values)


def vanity_text(note: VanityNote) -> str:
    if note.alternative is None:
        return context.t("voting.vanity_warning.no_alternative", reason=note.reason)
    return context.t("voting.vanity_warning", reason=note.reason, alternative=note.alternative)


def badges(stage: str | None, team: str | None, kind: str | None = None) -> str:
    """Stage, team and kind as one short line."""
    parts = [label(STAGE_LABELS, stage, language) if stage else None,
             label(TEAM_LABELS, team, language) if team else None,
             context.t(f"voting.kind.{kind}") if kind else None]
    return " · ".join(part for part in parts if part)


def candidate_details(candidate: Candidate, note: VanityNote | None) -> str:
    """Definition, formula and vanity warning as escaped Markdown for a tooltip."""
    kpi = catalog.get(candidate.catalog_id) if candidate.catalog_id else None
    definition = kpi.definition.get(language) if kpi else candidate.definition
    lines = [f"**{context.t('voting.definition')}:** {escape_markdown(definition)}" if definition else ""]
    if kpi:
        lines.append(f"**{context.t('voting.formula')}:** {escape_markdown(kpi.formula.get(language))}")
    if note:
        lines.append(f"⚠ {escape_markdown(vanity_text(note))}")
    return "\n\n".join(line for line in lines if line)


def candidate_row(candidate: Candidate, points: int, person: Participant | None, reason: str | None,
                  cap: int) -> None:
    """One candidate: its name as the label of a 0…cap control whose value is the stored points."""
    name = kpi_name(candidate.catalog_id, candidate.name)
    note = vanity_note(candidate.catalog_id, candidate.name, candidate.definition, catalog, language)
    key = points_key(candidate.id)
    # What the participant sees must be what is stored (another device, a reload). Only a differing
    # value is pushed: pushing it on every run would race a tap made while this run is under way.
    if st.session_state.get(key) != points:
        st.session_state[key] = points
    kpi = catalog.get(candidate.catalog_id) if candidate.catalog_id else None
    line = badges(candidate.stage, candidate.team, kpi.kind if kpi else None) or context.t("voting.custom_kpi")
    flag = f":orange[⚠ {context.t('voting.vanity_badge')}] · " if note else ""
    title = f"**{escape_markdown(name)}**"
    if reason is not None:
        # A disabled control fades its label almost to white, yet the KPI name is what people read:
        # coloured text keeps its colour, and Streamlit's grey follows a dark theme too.
        title = f":gray[{title}]"
    # One element per candidate (no container or caption): the ballot must stay fast with 150 candidates.
    st.segmented_control(
        f"{title}  \n{flag}:gray[{escape_markdown(line)}]",
        # A lowered cap must still show points given before it was lowered.
        options=range(max(cap, points) + 1),
        key=key,
        required=True,
        disabled=reason is not None,
        on_change=set_points if person else None,
        args=(person.id, candidate.id, name) if person else None,
        help=candidate_details(candidate, note) or context.t("voting.points_help"),
    )


@st.fragment
def ballot(person: Participant | None) -> None:
    """Points left and one control per candidate: a tap reruns only this, not the whole page.

    The workshop is read again here because a tap's rerun skips the page's guard: closing the vote
    or lowering the cap must still show on the next tap.
    """
    settings = store.workshops.get(workshop.id)
    show_flash(settings)
    stored = store.votes.points_of(person.id) if person else {}
    if person is not None:
        used = sum(stored.values())
        st.metric(
            context.t("voting.points_left"),
            max(0, settings.vote_budget - used),
            help=context.t("voting.points_left.help", budget=settings.vote_budget, cap=settings.per_kpi_cap),
            border=True,
        )
        if used > settings.vote_budget:
            st.warning(context.t("voting.over_budget", used=used, budget=settings.vote_budget))
    reason = closed_reason(person, settings)
    if reason:
        st.info(reason, icon="🔒")
    candidates = store.candidates.list(workshop.id)
    if settings.round > 1:
        st.info(context.t("voting.runoff", round=settings.round), icon="🏁")
        candidates = [candidate for candidate in candidates if candidate.in_runoff]
    if not candidates:
        st.info(context.t("voting.no_candidates"))
        return
    for candidate in candidates:
        candidate_row(candidate, stored.get(candidate.id, 0), person, reason, settings.per_kpi_cap)


def propose(person: Participant | None, name: str, definition: str, stage: str | None, team: str | None) -> None:
    """Check the typed KPI for vanity, and add it once the warning (if any) has been seen."""
    if not name.strip():
        st.error(context.t("voting.propose.name_required"))
        return
    assessment = assess(name, definition)
    typed = (name.strip(), definition.strip())
    if assessment.is_vanity:
        alternative = assessment.alternative_name.get(language) if assessment.alternative_name else None
        st.warning(escape_markdown(vanity_text(VanityNote(assessment.explain(language), alternative))), icon="⚠️")
        if st.session_state.get(CHECKED_KEY) != typed:
            st.session_state[CHECKED_KEY] = typed
            st.info(context.t("voting.propose.vanity_confirm"))
            return
    else:
        st.success(escape_markdown(context.t("voting.propose.ok", reason=assessment.explain(language))), icon="✅")
    status = APPROVED if context.is_facilitator else PENDING
    try:
        store.candidates.add(
            workshop.id, name=name, definition=definition, stage=stage, team=team,
            proposed_by=person.id if person else None, status=status,
        )
    except KpiWorkshopError as error:
        show_error(context, error)
        return
    st.session_state.pop(CHECKED_KEY, None)
    confirm(context, "voting.propose.approved" if status == APPROVED else "voting.propose.pending",
            name=escape_markdown(name.strip()))


def own_proposals(person: Participant) -> None:
    mine = [c for c in store.candidates.list(workshop.id, statuses=CANDIDATE_STATUSES)
            if c.proposed_by == person.id and c.catalog_id is None]
    if not mine:
        return
    st.subheader(context.t("voting.mine"))
    for candidate in mine:
        st.markdown(f"- {escape_markdown(candidate.name)} — *{context.t(f'voting.status.{candidate.status}')}*")


def propose_section(person: Participant | None) -> None:
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
        propose(person, name, definition, stage, team)
    if context.participant:
        own_proposals(context.participant)


def catalog_filters() -> list[CatalogKpi]:
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


def catalog_table(kpis: list[CatalogKpi], chosen: set[str]) -> pd.DataFrame:
    notes = [vanity_note(kpi.id, "", "", catalog, language) for kpi in kpis]
    return pd.DataFrame({
        context.t("voting.column.name"): [("⚠ " if kpi.is_vanity else "") + kpi.name.get(language) for kpi in kpis],
        context.t("voting.column.stage"): [label(STAGE_LABELS, kpi.stage, language) for kpi in kpis],
        context.t("voting.column.team"): [label(TEAM_LABELS, kpi.team, language) for kpi in kpis],
        context.t("voting.column.kind"): [context.t(f"voting.kind.{kpi.kind}") for kpi in kpis],
        context.t("voting.column.candidate"): [kpi.id in chosen for kpi in kpis],
        context.t("voting.definition"): [kpi.definition.get(language) for kpi in kpis],
        context.t("voting.formula"): [kpi.formula.get(language) for kpi in kpis],
        context.t("voting.column.vanity"): [vanity_text(note) if note else "" for note in notes],
    })


def catalog_card(kpi: CatalogKpi, chosen: set[str]) -> None:
    with st.container(border=True):
        st.markdown(f"**{escape_markdown(kpi.name.get(language))}**")
        st.caption(badges(kpi.stage, kpi.team, kpi.kind))
        st.markdown(f"**{context.t('voting.definition')}:** {escape_markdown(kpi.definition.get(language))}")
        st.markdown(f"**{context.t('voting.formula')}:** {escape_markdown(kpi.formula.get(language))}")
        note = vanity_note(kpi.id, "", "", catalog, language)
        if note:
            st.warning(escape_markdown(vanity_text(note)), icon="⚠️")
        if kpi.id in chosen:
            st.caption(context.t("voting.is_candidate"))
        elif context.is_facilitator:
            st.button(context.t("voting.add"), key=f"add_{kpi.id}", on_click=add_candidates, args=([kpi.id],))


def catalog_section() -> None:
    kpis = catalog_filters()
    if not kpis:
        st.info(context.t("voting.catalog.none"))
        return
    chosen = {c.catalog_id for c in store.candidates.list(workshop.id, statuses=CANDIDATE_STATUSES) if c.catalog_id}
    st.caption(context.t("voting.catalog.count", count=len(kpis)))
    st.dataframe(catalog_table(kpis, chosen), hide_index=True, width="stretch")
    by_id = {kpi.id: kpi for kpi in kpis}
    shown = st.selectbox(context.t("voting.details"), list(by_id), key="catalog_details",
                         format_func=lambda kpi_id: by_id[kpi_id].name.get(language))
    catalog_card(by_id[shown], chosen)
    if context.is_facilitator:
        with st.form("add_candidates"):
            st.multiselect(context.t("voting.add_many"), [kpi_id for kpi_id in by_id if kpi_id not in chosen],
                           key=PICK_KEY, format_func=lambda kpi_id: by_id[kpi_id].name.get(language),
                           help=context.t("voting.add_many.help"), placeholder=context.t("widget.choose"))
            st.form_submit_button(context.t("voting.add_many.submit"), type="primary", on_click=add_picked)

person = voter()
show_flash(workshop)
section = st.segmented_control(
    context.t("voting.section"), SECTIONS, key=SECTION_KEY, default="vote", required=True,
    format_func=lambda key: context.t(f"voting.section.{key}"), label_visibility="collapsed",
)
if section == "propose":
    propose_section(person)
elif section == "catalog":
    catalog_section()
else:
    ballot(person)
