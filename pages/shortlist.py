"""Shortlist: pick 3–5 KPIs from the ranking and make each steerable, with live checks and undo."""

import streamlit as st

from ui.guard import guard

from kpi_logic.catalog import catalog_by_id
from kpi_logic.text import escape_markdown
from kpi_logic.shortlist import CHECK_COLUMNS, ERROR, OK_MARK, WARNING
from kpi_logic.shortlist_texts import COLUMN_TITLES
from kpi_logic.shortlist_history import HistoryLine, describe, history_lines
from kpi_logic.shortlist_view import (
    EDITABLE_COLUMNS,
    NAME_COLUMN,
    TOP_N_OPTIONS,
    InvalidCell,
    cell_rule,
    checklist_for_display,
    count_findings,
    editor_frame,
    entry_changes,
    findings_for_display,
    goal_refs,
    shortlist_items,
    shortlist_pick,
)
from kpi_logic.domain import CANDIDATE_STATUSES
from kpi_logic.store import WorkshopStore
from ui.feedback import attempt, confirm_after_rerun
from ui.guard import role_text
from ui.shortlist_columns import shortlist_columns

context = guard("shortlist")

TOP_N_KEY = "shortlist_top_n"
PICK_KEY = "shortlist_pick"
SHOW_FINDING = {ERROR: st.error, WARNING: st.warning}

store, workshop = context.store, context.workshop
actor = role_text(context)
catalog = catalog_by_id()
goals = store.goals.list(workshop.id)
goal_titles = {str(goal.id): goal.title for goal in goals}


def _counted(kind: str, count: int) -> str:
    return context.t(f"shortlist.count.{kind}", count=count)


def _after_write(key: str, **values: object) -> None:
    """Rerun so every widget (the picker too) shows what is stored now, then confirm with `key`."""
    st.session_state.pop(PICK_KEY, None)
    confirm_after_rerun(key, **values)


def _cell_message(error: InvalidCell) -> str:
    rule_key, values = cell_rule(error.column)
    return context.t("shortlist.invalid_cell", kpi=escape_markdown(str(error.kpi)), column=context.t(f"shortlist.col.{error.column}"),
                     rule=context.t(rule_key, **values))


def pick_section(entries) -> None:
    """The facilitator picks the shortlist from the ranking, the top N prefilled."""
    st.subheader(context.t("shortlist.pick.heading"))
    pick = shortlist_pick(store.votes.results(workshop.id), entries, catalog, context.language)
    if not pick.options:
        st.info(context.t("shortlist.pick.no_ranking"))
        return
    labels = {
        option.candidate_id: option.name if option.rank is None else context.t(
            "shortlist.pick.option", rank=option.rank, name=option.name, count=option.points)
        for option in pick.options
    }

    def apply_top_n() -> None:
        st.session_state[PICK_KEY] = pick.chosen(st.session_state[TOP_N_KEY])

    if PICK_KEY not in st.session_state:
        st.session_state[PICK_KEY] = list(pick.saved) or pick.chosen(pick.top_n)
    # A KPI withdrawn since the last run must leave the selection, or the widget refuses it.
    st.session_state[PICK_KEY] = [cid for cid in st.session_state[PICK_KEY] if cid in labels]
    st.segmented_control(
        context.t("shortlist.pick.top_n"),
        options=TOP_N_OPTIONS,
        default=pick.top_n,
        required=True,
        key=TOP_N_KEY,
        on_change=apply_top_n,
        help=context.t("shortlist.pick.top_n.help"),
    )
    n = st.session_state.get(TOP_N_KEY) or pick.top_n
    if (tie := pick.tie(n)) is not None:
        tied_names = ", ".join(escape_markdown(labels[cid]) for cid in tie.candidate_ids if cid in labels)
        st.info(context.t("shortlist.pick.tie", n=n, names=tied_names, points=tie.points), icon="⚖️")
    picked = st.multiselect(
        context.t("shortlist.pick.label"),
        options=list(labels),
        format_func=labels.__getitem__,
        key=PICK_KEY,
        placeholder=context.t("widget.choose"),
        help=context.t("shortlist.pick.help"),
    )
    if st.button(context.t("shortlist.pick.save"), type="primary"):
        if attempt(context, lambda: store.shortlist.set(workshop.id, picked, actor=actor), None).ok:
            _after_write("saved")


def edit_section(entries, names) -> None:
    """The facilitator edits owner, figures, cadence, source and goals of every entry in one table."""
    st.subheader(context.t("shortlist.edit.heading"))
    # A new key after every change: the editor then starts from what is stored now.
    version = store.shortlist.latest_change(workshop.id)
    with st.form(f"shortlist_form_{version}", border=False):
        edited = st.data_editor(
            editor_frame(entries, names),
            column_config=shortlist_columns(context, goal_titles),
            column_order=[NAME_COLUMN, *EDITABLE_COLUMNS],
            hide_index=True,
            placeholder="",
            key=f"shortlist_editor_{version}",
        )
        submitted = st.form_submit_button(context.t("words.save_changes"), type="primary")
    if not submitted:
        return
    try:
        changes = entry_changes(entries, edited, [goal.id for goal in goals])
    except InvalidCell as error:
        st.error(_cell_message(error), icon="⚠️")
        return
    if not changes:
        st.info(context.t("shortlist.edit.unchanged"))
        return
    if attempt(context, lambda: store.shortlist.update_entries(workshop.id, changes, actor=actor), None).ok:
        _after_write("shortlist.edit.saved", count=len(changes))


