"""Named exceptions of the core; pages decide how to say them in the user's language."""

from __future__ import annotations


class KpiWorkshopError(ValueError):
    """Base of every error the core raises for bad input or a refused action.

    The message is English (logs, CLI); `key` and `values` name a text in kpi_logic/i18n/errors.py
    so a page can say the same in the user's language (`explain`). Without a key, the class's
    `default_key` gives a general sentence in that language.
    """

    default_key: str | None = None

    def __init__(self, message: str = "", *, key: str | None = None, **values: object):
        super().__init__(message)
        self.message_key = key
        self.message_values = values

    def explain(self, language: str) -> str:
        """The message in `language` (the English message where no translation is known)."""
        # Imported here: the i18n tables are only needed when a message is shown.
        from kpi_logic.i18n import errors as texts

        key = getattr(self, "message_key", None)
        if key is not None:
            return texts.explain(language, key, getattr(self, "message_values", {}))
        if self.default_key is not None:
            return texts.explain(language, self.default_key, {"detail": str(self)})
        return str(self)


class InvalidInput(KpiWorkshopError):
    """A value given by a user is empty, too long, of the wrong type or out of range."""


class VoteBudgetExceeded(KpiWorkshopError):
    """The points would pass the participant's budget or the per-KPI cap."""


class VotingClosed(KpiWorkshopError):
    """Voting is not open in this workshop (or the KPI is not in the run-off)."""

    default_key = "errors.voting_closed"


class VotingNeedsGoal(KpiWorkshopError):
    """Voting cannot open before the workshop has a business goal (the article's step 2)."""

    default_key = "errors.voting_needs_goal"


class NameTaken(KpiWorkshopError):
    """Someone in this workshop already has this name (a second device needs the facilitator)."""

    default_key = "errors.name_taken"


class JoinsClosed(KpiWorkshopError):
    """The facilitator has stopped new joins to this workshop."""

    default_key = "errors.joins_closed"


class NotFound(KpiWorkshopError):
    """No such workshop, participant, candidate or entry."""

    default_key = "errors.not_found"


class WrongWorkshop(KpiWorkshopError):
    """The participant, candidate or entry belongs to another workshop."""

    default_key = "errors.wrong_workshop"


class PinLocked(KpiWorkshopError):
    """Too many wrong PINs: the facilitator unlock is paused for a while."""

    def __init__(self, seconds_left: int):
        super().__init__(
            f"Too many wrong PINs; try again in {seconds_left} s.",
            key="errors.pin_locked", seconds=seconds_left,
        )
        self.seconds_left = seconds_left


class Throttled(KpiWorkshopError):
    """Too many attempts of one kind from one client (or in one workshop): wait and try again."""

    def __init__(self, bucket: str, seconds_left: int):
        super().__init__(
            f"Too many attempts ({bucket}); try again in {seconds_left} s.",
            key=f"errors.throttled.{bucket}", seconds=seconds_left, minutes=max(1, -(-seconds_left // 60)),
        )
        self.bucket = bucket
        self.seconds_left = seconds_left


class InvalidImport(KpiWorkshopError):
    """An imported file is malformed; nothing was written."""

    default_key = "errors.import_refused"


class StorageError(KpiWorkshopError):
    """The database file cannot be written (read-only, disk full, deleted or locked)."""

    default_key = "errors.storage"
