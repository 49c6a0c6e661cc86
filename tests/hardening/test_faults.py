"""Faults: the database read-only, full, deleted or locked by another program, and a server killed in
the middle of voting. Each gives a clear message, the app stays up and nothing already stored is lost."""

from __future__ import annotations

import contextlib
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kpi_logic import db as db_module
from kpi_logic.errors import StorageError
from kpi_logic.i18n import t
from kpi_logic.store import WorkshopStore
from tests.hardening.chromium import run_with_chromium
from tests.support import FACILITATOR_PIN, page_app

LANGUAGE = "de"
STORAGE_MESSAGE = t(LANGUAGE, "error.storage", detail="|").split("|")[0]
LONG_TEXT = "Beschreibung " * 150  # ~2000 characters: two such rows never share one database page


@pytest.fixture
def fault(monkeypatch) -> Iterator[list[str]]:
    """Pragmas every new connection of the app runs: a fault switched on for the app, not the test."""
    pragmas: list[str] = []
    original = db_module.open_database

    def open_with_fault(path: Path, create: bool = False):
        database = original(path, create)
        for pragma in pragmas:
            database.execute(pragma)
        return database

    monkeypatch.setattr(db_module, "open_database", open_with_fault)
    yield pragmas


def _add_status_kpi(app, name: str, description: str = ""):
    app.text_input(key="status_new_name").set_value(name)
    app.text_area(key="status_new_description").set_value(description)
    label = t(LANGUAGE, "status_quo.add.submit")
    next(button for button in app.button if button.label == label).click()
    return app.run()


def _storage_errors(app) -> list[str]:
    return [error.value for error in app.error if error.value.startswith(STORAGE_MESSAGE)]


def _open(workshop):
    return page_app("pages/status_quo.py", workshop_id=workshop.id, language=LANGUAGE).run()


@pytest.fixture
def kept(db_path):
    """A workshop with one KPI written before the fault; a separate store reads the file afterwards."""
    store = WorkshopStore(db_path)
    workshop = store.workshops.create("Störung", facilitator_pin=FACILITATOR_PIN, language=LANGUAGE)
    store.status_quo.add(workshop.id, "Leads pro Monat")
    return workshop


def _names(db_path, workshop) -> list[str]:
    """What the file holds, read with plain sqlite3 (the app's faulty connections stay out of it)."""
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        rows = conn.execute("SELECT name FROM status_kpis WHERE workshop_id = ? ORDER BY id", [workshop.id])
        return [name for (name,) in rows]


def test_a_read_only_database_gives_a_clear_message_and_keeps_what_is_stored(db_path, kept, fault):
    fault.append("PRAGMA query_only = ON")
    app = _open(kept)
    if not _storage_errors(app):  # the page could still read: the write is what fails
        app = _add_status_kpi(app, "Neu")
    assert not app.exception
    assert _storage_errors(app)
    assert _names(db_path, kept) == ["Leads pro Monat"]
    fault.clear()  # the file is writable again: the next rerun works, nothing to restart
    app = _add_status_kpi(app.run(), "Wieder da")
    assert not app.exception and not _storage_errors(app)
    assert _names(db_path, kept) == ["Leads pro Monat", "Wieder da"]


def test_a_full_disk_gives_a_clear_message_and_keeps_every_row_stored_before(db_path, kept, fault):
    fault.append("PRAGMA max_page_count = 1")  # never below the file's size: it is full as it is
    app = _open(kept)
    accepted = ["Leads pro Monat"]
    for number in range(4):
        app = _add_status_kpi(app, f"KPI {number}", LONG_TEXT)
        assert not app.exception
        if _storage_errors(app):
            break
        accepted.append(f"KPI {number}")
    assert _storage_errors(app), "the disk never filled up"
    assert _names(db_path, kept) == accepted
    assert not app.run().exception


def test_a_deleted_database_file_gives_a_clear_message_and_the_app_stays_up(db_path, kept):
    app = _open(kept)
    for leftover in db_path.parent.glob(db_path.name + "*"):
        leftover.unlink()
    app = _add_status_kpi(app, "Nach dem Löschen")
    assert not app.exception
    assert _storage_errors(app)
    assert not app.run().exception


