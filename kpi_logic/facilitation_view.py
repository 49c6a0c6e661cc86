"""What the facilitation page shows: the roster, the countdown, and what finalising would leave open."""

from __future__ import annotations

from dataclasses import dataclass

from kpi_logic import voting
from kpi_logic.catalog import catalog_by_id
from kpi_logic.domain import APPROVED, CANDIDATE_STATUSES, PENDING
from kpi_logic.records import Candidate, Workshop
from kpi_logic.shortlist import ERROR
from kpi_logic.shortlist_view import findings_for_display, goal_refs, shortlist_items
from kpi_logic.store import WorkshopStore

COUNTDOWN_MINUTES: tuple[int, ...] = (2, 3, 5)  # one tap each; any other duration is typed
EXTEND_SECONDS = 60


@dataclass(frozen=True)
class RosterRow:
    """One person in the roster, as the facilitator manages them."""

    participant_id: int
    name: str
    team: str
    done: bool
    points_used: int
    over_budget: bool  # gave more than a budget lowered since: can only take points away now


@dataclass(frozen=True)
class FacilitationView:
    """The facilitation page's data at one moment."""

    workshop: Workshop
    may_open: bool  # voting can open: there is a business goal
    roster: tuple[RosterRow, ...]  # participants only, the facilitator's own ballot left out
    progress: voting.Progress
    seconds_left: int | None  # a countdown runs
    pending: tuple[Candidate, ...]  # custom KPIs waiting for approval
    runoff_pool: int  # candidates in the current round, the most a run-off can keep
    shortlist_count: int
    open_errors: tuple[str, ...]  # shortlist errors (vanity metrics among them), Markdown-escaped

    @property
    def over_budget(self) -> tuple[str, ...]:
        """Names of those over the current budget."""
        return tuple(row.name for row in self.roster if row.over_budget)


def facilitation_view(
    store: WorkshopStore, workshop_id: int, language: str, moment: float | None = None
) -> FacilitationView:
    """Everything the facilitation page renders, names and checks in `language`, at `moment` (now)."""
    workshop = store.workshops.get(workshop_id)
    moment = store.clock() if moment is None else moment
    people = store.participants.list(workshop.id)
    used = store.votes.points_used(workshop.id)
    roster = tuple(
        RosterRow(person.id, person.name, person.team, person.done, used.get(person.id, 0),
                  used.get(person.id, 0) > workshop.vote_budget)
        for person in people
        if not person.is_facilitator
    )
    entries = store.shortlist.list(workshop.id)
    candidates = store.candidates.list(workshop.id, statuses=CANDIDATE_STATUSES)
    goals = store.goals.list(workshop.id)
    items = shortlist_items(entries, candidates, catalog_by_id(), language)
    findings = findings_for_display(items, goal_refs(goals)) if entries else []
    return FacilitationView(
        workshop=workshop,
        may_open=voting.may_open(len(goals)),
        roster=roster,
        progress=voting.progress(people),
        seconds_left=voting.seconds_left(workshop.timer_ends_at, moment) if workshop.voting_open else None,
        pending=tuple(candidate for candidate in candidates if candidate.status == PENDING),
        # Counted from the candidates read above: ranking the votes only to count them cost a third of this view.
        runoff_pool=sum(candidate.status == APPROVED and voting.in_round(candidate, workshop.round)
                        for candidate in candidates),
        shortlist_count=len(entries),
        open_errors=tuple(finding.message.get(language) for finding in findings if finding.severity == ERROR),
    )
