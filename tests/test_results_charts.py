"""Results charts and the live view: titles and axes in the user's language, team colours, vanity marks."""

import re

import pandas as pd
import pytest

from kpi_logic import voting
from kpi_logic.catalog import catalog_by_id
from kpi_logic.charts import TEAM_COLORS
from kpi_logic.charts.results import (
    agreement_chart,
    live_results,
    ranking_chart,
    vanity_note,
)
from kpi_logic.i18n import t


def _results(rows):
    """A results frame like store.results(): (id, name, marketing, sales, leadership, other, voters)."""
    frame = pd.DataFrame(rows, columns=["candidate_id", "name", "points_marketing", "points_sales",
                                        "points_leadership", "points_other", "voters"])
    frame["catalog_id"] = None
    frame["points"] = frame[["points_marketing", "points_sales", "points_leadership", "points_other"]].sum(axis=1)
    return voting.rank(frame)


RESULTS = _results([(1, "Win rate", 3, 5, 0, 0, 3), (2, "Page views", 4, 0, 1, 0, 2), (3, "CAC", 0, 0, 0, 0, 0)])


@pytest.mark.parametrize("language", ["de", "en"])
def test_ranking_chart_has_title_and_axis_titles_in_the_users_language(language):
    spec = ranking_chart(RESULTS, language, vanity_ids={2}).to_dict()
    assert spec["title"]["text"] == t(language, "results.chart.ranking")
    assert spec["encoding"]["x"]["title"] == t(language, "results.chart.points")
    assert spec["encoding"]["y"]["title"] == t(language, "results.chart.kpi")


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


@pytest.mark.parametrize(
    "catalog_id,name,is_vanity",
    [("page_views", "", True), ("win_rate", "", False), (None, "Instagram followers", True),
     (None, "Win rate of demos", False)],
)
def test_vanity_note_uses_the_catalogue_flag_or_the_engine(catalog_id, name, is_vanity):
    note = vanity_note(catalog_id, name, "", catalog_by_id(), "en")
    assert (note is not None) == is_vanity
    if note is not None:
        assert note.reason and note.alternative


def test_live_results_hide_totals_in_blind_mode_and_show_them_after(store, workshop):
    candidate = store.add_candidate(workshop.id, catalog_id="win_rate")
    store.update_settings(workshop.id, voting_open=True, results_hidden=True)
    anna = store.join_workshop(workshop.join_code, "Anna", "marketing")
    store.set_points(anna.id, candidate, 2)
    blind = live_results(store, workshop.id, "en")
    assert blind.blind and blind.ranked is None and blind.ranking is None and blind.voted_count == 1
    store.update_settings(workshop.id, voting_open=False)
    shown = live_results(store, workshop.id, "en")
    assert list(shown.ranked["name"]) == ["Win rate"] and list(shown.ranked["points"]) == [2]


def test_live_results_leave_out_the_facilitator_unless_taking_part(store, workshop):
    store.facilitator_participant(workshop.id)
    store.join_workshop(workshop.join_code, "Anna", "marketing")
    assert len(live_results(store, workshop.id, "en").participation) == 1
    store.update_settings(workshop.id, facilitator_votes=True)
    assert len(live_results(store, workshop.id, "en").participation) == 2
