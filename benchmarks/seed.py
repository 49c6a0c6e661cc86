"""The large workshop the benchmarks measure, seeded through WorkshopStore in a temporary database.

120 participants, 150 candidates, 6,000 point allocations, 3 goals, a 5-KPI shortlist with 200
history entries, funnel figures and 24 months of measurements for the 5 shortlisted KPIs.

The 6,000 allocations (50 per participant) cannot come through `set_points`: the vote budget is at
most 20 points, so 120 people can place at most 2,400 allocations in one round. They are inserted
directly, in one write transaction, as rows `set_points` could have written under a higher budget:
1–3 points (the cap), approved candidates only, the current round, one row per participant and
candidate. Participants then count as over budget, a state the pages already handle (a lowered
budget). Everything else goes through the store's public API. A fixed random seed keeps runs alike.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from kpi_logic.catalog import load_catalog
from kpi_logic.db import write
from kpi_logic.domain import PARTICIPANT_TEAMS, STAGES
from kpi_logic.store import WorkshopStore

PIN = "471100"
BUDGET = 20
CAP = 3
SEED = 5
FIRST_MONTH = date(2025, 1, 1)
CUSTOM_WORDS = (
    ("Qualified demos", "Page views", "Reply rate", "Partner leads", "Newsletter sign-ups",
     "Webinar attendees", "Trial activations", "Follower growth", "Deal slippage", "Upsell pipeline"),
    ("per region", "per campaign", "per sales rep", "per quarter", "from events", "from search"),
)


@dataclass(frozen=True)
class Sizes:
    """How big the seeded workshop is and how often each benchmark repeats."""

    participants: int = 120
    candidates: int = 150
    allocations: int = 6_000
    goals: int = 3
    shortlist: int = 5
    history: int = 200
    months: int = 24
    status_kpis: int = 12
    tasks: int = 15
    reviews: int = 6
    page_runs: int = 20
    fragment_runs: int = 50
    core_runs: int = 20
    free_text_names: int = 1_000
    threads: int = 50
    processes: int = 4
    threads_per_process: int = 10
    votes_per_thread: int = 40
    scale_factors: tuple[int, ...] = (1, 4, 16)
    scale_runs: int = 10
    server_starts: int = 3
    sessions: int = 20
    clicks: int = 20
    # Streamlit's post-run garbage collection settings the browser benchmark compares.
    post_script_gc: tuple[bool, ...] = (True, False)
    # The capacity benchmark's room sizes, seconds idle and tapping per size, phones joining at once.
    capacity_steps: tuple[int, ...] = (50, 100, 200, 400)
    capacity_idle_s: float = 5.0
    capacity_tap_s: float = 25.0
    capacity_join_batch: int = 25

    def describe(self) -> str:
        return (f"{self.participants} participants, {self.candidates} candidates, "
                f"{self.allocations:,} allocations, {self.history} history entries, "
                f"{self.months} months × {self.shortlist} KPIs")


FULL = Sizes()
QUICK = Sizes(
    participants=6, candidates=8, allocations=24, shortlist=3, history=3, months=2, status_kpis=2,
    tasks=2, reviews=1, page_runs=2, fragment_runs=2, core_runs=2, free_text_names=10, threads=3,
    processes=2, threads_per_process=2, votes_per_thread=3, scale_factors=(1, 2), scale_runs=1,
    server_starts=1, sessions=2, clicks=1, post_script_gc=(False,),
    capacity_steps=(3,), capacity_idle_s=2.0, capacity_tap_s=5.0, capacity_join_batch=3,
)


@dataclass(frozen=True)
class Seeded:
    """The seeded workshop: its file and the ids the benchmarks need."""

    path: Path
    workshop_id: int
    join_code: str
    share_token: str
    participant_ids: tuple[int, ...]
    candidate_ids: tuple[int, ...]
    entry_ids: tuple[int, ...]


def custom_kpi_names(count: int) -> list[str]:
    """Distinct free-text KPI names of the kind participants type (some of them vanity metrics)."""
    first, second = CUSTOM_WORDS
    return [f"{first[i % len(first)]} {second[(i // len(first)) % len(second)]} #{i + 1}"
            for i in range(count)]


def _add_candidates(store: WorkshopStore, workshop_id: int, count: int) -> list[int]:
    catalog = load_catalog()
    ids = [store.candidates.add(workshop_id, kpi.id) for kpi in catalog[:count]]
    for index, name in enumerate(custom_kpi_names(count - len(ids))):
        ids.append(store.candidates.add(
            workshop_id, name=name, definition=f"Counted monthly by the team ({name}).",
            stage=STAGES[index % len(STAGES)], team=None,
        ))
    return ids


def insert_allocations(store: WorkshopStore, workshop_id: int, participant_ids: list[int],
                       candidate_ids: list[int], count: int, rng: random.Random) -> None:
    """`count` valid allocations spread evenly over the participants (see the module docstring)."""
    per_person, extra = divmod(count, len(participant_ids))
    rows = []
    for index, participant_id in enumerate(participant_ids):
        wanted = min(per_person + (index < extra), len(candidate_ids))
        for candidate_id in rng.sample(candidate_ids, wanted):
            rows.append((workshop_id, participant_id, candidate_id, rng.randint(1, CAP)))
    with write(store.db) as db:
        db.conn.executemany(
            "INSERT INTO votes (workshop_id, participant_id, candidate_id, round, points, updated_at) "
            "VALUES (?, ?, ?, 1, ?, '2025-01-15T10:00:00+00:00')",
            rows,
        )


def _add_shortlist(store: WorkshopStore, workshop_id: int, candidate_ids: list[int],
                   goal_ids: list[int], sizes: Sizes) -> list[int]:
    top = store.votes.results(workshop_id)["candidate_id"].head(sizes.shortlist).tolist()
    store.shortlist.set(workshop_id, top, actor="Moderation")
    entries = store.shortlist.list(workshop_id)
    owners = ("Eva Muster", "Luca Rossi", "Anna Keller", "Marc Dubois")
    for number in range(max(0, sizes.history - 1)):
        entry = entries[number % len(entries)]
        store.shortlist.update_entry(
            workshop_id, entry.id, "Moderation",
            owner=owners[number % len(owners)], baseline=100.0 + number, target=150.0 + number,
            target_date=date(2026, 12, 31), cadence="monthly", data_source="CRM",
            goal_ids=[goal_ids[number % len(goal_ids)]],
        )
    return [entry.id for entry in entries]


def _add_measurements(store: WorkshopStore, workshop_id: int, entry_ids: list[int], months: int,
                      rng: random.Random) -> None:
    rows = []
    for entry_id in entry_ids:
        value = 100.0
        for month in range(months):
            year, month_index = divmod(FIRST_MONTH.month - 1 + month, 12)
            value *= rng.uniform(0.97, 1.06)
            rows.append({"entry_id": entry_id, "period": date(FIRST_MONTH.year + year, month_index + 1, 1),
                         "value": round(value, 1)})
    store.measurements.add_many(workshop_id, rows)


def seed(path: Path, sizes: Sizes = FULL, vote_factor: int = 1) -> Seeded:
    """Seed the large workshop into a new database at `path`; `vote_factor` multiplies the votes.

    More votes need more voters (one row per participant and candidate), so the participant count
    grows with the factor and each participant keeps the same number of allocations.
    """
    rng = random.Random(SEED)
    sizes = replace(sizes, participants=sizes.participants * vote_factor,
                    allocations=sizes.allocations * vote_factor)
    store = WorkshopStore(path)
    workshop = store.workshops.create(
        "Benchmark-Workshop", facilitator_pin=PIN, vote_budget=BUDGET, per_kpi_cap=CAP, language="de",
        company="Benchmark AG", workshop_date=FIRST_MONTH,
    )
    wid = workshop.id
    goal_ids = [store.goals.add(wid, f"Ziel {number}", metric="Umsatz", baseline=100, target=120,
                               deadline=date(2026, 12, 31)).id for number in range(1, sizes.goals + 1)]
    store.status_quo.add_many(wid, [{"name": name, "current_value": "1'234"}
                                for name in custom_kpi_names(sizes.status_kpis)])
    participant_ids = [
        store.participants.join(workshop.join_code, f"Person {number:04d}",
                            PARTICIPANT_TEAMS[number % len(PARTICIPANT_TEAMS)]).id
        for number in range(1, sizes.participants + 1)
    ]
    candidate_ids = _add_candidates(store, wid, sizes.candidates)
    insert_allocations(store, wid, participant_ids, candidate_ids, sizes.allocations, rng)
    entry_ids = _add_shortlist(store, wid, candidate_ids, goal_ids, sizes)
    volumes = [50_000, 4_000, 1_200, 600, 240, 60, 50]
    store.funnel.set(wid, [{"stage": stage, "baseline_volume": volume, "target_volume": volume * 1.2,
                            "spend": 10_000.0 if index == 0 else None}
                           for index, (stage, volume) in enumerate(zip(STAGES, volumes))])
    _add_measurements(store, wid, entry_ids, sizes.months, rng)
    for number in range(sizes.tasks):
        store.tasks.add(wid, number % 5 + 1, f"Aufgabe {number + 1}", owner="Eva Muster",
                       due=date(2026, 1 + number % 12, 15), done=number % 3 == 0)
    for number in range(sizes.reviews):
        store.reviews.add(wid, date(2025, 3 + number, 28), "keep", participants="Eva, Luca",
                         candidate_id=candidate_ids[0], note="Auf Kurs.")
    store.close()
    return Seeded(path, wid, workshop.join_code, workshop.share_token, tuple(participant_ids),
                  tuple(candidate_ids), tuple(entry_ids))
