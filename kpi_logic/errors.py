"""Named exceptions of the core; pages decide how to say them in the user's language."""

from __future__ import annotations


class KpiWorkshopError(ValueError):
    """Base of every error the core raises for bad input or a refused action."""


class InvalidInput(KpiWorkshopError):
    """A value given by a user is empty, too long, of the wrong type or out of range."""


class VoteBudgetExceeded(KpiWorkshopError):
    """The points would pass the participant's budget or the per-KPI cap."""


class VotingClosed(KpiWorkshopError):
    """Voting is not open in this workshop (or the KPI is not in the run-off)."""


class VotingNeedsGoal(KpiWorkshopError):
    """Voting cannot open before the workshop has a business goal (the article's step 2)."""


class NotFound(KpiWorkshopError):
    """No such workshop, participant, candidate or entry."""


class WrongWorkshop(KpiWorkshopError):
    """The participant, candidate or entry belongs to another workshop."""


class PinLocked(KpiWorkshopError):
    """Too many wrong PINs: the facilitator unlock is paused for a while."""

    def __init__(self, seconds_left: int):
        super().__init__(f"Too many wrong PINs; try again in {seconds_left} s.")
        self.seconds_left = seconds_left


class InvalidImport(KpiWorkshopError):
    """An imported file is malformed; nothing was written."""


class StorageError(KpiWorkshopError):
    """The database file cannot be written (read-only, disk full, deleted or locked)."""
