"""Workshops, participants and candidates the store's tests share; `store` is tests/conftest.py's."""

from __future__ import annotations

import pytest

from tests.store.support import PIN


@pytest.fixture
def ws(store):
    return store.workshops.create("Frühjahr 2027", facilitator_pin=PIN, vote_budget=5, per_kpi_cap=3)


@pytest.fixture
def other_ws(store):
    return store.workshops.create("Herbst 2027", facilitator_pin=PIN)


@pytest.fixture
def anna(store, ws):
    return store.participants.join(ws.join_code, "Anna", "marketing")


@pytest.fixture
def ben(store, ws):
    return store.participants.join(ws.join_code, "Ben", "sales")


@pytest.fixture
def kpis(store, ws) -> dict[str, int]:
    """Three approved candidates: two from the catalogue, one custom."""
    return {
        "win_rate": store.candidates.add(ws.id, catalog_id="win_rate"),
        "cac": store.candidates.add(ws.id, catalog_id="cac"),
        "custom": store.candidates.add(ws.id, name="Demo-Termine pro Woche", stage="opportunity"),
    }


@pytest.fixture
def full_workshop(store, ws, anna, ben, kpis):
    """A workshop with something in every table."""
    goal = store.goals.add(ws.id, "Umsatz +10 %", metric="CHF", baseline=1e6, target=1.1e6,
                          deadline="2027-12-31")
    store.status_quo.add(ws.id, "Follower", description="Instagram", current_value="12k",
                         verdict="vanity")
    store.candidates.add(ws.id, name="Idee", proposed_by=anna.id, status="pending")
    store.votes.set_points(anna.id, kpis["win_rate"], 3)
    store.votes.set_points(ben.id, kpis["cac"], 2)
    store.shortlist.set(ws.id, [kpis["win_rate"], kpis["custom"]], "Anna")
    entry = store.shortlist.list(ws.id)[0]
    store.shortlist.update_entry(ws.id, entry.id, "Ben", owner="Ben", baseline=0.2, target=0.25,
                                 target_date="2027-12-31", cadence="monthly",
                                 data_source="CRM", goal_ids=[goal.id])
    store.funnel.set(ws.id, [{"stage": "lead", "baseline_volume": 400, "target_volume": 500,
                              "spend": 8000.5}])
    store.measurements.add(ws.id, entry.id, "2027-01-31", 0.21, note="Start")
    store.tasks.add(ws.id, 3, "Dashboard", owner="Anna", due="2027-02-01")
    store.reviews.add(ws.id, "2027-03-31", "keep", candidate_id=kpis["win_rate"])
    store.workshops.update_settings(ws.id, phase="shortlist", anonymous=True, company="Muster AG")
    return ws
