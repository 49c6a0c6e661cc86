"""Many threads and processes voting at once on one file: no vote lost, no budget passed, no lock error."""

from __future__ import annotations

import multiprocessing
import random
import threading
from pathlib import Path

import pytest

from kpi_logic.errors import VoteBudgetExceeded
from kpi_logic.store import WorkshopStore

THREADS = 32
PROCESSES = 4
CHANGES = 50
PARTICIPANTS_PER_PROCESS = 4
BUDGET, CAP = 5, 3
CANDIDATES = ("win_rate", "cac", "cost_per_lead", "mql_to_sql_rate", "churn_rate", "clv")
TEAMS = ("marketing", "sales", "leadership", "other")

pytestmark = pytest.mark.timeout(60)

Expected = dict[tuple[int, int], int]


def vote_randomly(store: WorkshopStore, participant_ids: list[int], candidate_ids: list[int],
                  seed: int, start: threading.Barrier) -> tuple[Expected, list[str]]:
    """Random point changes by participants only this writer uses, once every writer is ready.

    Returns the last accepted value per (participant, candidate) and every unexpected error.
    """
    rng = random.Random(seed)
    start.wait(timeout=40)
    expected: Expected = {}
    errors: list[str] = []
    for _ in range(CHANGES):
        key = (rng.choice(participant_ids), rng.choice(candidate_ids))
        points = rng.randint(0, CAP)
        try:
            store.votes.set_points(*key, points)
        except VoteBudgetExceeded:
            continue
        except Exception as error:  # anything else (e.g. "database is locked") fails the test
            errors.append(repr(error))
            continue
        expected[key] = points
    return expected, errors


def process_writer(path: str, participant_ids: list[int], candidate_ids: list[int], seed: int,
                   start: threading.Barrier, outcomes: multiprocessing.Queue) -> None:
    """One spawned process: its own store on the same file, voting for its own participants."""
    store = WorkshopStore(Path(path))
    outcomes.put(vote_randomly(store, participant_ids, candidate_ids, seed, start))


@pytest.fixture
def voting_workshop(tmp_path):
    store = WorkshopStore(tmp_path / "workshop.db")
    ws = store.workshops.create("Last", facilitator_pin="471100", vote_budget=BUDGET, per_kpi_cap=CAP)
    candidate_ids = [store.candidates.add(ws.id, catalog_id=kpi) for kpi in CANDIDATES]
    people = [
        store.participants.join(ws.join_code, f"Person {i}", TEAMS[i % len(TEAMS)]).id
        for i in range(THREADS + PROCESSES * PARTICIPANTS_PER_PROCESS)
    ]
    return store, ws, candidate_ids, people


def test_concurrent_threads_and_processes_lose_no_vote_and_pass_no_budget(voting_workshop):
    store, ws, candidate_ids, people = voting_workshop
    thread_people, process_people = people[:THREADS], people[THREADS:]
    results: list[tuple[Expected, list[str]]] = []
    lock = threading.Lock()

    context = multiprocessing.get_context("spawn")
    # One barrier for threads and processes alike, so all writers really write at the same time.
    start = context.Barrier(THREADS + PROCESSES)
    outcomes = context.Queue()

    def thread_writer(index: int) -> None:
        outcome = vote_randomly(store, [thread_people[index]], candidate_ids, index, start)
        with lock:
            results.append(outcome)

    processes = [
        context.Process(
            target=process_writer,
            args=(str(store.path),
                  process_people[i * PARTICIPANTS_PER_PROCESS:(i + 1) * PARTICIPANTS_PER_PROCESS],
                  candidate_ids, 1000 + i, start, outcomes),
        )
        for i in range(PROCESSES)
    ]
    threads = [threading.Thread(target=thread_writer, args=(i,)) for i in range(THREADS)]
    for worker in processes + threads:
        worker.start()
    for thread in threads:
        thread.join()
    results.extend(outcomes.get(timeout=50) for _ in processes)
    for process in processes:
        process.join(timeout=10)
        assert process.exitcode == 0

    assert len(results) == THREADS + PROCESSES
    errors = [error for _, writer_errors in results for error in writer_errors]
    assert errors == []
    expected = {key: points for writer, _ in results for key, points in writer.items()}
    stored = {
        (row["participant_id"], row["candidate_id"]): row["points"]
        for row in store.db.query("SELECT participant_id, candidate_id, points FROM votes")
    }
    assert stored == {key: points for key, points in expected.items() if points}

    over_budget = list(store.db.query(
        "SELECT participant_id, SUM(points) AS total FROM votes GROUP BY participant_id "
        "HAVING total > ?", [BUDGET]))
    assert over_budget == []

    direct = {
        row["candidate_id"]: row["total"]
        for row in store.db.query(
            "SELECT candidate_id, SUM(points) AS total FROM votes WHERE workshop_id = ? "
            "GROUP BY candidate_id", [ws.id])
    }
    shown = store.votes.results(ws.id).set_index("candidate_id")["points"]
    assert {cid: int(points) for cid, points in shown.items()} == {
        cid: direct.get(cid, 0) for cid in candidate_ids}
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
