"""Shared fixtures: a fresh database file per test and a workshop in it."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
import streamlit as st

from kpi_logic.store import WorkshopStore
from tests.support import FACILITATOR_PIN


@pytest.fixture(autouse=True)
def plain_main_module(monkeypatch) -> None:
    """AppTest leaves a page script as ``__main__``; a spawned process would run that page again
    while it starts (and a Pool then waits forever), so every test starts from a neutral one."""
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))


@pytest.fixture(autouse=True)
def fresh_server_caches() -> None:
    """Each test is a fresh server: no cached store of another test's file, no counted wrong codes."""
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def db_path(tmp_path, monkeypatch) -> Path:
    """A fresh database file, also the one the app's pages open (via KPI_WORKSHOP_DB)."""
    path = tmp_path / "workshop.db"
    monkeypatch.setenv("KPI_WORKSHOP_DB", str(path))
    return path


@pytest.fixture
def store(db_path) -> WorkshopStore:
    return WorkshopStore(db_path)


@pytest.fixture
def workshop(store):
    # Live totals (not the blind default): most page tests look at the ranking.
    return store.workshops.create("Frühjahr 2027", facilitator_pin=FACILITATOR_PIN, language="de",
                                  results_hidden=False)


@pytest.fixture
def voting_room(store, workshop):
    """A goal, voting open, two catalogue candidates (win rate, churn rate) and three participants."""
    store.goals.add(workshop.id, "Neukundenumsatz +20 %")
    store.workshops.update_settings(workshop.id, voting_open=True)
    candidates = tuple(store.candidates.add(workshop.id, catalog_id=kpi) for kpi in ("win_rate", "churn_rate"))
    people = tuple(store.participants.join(workshop.join_code, name, team)
                   for name, team in (("Anna", "marketing"), ("Luca", "sales"), ("Sara", "sales")))
    return workshop, candidates, people
