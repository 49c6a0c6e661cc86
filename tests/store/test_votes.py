"""Rules of `store.votes`: the budget, the cap, closed voting, results and the runoff."""

from __future__ import annotations

import pytest

from kpi_logic.errors import (
    InvalidInput,
    KpiWorkshopError,
    VoteBudgetExceeded,
    VotingClosed,
    WrongWorkshop,
)


def test_points_are_set_changed_and_removed(store, anna, kpis):
    store.votes.set_points(anna.id, kpis["win_rate"], 2)
    store.votes.set_points(anna.id, kpis["win_rate"], 3)
    store.votes.set_points(anna.id, kpis["cac"], 1)
    assert store.votes.points_of(anna.id) == {kpis["win_rate"]: 3, kpis["cac"]: 1}
    assert store.votes.points_left(anna.id) == 1
    store.votes.set_points(anna.id, kpis["win_rate"], 0)
    assert store.votes.points_of(anna.id) == {kpis["cac"]: 1}


def test_vote_beyond_budget_is_refused(store, anna, kpis):
    store.votes.set_points(anna.id, kpis["win_rate"], 3)
    with pytest.raises(VoteBudgetExceeded):
        store.votes.set_points(anna.id, kpis["cac"], 3)
    assert store.votes.points_of(anna.id) == {kpis["win_rate"]: 3}


@pytest.mark.parametrize("points, error", [(4, VoteBudgetExceeded), (-1, VoteBudgetExceeded),
                                           (1.5, InvalidInput), (True, InvalidInput),
                                           ("2", InvalidInput)])
def test_points_past_the_cap_or_not_whole_are_refused(store, anna, kpis, points, error):
    with pytest.raises(error):
        store.votes.set_points(anna.id, kpis["win_rate"], points)
    assert store.votes.points_of(anna.id) == {}


def test_vote_on_a_candidate_of_another_workshop_is_refused(store, anna, other_ws):
    foreign = store.candidates.add(other_ws.id, catalog_id="win_rate")
    with pytest.raises(WrongWorkshop):
        store.votes.set_points(anna.id, foreign, 1)


def test_vote_while_voting_is_closed_is_refused(store, ws, anna, kpis):
    store.workshops.update_settings(ws.id, voting_open=False)
    with pytest.raises(VotingClosed):
        store.votes.set_points(anna.id, kpis["cac"], 1)


def test_vote_on_a_pending_proposal_is_refused(store, ws, anna):
    proposal = store.candidates.add(ws.id, name="Idee", status="pending")
    with pytest.raises(VotingClosed):
        store.votes.set_points(anna.id, proposal, 1)


def test_every_refusal_is_a_value_error_with_a_message(store, anna, kpis):
    with pytest.raises(ValueError, match="budget"):
        store.votes.set_points(anna.id, kpis["win_rate"], 3)
        store.votes.set_points(anna.id, kpis["cac"], 3)
    assert issubclass(VoteBudgetExceeded, KpiWorkshopError)


def test_lowered_budget_lets_over_budget_voters_only_step_down(store, ws, anna, kpis):
    store.votes.set_points(anna.id, kpis["win_rate"], 3)
    store.votes.set_points(anna.id, kpis["cac"], 2)
    store.workshops.update_settings(ws.id, vote_budget=3)
    assert store.votes.points_left(anna.id) == 0
    with pytest.raises(VoteBudgetExceeded):
        store.votes.set_points(anna.id, kpis["custom"], 1)
    store.votes.set_points(anna.id, kpis["win_rate"], 2)
    assert store.votes.points_of(anna.id) == {kpis["win_rate"]: 2, kpis["cac"]: 2}


def test_results_sum_points_per_team_and_count_voters(store, ws, anna, ben, kpis):
    lea = store.participants.join(ws.join_code, "Lea", "leadership")
    store.votes.set_points(anna.id, kpis["win_rate"], 2)
    store.votes.set_points(ben.id, kpis["win_rate"], 3)
    store.votes.set_points(lea.id, kpis["cac"], 1)
    store.votes.set_points(ben.id, kpis["cac"], 1)
    table = store.votes.results(ws.id).set_index("catalog_id")
    expected = {
        # catalog_id: points, marketing, sales, leadership, other, voters
        "win_rate": (5, 2, 3, 0, 0, 2),
        "cac": (2, 0, 1, 1, 0, 2),
    }
    columns = ["points", "points_marketing", "points_sales", "points_leadership",
               "points_other", "voters"]
    for catalog_id, numbers in expected.items():
        assert tuple(int(table.loc[catalog_id, column]) for column in columns) == numbers