def read_only_section(entries, names) -> None:
    """Everyone else sees the shortlist as a table."""
    if not entries:
        st.info(context.t("shortlist.empty"))
        return
    st.dataframe(
        editor_frame(entries, names),
        column_config=shortlist_columns(context, goal_titles),
        column_order=[NAME_COLUMN, *EDITABLE_COLUMNS],
        hide_index=True,
        placeholder="–",
    )


def checks_section(items) -> None:
    """The article's advice on this shortlist, live: errors, warnings, and a summary line."""
    st.subheader(context.t("shortlist.checks.heading"))
    findings = findings_for_display(items, goal_refs(goals))
    counts = count_findings(findings)
    st.markdown(
        "**"
        + context.t(
            "shortlist.summary",
            kpis=_counted("kpis", len(items)),
            errors=_counted("errors", counts.errors),
            warnings=_counted("warnings", counts.warnings),
        )
        + "**"
    )
    table = checklist_for_display(items, goal_refs(goals))
    for finding in table.findings:
        SHOW_FINDING.get(finding.severity, st.info)(finding.message.get(context.language))
    if not table.rows:
        return
    titles = [COLUMN_TITLES[column].get(context.language) for column in CHECK_COLUMNS]
    st.dataframe(
        [
            {context.t("words.kpi"): row.name, **{t: mark.symbol for t, mark in zip(titles, row.marks)}}
            for row in table.rows
        ],
        hide_index=True,
    )
    st.caption(context.t("shortlist.checks.legend"))
    for row in table.rows:
        open_marks = [(title, mark) for title, mark in zip(titles, row.marks) if mark.symbol != OK_MARK]
        symbols = "".join(mark.symbol for _, mark in open_marks) or OK_MARK
        with st.expander(f"{symbols} {context.t('shortlist.checks.why', name=row.name)}"):
            for title, mark in zip(titles, row.marks):
                st.markdown(f"{mark.symbol} **{title}**: {mark.reason.get(context.language)}")


@st.cache_resource(max_entries=64, show_spinner=False)
def _shared_history(
    _store: WorkshopStore, db_file: str, workshop_id: int, latest_change: int, language: str
) -> tuple[HistoryLine, ...]:
    # The same for every role that may open this page; shared, never mutated. Keyed by the newest
    # change (every change adds one), so a stale entry is unreachable.
    return history_lines(_store.shortlist.history(workshop_id), language)


def history_section() -> None:
    """Every change with who, when and what; the facilitator can undo the latest one."""
    st.subheader(context.t("shortlist.history.heading"))
    latest = store.shortlist.latest_change(workshop.id)
    if context.is_facilitator and st.button(
        context.t("shortlist.undo"), help=context.t("shortlist.undo.help"), disabled=not latest
    ):
        outcome = attempt(context, lambda: store.shortlist.undo(workshop.id, actor=actor), None)
        if outcome.ok and outcome.value is None:
            st.info(context.t("shortlist.undo.nothing"))
        elif outcome.ok:
            _after_write("shortlist.undo.done", summary=escape_markdown(describe(outcome.value, context.language)))
    if not latest:
        st.caption(context.t("shortlist.history.empty"))
        return
    lines = _shared_history(store, str(store.path), workshop.id, latest, context.language)
    at, summary = context.t("shortlist.history.at"), context.t("shortlist.history.summary")
    st.dataframe(
        [
            {
                context.t("shortlist.history.actor"): line.actor,
                at: line.at,
                summary: line.summary,
                # Words, not a checkbox: a ticked box in a table looks like something to click.
                context.t("shortlist.history.undone"): context.t("shortlist.history.undone_mark") if line.undone else "",
            }
            for line in lines
        ],
        column_config={
            summary: st.column_config.TextColumn(width="large"),
        },
        hide_index=True,
    )


st.caption(context.t("shortlist.intro"))
if context.is_facilitator:
    if workshop.finalised:
        st.info(context.t("shortlist.finalised"))
    pick_section(store.shortlist.list(workshop.id))

entries = store.shortlist.list(workshop.id)
items = shortlist_items(
    entries, store.candidates.list(workshop.id, statuses=CANDIDATE_STATUSES), catalog, context.language
)
names = {int(item.key): item.name for item in items}
if context.is_facilitator and entries:
    edit_section(entries, names)
elif not context.is_facilitator:
    read_only_section(entries, names)
checks_section(items)
history_section()
