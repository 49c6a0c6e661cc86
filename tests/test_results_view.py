"""The live results view: blind until the reveal (but for the facilitator), no ranking before a vote,
participation counts only who may vote and "done" only who said so."""

import pytest

from kpi_logic.results_view import live_results


def test_live_results_hide_totals_in_blind_mode_until_the_reveal(store, workshop):
    candidate = store.candidates.add(workshop.id, catalog_id="win_rate")
    store.workshops.update_settings(workshop.id, voting_open=True, results_hidden=True)
    anna = store.participants.join(workshop.join_code, "Anna", "marketing")
    store.votes.set_points(anna.id, candidate, 2)
    store.participants.set_done(anna.id, True)
    blind = live_results(store, workshop.id, "en")
    assert blind.blind and blind.ranked is None and blind.ranking is None and blind.progress.done == 1
    store.workshops.close_voting(workshop.id)
    assert live_results(store, workshop.id, "en").blind
    store.workshops.reveal(workshop.id)
    shown = live_results(store, workshop.id, "en")
    assert list(shown.ranked["name"]) == ["Win rate"] and list(shown.ranked["points"]) == [2]


def test_the_facilitator_sees_blind_totals_before_the_reveal(store, workshop):
    candidate = store.candidates.add(workshop.id, catalog_id="win_rate")
    store.workshops.update_settings(workshop.id, results_hidden=True)
    anna = store.participants.join(workshop.join_code, "Anna", "marketing")
    store.votes.set_points(anna.id, candidate, 2)
    assert not live_results(store, workshop.id, "en", for_facilitator=True).blind


def test_no_ranking_before_the_first_point(store, workshop):
    store.candidates.add(workshop.id, catalog_id="win_rate")
    view = live_results(store, workshop.id, "en")
    assert not view.blind and view.ranking is None and view.ranked is None and view.candidate_count == 1


def test_live_results_leave_out_the_facilitator_unless_taking_part(store, workshop):
    store.participants.facilitator(workshop.id)
    store.participants.join(workshop.join_code, "Anna", "marketing")
    assert len(live_results(store, workshop.id, "en").participation) == 1
    store.workshops.update_settings(workshop.id, facilitator_votes=True)
    assert len(live_results(store, workshop.id, "en").participation) == 2


@pytest.mark.parametrize(
    "budget,given,used,left,voted", [(5, 0, 0, 5, False), (5, 3, 3, 2, True), (2, 3, 3, 0, True)]
)
def test_participation_shows_points_used_left_and_whether_someone_voted(
    store, workshop, budget, given, used, left, voted
):
    candidate = store.candidates.add(workshop.id, catalog_id="win_rate")
    store.workshops.update_settings(workshop.id, voting_open=True, vote_budget=5, per_kpi_cap=3)
    anna = store.participants.join(workshop.join_code, "Anna", "marketing")
    if given:
        store.votes.set_points(anna.id, candidate, given)
    # A lowered budget can leave someone over it: nothing left, still counted as voted.
    store.workshops.update_settings(workshop.id, vote_budget=budget, per_kpi_cap=min(3, budget))
    row = live_results(store, workshop.id, "en").participation.iloc[0]
    assert (row["points_used"], row["points_left"], bool(row["has_voted"])) == (used, left, voted)
