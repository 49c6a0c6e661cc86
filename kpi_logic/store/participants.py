"""The participants table: who joined a workshop, with which name and team."""

from __future__ import annotations

from kpi_logic.domain import FACILITATOR_NAME, FACILITATOR_TEAM
from kpi_logic.errors import InvalidInput
from kpi_logic.records import Participant
from kpi_logic.store.base import Part, from_row, now
from kpi_logic.validation import PARTICIPANT_FIELDS, clean, row_id


class Participants(Part):
    """Join a workshop and find its participants."""

    def join(self, join_code: str, name: str, team: str) -> Participant:
        """The participant `name` in the workshop with this code; the same name returns the same one."""
        workshop = self.store.workshops.by_join_code(join_code)
        values = clean(PARTICIPANT_FIELDS, {"name": name, "team": team}, partial=True)
        with self.write():
            return self._named(workshop.id, values["name"], values["team"], False)

    def facilitator(self, workshop_id: int, name: str = FACILITATOR_NAME) -> Participant:
        """The facilitator's own participant (for workshops where the facilitator votes too)."""
        name = clean(PARTICIPANT_FIELDS, {"name": name}, partial=True)["name"]
        with self.write():
            self.store.workshops.get(workshop_id)
            rows = self.rows(
                "SELECT * FROM participants WHERE workshop_id = ? AND is_facilitator = 1 "
                "ORDER BY id LIMIT 1",
                [workshop_id],
            )
            if rows:
                return from_row(Participant, rows[0])
            participant = self._named(workshop_id, name, FACILITATOR_TEAM, True)
            if not participant.is_facilitator:
                raise InvalidInput(f"name: {name!r} is already a participant's name")
            return participant

    def _named(self, workshop_id: int, name: str, team: str, is_facilitator: bool) -> Participant:
        """The participant with this name (case-insensitive), created if new; inside a write."""
        key = name.casefold()
        rows = self.rows(
            "SELECT * FROM participants WHERE workshop_id = ? AND name_key = ?", [workshop_id, key]
        )
        if rows:
            return from_row(Participant, rows[0])
        participant_id = self.insert_row(
            "participants",
            {"workshop_id": workshop_id, "name": name, "name_key": key, "team": team,
             "is_facilitator": is_facilitator, "created_at": now()},
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
