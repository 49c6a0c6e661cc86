"""The funnel table: volumes and spend per stage, today and as a target."""

from __future__ import annotations

from kpi_logic.domain import STAGES
from kpi_logic.errors import InvalidInput
from kpi_logic.records import FunnelFigure
from kpi_logic.store.base import Part, from_row
from kpi_logic.validation import FUNNEL_FIELDS, clean


class Funnel(Part):
    """Replace and read the agreed funnel."""

    def set(self, workshop_id: int, rows: list[dict]) -> None:
        """Replace the funnel figures: one row per stage."""
        cleaned = [clean(FUNNEL_FIELDS, row, path=f"rows[{i}].") for i, row in enumerate(rows)]
        stages = [row["stage"] for row in cleaned]
        if len(set(stages)) != len(stages):
            raise InvalidInput("rows: a funnel stage appears twice")
        with self.write():
            self.store.workshops.get(workshop_id)
            self.db.execute("DELETE FROM funnel WHERE workshop_id = ?", [workshop_id])
            for row in cleaned:
                self.insert_row("funnel", {**row, "workshop_id": workshop_id})

    def list(self, workshop_id: int) -> list[FunnelFigure]:
        """The funnel figures in stage order."""
        self.store.workshops.get(workshop_id)
        rows = self.rows("SELECT * FROM funnel WHERE workshop_id = ?", [workshop_id])
        rows.sort(key=lambda row: STAGES.index(row["stage"]))
        return [from_row(FunnelFigure, row) for row in rows]

