"""Load: 30 simulated participants (threads and two processes) change their votes through the store
for a minute while 5 real browser sessions vote and a facilitator's results screen refreshes live.
Every accepted vote is stored, no error reaches anyone, and the screen ends equal to the database.

KPI_LOAD_SECONDS shortens the minute for a quick local run.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import threading
import time
from collections import Counter

import pytest

from kpi_logic.domain import TEAM_LABELS, label
from kpi_logic.errors import VoteBudgetExceeded
from kpi_logic.store import WorkshopStore
from tests.browser.conftest import start_server, stop_server
from tests.browser.helpers import App, script_idle
from tests.browser.test_journey import close, kpi_name, new_app, tap
from tests.hardening.chromium import run_with_chromium
from tests.support import FACILITATOR_PIN

pytestmark = pytest.mark.browser

SECONDS = float(os.environ.get("KPI_LOAD_SECONDS", "60"))
CANDIDATES = ("win_rate", "cac", "cost_per_lead", "mql_to_sql_rate", "pipeline_velocity", "churn_rate")
BROWSER_CANDIDATES = CANDIDATES[:3]  # 3 × cap 3 ≤ budget: a browser voter is never refused
BUDGET, CAP = 10, 3
THREAD_VOTERS, PROCESSES, PER_PROCESS, BROWSER_VOTERS = 26, 2, 2, 5
TEAMS = ("marketing", "sales", "leadership", "other")
SETTLE_S = 15

WRITER = """
import json, random, sys, time
from kpi_logic.errors import VoteBudgetExceeded
from kpi_logic.store import WorkshopStore
path, seconds, people, kpis = sys.argv[1], float(sys.argv[2]), json.loads(sys.argv[3]), json.loads(sys.argv[4])
store, last, errors, rng = WorkshopStore(path), {}, [], random.Random(sys.argv[3])
deadline = time.monotonic() + seconds
while time.monotonic() < deadline:
    person, kpi, points = rng.choice(people), rng.choice(kpis), rng.randint(0, 3)
    try:
        store.votes.set_points(person, kpi, points)
        last[f"{person}:{kpi}"] = points
    except VoteBudgetExceeded:
        pass
    except Exception as error:
        errors.append(repr(error))
    time.sleep(rng.uniform(0.01, 0.1))
