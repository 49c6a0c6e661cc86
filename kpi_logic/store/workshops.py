"""The workshops table: settings, join codes, share tokens and the facilitator PIN with its lockout."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from kpi_logic import phases, voting
from kpi_logic.domain import (
    COUNTDOWN_MAX_SECONDS,
    COUNTDOWN_MIN_SECONDS,
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
    new_secret,
    normalise_join_code,
    secret_hash,
    validate_pin,
    verify_pin,
)
from kpi_logic.store.base import Part, from_row, now
from kpi_logic.validation import SETTINGS_FIELDS, WORKSHOP_FIELDS, clean, integer, row_id


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
        results_hidden: bool = True,
    ) -> Workshop:
        """A new workshop with a fresh join code and share token.

        Voting starts open so the store works on its own; the app creates workshops with voting
        closed, to be opened once there is a goal. Voting is blind unless asked otherwise, so early
        votes cannot sway late voters.
        """
        values = clean(
            WORKSHOP_FIELDS,
            {"name": name, "company": company, "language": language,
             "workshop_date": workshop_date, "is_demo": is_demo},
            partial=True,
        )
        values["voting_open"] = bool(voting_open)
        values["results_hidden"] = bool(results_hidden)
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
                    "workshops",
                    {**values, "join_code": join_code, "share_token": share_token,
                     "room_token": new_share_token()},
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

    def by_room_token(self, token: str) -> Workshop:
        """The workshop whose room screen this link opens, or NotFound."""
        row = self.row(
            "SELECT * FROM workshops WHERE room_token = ?", [str(token).strip()], "No room for this link."
        )
        return from_row(Workshop, row)

    def version(self, workshop_id: int, of_state: bool = False) -> int:
        """The workshop's change counter (one primary-key read): screens redraw only when it moved.

        `of_state` reads the counter phones follow, which votes leave alone.
        """
        column = "state_version" if of_state else "version"
        return self.row(
            f"SELECT {column} FROM workshops WHERE id = ?", [workshop_id], f"No workshop {workshop_id}."
        )[column]

    def renew_join_code(self, workshop_id: int) -> Workshop:
        """A new join code; the old one stops working (those who joined stay in)."""
        with self.write():
            self.get(workshop_id)
            while True:
                code = new_join_code()
                if not self.rows("SELECT 1 FROM workshops WHERE join_code = ?", [code]):
                    break
            self.update_row("workshops", workshop_id, {"join_code": code})
        return self.get(workshop_id)

    def start_countdown(self, workshop_id: int, seconds: int) -> Workshop:
        """Open the vote (if closed) with a countdown that closes it after `seconds`."""
        seconds = integer(COUNTDOWN_MIN_SECONDS, COUNTDOWN_MAX_SECONDS)(seconds, "seconds")
        with self.write():
            self._open(workshop_id)
            self.update_row("workshops", workshop_id, {"timer_ends_at": self.store.clock() + seconds})
        return self.get(workshop_id)

    def extend_countdown(self, workshop_id: int, seconds: int) -> Workshop:
        """More time: the countdown runs `seconds` longer (from now, if it had run out), vote open."""
        seconds = integer(COUNTDOWN_MIN_SECONDS, COUNTDOWN_MAX_SECONDS)(seconds, "seconds")
        with self.write():
            current = self._open(workshop_id)
            base = max(self.store.clock(), current.timer_ends_at or 0.0)
            self.update_row("workshops", workshop_id, {"timer_ends_at": base + seconds})
        return self.get(workshop_id)

    def open_voting(self, workshop_id: int) -> Workshop:
        """Open the vote without a countdown; the phase moves to the vote."""
        with self.write():
            self._open(workshop_id)
            self.update_row("workshops", workshop_id, {"timer_ends_at": None})
        return self.get(workshop_id)

    def _open(self, workshop_id: int) -> Workshop:
        current = self.get(workshop_id)
        if not voting.may_open(len(self.store.goals.list(workshop_id))):
            raise VotingNeedsGoal("Voting can only open once the workshop has a business goal.")
        self.update_row("workshops", workshop_id, {
            "voting_open": True, "revealed": False, "phase": phases.on_opening_vote(current.phase),
        })
        return current

    def close_voting(self, workshop_id: int) -> Workshop:
        """Close the vote now (the countdown, if any, is over); blind totals stay hidden."""
        with self.write():
            self.get(workshop_id)
            self.update_row("workshops", workshop_id, {"voting_open": False, "timer_ends_at": None})
        return self.get(workshop_id)

    def settle_countdown(self, workshop_id: int) -> Workshop:
        """Record that a countdown ran out (votes are refused from that moment on anyway)."""
        workshop = self.get(workshop_id)
        moment = self.store.clock()
        if workshop.voting_open and workshop.timer_ends_at is not None and workshop.timer_ends_at <= moment:
            return self.close_voting(workshop_id)
        return workshop

    def reveal(self, workshop_id: int) -> Workshop:
        """One action for the reveal: the vote closes and the ranking shows to the room and every phone."""
        with self.write():
            current = self.get(workshop_id)
            self.update_row("workshops", workshop_id, {
                "voting_open": False, "timer_ends_at": None, "revealed": True,
                "phase": phases.on_reveal(current.phase),
            })
        return self.get(workshop_id)

    def new_facilitator_device(self, workshop_id: int) -> str:
        """A secret for a device on which the facilitator has unlocked (the PIN is typed once per device)."""
        secret = new_secret()
        with self.write():
            self.get(workshop_id)
            self.insert_row("facilitator_devices", {
                "secret_hash": secret_hash(secret), "workshop_id": workshop_id, "created_at": now(),
            })
        return secret

    def by_facilitator_secret(self, secret: str) -> Workshop:
        """The workshop a facilitator device's secret unlocks, or NotFound."""
        row = self.row(
            "SELECT w.* FROM facilitator_devices d JOIN workshops w ON w.id = d.workshop_id "
            "WHERE d.secret_hash = ?",
            [secret_hash(secret)],
            "No facilitator device for this link.",
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
            if opening:
                values.update(revealed=False, phase=phases.on_opening_vote(values.get("phase", current.phase)))
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
