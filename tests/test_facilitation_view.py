"""The facilitation read model: the roster without the facilitator's ballot, who is over budget, and
which errors finalising would leave open."""

from __future__ import annotations

from kpi_logic.facilitation_view import facilitation_view


def test_roster_rows_carry_done_and_points_and_leave_out_the_facilitator(store, workshop):
    candidate = store.candidates.add(workshop.id, catalog_id="win_rate")
    anna = store.participants.join(workshop.join_code, "Anna", "marketing")
    store.participants.join(workshop.join_code, "Luca", "sales")
    store.participants.facilitator(workshop.id)
    store.votes.set_points(anna.id, candidate, 3)
    store.participants.set_done(anna.id, True)
    view = facilitation_view(store, workshop.id, "en")
    assert [(row.name, row.team, row.done, row.points_used) for row in view.roster] == [
        ("Anna", "marketing", True, 3), ("Luca", "sales", False, 0)]
    assert (view.progress.done, view.progress.total) == (1, 2)


def test_those_over_a_lowered_budget_are_named(store, workshop):
    candidate = store.candidates.add(workshop.id, catalog_id="win_rate")
    anna = store.participants.join(workshop.join_code, "Anna", "marketing")
    store.votes.set_points(anna.id, candidate, 3)
    store.workshops.update_settings(workshop.id, vote_budget=2, per_kpi_cap=2)
    assert facilitation_view(store, workshop.id, "en").over_budget == ("Anna",)


def test_finalising_would_leave_a_vanity_metric_open(store, workshop):
    store.goals.add(workshop.id, "Neukundenumsatz +20 %")
    ids = [store.candidates.add(workshop.id, kpi) for kpi in ("win_rate", "cac", "page_views")]
    store.shortlist.set(workshop.id, ids, "Moderation")
    view = facilitation_view(store, workshop.id, "en")
    assert view.shortlist_count == 3
    assert any("Page views" in error for error in view.open_errors)


def test_an_empty_shortlist_has_no_open_errors_to_list(store, workshop):
    view = facilitation_view(store, workshop.id, "en")
    assert (view.shortlist_count, view.open_errors) == (0, ())


def test_voting_may_open_only_with_a_goal(store, workshop):
    assert not facilitation_view(store, workshop.id, "en").may_open
    store.goals.add(workshop.id, "Neukundenumsatz +20 %")
    assert facilitation_view(store, workshop.id, "en").may_open


def test_the_run_off_pool_is_this_rounds_approved_candidates(store, workshop):
    """Counted from the candidates, as the results rank them: pending ones and those out of the run-off do not count."""
    ids = [store.candidates.add(workshop.id, kpi) for kpi in ("win_rate", "cac", "page_views")]
    store.candidates.add(workshop.id, name="Demo-to-deal rate", status="pending")
    anna = store.participants.join(workshop.join_code, "Anna", "marketing")
    store.votes.set_points(anna.id, ids[0], 2)
    store.votes.set_points(anna.id, ids[1], 1)
    assert facilitation_view(store, workshop.id, "en").runoff_pool == len(store.votes.results(workshop.id)) == 3
    store.votes.start_runoff(workshop.id, 2)
    view = facilitation_view(store, workshop.id, "en")
    assert view.runoff_pool == len(store.votes.results(workshop.id)) == 2
    assert [candidate.name for candidate in view.pending] == ["Demo-to-deal rate"]