print(json.dumps({"last": last, "errors": errors}))
"""


def _writer_thread(store: WorkshopStore, person: int, kpis: list[int], deadline: float,
                   last: dict, errors: list) -> None:
    rng = random.Random(person)
    while time.monotonic() < deadline:
        kpi, points = rng.choice(kpis), rng.randint(0, CAP)
        try:
            store.votes.set_points(person, kpi, points)
            last[(person, kpi)] = points
        except VoteBudgetExceeded:
            pass  # a refusal the voter is told about, not an accepted vote
        except Exception as error:  # noqa: BLE001 - any other failure is what this test looks for
            errors.append(repr(error))
        time.sleep(rng.uniform(0.05, 0.4))


def _join(browser, server, code: str, name: str, team: str) -> App:
    app = new_app(browser, server)
    app.open(f"?join={code}")
    form = app.form("start.join.submit")
    app.field("start.join.name", form).fill(name)
    app.choose("start.join.team", label(TEAM_LABELS, team, app.language))
    form.get_by_role("button", name=app.t("start.join.submit"), exact=True).click()
    app.expect_page("voting")
    return app


def _facilitator(browser, server, code: str) -> App:
    app = new_app(browser, server)
    app.open()
    app.main.get_by_role("tab", name=app.t("start.tab.unlock")).click()
    form = app.form("start.unlock.submit")
    app.field("start.join.code", form).fill(code)
    app.field("start.unlock.pin", form).fill(FACILITATOR_PIN)
    form.get_by_role("button", name=app.t("start.unlock.submit"), exact=True).click()
    script_idle(app.page)
    app.go("results")
    return app


def _errors_shown(app: App) -> int:
    return app.errors().count() + app.page.get_by_test_id("stAlertContentError").count()


def _screen_totals(app: App) -> Counter:
    """Points per (KPI, team) as the facilitator's ranking chart draws them (from its bar labels,
    "Points: 3; …; KPI: 1. Win rate; Team: Sales")."""
    points_key, kpi_key, team_key = (app.t(f"results.chart.{key}") for key in ("points", "kpi", "team"))
    chart = app.main.get_by_test_id("stVegaLiteChart").first
    totals: Counter = Counter()
    for text in chart.locator(f'[aria-label^="{points_key}: "]').evaluate_all(
        "bars => bars.map(bar => bar.getAttribute('aria-label'))"
    ):
        fields = dict(part.split(": ", 1) for part in text.split("; ") if ": " in part)
        kpi = re.sub(r"^\d+(\.| =) ", "", fields.get(kpi_key, ""))  # "2. Win rate" or a tie, "2 = Win rate"
        if int(fields[points_key]):
            totals[(kpi, fields.get(team_key))] += int(fields[points_key])
    return totals


def _database_totals(store: WorkshopStore, workshop_id: int, app: App) -> Counter:
    totals: Counter = Counter()
    for row in store.votes.results(workshop_id).itertuples():
        for team in TEAMS:
            points = getattr(row, f"points_{team}")
            if points:
                totals[(row.name, label(TEAM_LABELS, team, app.language))] += points
    return totals


def test_thirty_writers_and_five_browsers_lose_no_vote_and_the_screen_ends_equal_to_the_file(tmp_path):
    run_with_chromium(lambda browser: _load_scenario(tmp_path, browser))


def _load_scenario(tmp_path, browser) -> None:
    db_path = tmp_path / "load.db"
    store = WorkshopStore(db_path)
    workshop = store.workshops.create("Last", facilitator_pin=FACILITATOR_PIN, language="en",
                                     vote_budget=BUDGET, per_kpi_cap=CAP)
    store.goals.add(workshop.id, "Umsatz")
    kpis = {catalog_id: store.candidates.add(workshop.id, catalog_id) for catalog_id in CANDIDATES}
    people = [store.participants.join(workshop.join_code, f"Sim {i}", TEAMS[i % 4]).id
              for i in range(THREAD_VOTERS + PROCESSES * PER_PROCESS)]
    server = start_server(db_path)
    apps: list[App] = []
    try:
        facilitator = _facilitator(browser, server, workshop.join_code)
        voters = [(f"Browser {i}", _join(browser, server, workshop.join_code, f"Browser {i}", TEAMS[i % 4]))
                  for i in range(BROWSER_VOTERS)]
        apps = [facilitator] + [app for _, app in voters]

        deadline = time.monotonic() + SECONDS
        last: dict = {}
        errors: list = []
        threads = [threading.Thread(target=_writer_thread,
                                    args=(store, person, list(kpis.values()), deadline, last, errors))
                   for person in people[:THREAD_VOTERS]]
        processes = [
            subprocess.Popen(
                [sys.executable, "-c", WRITER, str(db_path), str(SECONDS),
                 json.dumps(people[THREAD_VOTERS + n * PER_PROCESS:THREAD_VOTERS + (n + 1) * PER_PROCESS]),
                 json.dumps(list(kpis.values()))],
                stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": os.getcwd()},
            )
            for n in range(PROCESSES)
        ]
        for thread in threads:
            thread.start()

        tapped: dict[tuple[str, str], int] = {}
        rng = random.Random(7)
        while time.monotonic() < deadline:
            for name, app in voters:
                catalog_id, points = rng.choice(BROWSER_CANDIDATES), rng.randint(0, CAP)
                tap(app, catalog_id, points)
                script_idle(app.page)  # a tap past the budget is refused; the end compares screen and file
                tapped[(name, catalog_id)] = points
                assert _errors_shown(app) == 0, f"{name} sees an error"
            assert _errors_shown(facilitator) == 0, "the facilitator screen shows an error"

        for thread in threads:
            thread.join()
        for process in processes:
            out, _ = process.communicate(timeout=60)
            result = json.loads(out)
            errors += result["errors"]
            last.update({tuple(int(part) for part in key.split(":")): value
                         for key, value in result["last"].items()})
        assert errors == [], errors[:5]

        stored = {(row.participant_id, row.candidate_id): row.points
                  for row in store.votes.table(workshop.id).itertuples()}
        for (person, kpi), points in last.items():
            assert stored.get((person, kpi), 0) == points, f"participant {person}, KPI {kpi}"
        by_name = {p.name: p.id for p in store.participants.list(workshop.id)}
        for (name, catalog_id), points in tapped.items():
            assert stored.get((by_name[name], kpis[catalog_id]), 0) == points, f"{name}, {catalog_id}"

        expected = _database_totals(store, workshop.id, facilitator)
        settle = time.monotonic() + SETTLE_S
        while _screen_totals(facilitator) != expected and time.monotonic() < settle:
            time.sleep(0.5)
        assert _screen_totals(facilitator) == expected
        assert _errors_shown(facilitator) == 0
        assert sum(expected.values()) > 0 and kpi_name("win_rate")
    finally:
        for app in apps:
            close(app)
        stop_server(server)
