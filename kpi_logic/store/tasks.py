"""The tasks table: the action plan's tasks along the article's five steps."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from kpi_logic.records import Task
from kpi_logic.store.base import Part, from_row
from kpi_logic.validation import TASK_FIELDS, clean, row_id


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

    def add_many(self, workshop_id: int, rows: Sequence[Mapping[str, Any]]) -> list[Task]:
        """Several tasks (fields as in `add`) in one transaction: all or nothing."""
        cleaned = [clean(TASK_FIELDS, {"owner": "", "done": False, **row}, path=f"rows[{i}].")
                   for i, row in enumerate(rows)]
        with self.write():
            self.store.workshops.get(workshop_id)
            ids = [self.insert_row("tasks", {**values, "workshop_id": workshop_id}) for values in cleaned]
        return [from_row(Task, self.owned("tasks", workshop_id, task_id, "task")) for task_id in ids]

    def update_many(self, workshop_id: int, changes: Mapping[int, Mapping[str, Any]]) -> int:
        """Change several tasks (fields as in `update`) in one transaction; how many changed."""
        checked = {row_id(task_id, "task id"): clean(TASK_FIELDS, fields, partial=True)
                   for task_id, fields in changes.items()}
        with self.write():
            for task_id, values in checked.items():
                self.owned("tasks", workshop_id, task_id, "task")
                self.update_row("tasks", task_id, values)
        return len(checked)

    def update(self, workshop_id: int, task_id: int, **fields: Any) -> Task:
        """Change a task's step, title, owner, due date or done flag."""
        return from_row(Task, self.edit("tasks", "task", TASK_FIELDS, workshop_id, task_id, fields))

    def delete(self, workshop_id: int, task_id: int) -> None:
        """Remove a task."""
        self.delete_row("tasks", "task", workshop_id, task_id)

    def list(self, workshop_id: int) -> list[Task]:
        """The action plan by step, then due date (undated last)."""
        return self.list_of(Task, "tasks", workshop_id, "step, due IS NULL, due, id")
