"""The status_kpis table: the KPIs a company tracks today and the workshop's verdict on each."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from kpi_logic.records import StatusKpi
from kpi_logic.store.base import Part, from_row
from kpi_logic.validation import STATUS_FIELDS, clean, row_id


class StatusQuo(Part):
    """Today's KPIs: add, judge (keep / drop / vanity) and remove."""

    def add(
        self,
        workshop_id: int,
        name: str,
        description: str = "",
        current_value: str = "",
        verdict: str | None = None,
    ) -> StatusKpi:
        """A KPI the company tracks today."""
        row = {"name": name, "description": description, "current_value": current_value,
               "verdict": verdict}
        return self.add_many(workshop_id, [row])[0]

    def add_many(self, workshop_id: int, rows: list[dict]) -> list[StatusKpi]:
        """Several status-quo KPIs at once (e.g. pasted from a sheet): all or nothing."""
        cleaned = [clean(STATUS_FIELDS, row, path=f"rows[{i}].") for i, row in enumerate(rows)]
        with self.write():
            self.store.workshops.get(workshop_id)
            ids = [self.insert_row("status_kpis", {**row, "workshop_id": workshop_id}) for row in cleaned]
        return [self.get(workshop_id, status_id) for status_id in ids]

    def get(self, workshop_id: int, status_id: int) -> StatusKpi:
        """The status-quo KPI, checked to belong to the workshop."""
        return from_row(StatusKpi, self.owned("status_kpis", workshop_id, status_id, "status KPI"))

    def set_verdict(self, workshop_id: int, status_id: int, verdict: str | None) -> StatusKpi:
        """Keep, drop or flag as vanity (None clears the verdict)."""
        row = self.edit(
            "status_kpis", "status KPI", STATUS_FIELDS, workshop_id, status_id, {"verdict": verdict}
        )
        return from_row(StatusKpi, row)

    def delete(self, workshop_id: int, status_id: int) -> None:
        """Remove a status-quo KPI."""
        self.delete_row("status_kpis", "status KPI", workshop_id, status_id)

    def set_verdicts(
        self, workshop_id: int, verdicts: Mapping[int, str | None], remove: Iterable[int] = ()
    ) -> None:
        """Judge and remove several status-quo KPIs in one go: all or nothing."""
        judged = {
            row_id(status_id, "status id"): clean(STATUS_FIELDS, {"verdict": verdict}, partial=True)
            for status_id, verdict in verdicts.items()
        }
        removed = [row_id(status_id, "status id") for status_id in remove]
        with self.write():
            for status_id in [*judged, *removed]:
                self.owned("status_kpis", workshop_id, status_id, "status KPI")
            for status_id, values in judged.items():
                self.update_row("status_kpis", status_id, values)
            self.db.execute(
                "DELETE FROM status_kpis WHERE id IN (SELECT value FROM json_each(?))", [json.dumps(removed)]
            )

    def list(self, workshop_id: int) -> list[StatusKpi]:
        """Today's KPIs in the order they were entered."""
        return self.list_of(StatusKpi, "status_kpis", workshop_id, "id")
