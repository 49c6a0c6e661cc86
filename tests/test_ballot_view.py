"""The phone ballot's read model: points left, choices that never overspend, texts for the reader's role."""

import pytest

from kpi_logic import voting
from kpi_logic.ballot_view import ballot
from kpi_logic.errors import VoteBudgetExceeded
from kpi_logic.i18n import t

NOW = 1_000_000.0


@pytest.fixture
def room(store, workshop):
    """Voting open (budget 5, cap 3) on a catalogue KPI and a custom one; one participant."""
    ids = [store.candidates.add(workshop.id, catalog_id="win_rate"),
           store.candidates.add(workshop.id, name="Demo-to-deal rate", definition="Demos that become deals")]
    store.workshops.update_settings(workshop.id, voting_open=True, vote_budget=5, per_kpi_cap=3)
    anna = store.participants.join(workshop.join_code, "Anna", "marketing")
    return workshop, ids, anna


def test_ballot_names_catalogue_kpis_in_the_reader_language_with_their_definition(store, room):
    workshop, ids, anna = room
    rows = {row.candidate_id: row for row in ballot(store, workshop.id, anna.id, "en", NOW).rows}
    assert rows[ids[0]].name == "Win rate" and rows[ids[0]].definition and rows[ids[0]].formula
    assert rows[ids[1]].definition == "Demos that become deals"
    assert rows[ids[1]].details == t("en", "voting.custom_kpi")


def test_ballot_marks_values_that_would_overspend_as_unavailable(store, room):
    workshop, ids, anna = room
    store.votes.set_points(anna.id, ids[0], 3)
    view = ballot(store, workshop.id, anna.id, "en", NOW)
    rows = {row.candidate_id: row for row in view.rows}
    assert (view.used, view.points_left, view.over_budget) == (3, 2, False)
    assert rows[ids[0]].choices == (0, 1, 2, 3) and rows[ids[0]].unavailable == ()
    assert rows[ids[1]].choices == (0, 1, 2, 3) and rows[ids[1]].unavailable == (3,)


@pytest.mark.parametrize("points,left,cap", [(0, 5, 3), (2, 1, 3), (3, 0, 3), (3, 0, 2), (0, 0, 3), (1, 4, 1)])
def test_allowed_points_are_exactly_what_check_allocation_accepts(points, left, cap):
    budget = points + left
    current = {1: points}
    accepted = []
    for value in range(0, max(cap, points) + 2):
        try:
            voting.check_allocation(current, 1, value, budget, cap)
        except VoteBudgetExceeded:
            continue
        accepted.append(value)
    # The points already held stay on offer (a tap on them changes nothing), past a lowered cap too.
    assert voting.allowed_points(points, left, cap) == tuple(sorted({*accepted, points}))


def test_closed_ballot_says_why_for_the_reader_role(store, room):
    workshop, _, anna = room
    store.workshops.update_settings(workshop.id, voting_open=False)
    participant = ballot(store, workshop.id, anna.id, "de", NOW)
    assert participant.closed == t("de", "voting.closed")
    facilitator = store.participants.facilitator(workshop.id)
    assert ballot(store, workshop.id, facilitator.id, "de", NOW, is_facilitator=True).closed == t(
        "de", "voting.closed.for_facilitator")
    assert ballot(store, workshop.id, None, "de", NOW, is_facilitator=True).closed == t(
        "de", "voting.closed.facilitator")


def test_countdown_shows_seconds_left_and_closes_the_ballot_when_it_ran_out(store, room):
    workshop, _, anna = room
    store.goals.add(workshop.id, "Grow new-customer revenue")
    store.workshops.start_countdown(workshop.id, 120)
    ends_at = store.workshops.get(workshop.id).timer_ends_at
    running = ballot(store, workshop.id, anna.id, "en", ends_at - 90.5)
    assert (running.seconds_left, running.closed) == (91, None)
    over = ballot(store, workshop.id, anna.id, "en", ends_at + 1)
    assert over.closed == t("en", "voting.closed.time_up")


def test_spent_budget_and_done_are_told_apart(store, room):
    workshop, ids, anna = room
    store.votes.set_points(anna.id, ids[0], 3)
    store.votes.set_points(anna.id, ids[1], 2)
    view = ballot(store, workshop.id, anna.id, "en", NOW)
    assert view.spent and not view.done
    store.participants.set_done(anna.id, True)
    assert ballot(store, workshop.id, anna.id, "en", NOW).done


def test_runoff_ballot_holds_only_the_finalists(store, room):
    workshop, ids, anna = room
    store.votes.set_points(anna.id, ids[1], 2)
    store.votes.start_runoff(workshop.id, 1)
    assert [row.candidate_id for row in ballot(store, workshop.id, anna.id, "en", NOW).rows] == [ids[1]]


@pytest.mark.parametrize("facilitator,key", [(False, "voting.no_candidates"),
                                             (True, "voting.no_candidates.for_facilitator")])
def test_empty_ballot_says_what_the_reader_can_do(store, workshop, facilitator, key):
    assert ballot(store, workshop.id, None, "en", NOW, is_facilitator=facilitator).empty == t("en", key)
