"""The tasks table: the action plan's tasks along the article's five steps."""

from __future__ import annotations

from datetime import date
from typing import Any

from kpi_logic.records import Task
from kpi_logic.store.base import Part, from_row
from kpi_logic.validation import TASK_FIELDS, clean


class Tasks(Part):
    """Add, change and remove action-plan tasks."""

    def add(
        self,
        workshop_id: int,
        step: int,
        title: str,
        owner: str = "",
        due: date | str | None = None,
        done: bool = False,
    ) -> Task:
        """An action-plan task for one of the five steps."""
        values = clean(TASK_FIELDS, {"step": step, "title": title, "owner": owner, "due": due,
                                     "done": done})
        with self.write():
            self.store.workshops.get(workshop_id)
            task_id = self.insert_row("tasks", {**values, "workshop_id": workshop_id})
        return from_row(Task, self.owned("tasks", workshop_id, task_id, "task"))

    def update(self, workshop_id: int, task_id: int, **fields: Any) -> Task:
        """Change a task's step, title, owner, due date or done flag."""
        return from_row(Task, self.edit("tasks", "task", TASK_FIELDS, workshop_id, task_id, fields))

    def delete(self, workshop_id: int, task_id: int) -> None:
        """Remove a task."""
        self.delete_row("tasks", "task", workshop_id, task_id)

    def list(self, workshop_id: int) -> list[Task]:
        """The action plan by step, then due date (undated last)."""
        return self.list_of(Task, "tasks", workshop_id, "step, due IS NULL, due, id")
