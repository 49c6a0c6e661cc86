"""Status-quo read model: the counts, the proposed verdict and the better KPIs not yet up for the vote."""

from __future__ import annotations

import pytest

from kpi_logic.records import Candidate, StatusKpi
from kpi_logic.status_quo_view import alternative_name, alternatives, proposal, summary
from kpi_logic.vanity import assess

FOLLOWERS = StatusKpi(1, 1, "Instagram-Follower", "", "12'000", None)
WIN_RATE = StatusKpi(2, 1, "Abschlussquote", "Gewonnene ÷ angebotene Deals", "", "keep")


def _assessments(*kpis: StatusKpi) -> dict:
    return {kpi.id: assess(kpi.name, kpi.description) for kpi in kpis}


def test_summary_counts_what_the_check_and_the_group_call_vanity():
    counts = summary([FOLLOWERS, WIN_RATE], _assessments(FOLLOWERS, WIN_RATE))
    assert (counts.total, counts.engine_vanity, counts.judged_vanity, counts.unjudged) == (2, 1, 0, 1)


@pytest.mark.parametrize("kpi,expected", [(FOLLOWERS, "vanity"), (WIN_RATE, "keep")])
def test_stored_verdict_wins_else_the_check_proposes(kpi, expected):
    assert proposal(kpi, _assessments(kpi)[kpi.id]) == expected


def test_better_kpi_is_offered_until_it_is_a_candidate():
    assessments = _assessments(FOLLOWERS)
    offered = alternatives(assessments, [], "en")
    assert list(offered.values()) == [alternative_name(assessments[FOLLOWERS.id], "en")]
    taken = Candidate(9, next(iter(offered)), "", "", "reach", "marketing", "approved", False, None)
    assert alternatives(assessments, [taken], "en") == {}
