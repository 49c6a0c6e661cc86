"""The article's shortlist advice as checks: each rule fires on a bad list and stays quiet on a good one."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from kpi_logic.errors import InvalidInput
from kpi_logic.shortlist import (
    CHECK_COLUMNS,
    FAIL_MARK,
    NOT_APPLICABLE,
    OK_MARK,
    WARN_MARK,
    ERROR,
    INFO,
    SEVERITIES,
    WARNING,
    GoalRef,
    ShortlistItem,
    check,
    checklist,
    spans_funnel,
)
from kpi_logic.shortlist_texts import COLUMN_TITLES, MESSAGES

GOALS = [(1, "Mehr Neukunden im Mittelstand"), (2, "Umsatz pro Kunde steigern")]


def kpi(key: str, name: str, team: str | None, stage: str | None, **changes) -> ShortlistItem:
    """A complete, well-formed shortlist entry; `changes` spoil one aspect."""
    item = ShortlistItem(
        key=key,
        name=name,
        catalog_id=key,
        team=team,
        stage=stage,
        is_vanity=False,
        owner="Anna",
        target=10.0,
        cadence="monthly",
        goal_ids=(1,),
        baseline=5.0,
        target_date=date(2027, 6, 30),
        data_source="CRM",
    )
    return replace(item, **changes)


# Four integrated catalogue KPIs covering both goals: the list the article would recommend.
GOOD = [
    kpi("mql_to_sql_rate", "MQL-zu-SQL-Rate", "joint", "mql"),
    kpi("lead_to_customer_rate", "Lead-zu-Kunde-Rate", "joint", "customer"),
    kpi("cost_per_sql", "Kosten pro SQL", "joint", "sql"),
    kpi("cac", "CAC", "joint", "customer", goal_ids=(1, 2)),
]
FOLLOWERS = kpi("followers", "Follower", "marketing", "reach", is_vanity=True)


def codes(findings) -> list[str]:
    return [finding.code for finding in findings]


def test_good_set_of_integrated_kpis_gives_only_ok():
    findings = check(GOOD, GOALS)
    assert [(finding.severity, finding.code) for finding in findings] == [(INFO, "ok")]


def test_goals_may_be_given_as_goal_refs():
    assert codes(check(GOOD, [GoalRef(*goal) for goal in GOALS])) == ["ok"]


@pytest.mark.parametrize(
    "items,code,severity",
    [
        (GOOD[:2], "too_few", ERROR),
        ([], "too_few", ERROR),
        (GOOD + [kpi("win_rate", "Win Rate", "sales", "customer"), kpi("clv", "CLV", "joint", "retention"),
                 kpi("churn", "Churn", "joint", "retention")], "too_many", ERROR),
        (GOOD[:3] + [FOLLOWERS], "vanity_kpi", ERROR),
        (GOOD + [replace(GOOD[0], key="again")], "duplicate_kpi", ERROR),
        (
            [kpi("cpl", "Kosten pro Lead", "marketing", "lead"), kpi("mqls", "MQLs", "marketing", "mql"),
             kpi("ctr", "Klickrate", "marketing", "reach")],
            "silo_marketing",
            WARNING,
        ),
        (
            [kpi("win_rate", "Win Rate", "sales", "customer"), kpi("cycle", "Verkaufszyklus", "sales", "opportunity"),
             kpi("deal", "Auftragsgrösse", "sales", "customer")],
            "silo_sales",
            WARNING,
        ),
        (
            [kpi("ctr", "Klickrate", "marketing", "reach"), kpi("cpl", "Kosten pro Lead", "marketing", "lead"),
             kpi("nrr", "Net Revenue Retention", "joint", "retention")],
            "no_funnel_span",
            WARNING,
        ),
        (GOOD[:3] + [replace(GOOD[3], goal_ids=())], "kpi_without_goal", WARNING),
        (GOOD[:3] + [replace(GOOD[3], goal_ids=(99,))], "kpi_without_goal", WARNING),
        ([replace(item, goal_ids=(1,)) for item in GOOD], "goal_without_kpi", WARNING),
        (GOOD[:3] + [replace(GOOD[3], owner="  ")], "missing_owner", WARNING),
        (GOOD[:3] + [replace(GOOD[3], target=None)], "missing_target", WARNING),
        (GOOD[:3] + [replace(GOOD[3], target=float("nan"))], "missing_target", WARNING),
        (GOOD[:3] + [replace(GOOD[3], cadence=None)], "missing_cadence", WARNING),
    ],
)
def test_each_rule_fires_on_a_list_that_breaks_it(items, code, severity):
    findings = check(items, GOALS)
    fired = [finding for finding in findings if finding.code == code]
    assert fired, codes(findings)
    assert all(finding.severity == severity for finding in fired)
    assert "ok" not in codes(findings)


@pytest.mark.parametrize(
    "items",
    [
        GOOD[:3],  # three is enough
        GOOD + [kpi("win_rate", "Win Rate", "sales", "customer", goal_ids=(2,))],  # five is fine
    ],
)
def test_three_to_five_kpis_are_accepted(items):
    assert not {"too_few", "too_many"} & set(codes(check(items, GOALS)))


@pytest.mark.parametrize(
    "items,spans",
    [
        # a joint KPI between lead and deal spans on its own
        ([kpi("a", "MQL-zu-SQL-Rate", "joint", "sql")], True),
        ([kpi("a", "CAC", "joint", "customer")], True),
        # a joint KPI outside lead..deal does not
        ([kpi("a", "NRR", "joint", "retention")], False),
        # a marketing-side and a sales-side stage together cover the hand-over
        ([kpi("a", "Kosten pro Lead", "marketing", "lead"), kpi("b", "Win Rate", "sales", "customer")], True),
        ([kpi("a", "MQLs", "marketing", "mql"), kpi("b", "Pipeline", "sales", "opportunity")], True),
        # both on the same side do not
        ([kpi("a", "Kosten pro Lead", "marketing", "lead"), kpi("b", "MQLs", "marketing", "mql")], False),
        # custom KPIs without team or stage cannot prove a span
        ([kpi("a", "Eigene Kennzahl", None, None)], False),
    ],
)
def test_funnel_span_needs_a_joint_kpi_or_both_sides_of_the_handover(items, spans):
    assert ("no_funnel_span" not in codes(check(items, GOALS))) is spans


def test_joint_kpi_prevents_a_silo_warning():
    items = [kpi("cpl", "Kosten pro Lead", "marketing", "lead"), kpi("mqls", "MQLs", "marketing", "mql"),
             kpi("cac", "CAC", "joint", "customer")]
    assert not {"silo_marketing", "silo_sales"} & set(codes(check(items, GOALS)))


def test_kpis_without_team_are_ignored_for_silos():
    items = [kpi("a", "Eigene Kennzahl", None, "lead"), kpi("b", "Win Rate", "sales", "customer"),
             kpi("c", "Zweite Kennzahl", None, "mql")]
    assert "silo_sales" in codes(check(items, GOALS))


def test_empty_list_gets_no_silo_or_span_noise():
    assert codes(check([], [])) == ["too_few"]


def test_duplicate_is_reported_once_for_the_repeat():
    findings = check(GOOD + [replace(GOOD[0], key="again")], GOALS)
    duplicates = [finding for finding in findings if finding.code == "duplicate_kpi"]
    assert [finding.item_key for finding in duplicates] == ["again"]


def test_custom_kpis_without_catalogue_id_are_never_duplicates():
    items = [replace(item, catalog_id=None) for item in GOOD[:2]] + GOOD[2:]
    assert "duplicate_kpi" not in codes(check(items, GOALS))


def test_vanity_finding_names_the_kpi_and_points_at_it():
    [vanity] = [f for f in check(GOOD[:3] + [FOLLOWERS], GOALS) if f.code == "vanity_kpi"]
    assert vanity.item_key == "followers"
    assert "Follower" in vanity.message.de and "Follower" in vanity.message.en


def test_goal_without_kpi_names_the_goal():
    [finding] = [f for f in check(GOOD[:3], GOALS) if f.code == "goal_without_kpi"]
    assert "Umsatz pro Kunde steigern" in finding.message.de
    assert "Umsatz pro Kunde steigern" in finding.message.en


def test_findings_are_ordered_errors_then_warnings_then_info():
    messy = [FOLLOWERS, replace(GOOD[0], owner="", cadence=None, goal_ids=())]
    severities = [finding.severity for finding in check(messy, GOALS)]
    assert severities == sorted(severities, key=SEVERITIES.index)
    assert severities[0] == ERROR and WARNING in severities


def test_every_message_names_a_kpi_or_goal_in_both_languages():
    messy = GOOD + [FOLLOWERS, replace(GOOD[0], key="again", owner="", target=None, cadence=None, goal_ids=())]
    goals = GOALS + [(3, "Churn senken")]
    all_names = [item.name for item in messy] + [title for _, title in goals]
    for finding in check(messy, goals) + check(GOOD, GOALS):
        for text in (finding.message.de, finding.message.en):
            assert any(name in text for name in all_names), text


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_messages_exist_in_both_languages_in_swiss_spelling(code):
    message = MESSAGES[code]
    assert message.de.strip() and message.en.strip()
    assert message.de != message.en
    assert "\u00df" not in message.de  # sharp s, never used in Swiss German


def test_the_too_many_message_gives_the_articles_reason():
    findings = check(GOOD + [kpi(f"k{i}", f"KPI {i}", "joint", "sql") for i in range(2)], GOALS)
    assert "verwässern den Fokus" in findings[0].message.de


@pytest.mark.parametrize("goals", [[(1,)], ["Umsatz"], [(1, "a", "b")]])
def test_malformed_goals_are_refused(goals):
    with pytest.raises(InvalidInput):
        check(GOOD, goals)


def test_items_that_are_not_shortlist_items_are_refused():
    with pytest.raises(InvalidInput):
        check([{"name": "CAC"}], GOALS)


# --- the article's further checks: one shortlist that fails each, one that passes ---------------

LEAD_ONLY = [
    kpi("lead_data_quality_rate", "Lead-Datenqualität", "joint", "lead"),
    kpi("icp_lead_share", "Anteil Leads im Zielkundenprofil", "marketing", "lead"),
    kpi("landing_page_conversion_rate", "Conversion Rate Landingpage", "marketing", "reach"),
]
CUSTOMER_ONLY = [
    kpi("cac", "CAC", "joint", "customer"),
    kpi("clv", "CLV", "joint", "retention"),
    kpi("churn_rate", "Churn", "joint", "retention"),
    kpi("net_revenue_retention", "NRR", "joint", "retention"),
]


def custom(key: str, name: str, **changes) -> ShortlistItem:
    """A custom KPI as proposed in the workshop, complete unless `changes` spoil it."""
    details = {"catalog_id": None, "definition": "Wie im Workshop vereinbart.", "team": "joint", "stage": "sql"}
    return replace(kpi(key, name, None, None), **(details | changes))


@pytest.mark.parametrize(
    "code,failing,passing",
    [
        ("no_revenue_tie", LEAD_ONLY, LEAD_ONLY[1:] + [kpi("lead_to_customer_rate", "Lead-to-customer rate", "joint", "lead")]),
        ("no_lead_generation", CUSTOMER_ONLY, CUSTOMER_ONLY[:3] + [kpi("cost_per_lead", "Kosten pro Lead", "marketing", "lead")]),
        ("no_sales_effectiveness", [*LEAD_ONLY[1:], CUSTOMER_ONLY[1]], [*LEAD_ONLY[1:], kpi("win_rate", "Gewinnquote", "sales", "opportunity")]),
        ("no_funnel_span", LEAD_ONLY, GOOD),
        ("missing_baseline", GOOD[:3] + [replace(GOOD[3], baseline=None)], GOOD),
        ("missing_target_date", GOOD[:3] + [replace(GOOD[3], target_date=None)], GOOD),
        ("missing_data_source", GOOD[:3] + [replace(GOOD[3], data_source=" ")], GOOD),
        ("duplicate_custom", GOOD + [custom("c1", "Kosten pro SQL", same_as_catalog_id="cost_per_sql")],
         [GOOD[0], GOOD[1], GOOD[3], custom("c1", "Kosten pro SQL", same_as_catalog_id="cost_per_sql")]),
        ("duplicate_custom", GOOD[:3] + [custom("c1", "Demo-Quote"), custom("c2", "  demo quote ")],
         GOOD[:3] + [custom("c1", "Demo-Quote"), custom("c2", "Demo-Termine")]),
        ("custom_incomplete", GOOD[:3] + [custom("c1", "Demo-Quote", definition="", team=None)],
         GOOD[:3] + [custom("c1", "Demo-Quote")]),
    ],
    ids=["revenue tie", "lead generation", "sales effectiveness", "funnel span", "baseline", "target date",
         "data source", "custom same as catalogue", "custom same as custom", "custom complete"],
)  # fmt: skip
def test_each_new_check_fails_one_shortlist_and_passes_another(code, failing, passing):
    assert code in codes(check(failing, GOALS))
    assert code not in codes(check(passing, GOALS))


def test_lead_data_quality_icp_share_and_landing_page_conversion_are_not_ok():
    findings = check(LEAD_ONLY, GOALS)
    assert {"no_revenue_tie", "no_sales_effectiveness", "no_funnel_span"} <= set(codes(findings))
    assert [f.severity for f in findings if f.code == "no_revenue_tie"] == [ERROR]


def test_cac_clv_churn_and_nrr_alone_miss_lead_generation():
    assert "no_lead_generation" in codes(check(CUSTOMER_ONLY, GOALS))


def test_a_joint_kpi_at_the_lead_stage_alone_does_not_span_the_funnel():
    items = [kpi("lead_data_quality_rate", "Lead-Datenqualität", "joint", "lead")]
    assert not spans_funnel(items)
    assert spans_funnel([kpi("lead_to_customer_rate", "Lead-zu-Kunde-Rate", "joint", "lead")])


def test_missing_custom_details_are_named_in_both_languages():
    finding = next(f for f in check([custom("c1", "Demo-Quote", definition="", stage=None)], GOALS)
                   if f.code == "custom_incomplete")
    assert "Definition" in finding.message.de and "Funnel-Stufe" in finding.message.de
    assert "definition" in finding.message.en and "funnel stage" in finding.message.en


def test_too_few_uses_the_plural_rule_not_parentheses():
    one, two = (next(f for f in check(GOOD[:n], GOALS) if f.code == "too_few") for n in (1, 2))
    assert "1 KPI " in one.message.de and "2 KPIs" in two.message.en
    assert all("(s)" not in text for f in MESSAGES.values() for text in (f.de, f.en))


# --- the checklist: one row per KPI, one column per check -----------------------------------


def test_checklist_has_a_row_per_kpi_and_a_mark_per_check():
    items = GOOD[:3] + [replace(GOOD[3], baseline=None, owner="")]
    table = checklist(items, GOALS)
    assert [row.key for row in table.rows] == [item.key for item in items]
    assert all(len(row.marks) == len(CHECK_COLUMNS) for row in table.rows)
    last = dict(zip(CHECK_COLUMNS, table.rows[-1].marks))
    assert last["plan"].symbol == WARN_MARK and last["steering"].symbol == WARN_MARK
    assert "Ausgangswert" in last["plan"].reason.de and "baseline" in last["plan"].reason.en
    assert last["vanity"].symbol == OK_MARK and last["custom"].symbol == NOT_APPLICABLE


def test_checklist_marks_errors_with_a_cross_and_keeps_set_findings_apart():
    table = checklist(GOOD[:1] + [FOLLOWERS], GOALS)
    followers = dict(zip(CHECK_COLUMNS, table.rows[-1].marks))
    assert followers["vanity"].symbol == FAIL_MARK
    assert all(finding.item_key is None for finding in table.findings)
    assert {finding.code for finding in table.findings} >= {"too_few"}


def test_column_titles_exist_in_both_languages():
    assert set(COLUMN_TITLES) == set(CHECK_COLUMNS)
    assert all(title.de and title.en and "ß" not in title.de for title in COLUMN_TITLES.values())
