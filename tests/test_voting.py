"""Dot-voting rules: settings, allocation refusals, ranking, team agreement and participation."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pytest

from kpi_logic.errors import InvalidInput, VoteBudgetExceeded
from kpi_logic.records import Participant
from kpi_logic.voting import (
    DEFAULT_BUDGET,
    DEFAULT_CAP,
    Progress,
    agreement,
    agreement_index,
    check_allocation,
    has_votes,
    participation,
    progress,
    rank,
    rank_labels,
    tied_ranks,
    top_n,
    top_n_cut,
    totals_visible,
    validate_budget,
    validate_cap,
)


def results_frame(rows: list[tuple]) -> pd.DataFrame:
    """Results as the store delivers them, from (id, name, marketing, sales, leadership, other, voters)."""
    frame = pd.DataFrame(
        rows,
        columns=[
            "candidate_id",
            "name",
            "points_marketing",
            "points_sales",
            "points_leadership",
            "points_other",
            "voters",
        ],
    )
    frame["catalog_id"] = None
    frame["points"] = frame[
        ["points_marketing", "points_sales", "points_leadership", "points_other"]
    ].sum(axis=1)
    return frame


def test_defaults_are_a_valid_setting():
    assert validate_cap(DEFAULT_CAP, DEFAULT_BUDGET) == 3
    assert validate_budget(DEFAULT_BUDGET) == 5


@pytest.mark.parametrize("budget", [0, 21, -1, 2.5, "5", None, True])
def test_budget_out_of_range_or_not_whole_is_refused(budget):
    with pytest.raises(InvalidInput):
        validate_budget(budget)


@pytest.mark.parametrize("budget", [1, 5, 20])
def test_budget_between_1_and_20_is_accepted(budget):
    assert validate_budget(budget) == budget


@pytest.mark.parametrize(
    "cap,budget",
    [(0, 5), (21, 20), (6, 5), (4, 3), (1.0, 5), (3, 0)],
)
def test_cap_out_of_range_or_above_budget_is_refused(cap, budget):
    with pytest.raises(InvalidInput):
        validate_cap(cap, budget)


@pytest.mark.parametrize("cap,budget", [(1, 1), (1, 5), (5, 5), (20, 20)])
def test_cap_up_to_budget_is_accepted(cap, budget):
    assert validate_cap(cap, budget) == cap


@pytest.mark.parametrize(
    "current,candidate,points,budget,cap",
    [
        ({}, 1, 4, 5, 3),  # over the cap
        ({}, 1, -1, 5, 3),  # negative
        ({1: 3, 2: 2}, 3, 1, 5, 3),  # over the budget
        ({1: 3, 2: 1}, 2, 3, 5, 3),  # raising one KPI past the budget
        ({1: 1}, 2, 2, 5, 1),  # cap 1 = one vote per KPI
        ({1: 3, 2: 3}, 3, 1, 5, 3),  # already over a lowered budget: no new points
    ],
)
def test_vote_beyond_cap_or_budget_is_refused(current, candidate, points, budget, cap):
    with pytest.raises(VoteBudgetExceeded):
        check_allocation(current, candidate, points, budget, cap)


@pytest.mark.parametrize(
    "current,candidate,points,budget,cap",
    [
        ({}, 1, 3, 5, 3),  # up to the cap
        ({1: 3}, 2, 2, 5, 3),  # exactly the budget
        ({1: 3, 2: 2}, 2, 0, 5, 3),  # removing points
        ({1: 3, 2: 2}, 1, 2, 5, 3),  # moving points down
        ({}, 1, 1, 5, 3),  # unused points are allowed
        ({1: 1, 2: 1}, 3, 1, 5, 1),  # cap 1: one vote on each of several KPIs
        ({1: 3, 2: 3}, 1, 2, 4, 3),  # over a lowered budget: stepping down is allowed
        ({1: 3, 2: 3}, 1, 3, 4, 3),  # over a lowered budget: re-saving the same points is allowed
    ],
)
def test_vote_within_cap_and_budget_is_accepted(current, candidate, points, budget, cap):
    check_allocation(current, candidate, points, budget, cap)


@pytest.mark.parametrize("points", [1.5, "2", None, True])
def test_points_that_are_not_whole_numbers_are_refused(points):
    with pytest.raises(InvalidInput):
        check_allocation({}, 1, points, 5, 3)


@pytest.mark.parametrize(
    "rows,expected_order",
    [
        # more points first
        ([(1, "A", 1, 0, 0, 0, 1), (2, "B", 3, 0, 0, 0, 1)], [2, 1]),
        # equal points: more voters first
        ([(1, "A", 2, 0, 0, 0, 1), (2, "B", 1, 1, 0, 0, 2)], [2, 1]),
        # equal points and voters: name, ignoring case
        ([(1, "beta", 2, 0, 0, 0, 1), (2, "Alpha", 2, 0, 0, 0, 1)], [2, 1]),
        # everything equal: candidate id
        ([(7, "Same", 1, 0, 0, 0, 1), (3, "same", 1, 0, 0, 0, 1)], [3, 7]),
        # zero-point candidates are ranked too
        ([(1, "Z", 0, 0, 0, 0, 0), (2, "Y", 0, 0, 0, 1, 1)], [2, 1]),
    ],
)
def test_rank_breaks_ties_by_voters_then_name_then_id(rows, expected_order):
    ranked = rank(results_frame(rows))
    assert list(ranked["candidate_id"]) == expected_order
    assert list(ranked["rank"]) == list(range(1, len(rows) + 1))


def test_rank_does_not_depend_on_input_order():
    rows = [(i, f"KPI {i % 3}", 1, i % 2, 0, 0, 1 + i % 2) for i in range(1, 9)]
    forward = rank(results_frame(rows))
    backward = rank(results_frame(list(reversed(rows))))
    assert list(forward["candidate_id"]) == list(backward["candidate_id"])


def test_top_n_lists_best_candidates_first():
    rows = [(1, "A", 1, 0, 0, 0, 1), (2, "B", 3, 0, 0, 0, 1), (3, "C", 2, 0, 0, 0, 1)]
    assert top_n(results_frame(rows), 2) == [2, 3]
    assert top_n(results_frame(rows), 10) == [2, 3, 1]


def test_top_n_refuses_negative_n():
    with pytest.raises(InvalidInput):
        top_n(results_frame([(1, "A", 1, 0, 0, 0, 1)]), -1)


def test_results_without_needed_columns_are_refused():
    with pytest.raises(InvalidInput, match="voters"):
        rank(pd.DataFrame({"candidate_id": [1], "name": ["A"], "points": [1]}))


def test_agreement_shares_are_of_each_teams_own_points():
    # marketing gave 4 points, sales 8: the shares compare intent, not team size
    frame = agreement(
        results_frame([(1, "Win rate", 2, 4, 0, 0, 3), (2, "CAC", 2, 0, 0, 0, 1), (3, "CLV", 0, 4, 0, 0, 1)])
    ).set_index("candidate_id")
    assert frame.loc[1, "share_marketing"] == pytest.approx(0.5)
    assert frame.loc[1, "share_sales"] == pytest.approx(0.5)
    assert frame.loc[2, "gap"] == pytest.approx(0.5)
    assert frame.loc[3, "gap"] == pytest.approx(-0.5)


@pytest.mark.parametrize(
    "marketing,sales,label",
    [(2, 1, "both"), (2, 0, "marketing_only"), (0, 1, "sales_only"), (0, 0, "neither")],
)
def test_agreement_label_says_which_team_voted_for_the_kpi(marketing, sales, label):
    rows = [(1, "KPI", marketing, sales, 0, 0, 1), (2, "Other", 1, 1, 0, 0, 2)]
    assert agreement(results_frame(rows)).set_index("candidate_id").loc[1, "label"] == label


@pytest.mark.parametrize(
    "rows,expected",
    [
        ([(1, "A", 2, 4, 0, 0, 2), (2, "B", 1, 2, 0, 0, 2)], 1.0),  # same distribution
        ([(1, "A", 3, 0, 0, 0, 1), (2, "B", 0, 3, 0, 0, 1)], 0.0),  # disjoint: a silo
        ([(1, "A", 2, 1, 0, 0, 2), (2, "B", 0, 1, 0, 0, 1)], 0.5),  # half shared
    ],
)
def test_agreement_index_measures_overlap_of_team_votes(rows, expected):
    assert agreement_index(results_frame(rows)) == pytest.approx(expected)


@pytest.mark.parametrize(
    "rows",
    [
        [(1, "A", 3, 0, 2, 0, 2), (2, "B", 1, 0, 0, 1, 2)],  # sales silent
        [(1, "A", 0, 3, 0, 0, 1)],  # marketing silent
        [],  # nobody voted, no candidates
    ],
)
def test_agreement_index_is_none_while_a_team_has_not_voted(rows):
    results = results_frame(rows)
    assert agreement_index(results) is None
    assert len(agreement(results)) == len(rows)


PEOPLE = pd.DataFrame(
    {
        "participant_id": [1, 2, 3],
        "participant": ["Anna", "Ben", "Carla"],
        "team": ["marketing", "sales", "leadership"],
    }
)


def vote_table(rows: list[tuple[int, int, int]]) -> pd.DataFrame:
    """Votes from (participant_id, candidate_id, points), with the names and teams from PEOPLE."""
    votes = pd.DataFrame(rows, columns=["participant_id", "candidate_id", "points"])
    return votes.merge(PEOPLE, on="participant_id")


@pytest.mark.parametrize(
    "votes,budget,used,left,voted",
    [
        ([], 5, [0, 0, 0], [5, 5, 5], [False, False, False]),
        ([(1, 10, 3), (1, 11, 2), (2, 10, 1)], 5, [5, 1, 0], [0, 4, 5], [True, True, False]),
        # budget lowered below what Anna already spent: nothing left, never negative
        ([(1, 10, 3), (1, 11, 2)], 3, [5, 0, 0], [0, 3, 3], [True, False, False]),
    ],
)
def test_participation_shows_points_used_and_left(votes, budget, used, left, voted):
    frame = participation(PEOPLE, vote_table(votes), budget)
    assert list(frame["participant"]) == ["Anna", "Ben", "Carla"]
    assert list(frame["points_used"]) == used
    assert list(frame["points_left"]) == left
    assert list(frame["has_voted"]) == voted


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    team: str


def test_participation_accepts_participant_records():
    people = [Person(1, "Anna", "marketing"), Person(2, "Ben", "sales")]
    frame = participation(people, vote_table([(2, 10, 2)]), 5)
    assert list(frame["points_left"]) == [5, 3]
    assert list(frame["team"]) == ["marketing", "sales"]


@pytest.mark.parametrize(
    "rows,n,chosen,tied",
    [
        # B and C tie on points and voters at the cut of 2: only A is settled
        ([(1, "A", 5, 0, 0, 0, 2), (2, "B", 3, 0, 0, 0, 1), (3, "C", 3, 0, 0, 0, 1)], 2, (1,), (2, 3)),
        # the same tie inside the top 3 is no tie at the cut
        ([(1, "A", 5, 0, 0, 0, 2), (2, "B", 3, 0, 0, 0, 1), (3, "C", 3, 0, 0, 0, 1)], 3, (1, 2, 3), ()),
        # more voters break the tie, as the ranking does
        ([(1, "A", 5, 0, 0, 0, 2), (2, "B", 3, 0, 0, 0, 2), (3, "C", 3, 0, 0, 0, 1)], 2, (1, 2), ()),
    ],
)
def test_a_tie_at_the_top_n_cut_is_left_to_the_facilitator(rows, n, chosen, tied):
    cut = top_n_cut(results_frame(rows), n)
    assert (cut.chosen, cut.tied) == (chosen, tied)


@pytest.mark.parametrize(
    "points,ranks,labels",
    [
        ([], [], []),
        ([5], [1], ["1."]),
        ([5, 3, 1], [1, 2, 3], ["1.", "2.", "3."]),
        ([5, 3, 3, 1], [1, 2, 2, 4], ["1.", "2 =", "2 =", "4."]),
        ([4, 4, 4], [1, 1, 1], ["1 =", "1 =", "1 ="]),
        ([2, 0, 0], [1, 2, 2], ["1.", "2 =", "2 ="]),
    ],
)
def test_equal_points_share_a_rank_shown_as_a_tie(points, ranks, labels):
    assert tied_ranks(points) == ranks
    assert rank_labels(points) == labels


@pytest.mark.parametrize(
    "hidden,revealed,facilitator,visible",
    [(False, False, False, True), (True, False, False, False), (True, True, False, True), (True, False, True, True)],
)
def test_blind_totals_show_to_the_facilitator_only_until_the_reveal(hidden, revealed, facilitator, visible):
    assert totals_visible(hidden, revealed, facilitator) is visible


def test_done_counts_who_said_so_without_the_facilitators_ballot():
    people = [Participant(1, 1, "Anna", "marketing", False, "", done=True),
              Participant(2, 1, "Luca", "sales", False, "", done=False),
              Participant(3, 1, "Moderation", "leadership", True, "", done=True)]
    assert progress(people) == Progress(done=1, total=2)


def test_there_is_no_ranking_before_the_first_point():
    assert not has_votes(pd.DataFrame({"points": [0, 0]}))
    assert not has_votes(pd.DataFrame({"points": []}))
    assert has_votes(pd.DataFrame({"points": [0, 1]}))
