"""The workshops table: settings, join codes, share tokens and the facilitator PIN with its lockout."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from kpi_logic import voting
from kpi_logic.domain import (
    DEFAULT_LANGUAGE,
    PHASES,
    PIN_LOCK_SECONDS,
    PIN_MAX_FAILURES,
    PIN_WINDOW_SECONDS,
)
from kpi_logic.errors import PinLocked, VotingNeedsGoal
from kpi_logic.records import Workshop
from kpi_logic.security import (
    hash_pin,
    new_join_code,
    new_share_token,
    normalise_join_code,
    validate_pin,
    verify_pin,
)
from kpi_logic.store.base import Part, from_row, now
from kpi_logic.validation import SETTINGS_FIELDS, WORKSHOP_FIELDS, clean, row_id


class Workshops(Part):
    """Create, find and configure workshops; check the facilitator PIN."""

    def create(
        self,
        name: str,
        facilitator_pin: str,
        vote_budget: int = voting.DEFAULT_BUDGET,
        language: str = DEFAULT_LANGUAGE,
        per_kpi_cap: int = voting.DEFAULT_CAP,
        company: str = "",
        workshop_date: date | str | None = None,
        is_demo: bool = False,
        voting_open: bool = True,
    ) -> Workshop:
        """A new workshop with a fresh join code and share token.

        Voting starts open so the store works on its own; the app creates workshops with voting
        closed, to be opened once there is a goal.
        """
        values = clean(
            WORKSHOP_FIELDS,
            {"name": name, "company": company, "language": language,
             "workshop_date": workshop_date, "is_demo": is_demo},
            partial=True,
        )
        values["voting_open"] = bool(voting_open)
        values["vote_budget"] = voting.validate_budget(vote_budget)
        values["per_kpi_cap"] = voting.validate_cap(per_kpi_cap, vote_budget)
        values["pin_hash"] = hash_pin(validate_pin(facilitator_pin))
        values.update(phase=PHASES[0], created_at=now())
        with self.write():
            workshop_id = self.insert_with_codes(values)
        return self.get(workshop_id)

    def insert_with_codes(self, values: dict) -> int:
        """Insert a workshop row with a join code and share token no other workshop has."""
        while True:
            join_code, share_token = new_join_code(), new_share_token()
            taken = self.rows(
                "SELECT 1 FROM workshops WHERE join_code = ? OR share_token = ?",
                [join_code, share_token],
            )
            if not taken:
                return self.insert_row(
                    "workshops", {**values, "join_code": join_code, "share_token": share_token}
                )

    def get(self, workshop_id: int) -> Workshop:
        """The workshop, or NotFound."""
        row = self.row(
            "SELECT * FROM workshops WHERE id = ?",
            [row_id(workshop_id, "workshop id")],
            f"No workshop {workshop_id}.",
        )
        return from_row(Workshop, row)

    def by_join_code(self, code: str) -> Workshop:
        """The workshop with this join code (case and spaces ignored), or NotFound."""
        row = self.row(
            "SELECT * FROM workshops WHERE join_code = ?",
            [normalise_join_code(code)],
            f"No workshop with join code {code!r}.",
        )
        return from_row(Workshop, row)

    def by_share_token(self, token: str) -> Workshop:
        """The workshop behind a share link, or NotFound."""
        row = self.row(
            "SELECT * FROM workshops WHERE share_token = ?",
            [str(token).strip()],
            "No workshop for this share link.",
        )
        return from_row(Workshop, row)

    def check_pin(self, workshop_id: int, pin: str) -> bool:
        """Whether `pin` is the facilitator PIN; PinLocked after repeated failures.

        Five wrong PINs within ten minutes pause checking for five minutes, which makes guessing
        a four-digit PIN through the page impractical.
        """
        row = self.row(
            "SELECT w.pin_hash, a.locked_until FROM workshops w "
            "LEFT JOIN pin_attempts a ON a.workshop_id = w.id WHERE w.id = ?",
            [row_id(workshop_id, "workshop id")],
            f"No workshop {workshop_id}.",
        )
        moment = self.store.clock()
        if row["locked_until"] is not None and row["locked_until"] > moment:
            raise PinLocked(math.ceil(row["locked_until"] - moment))
        # The slow hash runs outside the write lock, so a PIN check never holds up voters.
        if verify_pin(pin, row["pin_hash"]):
            with self.write():
                self.db.execute("DELETE FROM pin_attempts WHERE workshop_id = ?", [workshop_id])
            return True
        with self.write():
            self._record_failed_pin(workshop_id, moment)
        return False

    def _record_failed_pin(self, workshop_id: int, moment: float) -> None:
        attempts = self.rows("SELECT * FROM pin_attempts WHERE workshop_id = ?", [workshop_id])
        first, count = moment, 1
        if attempts and attempts[0]["first_failed_at"] is not None:
            if moment - attempts[0]["first_failed_at"] <= PIN_WINDOW_SECONDS:
                first, count = attempts[0]["first_failed_at"], attempts[0]["failed_count"] + 1
        locked_until = moment + PIN_LOCK_SECONDS if count >= PIN_MAX_FAILURES else None
        if locked_until is not None:
            first, count = None, 0
        self.db.execute(
            "INSERT INTO pin_attempts (workshop_id, failed_count, first_failed_at, locked_until) "
            "VALUES (:w, :c, :f, :l) ON CONFLICT (workshop_id) DO UPDATE SET "
            "failed_count = :c, first_failed_at = :f, locked_until = :l",
            {"w": workshop_id, "c": count, "f": first, "l": locked_until},
        )

    def update_settings(self, workshop_id: int, **changes: Any) -> Workshop:
        """Change workshop settings (known keys only); the cap must stay within the budget.

        Lowering the budget below what people already gave is allowed: the page then shows who is
        over budget and `set_points` only accepts changes that bring them down.
        """
        values = clean(SETTINGS_FIELDS, changes, partial=True)
        with self.write():
            current = self.get(workshop_id)
            opening = values.get("voting_open") and not current.voting_open
            if opening and not voting.may_open(len(self.store.goals.list(workshop_id))):
                raise VotingNeedsGoal("Voting can only open once the workshop has a business goal.")
            budget = voting.validate_budget(values.get("vote_budget", current.vote_budget))
            voting.validate_cap(values.get("per_kpi_cap", current.per_kpi_cap), budget)
            self.update_row("workshops", workshop_id, values)
        return self.get(workshop_id)

    def delete(self, workshop_id: int) -> None:
        """Delete the workshop and everything in it."""
        with self.write():
            self.get(workshop_id)
            self.db.execute("DELETE FROM workshops WHERE id = ?", [workshop_id])

    def list(self) -> list[Workshop]:
        """Every workshop in the file, newest first (for the facilitator's start page)."""
        rows = self.rows("SELECT * FROM workshops ORDER BY created_at DESC, id DESC")
        return [from_row(Workshop, row) for row in rows]
