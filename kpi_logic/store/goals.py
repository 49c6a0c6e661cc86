"""The goals table: the business goals (at most three) the KPIs must serve."""

from __future__ import annotations

from datetime import date
from typing import Any

from kpi_logic.domain import MAX_GOALS
from kpi_logic.errors import InvalidInput
from kpi_logic.goals import may_add_goal
from kpi_logic.records import Goal
from kpi_logic.store.base import Part, from_row
from kpi_logic.validation import GOAL_FIELDS, clean


class Goals(Part):
    """Add, change and remove a workshop's goals."""

    def add(
        self,
        workshop_id: int,
        title: str,
        metric: str = "",
        baseline: float | None = None,
        target: float | None = None,
        deadline: date | str | None = None,
    ) -> Goal:
        """A new goal at the end of the list; a workshop has at most three."""
        values = clean(
            GOAL_FIELDS,
            {"title": title, "metric": metric, "baseline": baseline, "target": target,
             "deadline": deadline},
        )
        with self.write():
            self.store.workshops.get(workshop_id)
            (row,) = self.rows(
                "SELECT COUNT(*) AS n, COALESCE(MAX(position), 0) AS last "
                "FROM goals WHERE workshop_id = ?",
                [workshop_id],
            )
            if not may_add_goal(row["n"]):
                raise InvalidInput(
                    f"goals: at most {MAX_GOALS} goals per workshop",
                    key="errors.too_many_goals", max=MAX_GOALS,
                )
            goal_id = self.insert_row(
                "goals", {**values, "workshop_id": workshop_id, "position": row["last"] + 1}
            )
        return self.get(workshop_id, goal_id)

    def get(self, workshop_id: int, goal_id: int) -> Goal:
        """The goal, checked to belong to the workshop."""
        return from_row(Goal, self.owned("goals", workshop_id, goal_id, "goal"))

    def update(self, workshop_id: int, goal_id: int, **fields: Any) -> Goal:
        """Change a goal's title, metric, baseline, target or deadline."""
        return from_row(Goal, self.edit("goals", "goal", GOAL_FIELDS, workshop_id, goal_id, fields))

    def delete(self, workshop_id: int, goal_id: int) -> None:
        """Delete a goal; shortlisted KPIs lose their link to it."""
        self.delete_row("goals", "goal", workshop_id, goal_id)

    def list(self, workshop_id: int) -> list[Goal]:
        """The workshop's goals in order."""
        return self.list_of(Goal, "goals", workshop_id, "position, id")
