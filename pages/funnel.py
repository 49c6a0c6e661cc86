"""Funnel: volumes per stage today and as target, the conversion between stages and which KPI measures each."""

import streamlit as st

from ui.guard import guard

from kpi_logic.catalog import catalog_by_id
from kpi_logic.charts.funnel import LINEAR, LOG, funnel_spec
from kpi_logic.domain import STAGE_LABELS, STAGES, label
from kpi_logic.errors import InvalidInput
from kpi_logic.funnel_view import (
    FIGURE_COLUMNS,
    LABEL_COLUMN,
    amount_text,
    money_text,
    editor_frame,
    figure_rows,
    kpis_by_stage,
    percent_text,
    reports,
    stage_table,
)
from kpi_logic.shortlist_view import shortlist_items
from kpi_logic.domain import CANDIDATE_STATUSES
from ui.feedback import attempt

context = guard("funnel")

store, workshop = context.store, context.workshop


def stage_label(stage: str) -> str:
    return label(STAGE_LABELS, stage, context.language)


# Plain digits: Streamlit formats an editable cell in the browser's locale, not the app's language
# (an English browser showed 50,000 in the German UI beside 50’000 in the table); see the README.
EDITOR_NUMBER_FORMAT = "plain"


def editor_section() -> None:
    """The facilitator enters volumes and spend per stage; nothing is stored unless every cell is valid."""
    st.subheader(context.t("funnel.editor.heading"))
    st.caption(context.t("funnel.editor.help"))
    column_config = {
        LABEL_COLUMN: st.column_config.TextColumn(context.t("funnel.col.label"), disabled=True, pinned=True)
    } | {
        column: st.column_config.NumberColumn(
            context.t(f"funnel.col.{column}"),
            help=context.t(f"funnel.col.{column}.help"),
            min_value=0,
            format=EDITOR_NUMBER_FORMAT,
        )
        for column in FIGURE_COLUMNS
    }
    with st.form("funnel_form", border=False):
        edited = st.data_editor(
            editor_frame(store.funnel.list(workshop.id), context.language),
            column_config=column_config,
            hide_index=True,
            placeholder="",
            key="funnel_editor",
        )
        submitted = st.form_submit_button(context.t("funnel.save"), type="primary")
    if not submitted:
        return
    try:
        rows = figure_rows(edited)
        reports(rows)  # refuses figures the funnel maths cannot take, before anything is stored
    except InvalidInput as error:
        st.error(context.t("funnel.invalid", detail=str(error)), icon="⚠️")
        return
    attempt(context, lambda: store.funnel.set(workshop.id, rows))


def anomaly_warnings(funnel) -> None:
    """A later stage larger than an earlier one is a counting error the room should see."""
    for series, report in funnel.by_series().items():
        for anomaly in report.anomalies:
            st.warning(
                context.t(
                    "funnel.anomaly",
                    series=context.t(f"funnel.series.{series}"),
                    stage=stage_label(anomaly.stage),
                    volume=amount_text(anomaly.volume, context.language),
                    earlier=stage_label(anomaly.earlier_stage),
                    earlier_volume=amount_text(anomaly.earlier_volume, context.language),
                )
            )


def results_section() -> None:
    """Chart, unmeasured stages, anomalies and the table of conversion and cost per stage."""
    figures = store.funnel.list(workshop.id)
    if not figures:
        st.info(context.t("funnel.empty"))
        return
    funnel = reports(figures)
    items = shortlist_items(
        store.shortlist.list(workshop.id),
        store.candidates.list(workshop.id, statuses=CANDIDATE_STATUSES),
        catalog_by_id(),
        context.language,
    )
    placed = kpis_by_stage(items)
    log = st.toggle(context.t("funnel.chart.scale"), help=context.t("funnel.chart.scale_help"), key="funnel_log")
    scale = LOG if log else LINEAR
    st.vega_lite_chart(funnel_spec(funnel.baseline, funnel.target, context.language, placed, scale), width="stretch")
    unmeasured = [stage_label(stage) for stage in STAGES if stage not in placed]
    if unmeasured:
        st.info(context.t("funnel.unmeasured", stages=", ".join(unmeasured)))
    anomaly_warnings(funnel)
    st.subheader(context.t("funnel.table.heading"))
    table = stage_table(funnel, context.language)
    st.dataframe(
        table.rename(columns={column: context.t(f"funnel.col.{column}") for column in table.columns}),
        hide_index=True,
    )
    st.caption(
        context.t(
            "funnel.overall",
            baseline=percent_text(funnel.baseline.overall_conversion, context.language),
            target=percent_text(funnel.target.overall_conversion, context.language),
            cac=money_text(funnel.baseline.cost_per_customer, context.language),
        )
    )


st.caption(context.t("funnel.intro"))
if context.is_facilitator:
    editor_section()
results_section()
