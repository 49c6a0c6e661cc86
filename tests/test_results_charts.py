"""Results charts: titles and axes in the user's language, team colours, vanity marks."""

import re

import pandas as pd
import pytest

from kpi_logic import voting
from kpi_logic.charts import TEAM_COLORS, arrow_datasets, vega_spec
from kpi_logic.charts.results import agreement_chart, ranking_chart
from kpi_logic.i18n import t
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df


def _results(rows):
    """A results frame like store.votes.results(): (id, name, marketing, sales, leadership, other, voters)."""
    frame = pd.DataFrame(rows, columns=["candidate_id", "name", "points_marketing", "points_sales",
                                        "points_leadership", "points_other", "voters"])
    frame["catalog_id"] = None
    frame["points"] = frame[["points_marketing", "points_sales", "points_leadership", "points_other"]].sum(axis=1)
    return voting.rank(frame)


RESULTS = _results([(1, "Win rate", 3, 5, 0, 0, 3), (2, "Page views", 4, 0, 1, 0, 2), (3, "CAC", 0, 0, 0, 0, 0)])


@pytest.mark.parametrize("language", ["de", "en"])
def test_ranking_chart_has_title_and_points_axis_in_the_users_language(language):
    spec = ranking_chart(RESULTS, language, vanity_ids={2}).to_dict()
    assert spec["title"]["text"] == t(language, "results.chart.ranking")
    assert spec["encoding"]["x"]["title"] == t(language, "results.chart.points")
    # The numbered KPI names are the y axis; a title there overlapped a label on the projector.
    assert spec["encoding"]["y"]["axis"]["title"] is None
    assert spec["encoding"]["y"]["title"] == t(language, "results.chart.kpi")  # read out per bar


@pytest.mark.parametrize("language,sales", [("de", "Vertrieb"), ("en", "Sales")])
def test_ranking_chart_colours_each_team_with_its_fixed_colour(language, sales):
    scale = ranking_chart(RESULTS, language, vanity_ids=set()).to_dict()["encoding"]["color"]["scale"]
    colours = dict(zip(scale["domain"], scale["range"]))
    assert colours[sales] == TEAM_COLORS["sales"]
    assert colours["Marketing"] == TEAM_COLORS["marketing"]


def test_ranking_chart_lists_kpis_best_first_and_marks_vanity_ones():
    order = ranking_chart(RESULTS, "en", vanity_ids={2}).to_dict()["encoding"]["y"]["sort"]
    assert order == ["1. Win rate", "2. ⚠ Page views", "3. CAC"]


def test_agreement_chart_puts_marketing_left_and_sales_right_and_skips_unvoted_kpis():
    chart = agreement_chart(voting.agreement(RESULTS), "en")
    spec = chart.to_dict()
    shares = {(row["kpi"], row["team"]): row["share"] for row in chart.data.to_dict("records")}
    assert shares[("Win rate", "Marketing")] == pytest.approx(-3 / 7)
    assert shares[("Win rate", "Sales")] == pytest.approx(1.0)
    assert spec["encoding"]["y"]["sort"] == ["Win rate", "Page views"]
    assert spec["title"]["text"] == t("en", "results.chart.agreement")
    assert spec["encoding"]["x"]["title"] == t("en", "results.chart.share")


def test_kpi_names_take_at_most_about_half_the_chart_width_so_bars_stay_visible_on_a_phone():
    config = ranking_chart(RESULTS, "en", vanity_ids=set()).to_dict()["config"]
    assert config["axis"]["labelLimit"] == {"expr": "min(320, containerSize()[0] * 0.45)"}


def test_arrow_datasets_carry_the_same_rows_as_the_spec():
    """What Streamlit would convert on every call is converted once; the rows read back the same."""
    spec = vega_spec(ranking_chart(RESULTS, "en", vanity_ids={2}))
    converted = arrow_datasets(spec)
    assert {key: value for key, value in converted.items() if key != "datasets"} == {
        key: value for key, value in spec.items() if key != "datasets"}
    for name, rows in spec["datasets"].items():
        assert convert_arrow_bytes_to_pandas_df(converted["datasets"][name]).to_dict("records") == rows
    assert arrow_datasets({"mark": "bar"}) == {"mark": "bar"}
