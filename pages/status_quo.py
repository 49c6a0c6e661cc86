"""Status quo: today's KPIs, each checked for vanity and judged keep, drop or vanity (the article's step 1)."""
import streamlit as st
from ui.guard import guard

import zlib

import pandas as pd

from kpi_logic import csv_import, status_quo_view
from kpi_logic.text import escape_markdown
from kpi_logic.status_import import StatusImportError, is_listed, read_status_csv
from kpi_logic.table_edits import verdict_changes
from kpi_logic.domain import CANDIDATE_STATUSES, VERDICTS
from kpi_logic.records import StatusKpi
from kpi_logic.vanity import Assessment, assess
from ui.feedback import attempt, confirm_after_rerun

context = guard("status_quo")
store, workshop = context.store, context.workshop

NEW_KPI = "status_new"
NEW_KPI_FIELDS = ("name", "description", "current_value")
# The decision next to the name and the check, so it stays in view on a phone; long texts last.
COLUMN_ORDER = ("name", "engine", "verdict", "alternative", "reason", "current_value", "description")
TEXT_COLUMNS = ("name", "description", "current_value", "engine", "reason", "alternative")
# Pixel widths: name, check and decision fit a 390 px phone; the reason and the better KPI get room
# to wrap over the rows' three lines on a 1280 px projector instead of being cut.
COLUMN_WIDTHS = {"name": 150, "engine": 95, "verdict": 105, "delete": 80, "alternative": 190, "reason": 380}
ROW_HEIGHT = 72


@st.cache_data(max_entries=4096, show_spinner=False)
def _assess(name: str, description: str) -> Assessment:
    # The same names come back on every rerun; the verdict only depends on the text.
    return assess(name, description)


def _verdict_label(verdict: str | None) -> str:
    return context.t(f"status_quo.verdict.{verdict or 'none'}")


def _table(kpis: list[StatusKpi], assessments: dict[int, Assessment]) -> pd.DataFrame:
    """One row per KPI, indexed by its id, with the check's verdict, reason and alternative."""
    language = context.language
    return pd.DataFrame(
        {
            "name": [kpi.name for kpi in kpis],
            "description": [kpi.description for kpi in kpis],
            "current_value": [kpi.current_value for kpi in kpis],
            "engine": [
                context.t("status_quo.engine.vanity" if assessments[kpi.id].is_vanity else "status_quo.engine.ok")
                for kpi in kpis
            ],
            "reason": [assessments[kpi.id].explain(language) for kpi in kpis],
            "alternative": [status_quo_view.alternative_name(assessments[kpi.id], language) for kpi in kpis],
        },
        index=pd.Index([kpi.id for kpi in kpis], name="id"),
    )


def _column_labels() -> dict[str, st.column_config.Column]:
    return {
        column: st.column_config.TextColumn(
            context.t(f"status_quo.col.{column}"), pinned=column == "name", width=COLUMN_WIDTHS.get(column),
        )
        for column in TEXT_COLUMNS
    }


def _summary(kpis: list[StatusKpi], assessments: dict[int, Assessment]) -> None:
    counts = status_quo_view.summary(kpis, assessments)
    total, engine, judged = st.columns(3)
    total.metric(context.t("status_quo.metric.total"), counts.total, border=True)
    engine.metric(context.t("status_quo.metric.engine_vanity"), counts.engine_vanity,
                  help=context.t("status_quo.metric.engine_vanity_help"), border=True)
    judged.metric(context.t("status_quo.metric.judged_vanity"), counts.judged_vanity,
                  help=context.t("status_quo.metric.judged_vanity_help"), border=True)
    if counts.unjudged and context.is_facilitator:
        st.caption(context.t("status_quo.unjudged", count=counts.unjudged))


def _read_only_list(kpis: list[StatusKpi], assessments: dict[int, Assessment]) -> None:
    table = _table(kpis, assessments)
    table["verdict"] = [_verdict_label(kpi.verdict) for kpi in kpis]
    columns = {
        **_column_labels(),
        "verdict": st.column_config.TextColumn(context.t("status_quo.col.verdict"), width=COLUMN_WIDTHS["verdict"]),
    }
    st.dataframe(table, hide_index=True, column_config=columns, column_order=COLUMN_ORDER, width="stretch",
                 row_height=ROW_HEIGHT)
    st.caption(context.t("read_only"))


def _editor_key(kpis: list[StatusKpi]) -> str:
    """A key that changes with the stored rows, so edits never land on a row that moved."""
    state = repr([(kpi.id, kpi.verdict) for kpi in kpis]) + context.language
    return f"status_editor_{zlib.crc32(state.encode())}"


def _judge_list(kpis: list[StatusKpi], assessments: dict[int, Assessment]) -> None:
    table = _table(kpis, assessments)
    table["verdict"] = [status_quo_view.proposal(kpi, assessments[kpi.id]) for kpi in kpis]
    table["delete"] = False
    columns = {
        **_column_labels(),
        "verdict": st.column_config.SelectboxColumn(
            context.t("status_quo.col.verdict"), options=VERDICTS, format_func=_verdict_label,
            required=True, help=context.t("status_quo.col.verdict_help"), width=COLUMN_WIDTHS["verdict"],
        ),
        "delete": st.column_config.CheckboxColumn(
            context.t("status_quo.col.delete"), help=context.t("status_quo.col.delete_help"),
            width=COLUMN_WIDTHS["delete"],
        ),
    }
    # Removing sits next to deciding: at the end of the row it was out of view even on a projector.
    decision = COLUMN_ORDER.index("verdict") + 1
    with st.form("status_judgements", border=False):
        edited = st.data_editor(
            table, key=_editor_key(kpis), hide_index=True, column_config=columns, width="stretch",
            column_order=(*COLUMN_ORDER[:decision], "delete", *COLUMN_ORDER[decision:]), row_height=ROW_HEIGHT,
            disabled=[column for column in table.columns if column not in ("verdict", "delete")],
        )
        saved = st.form_submit_button(context.t("status_quo.save"), type="primary")
    if saved:
        _save_judgements(kpis, edited)


