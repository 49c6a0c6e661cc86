"""The candidates table: catalogue and custom KPIs up for the vote, and their approval."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from kpi_logic.domain import APPROVED, CANDIDATE_STATUSES, PENDING, REJECTED, REMOVED
from kpi_logic.errors import InvalidInput
from kpi_logic.records import Candidate, HistoryChange
from kpi_logic.store.base import Part, from_row, kpi_texts, now
from kpi_logic.validation import CUSTOM_KPI_FIELDS, choice, clean


class Candidates(Part):
    """Put KPIs up for the vote, approve or reject proposals, withdraw them."""

    def add(
        self,
        workshop_id: int,
        catalog_id: str | None = None,
        *,
        name: str | None = None,
        definition: str = "",
        stage: str | None = None,
        team: str | None = None,
        proposed_by: int | None = None,
        status: str = APPROVED,
    ) -> int:
        """Put a catalogue KPI (once per workshop: its existing id is returned) or a custom one up for the vote."""
        if (catalog_id is None) == (name is None):
            raise InvalidInput("catalog_id: give either a catalogue id or a name, not both")
        status = choice((APPROVED, PENDING))(status, "status")
        if catalog_id is not None:
            kpi = self.catalog().get(catalog_id)
            if kpi is None:
                raise InvalidInput(f"catalog_id: unknown catalogue KPI {catalog_id!r}")
            values = {"catalog_id": catalog_id, "stage": kpi.stage, "team": kpi.team}
        else:
            values = clean(
                CUSTOM_KPI_FIELDS,
                {"name": name, "definition": definition, "stage": stage, "team": team},
            )
        with self.write():
            self.store.workshops.get(workshop_id)
            if proposed_by is not None:
                self.store.participants.in_workshop(workshop_id, proposed_by)
            if catalog_id is not None:
                existing = self.rows(
                    "SELECT id FROM candidates WHERE workshop_id = ? AND catalog_id = ?",
                    [workshop_id, catalog_id],
                )
                if existing:
                    return existing[0]["id"]
            return self.insert_row(
                "candidates",
                {**values, "workshop_id": workshop_id, "proposed_by": proposed_by,
                 "status": status, "created_at": now()},
            )

    def add_from_catalog(self, workshop_id: int, catalog_ids: Iterable[str]) -> list[int]:
        """Put several catalogue KPIs up for the vote in one transaction; their candidate ids."""
        with self.write():
            return [self.add(workshop_id, catalog_id) for catalog_id in catalog_ids]

    def in_workshop(self, workshop_id: int, candidate_id: int) -> dict:
        """The candidate's row, checked to belong to the workshop."""
        return self.owned("candidates", workshop_id, candidate_id, "candidate")

    def set_status(self, workshop_id: int, candidate_id: int, status: str) -> None:
        """Approve or reject a proposed KPI."""
        status = choice((APPROVED, REJECTED))(status, "status")
        with self.write():
            self.in_workshop(workshop_id, candidate_id)
            self.update_row("candidates", candidate_id, {"status": status})

    def remove(self, workshop_id: int, candidate_id: int) -> None:
        """Withdraw a candidate with its votes (and its shortlist entry, recorded in the history)."""
        with self.write():
            self.in_workshop(workshop_id, candidate_id)
            entries = self.rows("SELECT id FROM shortlist WHERE candidate_id = ?", [candidate_id])
            if entries:
                name = self.names(workshop_id)[candidate_id]
                self.store.shortlist.record_history(
                    workshop_id, "system", "remove", [HistoryChange(REMOVED, name)]
                )
            self.db.execute("DELETE FROM candidates WHERE id = ?", [candidate_id])

    def names(self, workshop_id: int) -> dict[int, str]:
        """Display name of every candidate of a workshop, in the workshop's language."""
        language = self.store.workshops.get(workshop_id).language
        rows = self.rows(
            "SELECT id, catalog_id, name, definition FROM candidates WHERE workshop_id = ?",
            [workshop_id],
        )
        catalog = self.catalog_for(rows)
        return {row["id"]: kpi_texts(row, catalog, language)[0] for row in rows}

    def catalog_for(self, rows: Iterable[Mapping[str, Any]]) -> Mapping[str, Any]:
        """The catalogue, read only when one of the rows is a catalogue KPI."""
        return self.catalog() if any(row["catalog_id"] for row in rows) else {}

    def list(self, workshop_id: int, statuses: Iterable[str] = (APPROVED,)) -> list[Candidate]:
        """The workshop's candidates with the given statuses, in the order they were added."""
        wanted = [choice(CANDIDATE_STATUSES)(status, "statuses") for status in statuses]
        language = self.store.workshops.get(workshop_id).language
        marks = ", ".join("?" for _ in wanted) or "NULL"
        rows = self.rows(
            f"SELECT * FROM candidates WHERE workshop_id = ? AND status IN ({marks}) ORDER BY id",
            [workshop_id, *wanted],
        )
        catalog = self.catalog_for(rows)
        return [_candidate(row, catalog, language) for row in rows]


def _candidate(row: Mapping[str, Any], catalog: Mapping[str, Any], language: str) -> Candidate:
    name, definition = kpi_texts(row, catalog, language)
    return from_row(Candidate, row, name=name, definition=definition)