def test_results_list_zero_point_candidates_best_first(store, ws, anna, kpis):
    store.votes.set_points(anna.id, kpis["cac"], 1)
    results = store.votes.results(ws.id)
    assert list(results["candidate_id"]) == [kpis["cac"], kpis["custom"], kpis["win_rate"]]
    assert list(results["points"]) == [1, 0, 0]


def test_results_break_ties_by_voters_then_name(store, ws, anna, ben, kpis):
    store.votes.set_points(anna.id, kpis["custom"], 2)
    store.votes.set_points(anna.id, kpis["cac"], 1)
    store.votes.set_points(ben.id, kpis["cac"], 1)
    assert list(store.votes.results(ws.id)["candidate_id"][:2]) == [kpis["cac"], kpis["custom"]]


def test_results_equal_the_votes_in_the_file(store, ws, anna, ben, kpis):
    store.votes.set_points(anna.id, kpis["cac"], 3)
    store.votes.set_points(ben.id, kpis["cac"], 2)
    direct = dict(store.db.execute(
        "SELECT candidate_id, SUM(points) FROM votes WHERE workshop_id = ? GROUP BY candidate_id",
        [ws.id],
    ).fetchall())
    shown = store.votes.results(ws.id).set_index("candidate_id")["points"]
    assert {cid: int(points) for cid, points in shown.items() if points} == direct


def test_custom_kpis_have_no_catalogue_id_in_the_results(store, ws, kpis):
    ids = store.votes.results(ws.id).set_index("candidate_id")["catalog_id"]
    assert ids[kpis["custom"]] is None and ids[kpis["cac"]] == "cac"


def test_vote_table_lists_who_gave_what(store, ws, anna, kpis):
    store.votes.set_points(anna.id, kpis["cac"], 2)
    table = store.votes.table(ws.id)
    assert table.to_dict("records") == [
        {"participant_id": anna.id, "participant": "Anna", "team": "marketing",
         "candidate_id": kpis["cac"], "points": 2}
    ]


def test_points_used_counts_each_voter_in_the_current_round_only(store, ws, other_ws, anna, ben, kpis):
    store.votes.set_points(anna.id, kpis["cac"], 2)
    store.votes.set_points(anna.id, kpis["win_rate"], 1)
    store.votes.set_points(ben.id, kpis["cac"], 1)
    stranger = store.participants.join(other_ws.join_code, "Cleo", "sales")
    store.votes.set_points(stranger.id, store.candidates.add(other_ws.id, catalog_id="cac"), 3)
    assert store.votes.points_used(ws.id) == {anna.id: 3, ben.id: 1}
    store.votes.start_runoff(ws.id, 2)
    store.votes.set_points(ben.id, kpis["cac"], 2)
    assert store.votes.points_used(ws.id) == {ben.id: 2}


def test_runoff_votes_only_on_the_top_candidates(store, ws, anna, ben, kpis):
    store.votes.set_points(anna.id, kpis["cac"], 3)
    store.votes.set_points(ben.id, kpis["win_rate"], 2)
    store.votes.start_runoff(ws.id, 2)
    assert store.workshops.get(ws.id).round == 2
    assert set(store.votes.results(ws.id)["candidate_id"]) == {kpis["cac"], kpis["win_rate"]}
    assert store.votes.points_of(anna.id) == {} and store.votes.points_left(anna.id) == 5
    with pytest.raises(VotingClosed):
        store.votes.set_points(anna.id, kpis["custom"], 1)
    store.votes.set_points(anna.id, kpis["win_rate"], 1)
    assert int(store.votes.results(ws.id).set_index("candidate_id").loc[kpis["win_rate"], "points"]) == 1
