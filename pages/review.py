"""Review cycle: actual values against target and plan, what review is due, and the review log."""
import streamlit as st
from ui.guard import guard

from datetime import date

import pandas as pd

from kpi_logic import csv_import, measurement_import, review, review_view
from kpi_logic.calendar_export import review_calendar
from kpi_logic.catalog import catalog_by_id
from kpi_logic.charts.review import kpi_chart_spec
from kpi_logic.errors import KpiWorkshopError
from kpi_logic.formatting import DATE_PATTERNS, format_date
from kpi_logic.text import escape_markdown
from kpi_logic.domain import CANDIDATE_STATUSES, REVIEW_DECISIONS
from kpi_logic.forms import DATE_MAX, DATE_MIN, TEXT_LIMITS
from ui.feedback import attempt

context = guard("review")

OVERDUE_STYLE = "background-color: #fde2d4; font-weight: 600"
# Three lines of text: a review's reason wraps instead of being cut.
LOG_ROW_HEIGHT = 84

store, workshop, language = context.store, context.workshop, context.language
say = context.t
catalog = catalog_by_id()
today = date.today()
start = review_view.plan_start(workshop)


def _day(day: date | None) -> str:
    return format_date(day, language)


st.caption(say("review.intro"))
entries = store.shortlist.list(workshop.id)
if not entries:
    st.info(say("review.no_shortlist"))
    st.stop()

measurements = store.measurements.list(workshop.id)
reviews = store.reviews.list(workshop.id)
names = review_view.kpi_names(store.candidates.list(workshop.id, CANDIDATE_STATUSES), catalog, language)
if not context.is_facilitator:
    st.caption(say("review.read_only"))


# ---------------------------------------------------------------- what is due


def _due_section() -> None:
    st.subheader(say("review.due.title"))
    due = review.due_overview(entries, reviews, catalog, language, start, today)
    overdue = [item for item in due if item.overdue]
    if overdue:
        st.warning(say("review.due.overdue_count", count=len(overdue)))
    table = review_view.due_table(due, language)
    flags = [item.overdue for item in due]
    styled = table.style.apply(lambda row: [OVERDUE_STYLE if flags[row.name] else ""] * len(row), axis=1)
    st.dataframe(styled, hide_index=True, width="stretch")
    st.caption(say("review.due.caption"))
    st.download_button(
        say("review.calendar.download"),
        data=review_calendar(due, workshop, language, today),
        file_name="kpi-reviews.ics",
        mime="text/calendar",
        help=say("review.calendar.help"),
        on_click="ignore",
        icon="📅",
    )


# ---------------------------------------------------------------- one KPI: chart and status


def _kpi_section(entry) -> None:
    panel = review_view.kpi_panel(entry, measurements, reviews, catalog, language, start, today)
    with st.container(border=True):
        chart_column, status_column = st.columns([3, 1])
        chart_column.vega_lite_chart(
            kpi_chart_spec(panel.name, panel.points, entry, start, language, panel.unit), width="stretch"
        )
        with status_column:
            st.markdown(f"### {say(f'review.status.{panel.status.code}')}")
            numbers, *rule = review_view.status_lines(panel.status, language)
            st.markdown(numbers)
            for line in rule:
                st.caption(line)
            decision = panel.decision
            if decision is not None:
                st.caption(
                    say("review.decision.latest", date=_day(decision.date),
                        decision=say(f"review.decision.{decision.decision}"))
                    + (f" — {escape_markdown(decision.note)}" if decision.note else "")
                )


# ---------------------------------------------------------------- facilitator: record values


def _entry_label(entry_id: int) -> str:
    entry = next(entry for entry in entries if entry.id == entry_id)
    return names.get(entry.candidate_id, entry.name)


def _measure_form() -> None:
    with st.form("review_measure", clear_on_submit=True):
        st.markdown(f"**{say('review.measure.title')}**")
        entry_id = st.selectbox(say("words.kpi"), [entry.id for entry in entries],
                                format_func=_entry_label, key="review_measure_kpi")
        period = st.date_input(say("review.measure.period"), value=today.replace(day=1),
                               min_value=DATE_MIN, max_value=DATE_MAX, format=DATE_PATTERNS[language],
                               help=say("review.measure.period.help"), key="review_measure_period")
        raw_value = st.text_input(say("words.value"), help=say("review.measure.value.help"),
                                  key="review_measure_value")
        note = st.text_area(say("words.note"), max_chars=TEXT_LIMITS["note"], help=say("review.measure.note.help"),
                            key="review_measure_note")
        if not st.form_submit_button(say("review.measure.submit"), type="primary"):
            return
    try:
        value = measurement_import.parse_value(raw_value)
    except KpiWorkshopError:
        st.error(say("review.measure.bad_value", value=escape_markdown(raw_value)))
        return
    attempt(context, lambda: store.measurements.add(workshop.id, entry_id, period, value, note),
            "review.measure.done", rerun=True, name=escape_markdown(_entry_label(entry_id)))


