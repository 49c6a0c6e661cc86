"""The phone ballot's data: points left, why it is closed, this round's candidates and their choices.

`ballot` reads the store once and says everything the ballot renders in the reader's language, with
texts chosen for the reader's role, so the page only lays it out and a test can check it without a
browser.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kpi_logic import voting
from kpi_logic.catalog import CatalogKpi, catalog_by_id
from kpi_logic.domain import STAGE_LABELS, TEAM_LABELS, label
from kpi_logic.i18n import t
from kpi_logic.records import Candidate, Participant, Workshop
from kpi_logic.store import WorkshopStore
from kpi_logic.vanity import VanityNote, vanity_note


@dataclass(frozen=True)
class BallotRow:
    """One candidate as the reader sees it, with the points values a tap may choose now."""

    candidate_id: int
    name: str
    details: str  # stage · team · kind, or "custom KPI"
    definition: str
    formula: str
    vanity: str | None  # the vanity warning, when the KPI is one
    points: int  # stored for this voter
    choices: tuple[int, ...]  # the values the control shows: 0 to the cap (and past it, points given before a lowered cap)
    unavailable: tuple[int, ...]  # of those, the ones a tap would have refused: they overspend or pass the cap


@dataclass(frozen=True)
class Ballot:
    """Everything the ballot shows at one moment for one reader."""

    workshop: Workshop
    voter: Participant | None
    used: int
    points_left: int
    closed: str | None  # why this reader cannot vote now, in words for their role; None when they can
    seconds_left: int | None  # of a running countdown
    rows: tuple[BallotRow, ...]
    empty: str | None  # what to say instead of the candidates when there are none

    @property
    def over_budget(self) -> bool:
        return self.used > self.workshop.vote_budget

    @property
    def done(self) -> bool:
        return self.voter is not None and self.voter.done

    @property
    def spent(self) -> bool:
        """The voter can vote and has no point left: time to say "I'm done"."""
        return self.closed is None and self.voter is not None and self.points_left == 0


def vanity_text(note: VanityNote, language: str) -> str:
    """A vanity note as one sentence, with the KPI to track instead when there is one."""
    if note.alternative is None:
        return t(language, "voting.vanity_warning.no_alternative", reason=note.reason)
    return t(language, "voting.vanity_warning", reason=note.reason, alternative=note.alternative)


def badges(stage: str | None, team: str | None, kind: str | None, language: str) -> str:
    """Stage, team and kind as one short line."""
    parts = [label(STAGE_LABELS, stage, language) if stage else None,
             label(TEAM_LABELS, team, language) if team else None,
             t(language, f"voting.kind.{kind}") if kind else None]
    return " · ".join(part for part in parts if part)


def closed_reason(workshop: Workshop, voter: Participant | None, is_facilitator: bool, language: str,
                  moment: float) -> str | None:
    """Why this reader cannot vote now, said for their role (None when they can)."""
    if voter is None:
        return t(language, "voting.closed.facilitator" if is_facilitator else "voting.closed.no_participant")
    if voting.is_open(workshop.voting_open, workshop.finalised, workshop.timer_ends_at, moment):
        return None
    if is_facilitator:
        return t(language, "voting.closed.for_facilitator")
    time_up = workshop.voting_open and not workshop.finalised and workshop.timer_ends_at is not None
    return t(language, "voting.closed.time_up" if time_up else "voting.closed")


def _row(candidate: Candidate, points: int, left: int, may_vote: bool, cap: int,
         catalog: Mapping[str, CatalogKpi], language: str) -> BallotRow:
    kpi = catalog.get(candidate.catalog_id) if candidate.catalog_id else None
    note = vanity_note(candidate.catalog_id, candidate.name, candidate.definition, catalog, language)
    # A lowered cap still shows points given before it was lowered; a closed ballot is disabled whole.
    choices = tuple(range(max(cap, points) + 1))
    allowed = voting.allowed_points(points, left, cap) if may_vote else choices
    return BallotRow(
        candidate_id=candidate.id,
        name=kpi.name.get(language) if kpi else candidate.name,
        details=badges(candidate.stage, candidate.team, kpi.kind if kpi else None, language)
        or t(language, "voting.custom_kpi"),
        definition=kpi.definition.get(language) if kpi else candidate.definition,
        formula=kpi.formula.get(language) if kpi else "",
        vanity=vanity_text(note, language) if note else None,
        points=points,
        choices=choices,
        unavailable=tuple(value for value in choices if value not in allowed),
    )


def ballot(store: WorkshopStore, workshop_id: int, voter_id: int | None, language: str, moment: float,
           is_facilitator: bool = False) -> Ballot:
    """The ballot of `voter_id` (None: a reader who does not vote) in the workshop's current round."""
    workshop = store.workshops.get(workshop_id)
    voter = store.participants.get(voter_id) if voter_id is not None else None
    stored = store.votes.points_of(voter.id) if voter else {}
    used = sum(stored.values())
    left = voting.points_left(used, workshop.vote_budget)
    closed = closed_reason(workshop, voter, is_facilitator, language, moment)
    candidates = [candidate for candidate in store.candidates.list(workshop.id)
                  if voting.in_round(candidate, workshop.round)]
    catalog = catalog_by_id()
    rows = tuple(_row(candidate, stored.get(candidate.id, 0), left, closed is None, workshop.per_kpi_cap,
                      catalog, language) for candidate in candidates)
    empty = None if rows else t(language, "voting.no_candidates.for_facilitator" if is_facilitator
                                else "voting.no_candidates")
    return Ballot(workshop, voter, used, left, closed, voting.seconds_left(workshop.timer_ends_at, moment),
                  rows, empty)
