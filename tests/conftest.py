"""Shared fixtures: a fresh database file per test, a workshop in it, and pages under AppTest."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kpi_logic.store import WorkshopStore
from ui import session

PROJECT_ROOT = Path(__file__).resolve().parent.parent
APP_TIMEOUT_S = 30
FACILITATOR_PIN = "4711"


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


def page_app(
    page: str,
    *,
    workshop_id: int | None = None,
    role: str | None = None,
    participant_id: int | None = None,
    language: str = "en",
) -> AppTest:
    """An AppTest of one page file (e.g. "pages/goals.py") for a session in `role`; call .run()."""
    app = AppTest.from_file(str(PROJECT_ROOT / page), default_timeout=APP_TIMEOUT_S)
    app.session_state[session.LANGUAGE] = language
    if workshop_id is not None:
        app.session_state[session.WORKSHOP_ID] = workshop_id
        app.session_state[session.ROLE] = role or session.FACILITATOR
        app.session_state[session.PARTICIPANT_ID] = participant_id
    return app
