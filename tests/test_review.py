"""Review cycle rules: KPI status against the plan, review dates by cadence, due overview."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from kpi_logic import review
from kpi_logic.catalog import catalog_by_id
from kpi_logic.charts.review import kpi_chart
from kpi_logic.errors import InvalidInput
from kpi_logic.review import AT_RISK, HIGHER, LOWER, NO_DATA, NO_TARGET, OFF_TRACK, ON_TRACK, STALE, Point
from kpi_logic.records import Review, ShortlistEntry

START = date(2027, 1, 1)
TARGET_DATE = date(2027, 12, 31)
TODAY = date(2027, 7, 15)


def entry(baseline=10.0, target=20.0, target_date=TARGET_DATE, *, entry_id=1, candidate_id=11,
          catalog_id=None, name="Leads", cadence="monthly") -> ShortlistEntry:
    return ShortlistEntry(entry_id, candidate_id, catalog_id, name, 1, "Anna", baseline, target,
                          target_date, cadence, "CRM", ())


def reviewed(day: date, candidate_id: int | None, decision="keep", note="", review_id=1) -> Review:
    return Review(review_id, 1, day, "Anna", decision, candidate_id, note)


# The plan runs from 10 (1 Jan) to 20 (31 Dec); on 1 July it expects about 14.97, tolerance 1.0.
@pytest.mark.parametrize(
    "direction,baseline,target,actual,expected",
    [
        ("higher", 10, 20, 15.5, ON_TRACK),
        ("higher", 10, 20, 14.98, ON_TRACK),
        ("higher", 10, 20, 14.2, AT_RISK),
        ("higher", 10, 20, 13.5, OFF_TRACK),
        ("lower", 20, 10, 14.5, ON_TRACK),
        ("lower", 20, 10, 15.8, AT_RISK),
        ("lower", 20, 10, 16.5, OFF_TRACK),
        ("higher", 10, 10, 10, ON_TRACK),
        # holding a level: the band is 10 % of the target itself (1.0 here)
        ("higher", 10, 10, 9.9, AT_RISK),
        ("higher", 10, 10, 8.9, OFF_TRACK),
    ],
)
def test_status_follows_the_straight_path_in_the_kpis_direction(direction, baseline, target, actual, expected):
    kpi = entry(baseline, target)
    points = [Point(date(2027, 2, 1), baseline), Point(date(2027, 7, 1), actual)]
    assert review.status(kpi, points, direction, TODAY, START).code == expected


def test_status_judges_the_latest_actual_against_its_own_period():
    result = review.status(entry(), [Point(date(2027, 7, 1), 15.0), Point(date(2027, 4, 1), 9.0)],
                           "higher", TODAY, START)
    assert (result.actual, result.period) == (15.0, date(2027, 7, 1))
    assert result.expected == pytest.approx(10 + 10 * 181 / 364)


def test_values_for_future_periods_are_not_yet_counted():
    points = [Point(date(2027, 6, 1), 14.4), Point(date(2027, 9, 1), 30.0)]
    assert review.status(entry(), points, "higher", TODAY, START).actual == 14.4


@pytest.mark.parametrize(
    "kpi,points,expected",
    [
        (entry(), [], NO_DATA),
        (entry(target=None), [Point(date(2027, 2, 1), 12)], NO_TARGET),
        (entry(baseline=None), [Point(date(2027, 2, 1), 12)], NO_TARGET),
        (entry(target_date=None), [Point(date(2027, 2, 1), 12)], NO_TARGET),
    ],
)
def test_status_without_data_or_target_says_so(kpi, points, expected):
    assert review.status(kpi, points, "higher", TODAY, START).code == expected


@pytest.mark.parametrize("actual,expected", [(20.0, ON_TRACK), (19.9, OFF_TRACK)])
def test_after_the_target_date_only_the_target_counts(actual, expected):
    after = date(2028, 2, 1)
    assert review.status(entry(), [Point(date(2027, 12, 1), actual)], "higher", after, START).code == expected


def test_values_before_the_workshop_are_judged_against_the_baseline():
    assert review.expected_value(10, 20, START, TARGET_DATE, date(2026, 10, 1)) == 10


def test_direction_comes_from_the_catalogue_else_from_the_target():
    catalog = catalog_by_id()
    assert review.direction_of(entry(catalog_id="cac"), catalog) == "lower"
    assert review.direction_of(entry(catalog_id="win_rate"), catalog) == "higher"
    assert review.direction_of(entry(baseline=9, target=5), catalog) == "lower"


@pytest.mark.parametrize(
    "cadence,last,expected",
    [
        ("weekly", date(2027, 12, 28), date(2028, 1, 4)),
        ("monthly", date(2027, 1, 15), date(2027, 2, 15)),
        ("monthly", date(2027, 1, 31), date(2027, 2, 28)),
        ("monthly", date(2028, 1, 31), date(2028, 2, 29)),
        ("monthly", date(2027, 12, 31), date(2028, 1, 31)),
        ("quarterly", date(2027, 11, 30), date(2028, 2, 29)),
        ("quarterly", date(2027, 5, 31), date(2027, 8, 31)),
        ("quarterly", date(2027, 3, 31), date(2027, 6, 30)),
    ],
)
def test_next_review_follows_the_cadence_and_clamps_to_month_end(cadence, last, expected):
    assert review.next_review(cadence, last) == expected


def test_unknown_cadence_is_refused():
    with pytest.raises(InvalidInput):
        review.next_review("yearly", START)


def test_due_overview_counts_from_the_last_review_and_flags_overdue():
    kpis = [entry(entry_id=1, candidate_id=11, cadence="monthly"),
            entry(entry_id=2, candidate_id=12, cadence="weekly", name="Deals"),
            entry(entry_id=3, candidate_id=13, cadence=None, name="Custom")]
    logs = [reviewed(date(2027, 3, 1), 11), reviewed(date(2027, 2, 20), None, review_id=2)]
    due = review.due_overview(kpis, logs, {}, "en", START, date(2027, 3, 10))
    by_name = {item.name: item for item in due}
    assert by_name["Leads"].next_review == date(2027, 4, 1) and not by_name["Leads"].overdue
    assert by_name["Deals"].last_review == date(2027, 2, 20)
    assert by_name["Deals"].next_review == date(2027, 2, 27) and by_name["Deals"].overdue
    assert by_name["Custom"].next_review is None
    assert [item.name for item in due] == ["Deals", "Leads", "Custom"]


def test_catalogue_cadence_is_used_when_the_shortlist_has_none():
    due = review.due_overview([entry(catalog_id="cac", cadence=None)], [], catalog_by_id(), "en",
                              START, START)
    assert due[0].cadence == catalog_by_id()["cac"].cadence


@pytest.mark.parametrize("decision", ["change_target", "replace"])
def test_target_change_or_replacement_needs_a_kpi(decision):
    with pytest.raises(review.DecisionNeedsKpi):
        review.check_decision(decision, None)
    review.check_decision(decision, 11)
    review.check_decision("keep", None)


def test_replaced_kpi_keeps_its_measurements_and_shows_why_it_went():
    frame = pd.DataFrame({"candidate_id": [11, 11, 12], "period": [date(2027, 1, 1), date(2027, 2, 1),
                                                                   date(2027, 1, 1)],
                          "value": [1.0, 2.0, 3.0]})
    logs = [reviewed(date(2027, 3, 1), 11, "replace", "Nobody acts on it")]
    former = review.former_kpis([entry(candidate_id=12)], frame, logs, {11: "Followers", 12: "Leads"})
    assert len(former) == 1
    assert former[0].name == "Followers"
    assert [p.value for p in former[0].points] == [1.0, 2.0]
    assert former[0].reason.note == "Nobody acts on it"


# ---------------------------------------------------------------- chart


@pytest.mark.parametrize("language,title,axis", [("de", "Leads: Ist gegen Ziel", "Periode"),
                                                 ("en", "Leads: actual against target", "Period")])
def test_chart_shows_actuals_plan_rules_and_target_date_in_the_language(language, title, axis):
    spec = kpi_chart("Leads", [Point(date(2027, 2, 1), 11.0)], entry(), START, language, "count").to_dict()
    assert " ".join(spec["title"]["text"]) == title
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["line", "line", "rule", "rule"]
    assert spec["layer"][0]["encoding"]["x"]["title"] == axis
    target_date_rule = spec["layer"][3]
    assert "x" in target_date_rule["encoding"] and "y" not in target_date_rule["encoding"]


@pytest.mark.parametrize("direction,baseline,target,limit", [("higher", 10, 20, 14.97 - 1), ("lower", 20, 10, 15.03 + 1)])
def test_status_names_the_edge_of_the_at_risk_band(direction, baseline, target, limit):
    result = review.status(entry(baseline, target), [Point(date(2027, 7, 1), 15)], direction, TODAY, START)
    assert result.at_risk_limit == pytest.approx(limit, abs=0.01)
    assert not result.target_passed



# --- stale data, the at-risk band when holding a level, direction of custom KPIs ------------------

@pytest.mark.parametrize(
    "cadence,last_period,today,periods,code",
    [
        ("monthly", date(2027, 2, 1), date(2027, 7, 15), 4, STALE),  # the example
        ("monthly", date(2027, 5, 1), date(2027, 7, 15), 1, ON_TRACK),  # June missing, July not over
        ("monthly", date(2027, 4, 1), date(2027, 7, 15), 2, STALE),  # no value for May and June
        ("weekly", date(2027, 7, 1), date(2027, 7, 15), 1, ON_TRACK),
        ("weekly", date(2027, 6, 20), date(2027, 7, 15), 2, STALE),
        ("quarterly", date(2027, 4, 1), date(2027, 7, 15), 0, ON_TRACK),
        ("quarterly", date(2026, 10, 1), date(2027, 7, 15), 2, STALE),
        (None, date(2027, 2, 1), date(2027, 7, 15), 0, ON_TRACK),  # no cadence: never stale
    ],
)
def test_a_value_older_than_two_review_periods_is_stale(cadence, last_period, today, periods, code):
    kpi = entry(10.0, 10.0, date(2027, 12, 31))
    result = review.status(kpi, [Point(last_period, 10.5)], HIGHER, today, START, cadence)
    assert (result.code, result.periods_without_value) == (code, periods)


@pytest.mark.parametrize(
    "baseline,target,tolerance",
    [(10.0, 20.0, 1.0), (20.0, 10.0, 1.0), (2.0, 2.0, 0.2), (0.0, 0.0, 0.0), (-5.0, -5.0, 0.5)],
)
def test_the_at_risk_band_is_a_tenth_of_the_way_or_of_the_held_level(baseline, target, tolerance):
    assert review.at_risk_tolerance(baseline, target) == pytest.approx(tolerance)


def test_churn_held_at_two_percent_measured_at_two_point_one_is_at_risk():
    kpi = entry(2.0, 2.0, date(2027, 12, 31), name="Churn")
    result = review.status(kpi, [Point(date(2027, 7, 1), 2.1)], LOWER, TODAY, START, "monthly")
    assert result.code == AT_RISK


@pytest.mark.parametrize(
    "name,baseline,target,direction",
    [
        ("Abwanderungsquote", 2.0, 2.0, LOWER),
        ("Kosten pro Demo", 50.0, 50.0, LOWER),
        ("Antwortzeit auf Offertanfragen", 4.0, 4.0, LOWER),
        ("Demo-Termine", 8.0, 8.0, HIGHER),
        ("Kosten pro Demo", 50.0, 60.0, HIGHER),  # a target above the baseline says higher
        ("Demo-Termine", 8.0, 6.0, LOWER),
    ],
)
def test_custom_kpis_take_their_direction_from_target_or_name(name, baseline, target, direction):
    assert review.direction_of(entry(baseline, target, name=name), {}) == direction


def test_an_improving_custom_lower_is_better_kpi_held_at_baseline_is_on_track():
    kpi = entry(2.0, 2.0, date(2027, 12, 31), name="Abwanderungsquote")
    direction = review.direction_of(kpi, {})
    assert review.status(kpi, [Point(date(2027, 7, 1), 1.8)], direction, TODAY, START, "monthly").code == ON_TRACK