def _save_judgements(kpis: list[StatusKpi], edited: pd.DataFrame) -> None:
    verdicts, removed = verdict_changes({kpi.id: kpi.verdict for kpi in kpis}, edited)
    attempt(context, lambda: store.status_quo.set_verdicts(workshop.id, verdicts, remove=removed),
            "status_quo.saved", rerun=True, count=len(verdicts), removed=context.t("status_quo.removed", count=len(removed)))


def _add_form(kpis: list[StatusKpi]) -> None:
    with st.form(NEW_KPI):
        name = st.text_input(
            context.t("status_quo.add.name"), key=f"{NEW_KPI}_name", help=context.t("status_quo.add.name_help")
        )
        description = st.text_area(
            context.t("status_quo.add.description"), key=f"{NEW_KPI}_description", height=80,
            help=context.t("status_quo.add.description_help"),
        )
        current_value = st.text_input(
            context.t("status_quo.add.current_value"), key=f"{NEW_KPI}_current_value",
            help=context.t("status_quo.add.current_value_help"),
        )
        added = st.form_submit_button(context.t("status_quo.add.submit"), type="primary")
    if not added:
        return
    if is_listed(name, [kpi.name for kpi in kpis]):
        st.error(context.t("status_quo.add.duplicate", name=escape_markdown(name)))
        return
    outcome = attempt(context, lambda: store.status_quo.add(workshop.id, name, description=description,
                                                            current_value=current_value), None)
    if outcome.ok:
        # Emptied only after a success, so a refused KPI keeps what was typed.
        for field in NEW_KPI_FIELDS:
            st.session_state.pop(f"{NEW_KPI}_{field}", None)
        confirm_after_rerun("status_quo.added", name=escape_markdown(outcome.value.name))


def _import_form(kpis: list[StatusKpi]) -> None:
    with st.form("status_import"):
        upload = st.file_uploader(
            context.t("words.import.file"), type=["csv", "tsv", "txt"], max_upload_size=csv_import.MAX_MB,
            help=context.t("status_quo.import.file_help"),
        )
        imported = st.form_submit_button(context.t("words.import.submit"))
    st.caption(context.t("status_quo.import.help"))
    if not imported:
        return
    if upload is None:
        st.warning(context.t("words.import.no_file"))
        return
    try:
        parsed = read_status_csv(upload.getvalue(), upload.name, [kpi.name for kpi in kpis])
    except StatusImportError as error:
        # The message quotes the file name, headers and cells: user text, shown as text.
        st.error(context.t("words.import.refused", reason=escape_markdown(error.explain(context.language))))
        return
    outcome = attempt(context, lambda: store.status_quo.add_many(workshop.id, list(parsed.rows)),
                      "status_quo.import.done", count=len(parsed.rows))
    if outcome.ok:
        if parsed.ignored_columns:
            columns = ", ".join(escape_markdown(column) for column in parsed.ignored_columns)
            st.toast(context.t("status_quo.import.ignored", columns=columns), icon="ℹ️")
        st.rerun()


def _alternatives_form(assessments: dict[int, Assessment]) -> None:
    """Offer the catalogue KPIs the check proposes instead of vanity metrics as vote candidates."""
    candidates = store.candidates.list(workshop.id, statuses=CANDIDATE_STATUSES)
    names = status_quo_view.alternatives(assessments, candidates, context.language)
    if not names:
        return
    st.subheader(context.t("status_quo.alternatives.title"))
    with st.form("status_alternatives"):
        picked = st.multiselect(
            context.t("status_quo.alternatives.pick"), options=list(names), default=list(names),
            format_func=names.get,
            help=context.t("status_quo.alternatives.help"), placeholder=context.t("widget.choose"),
        )
        submitted = st.form_submit_button(context.t("status_quo.alternatives.submit"))
    if not submitted:
        return
    attempt(context, lambda: store.candidates.add_from_catalog(workshop.id, picked),
            "status_quo.alternatives.added", rerun=True, count=len(picked))


st.caption(context.t("status_quo.intro"))
kpis = store.status_quo.list(workshop.id)
assessments = {kpi.id: _assess(kpi.name, kpi.description) for kpi in kpis}
_summary(kpis, assessments)

if not kpis:
    st.info(context.t("status_quo.empty_facilitator" if context.is_facilitator else "status_quo.empty"))
elif context.is_facilitator:
    _judge_list(kpis, assessments)
else:
    _read_only_list(kpis, assessments)

if context.is_facilitator:
    _alternatives_form(assessments)
    add_column, import_column = st.columns(2)
    with add_column:
        st.subheader(context.t("status_quo.add.title"))
        _add_form(kpis)
    with import_column:
        st.subheader(context.t("status_quo.import.title"))
        _import_form(kpis)
