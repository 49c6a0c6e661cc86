"""How the workshop's phase moves with the facilitator's actions, so the room never reads a stale step."""

from __future__ import annotations

from kpi_logic.domain import PHASES

VOTING_PHASE = "voting"
SHORTLIST_PHASE = "shortlist"


def on_opening_vote(phase: str) -> str:
    """Opening the vote moves an earlier phase to the vote (a later one, e.g. a re-vote, stays)."""
    return VOTING_PHASE if PHASES.index(phase) < PHASES.index(VOTING_PHASE) else phase


def on_reveal(phase: str) -> str:
    """The reveal ends the vote: the room moves on to the shortlist."""
    return SHORTLIST_PHASE if PHASES.index(phase) < PHASES.index(SHORTLIST_PHASE) else phase