def _import_form() -> None:
    with st.form("review_import", clear_on_submit=True):
        st.markdown(f"**{say('review.import.title')}**")
        upload = st.file_uploader(say("words.import.file"), type=["csv", "txt", "tsv"],
                                  max_upload_size=csv_import.MAX_MB, help=say("review.import.help"),
                                  key="review_import_file")
        if not st.form_submit_button(say("words.import.submit")):
            return
    if upload is None:
        st.warning(say("words.import.no_file"))
        return
    try:
        rows = measurement_import.parse_measurements_csv(upload.getvalue(), upload.name, entries, catalog)
    except measurement_import.MeasurementImportError as error:
        st.error(say("words.import.refused", reason=escape_markdown(error.explain(language))))
        return
    attempt(context, lambda: store.measurements.add_many(workshop.id, rows), "review.import.done",
            rerun=True, count=len(rows))


# ---------------------------------------------------------------- review log


def _review_form() -> None:
    with st.expander(say("review.log.form"), icon="📝"), st.form("review_log", clear_on_submit=True):
        day = st.date_input(say("words.date"), value=today, min_value=DATE_MIN, max_value=DATE_MAX,
                            format=DATE_PATTERNS[language], key="review_log_date")
        participants = st.text_input(say("review.log.participants"), max_chars=TEXT_LIMITS["participants"],
                                     help=say("review.log.participants.help"), key="review_log_participants")
        decision = st.selectbox(say("review.log.decision"), REVIEW_DECISIONS,
                                format_func=lambda code: say(f"review.decision.{code}"),
                                help=say("review.log.decision.help"), key="review_log_decision")
        candidate_id = st.selectbox(
            say("words.kpi"), [None, *(entry.candidate_id for entry in entries)],
            format_func=lambda cid: say("review.log.all_kpis") if cid is None else names.get(cid, str(cid)),
            key="review_log_kpi",
        )
        note = st.text_area(say("review.log.note"), max_chars=TEXT_LIMITS["note"], help=say("review.log.note.help"),
                            key="review_log_note")
        if not st.form_submit_button(say("review.log.submit"), type="primary"):
            return
    try:
        review.check_decision(decision, candidate_id)
    except review.DecisionNeedsKpi:
        st.error(say("review.log.needs_kpi"))
        return
    attempt(context, lambda: store.reviews.add(workshop.id, day, decision, participants, candidate_id, note),
            "review.log.done", rerun=True, date=_day(day))


def _review_log() -> None:
    st.subheader(say("review.log.title"))
    if context.is_facilitator:
        _review_form()
    if not reviews:
        st.info(say("review.log.empty"))
        return
    # Rows are tall enough for the reason to wrap.
    table = review_view.log_table(reviews, names, language)
    st.dataframe(table, hide_index=True, width="stretch", row_height=LOG_ROW_HEIGHT,
                 column_config={say("review.log.note"): st.column_config.TextColumn(width="large"),
                                say("review.log.participants"): st.column_config.TextColumn(width="medium")})


def _former_kpis() -> None:
    former = review.former_kpis(entries, measurements, reviews, names)
    if not former:
        return
    st.subheader(say("review.former.title"))
    for kpi in former:
        with st.container(border=True):
            st.markdown(f"**{escape_markdown(kpi.name)}**")
            if kpi.reason is not None:
                st.markdown(say("review.former.reason", date=_day(kpi.reason.date),
                                note=escape_markdown(kpi.reason.note) or "—"))
            else:
                st.caption(say("review.former.no_reason"))
            if kpi.points:
                st.caption(say("review.former.values", count=len(kpi.points)))
                st.dataframe(
                    pd.DataFrame({say("review.chart.period"): [_day(p.period) for p in kpi.points],
                                  say("review.chart.value"): [p.value for p in kpi.points]}),
                    hide_index=True,
                )


_due_section()
if context.is_facilitator:
    form_column, import_column = st.columns(2)
    with form_column:
        _measure_form()
    with import_column:
        _import_form()
with st.expander(say("review.rule.title"), icon="ℹ️"):
    st.markdown(say("review.rule.general"))
for shortlisted in entries:
    _kpi_section(shortlisted)
_review_log()
_former_kpis()
