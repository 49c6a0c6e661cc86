"""The participants table: who joined a workshop, with which name and team, and the secret that
brings their device back as them.

A name belongs to one person per workshop: joining with a taken name is refused, since whoever
typed it would read and rewrite that person's ballot. A device comes back through its re-join
secret (only its hash is stored); a person on a new device is let back in by the facilitator, which
gives them a new secret and voids the old one.
"""

from __future__ import annotations

from kpi_logic.domain import FACILITATOR_NAME, FACILITATOR_TEAM, LANGUAGES
from kpi_logic.errors import JoinsClosed, NameTaken, NotFound
from kpi_logic.records import Participant
from kpi_logic.security import new_secret, secret_hash
from kpi_logic.store.base import Part, from_row, now
from kpi_logic.text import name_key
from kpi_logic.throttle import JOINS_PER_WORKSHOP
from kpi_logic.validation import PARTICIPANT_FIELDS, choice, clean, flag, row_id

# The facilitator's own ballot is found by its flag; this key cannot be typed (a control character),
# so no participant's name can ever collide with it.
FACILITATOR_KEY = "\x1ffacilitator"


class Participants(Part):
    """Join a workshop, come back on the same device, and the facilitator's roster actions."""

    def join(
        self, join_code: str, name: str, team: str, language: str | None = None, secret: str | None = None,
        client: str | None = None,
    ) -> Participant:
        """A new participant; NameTaken if the name is someone's already.

        `secret` (from security.new_secret, kept by the device) lets this device come back later.
        A join from a client (the join form passes its throttle key) counts against the workshop's
        joins per minute, Throttled beyond it: a projected code must not let a script fill the
        workshop with fake people. Seeds, the demo and the CLI join without a client.
        """
        workshop = self.store.workshops.by_join_code(join_code)
        values = clean(PARTICIPANT_FIELDS, {"name": name, "team": team}, partial=True)
        language = choice(LANGUAGES, required=False)(language, "language")
        if not workshop.joins_open:
            raise JoinsClosed("The facilitator has stopped new joins.")
        with self.write():
            key = name_key(values["name"])
            taken = self.rows(
                "SELECT 1 FROM participants WHERE workshop_id = ? AND name_key = ?", [workshop.id, key]
            )
            if taken:
                raise NameTaken(f"name: {values['name']!r} is taken in this workshop")
            if client is not None:
                self.store.throttles.take((JOINS_PER_WORKSHOP, str(workshop.id)))
            participant_id = self.insert_row(
                "participants",
                {"workshop_id": workshop.id, "name": values["name"], "name_key": key,
                 "team": values["team"], "is_facilitator": False, "created_at": now(),
                 "secret_hash": None if secret is None else secret_hash(secret), "language": language},
            )
        return self.get(participant_id)

    def by_secret(self, secret: str) -> Participant:
        """The participant whose device keeps this secret, or NotFound (unknown or voided)."""
        rows = self.rows("SELECT * FROM participants WHERE secret_hash = ?", [secret_hash(secret)])
        if not rows:
            raise NotFound("No participant for this re-join link.")
        return from_row(Participant, rows[0])

    def readmit(self, workshop_id: int, participant_id: int) -> str:
        """A new secret for someone on a new device; the old device's secret stops working."""
        secret = new_secret()
        with self.write():
            self.in_workshop(workshop_id, participant_id)
            self.update_row("participants", participant_id, {"secret_hash": secret_hash(secret)})
        return secret

    def remove(self, workshop_id: int, participant_id: int) -> None:
        """Take someone out of the workshop; their votes go with them."""
        self.delete_row("participants", "participant", workshop_id, participant_id)

    def set_done(self, participant_id: int, done: bool) -> Participant:
        """Say "I'm done" (or take it back) while voting is open."""
        self.store.votes.check_open(participant_id)
        with self.write():
            self.get(participant_id)
            self.update_row("participants", participant_id, {"done": flag()(done, "done")})
        return self.get(participant_id)

    def set_language(self, participant_id: int, language: str) -> None:
        """The language this person reads the workshop in (theirs, whatever the workshop's is)."""
        checked = choice(LANGUAGES)(language, "language")
        with self.write():
            self.get(participant_id)
            self.update_row("participants", participant_id, {"language": checked})

    def facilitator(self, workshop_id: int) -> Participant:
        """The facilitator's own ballot (for workshops where the facilitator votes too), by its flag."""
        with self.write():
            self.store.workshops.get(workshop_id)
            rows = self.rows(
                "SELECT * FROM participants WHERE workshop_id = ? AND is_facilitator = 1 "
                "ORDER BY id LIMIT 1",
                [workshop_id],
            )
            if rows:
                return from_row(Participant, rows[0])
            participant_id = self.insert_row(
                "participants",
                {"workshop_id": workshop_id, "name": FACILITATOR_NAME, "name_key": FACILITATOR_KEY,
                 "team": FACILITATOR_TEAM, "is_facilitator": True, "created_at": now()},
            )
        return self.get(participant_id)

    def get(self, participant_id: int) -> Participant:
        """The participant, or NotFound."""
        row = self.row(
            "SELECT * FROM participants WHERE id = ?",
            [row_id(participant_id, "participant id")],
            f"No participant {participant_id}.",
        )
        return from_row(Participant, row)

    def in_workshop(self, workshop_id: int, participant_id: int) -> dict:
        """The participant's row, checked to belong to the workshop."""
        return self.owned("participants", workshop_id, participant_id, "participant")

    def list(self, workshop_id: int) -> list[Participant]:
        """Everyone who joined, in joining order."""
        return self.list_of(Participant, "participants", workshop_id, "id")
