"""The measurements and reviews tables: what a shortlisted KPI measured, and what each review decided."""

from __future__ import annotations

from datetime import date

import pandas as pd

from kpi_logic.records import Review
from kpi_logic.store.base import Part, from_row, sql_values
from kpi_logic.validation import MEASUREMENT_FIELDS, REVIEW_FIELDS, clean, row_id


class Measurements(Part):
    """A shortlisted KPI's value per period."""

    def add(
        self, workshop_id: int, entry_id: int, period: date | str, value: float, note: str = ""
    ) -> None:
        """Record a shortlisted KPI's value for a period (replacing an earlier value for it)."""
        self.add_many(
            workshop_id, [{"entry_id": entry_id, "period": period, "value": value, "note": note}]
        )

    def add_many(self, workshop_id: int, rows: list[dict]) -> None:
        """Several measurements at once (e.g. an uploaded sheet): all or nothing."""
        cleaned = []
        for i, row in enumerate(rows):
            values = dict(row)
            entry_id = row_id(values.pop("entry_id", None), f"rows[{i}].entry_id")
            cleaned.append((entry_id, clean(MEASUREMENT_FIELDS, values, path=f"rows[{i}].")))
        with self.write():
            for entry_id, values in cleaned:
                entry = self.owned("shortlist", workshop_id, entry_id, "shortlist entry")
                self.upsert(workshop_id, entry["candidate_id"], values)

    def upsert(self, workshop_id: int, candidate_id: int, values: dict) -> None:
        """Store checked values for a KPI's period, replacing an earlier value; inside a write."""
        # Measurements belong to the KPI (candidate), so they survive shortlist edits and undo.
        self.db.execute(
            "INSERT INTO measurements (workshop_id, candidate_id, period, value, note) "
            "VALUES (:w, :c, :period, :value, :note) ON CONFLICT (candidate_id, period) "
            "DO UPDATE SET value = :value, note = :note",
            {**sql_values(values), "w": workshop_id, "c": candidate_id},
        )

    def list(self, workshop_id: int) -> pd.DataFrame:
        """All measurements: id, entry_id (None once off the shortlist), candidate_id, name, period, value, note."""
        names = self.store.candidates.names(workshop_id)
        rows = self.rows(
            "SELECT m.id, s.id AS entry_id, m.candidate_id, m.period, m.value, m.note "
            "FROM measurements m LEFT JOIN shortlist s ON s.candidate_id = m.candidate_id "
            "WHERE m.workshop_id = ? ORDER BY m.candidate_id, m.period",
            [workshop_id],
        )
        frame = pd.DataFrame(
            rows, columns=["id", "entry_id", "candidate_id", "period", "value", "note"]
        )
        frame.insert(3, "name", [names[cid] for cid in frame["candidate_id"]])
        frame["period"] = [date.fromisoformat(period) for period in frame["period"]]
        return frame


class Reviews(Part):
    """Review meetings after the workshop."""

    def add(
        self,
        workshop_id: int,
        date: date | str,
        decision: str,
        participants: str = "",
        candidate_id: int | None = None,
        note: str = "",
    ) -> Review:
        """Record a KPI review: when, who, which KPI and the decision (keep, change target, replace)."""
        values = clean(REVIEW_FIELDS, {"date": date, "decision": decision,
                                       "participants": participants, "note": note})
        with self.write():
            self.store.workshops.get(workshop_id)
            if candidate_id is not None:
                self.store.candidates.in_workshop(workshop_id, candidate_id)
            review_id = self.insert_row(
                "reviews", {**values, "workshop_id": workshop_id, "candidate_id": candidate_id}
            )
        return from_row(Review, self.owned("reviews", workshop_id, review_id, "review"))

    def list(self, workshop_id: int) -> list[Review]:
        """Reviews, newest first."""
        return self.list_of(Review, "reviews", workshop_id, "date DESC, id DESC")

