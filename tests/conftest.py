"""Shared fixtures: a fresh database file per test and a workshop in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kpi_logic.store import WorkshopStore
from tests.support import FACILITATOR_PIN


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
    return store.create_workshop("Frühjahr 2027", facilitator_pin=FACILITATOR_PIN, language="de")
