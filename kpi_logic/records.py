"""The values the store hands out: one frozen dataclass per kind of row (no SQL, no rules)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Counters:
    """What tells a screen that its workshop changed: the two change counters, and when a running
    countdown closes the vote (None while none runs)."""

    version: int  # rises with every write a screen shows (votes included)
    state_version: int  # rises with what phones follow (settings, phase, countdown, candidates)
    countdown_ends_at: float | None = None


@dataclass(frozen=True)
class Workshop:
    """A workshop's settings (everything but the PIN hash)."""

    id: int
    name: str
    company: str
    language: str
    vote_budget: int
    per_kpi_cap: int
    phase: str
    voting_open: bool
    results_hidden: bool
    anonymous: bool
    facilitator_votes: bool
    round: int
    finalised: bool
    join_code: str
    share_token: str
    workshop_date: date | None
    is_demo: bool
    created_at: str
    joins_open: bool = True
    timer_ends_at: float | None = None  # epoch seconds when the countdown closes the vote
    revealed: bool = False  # blind totals shown to the room after the vote closed
    version: int = 0  # rises with every write a screen shows (votes, settings, roster, candidates)
    state_version: int = 0  # rises with what phones follow (settings, phase, countdown, candidates)
    room_token: str = ""


@dataclass(frozen=True)
class Participant:
    """Someone who joined a workshop with a name and a team."""

    id: int
    workshop_id: int
    name: str
    team: str
    is_facilitator: bool
    created_at: str
    done: bool = False  # said "I'm done" (may change their mind until voting closes)
    language: str | None = None  # the language this person chose, which wins over the workshop's


@dataclass(frozen=True)
class Goal:
    """A business goal the KPIs must serve (at most three per workshop)."""

    id: int
    workshop_id: int
    title: str
    metric: str
    baseline: float | None
    target: float | None
    deadline: date | None
    position: int


@dataclass(frozen=True)
class StatusKpi:
    """A KPI the company tracks today, with the workshop's keep/drop/vanity verdict."""

    id: int
    workshop_id: int
    name: str
    description: str
    current_value: str
    verdict: str | None


@dataclass(frozen=True)
class Candidate:
    """A KPI up for the vote: a catalogue KPI or a custom one (name in the workshop's language)."""

    id: int
    catalog_id: str | None
    name: str
    definition: str
    stage: str | None
    team: str | None
    status: str
    in_runoff: bool
    proposed_by: int | None


@dataclass(frozen=True)
class ShortlistEntry:
    """A chosen KPI with what makes it steerable: owner, baseline, target, cadence, source, goals."""

    id: int
    candidate_id: int
    catalog_id: str | None
    name: str
    position: int
    owner: str
    baseline: float | None
    target: float | None
    target_date: date | None
    cadence: str | None
    data_source: str
    goal_ids: tuple[int, ...]


@dataclass(frozen=True)
class HistoryChange:
    """One part of a shortlist change as data: a KPI added or removed, a new order, or a field's values."""

    kind: str  # one of domain.HISTORY_KINDS
    kpi: str = ""
    field: str = ""  # a validation.SHORTLIST_FIELDS name or "goal_ids" (then old and new are goal titles)
    old: Any = None  # as stored: numbers, ISO dates, text, lists of goal titles
    new: Any = None


@dataclass(frozen=True)
class HistoryEntry:
    """One change of the shortlist: who, when, what (readable) and whether it was undone."""

    id: int
    actor: str
    at: str
    action: str
    summary: str  # in English, kept for exports and for rows written before `changes`
    undone: bool
    changes: tuple[HistoryChange, ...] | None = None  # None in rows written before it was kept


@dataclass(frozen=True)
class FunnelFigure:
    """Volumes and spend of one funnel stage, today and as a target."""

    stage: str
    baseline_volume: float | None
    target_volume: float | None
    spend: float | None


@dataclass(frozen=True)
class Task:
    """One action-plan task, tied to one of the article's five steps."""

    id: int
    workshop_id: int
    step: int
    title: str
    owner: str
    due: date | None
    done: bool


@dataclass(frozen=True)
class Review:
    """A KPI review meeting after the workshop and what it decided."""

    id: int
    workshop_id: int
    date: date
    participants: str
    decision: str
    candidate_id: int | None
    note: str
