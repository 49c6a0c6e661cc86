"""Funnel page: the facilitator enters volumes per stage; everyone sees the chart, conversions and gaps."""

from __future__ import annotations

import json
import math

import pytest

from kpi_logic.domain import STAGES
from kpi_logic.i18n import t
from tests.support import page_app
from ui import session

PAGE = "pages/funnel.py"
EDITOR_KEY = "funnel_editor"
FIGURES = [
    {"stage": "lead", "baseline_volume": 2000, "target_volume": 2500, "spend": 40000},
    {"stage": "mql", "baseline_volume": 800, "target_volume": 1000, "spend": None},
    {"stage": "sql", "baseline_volume": 100, "target_volume": 200, "spend": None},
    {"stage": "customer", "baseline_volume": 0, "target_volume": 40, "spend": None},
]


def _save(app, edited_rows: dict[int, dict]):
    """Submit the editor as if these cells (row number → column → value) had been typed."""
    app.session_state[EDITOR_KEY] = {"edited_rows": edited_rows, "added_rows": [], "deleted_rows": []}
    next(button for button in app.button if button.label == t("en", "funnel.save")).click()
    return app.run()


def _charts(app):
    return app.get("vega_lite_chart")


def test_facilitator_enters_volumes_and_sees_the_chart(store, workshop):
    lead, mql = STAGES.index("lead"), STAGES.index("mql")
    app = _save(page_app(PAGE, workshop_id=workshop.id).run(), {
        lead: {"baseline_volume": 1000, "target_volume": 1200, "spend": 5000},
        mql: {"baseline_volume": 250},
    })
    assert not app.exception
    assert [(f.stage, f.baseline_volume, f.target_volume, f.spend) for f in store.funnel.list(workshop.id)] == [
        ("lead", 1000.0, 1200.0, 5000.0),
        ("mql", 250.0, None, None),
    ]
    assert _charts(app)
    table = app.dataframe[-1].value.set_index(t("en", "funnel.col.label"))
    assert table.loc["Lead", t("en", "funnel.col.baseline_conversion")] == "25.0%"


@pytest.mark.parametrize(
    "cells",
    [{"baseline_volume": -5}, {"target_volume": math.inf}, {"spend": -0.01}, {"baseline_volume": 1e400}],
)
def test_bad_figure_gives_a_clear_message_and_stores_nothing(store, workshop, cells):
    store.funnel.set(workshop.id, FIGURES)
    app = _save(page_app(PAGE, workshop_id=workshop.id).run(), {
        STAGES.index("reach"): {"baseline_volume": 9000},  # a good row is not stored either
        STAGES.index("sql"): cells,
    })
    assert not app.exception
    assert any(error.value.startswith("The funnel was not saved") for error in app.error)
    assert [f.stage for f in store.funnel.list(workshop.id)] == [row["stage"] for row in FIGURES]


def test_zero_and_missing_volumes_read_not_available(store, workshop):
    store.funnel.set(workshop.id, FIGURES)
    app = page_app(PAGE, workshop_id=workshop.id, language="de").run()
    assert not app.exception
    table = app.dataframe[-1].value.set_index(t("de", "funnel.col.label"))
    assert table.loc["Reichweite", t("de", "funnel.col.baseline_volume")] == "k. A."
    assert table.loc["Kunde (Abschluss)", t("de", "funnel.col.cost_per_unit")] == "k. A."


def test_later_stage_larger_than_earlier_is_warned(store, workshop):
    store.funnel.set(workshop.id, [{"stage": "mql", "baseline_volume": 100},
                                   {"stage": "sql", "baseline_volume": 300}])
    app = page_app(PAGE, workshop_id=workshop.id).run()
    assert any("SQL (sales-qualified)" in w.value and "counting error" in w.value for w in app.warning)


def test_stages_no_shortlisted_kpi_measures_are_named(store, workshop):
    store.funnel.set(workshop.id, FIGURES)
    candidates = [store.candidates.add(workshop.id, catalog_id) for catalog_id in ("win_rate", "cac")]
    store.shortlist.set(workshop.id, candidates, actor="Moderation")
    app = page_app(PAGE, workshop_id=workshop.id).run()
    unmeasured = next(info.value for info in app.info if info.value.startswith("No shortlisted KPI"))
    assert "Reach" in unmeasured and "Customer (deal)" not in unmeasured


def test_participant_reads_the_funnel_without_an_editor(store, workshop):
    store.funnel.set(workshop.id, FIGURES)
    anna = store.participants.join(workshop.join_code, "Anna", "marketing")
    app = page_app(PAGE, workshop_id=workshop.id, role=session.PARTICIPANT, participant_id=anna.id).run()
    assert not app.exception
    assert not app.data_editor
    assert t("en", "funnel.save") not in [button.label for button in app.button]
    assert _charts(app) and app.dataframe


def test_participant_sees_a_hint_before_there_are_figures(store, workshop):
    anna = store.participants.join(workshop.join_code, "Anna", "marketing")
    app = page_app(PAGE, workshop_id=workshop.id, role=session.PARTICIPANT, participant_id=anna.id).run()
    assert t("en", "funnel.empty") in [info.value for info in app.info]


def test_without_a_role_the_page_shows_no_data_and_nothing_that_writes(store, workshop):
    store.funnel.set(workshop.id, FIGURES)
    app = page_app(PAGE).run()
    assert not app.exception
    assert not app.dataframe and not _charts(app)
    assert [button.label for button in app.button] == []


@pytest.mark.parametrize("language", ["de", "en"])
def test_editor_numbers_do_not_follow_the_browser_locale(store, workshop, language):
    """Streamlit formats editable cells in the browser's locale ("localized"): an English browser
    showed 50,000 in the German UI. The editor shows plain digits; everything else the app's form."""
    app = page_app(PAGE, workshop_id=workshop.id, language=language).run()
    editor = next(frame for frame in app.dataframe if frame.proto.editing_mode)
    number_columns = [column["type_config"] for column in json.loads(editor.proto.columns).values()
                      if column.get("type_config", {}).get("type") == "number"]
    assert number_columns and all(column["format"] == "plain" for column in number_columns)
