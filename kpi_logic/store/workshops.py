"""The workshops table: settings, join codes, share tokens and the facilitator PIN with its lockout."""

from __future__ import annotations

import functools
from collections.abc import Collection
from datetime import date, datetime, timedelta, timezone
from typing import Any

from kpi_logic import phases, voting
from kpi_logic.domain import COUNTDOWN_MAX_SECONDS, COUNTDOWN_MIN_SECONDS, DEFAULT_LANGUAGE, PHASES
from kpi_logic.errors import NotFound, PinLocked, Throttled, VotingNeedsGoal
from kpi_logic.records import Counters, Workshop
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
from kpi_logic.throttle import (
    PIN_PER_DEVICE,
    PIN_PER_WORKSHOP,
    SERVER_KEY,
    WORKSHOPS_PER_CLIENT,
    WORKSHOPS_PER_SERVER,
)
from kpi_logic.validation import SETTINGS_FIELDS, WORKSHOP_FIELDS, clean, integer, row_id


@functools.cache
def _decoy_hash() -> str:
    """A hash no PIN matches, checked for unknown codes so they cost what a wrong PIN costs."""
    return hash_pin(new_share_token())


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
        client: str | None = None,
    ) -> Workshop:
        """A new workshop with a fresh join code and share token.

        Voting starts open so the store works on its own; the app creates workshops with voting
        closed, to be opened once there is a goal. Voting is blind unless asked otherwise, so early
        votes cannot sway late voters. With `client` (a throttle key, see `throttle.client_key`) the
        creation counts against the per-client and per-server limits (Throttled beyond them).
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
            self.count_creation(client)
            workshop_id = self.insert_with_codes(values)
        return self.get(workshop_id)

    def count_creation(self, client: str | None) -> None:
        """Count a new workshop against `client`'s and the server's hourly limits (nothing without a client)."""
        if client is not None:
            self.store.throttles.take((WORKSHOPS_PER_CLIENT, client), (WORKSHOPS_PER_SERVER, SERVER_KEY))

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

    def counters(self, workshop_ids: Collection[int]) -> dict[int, Counters]:
        """The change counters and the running countdown of each workshop, in one read: what a server
        process compares four times a second to know which screens to redraw (ui/push.py)."""
        if not workshop_ids:
            return {}
        ids = sorted(set(workshop_ids))
        rows = self.rows(
            "SELECT id, version, state_version, voting_open, timer_ends_at FROM workshops"
            f" WHERE id IN ({', '.join('?' * len(ids))})", ids)
        return {row["id"]: Counters(row["version"], row["state_version"],
                                    row["timer_ends_at"] if row["voting_open"] else None) for row in rows}

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

    def check_pin(self, workshop_id: int, pin: str, device: str = "") -> bool:
        """Whether `pin` is the facilitator PIN; PinLocked when this device or the workshop has no check left.

        The check is reserved before the slow hash, in the one transaction that counts the earlier
        ones, and counts as failed until it succeeds: however many requests run at once, at most
        PIN_PER_DEVICE checks per device (a throttle key) and PIN_PER_WORKSHOP per workshop run in
        their window. A success clears this device's failures and takes back its own reservation
        only; no failure ever clears anything, so a lock always runs out.
        """
        workshop_id = row_id(workshop_id, "workshop id")
        checks = ((PIN_PER_DEVICE, f"{workshop_id}:{device}"), (PIN_PER_WORKSHOP, str(workshop_id)))
        with self.write():
            pin_hash = self.row(
                "SELECT pin_hash FROM workshops WHERE id = ?", [workshop_id], f"No workshop {workshop_id}."
            )["pin_hash"]
            try:
                reserved = self.store.throttles.take(*checks)
            except Throttled as throttled:
                raise PinLocked(throttled.seconds_left) from None
        # The slow hash runs outside the write lock, so a PIN check never holds up voters.
        if not verify_pin(pin, pin_hash):
            return False
        with self.write():
            self.store.throttles.clear(*checks[0])
            self.store.throttles.remove(reserved[1:])
        return True

    def unlock(self, join_code: str, pin: str, device: str = "") -> Workshop | None:
        """The workshop with this code and PIN, else None: one answer, in about the same time, for both.

        A wrong code runs the slow hash too, so neither the answer nor its timing tells a guesser
        that a code exists. PinLocked as `check_pin`.
        """
        try:
            workshop = self.by_join_code(join_code)
        except NotFound:
            verify_pin(pin, _decoy_hash())
            return None
        return workshop if self.check_pin(workshop.id, pin, device) else None

    def delete_old_demos(self, keep: int, max_age: timedelta) -> int:
        """Delete demo workshops older than `max_age`, and all but the `keep` newest; how many went."""
        cutoff = (datetime.now(timezone.utc) - max_age).isoformat(timespec="seconds")
        with self.write():
            doomed = self.rows(
                "SELECT id FROM workshops WHERE is_demo = 1 AND (created_at < ? OR id NOT IN "
                "(SELECT id FROM workshops WHERE is_demo = 1 ORDER BY created_at DESC, id DESC LIMIT ?))",
                [cutoff, keep],
            )
            for row in doomed:
                self.db.execute("DELETE FROM workshops WHERE id = ?", [row["id"]])
        return len(doomed)

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
