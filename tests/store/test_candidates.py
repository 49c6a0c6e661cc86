"""Rules of `store.candidates`: catalogue and custom KPIs, proposals and approval."""

from __future__ import annotations

import pytest

from kpi_logic.errors import InvalidInput, WrongWorkshop


def test_a_catalogue_kpi_is_a_candidate_only_once(store, ws, kpis):
    assert store.candidates.add(ws.id, catalog_id="win_rate") == kpis["win_rate"]
    assert len(store.candidates.list(ws.id)) == 3


def test_candidates_carry_catalogue_names_in_the_workshop_language(store, ws, kpis):
    names = {c.catalog_id: c.name for c in store.candidates.list(ws.id)}
    assert names["win_rate"] == "Gewinnquote (Win Rate)"
    store.workshops.update_settings(ws.id, language="en")
    assert {c.catalog_id: c.name for c in store.candidates.list(ws.id)}["win_rate"] == "Win rate"


@pytest.mark.parametrize(
    "arguments",
    [
        {"catalog_id": "no_such_kpi"},
        {},
        {"catalog_id": "win_rate", "name": "Both"},
        {"name": ""},
        {"name": "   "},
        {"name": "k" * 121},
        {"name": "Custom", "stage": "moon"},
        {"name": "Custom", "team": "leadership"},
        {"name": "Custom", "definition": "d" * 2001},
        {"name": "Custom", "status": "rejected"},
    ],
)
def test_bad_candidate_is_refused(store, ws, arguments):
    with pytest.raises(InvalidInput):
        store.candidates.add(ws.id, **arguments)
    assert store.candidates.list(ws.id, statuses=("approved", "pending", "rejected")) == []


def test_proposer_from_another_workshop_is_refused(store, ws, other_ws):
    stranger = store.participants.join(other_ws.join_code, "Eve", "other")
    with pytest.raises(WrongWorkshop):
        store.candidates.add(ws.id, name="Custom", proposed_by=stranger.id)


def test_proposed_kpis_wait_for_approval(store, ws, anna):
    proposal = store.candidates.add(ws.id, name="Angebote pro Monat", proposed_by=anna.id,
                                   status="pending")
    assert store.candidates.list(ws.id) == []
    assert [c.proposed_by for c in store.candidates.list(ws.id, statuses=("pending",))] == [anna.id]
    store.candidates.set_status(ws.id, proposal, "approved")
    assert [c.id for c in store.candidates.list(ws.id)] == [proposal]


def test_removed_candidate_takes_its_votes_along(store, ws, anna, kpis):
    store.votes.set_points(anna.id, kpis["cac"], 2)
    store.candidates.remove(ws.id, kpis["cac"])
    assert store.votes.points_of(anna.id) == {}
    assert kpis["cac"] not in set(store.votes.results(ws.id)["candidate_id"])
