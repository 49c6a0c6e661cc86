"""The funnel chart and its table: titled, labelled, conversions shown, unmeasured stages marked."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from kpi_logic.charts.funnel import LOG, funnel_chart, funnel_spec
from kpi_logic.errors import InvalidInput
from kpi_logic.funnel_view import (
    editor_frame,
    figure_rows,
    kpis_by_stage,
    percent_text,
    reports,
    stage_table,
)
from kpi_logic.shortlist import ShortlistItem
from kpi_logic.records import FunnelFigure

FIGURES = [
    FunnelFigure("lead", 2000, 2500, 30000),
    FunnelFigure("mql", 800, 1000, None),
    FunnelFigure("sql", 100, 200, 10000),
    FunnelFigure("customer", 0, 40, None),
]
PLACED = {"sql": ("MQL-to-SQL rate",), "customer": ("Win rate", "CAC")}


def _spec(language: str, placed=PLACED) -> dict:
    funnel = reports(FIGURES)
    return funnel_chart(funnel.baseline, funnel.target, language, placed).to_dict()


def _texts(spec: dict) -> list[str]:
    return [
        str(row.get(field, ""))
        for rows in spec["datasets"].values()
        for row in rows
        for field in ("conversion", "heading", "kpis")
    ]


@pytest.mark.parametrize(
    "language,title,x_title,y_title",
    [
        ("de", "Funnel: heute und Ziel", "Breite proportional zum Volumen pro Periode", "Funnel-Stufe"),
        ("en", "Funnel: today and target", "Width proportional to volume per period", "Funnel stage"),
    ],
)
def test_chart_has_title_and_axis_titles_in_the_reader_language(language, title, x_title, y_title):
    spec = json.dumps(_spec(language))
    assert title in spec and x_title in spec and y_title in spec


def test_conversions_show_as_arrow_labels():
    texts = _texts(_spec("en"))
    assert "2,000  → 40.0%" in texts  # 800 MQL of 2000 leads
    assert "800  → 12.5%" in texts  # 100 SQL of 800 MQL


def test_missing_stage_reads_not_available_and_never_crashes():
    texts = _texts(_spec("de"))
    assert "k. A." in texts  # reach, opportunity and retention have no figures


def test_unmeasured_stages_are_marked_and_measured_ones_name_their_kpis():
    texts = _texts(_spec("en"))
    assert {"Reach", "not measured", "Customer (deal)", "Win rate, CAC"} <= set(texts)
    spec = _spec("en")
    shade = spec["layer"][0]
    assert shade["mark"]["type"] == "rect"
    assert {"filter": "(datum.measured === false)"} in shade["transform"]


def test_chart_without_any_figures_still_builds():
    funnel = reports([])
    assert funnel_chart(funnel.baseline, funnel.target, "en", {}).to_dict()["layer"]


def test_stage_table_says_not_available_for_zero_and_missing():
    table = stage_table(reports(FIGURES), "en").set_index("label")
    assert table.loc["SQL (sales-qualified)", "baseline_conversion"] == "0.0%"
    assert table.loc["Customer (deal)", "cost_per_unit"] == "n/a"  # 0 customers: no division
    assert table.loc["Reach", "baseline_volume"] == "n/a"
    assert table.loc["Lead", "cost_per_unit"] == "CHF20.00"  # 40,000 CHF over 2,000 leads


def test_german_amounts_use_swiss_grouping():
    table = stage_table(reports(FIGURES), "de").set_index("label")
    assert table.loc["Lead", "target_volume"] == "2’500"


@pytest.mark.parametrize("value,expected", [(0.125, "12.5%"), (0.00018, "0.018%"), (None, "n/a"), (math.nan, "n/a")])
def test_percent_text(value, expected):
    assert percent_text(value, "en") == expected


def test_editor_rows_round_trip_and_skip_empty_stages():
    rows = figure_rows(editor_frame(FIGURES, "en"))
    assert [row["stage"] for row in rows] == ["lead", "mql", "sql", "customer"]
    assert rows[1] == {"stage": "mql", "baseline_volume": 800.0, "target_volume": 1000.0, "spend": None}


@pytest.mark.parametrize("value", [-1, math.inf, "viele", 1e400])
def test_bad_figure_is_refused_naming_the_stage(value):
    frame = editor_frame(FIGURES, "en").astype({"baseline_volume": object})
    frame.at["sql", "baseline_volume"] = value
    with pytest.raises(InvalidInput, match="sql"):
        figure_rows(frame)


def test_anomaly_when_a_later_stage_is_larger():
    funnel = reports([FunnelFigure("mql", 100, None, None), FunnelFigure("sql", 300, None, None)])
    assert [(a.stage, a.earlier_stage) for a in funnel.baseline.anomalies] == [("sql", "mql")]


def test_kpis_are_placed_on_their_stage():
    items = [
        ShortlistItem("1", "Win rate", "win_rate", "sales", "customer", False),
        ShortlistItem("2", "CAC", "cac", "joint", "customer", False),
        ShortlistItem("3", "Custom", None, None, None, False),
    ]
    assert kpis_by_stage(items) == {"customer": ("Win rate", "CAC")}


def test_editor_frame_lists_every_stage_in_funnel_order():
    frame = editor_frame([], "de")
    assert list(frame.index)[0] == "reach" and list(frame.index)[-1] == "retention"
    assert frame["baseline_volume"].isna().all()
    assert isinstance(frame, pd.DataFrame)


def test_cached_funnel_spec_is_the_chart_and_a_page_changing_it_leaves_the_next_one_alone():
    funnel = reports(FIGURES)
    first = funnel_spec(funnel.baseline, funnel.target, "de", PLACED)
    assert first == _spec("de")
    first["datasets"].clear()
    assert funnel_spec(funnel.baseline, funnel.target, "de", PLACED) == _spec("de")


def _bars(spec: dict) -> dict[tuple[str, str], dict]:
    return {(row["stage"], row["line"]): row for rows in spec["datasets"].values() for row in rows if "right" in row}


def test_bars_are_centred_with_widths_proportional_to_the_volumes():
    bars = _bars(_spec("en"))
    lead, mql = bars[("Lead", "baseline")], bars[("MQL (marketing-qualified)", "baseline")]
    assert lead["left"] == -lead["right"]
    assert (lead["right"] - lead["left"]) / (mql["right"] - mql["left"]) == pytest.approx(2000 / 800)


def test_log_option_is_labelled_and_keeps_small_stages_visible():
    funnel = reports(FIGURES)
    spec = funnel_chart(funnel.baseline, funnel.target, "de", PLACED, scale=LOG).to_dict()
    assert "Breite: Volumen pro Periode, logarithmisch" in json.dumps(spec)
    customer = _bars(spec)[("Kunde (Abschluss)", "target")]
    lead = _bars(spec)[("Lead", "target")]
    assert customer["right"] / lead["right"] > 0.4  # 40 customers beside 2,500 leads


def test_german_chart_numbers_use_the_swiss_locale():
    spec = _spec("de")
    assert spec["config"]["locale"]["number"]["thousands"] == "’"
    assert "2’000  → 40.0%" in _texts(spec)