HOLD_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
"""


def test_a_database_locked_by_another_program_gives_a_message_then_works_again(
    db_path, kept, monkeypatch
):
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 100)  # shorter than the lock is held
    monkeypatch.setattr(db_module, "LOCK_RETRIES", 2)
    app = _open(kept)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(db_path), "3"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        app = _add_status_kpi(app, "Während der Sperre")
        assert not app.exception
        assert _storage_errors(app)
    finally:
        holder.wait(timeout=10)
    assert _names(db_path, kept) == ["Leads pro Monat"]
    app = _add_status_kpi(app, "Nach der Sperre")
    assert not app.exception and not _storage_errors(app)
    assert _names(db_path, kept) == ["Leads pro Monat", "Nach der Sperre"]


def test_a_storage_fault_in_the_store_is_a_storage_error_not_a_crash(tmp_path):
    store = WorkshopStore(tmp_path / "w.db")
    workshop = store.workshops.create("Voll", facilitator_pin=FACILITATOR_PIN)
    store.db.execute("PRAGMA max_page_count = 1")
    stored = []
    with pytest.raises(StorageError):
        for number in range(10):
            store.status_quo.add(workshop.id, f"KPI {number}", description=LONG_TEXT)
            stored.append(f"KPI {number}")
    assert [kpi.name for kpi in store.status_quo.list(workshop.id)] == stored


# ---------------------------------------------------------------- server killed while people vote


@pytest.mark.browser
def test_a_server_killed_mid_vote_loses_no_vote_and_voting_goes_on_after_rejoining(tmp_path):
    run_with_chromium(lambda browser: _restart_scenario(tmp_path, browser))


def _restart_scenario(tmp_path, browser) -> None:
    from playwright.sync_api import expect

    from tests.browser.conftest import start_server, stop_server
    from tests.browser.test_journey import MARKETING, SALES, close, kpi_name, new_app, tap

    db_path = tmp_path / "restart.db"
    store = WorkshopStore(db_path)
    workshop = store.workshops.create("Neustart", facilitator_pin=FACILITATOR_PIN, language="en")
    store.goals.add(workshop.id, "Umsatz")
    kpis = {catalog_id: store.candidates.add(workshop.id, catalog_id) for catalog_id in ("win_rate", "cac")}
    store.close()

    def join(server, voter):
        app = new_app(browser, server)
        app.open(f"?join={workshop.join_code}")
        form = app.form("start.join.submit")
        app.field("start.join.name", form).fill(voter.name)
        app.choose("start.join.team", voter.team.capitalize())
        form.get_by_role("button", name=app.t("start.join.submit"), exact=True).click()
        app.expect_page("voting")
        return app

    server = start_server(db_path)
    try:
        apps = {voter.name: join(server, voter) for voter in (MARKETING, SALES)}
        tap(apps[MARKETING.name], "win_rate", 3)
        tap(apps[SALES.name], "cac", 2)
        for app, catalog_id, points in ((apps[MARKETING.name], "win_rate", 3), (apps[SALES.name], "cac", 2)):
            expect(app.points_control(kpi_name(catalog_id)).locator('[role="radio"][aria-checked="true"]')
                   ).to_have_text(str(points))
        marketing_link = apps[MARKETING.name].page.url  # carries the phone's re-join secret
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and WorkshopStore(db_path).votes.results(workshop.id)["points"].sum() < 5:
            time.sleep(0.2)
        server.process.kill()  # kill -9: no shutdown, no flush
        server.process.wait(timeout=10)
        for app in apps.values():
            close(app)
    finally:
        if server.process.poll() is None:
            stop_server(server)

    server = start_server(db_path)
    try:
        app = new_app(browser, server)  # the phone reopens its own link: back as the same person
        app.page.goto(marketing_link.replace(marketing_link.split("/voting")[0], server.url))
        app.expect_page("voting")
        pressed = '[role="radio"][aria-checked="true"]'
        expect(app.points_control(kpi_name("win_rate")).locator(pressed)).to_have_text("3")
        tap(app, "cac", 1)
        expect(app.points_control(kpi_name("cac")).locator(pressed)).to_have_text("1")
        assert not app.errors().count()
        close(app)
    finally:
        stop_server(server)
    reader = WorkshopStore(db_path)
    points = reader.votes.table(workshop.id).set_index(["participant", "candidate_id"])["points"].to_dict()
    assert points == {(MARKETING.name, kpis["win_rate"]): 3, (MARKETING.name, kpis["cac"]): 1,
                      (SALES.name, kpis["cac"]): 2}
    assert kpi_name("win_rate")
