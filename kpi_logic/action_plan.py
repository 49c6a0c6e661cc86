"""The 30-day action plan after the workshop: the article's five steps as tasks, progress, overdue ones.

The page edits the plan in one table; this module also turns the edited table back into per-task
changes, checking every cell with the store's own validators first, so one bad cell stores nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd

from kpi_logic.domain import Bilingual
from kpi_logic.errors import InvalidInput
from kpi_logic.records import Task
from kpi_logic.store import WorkshopStore
from kpi_logic.table_edits import editor_cell, row_changes
from kpi_logic.validation import TASK_FIELDS

PLAN_DAYS = 30
# What the facilitator edits in the plan table, in the order the page shows it.
EDITABLE_COLUMNS: tuple[str, ...] = ("title", "owner", "due", "done")
# What an emptied editor cell means; the title stays None so the store refuses it by name.
BLANK_VALUES: dict[str, Any] = {"owner": "", "done": False}


@dataclass(frozen=True)
class PlanStep:
    """One of the article's five steps: its task title, what it means, and when it is due."""

    step: int
    title: Bilingual
    description: Bilingual
    due_in_days: int


# The article's steps 1–5; due days spread the work over the 30 days after the workshop.
STEPS: tuple[PlanStep, ...] = (
    PlanStep(
        1,
        Bilingual("Status quo der heutigen KPIs prüfen", "Review today's KPIs"),
        Bilingual(
            "Welche heutigen Kennzahlen tragen zu den Geschäftszielen bei, welche dienen nur der Eitelkeit?",
            "Which of today's metrics serve the business goals, and which are vanity only?",
        ),
        3,
    ),
    PlanStep(
        2,
        Bilingual("Ziele festhalten und 3–5 KPIs bestätigen", "Confirm goals and 3–5 KPIs"),
        Bilingual(
            "Klare Geschäftsziele festhalten und die 3–5 KPIs bestätigen, die direkt darauf einzahlen.",
            "Write down clear business goals and confirm the 3–5 KPIs that serve them directly.",
        ),
        7,
    ),
    PlanStep(
        3,
        Bilingual("Gemeinsamer Definitions-Workshop Marketing und Vertrieb",
                  "Joint definition workshop of marketing and sales"),
        Bilingual(
            "Beide Teams legen Definition, Formel, Datenquelle und Verantwortung jedes KPIs gemeinsam fest.",
            "Both teams agree each KPI's definition, formula, data source and owner together.",
        ),
        10,
    ),
    PlanStep(
        4,
        Bilingual("Datenerfassung umsetzen und Review-Zyklus einrichten",
                  "Implement data capture and set up the review cycle"),
        Bilingual(
            "Die KPIs in CRM und Reporting automatisch erfassen und die regelmässigen Reviews im Kalender planen.",
            "Capture the KPIs automatically in CRM and reporting and schedule the regular reviews.",
        ),
        21,
    ),
    PlanStep(
        5,
        Bilingual("Teams schulen und laufend verbessern", "Train the teams and keep improving"),
        Bilingual(
            "Die Teams zu Bedeutung und Nutzung der KPIs schulen und Erkenntnisse in die Strategie zurückführen.",
            "Train the teams in what the KPIs mean and how to use them; feed what you learn back into the strategy.",
        ),
        30,
    ),
)
STEPS_BY_NUMBER: dict[int, PlanStep] = {step.step: step for step in STEPS}


@dataclass(frozen=True)
class PlannedTask:
    """A task of the default plan in one language, ready for `WorkshopStore.tasks.add`."""

    step: int
    title: str
    description: str
    due: date


@dataclass(frozen=True)
class Progress:
    """How much of the plan is done."""

    done: int
    total: int

    @property
    def ratio(self) -> float:
        """Share of tasks done, 0.0 for an empty plan."""
        return self.done / self.total if self.total else 0.0


class InvalidTaskCell(InvalidInput):
    """One cell of the action-plan editor holds a value a task cannot take."""

    def __init__(self, task: str, column: str, detail: str):
        super().__init__(f"{task}, {column}: {detail}")
        self.task = task
        self.column = column


class PlanNotEmpty(InvalidInput):
    """The default plan is only added to a workshop without tasks, so a double click adds it once."""


def default_plan(workshop_date: date, language: str) -> list[PlannedTask]:
    """The five steps as tasks due 3, 7, 10, 21 and 30 days after `workshop_date`, in `language`."""
    return [
        PlannedTask(
            step.step,
            step.title.get(language),
            step.description.get(language),
            workshop_date + timedelta(days=step.due_in_days),
        )
        for step in STEPS
    ]


def step_description(step: int, language: str) -> str:
    """What one of the five steps means, in `language` ("" for an unknown step)."""
    known = STEPS_BY_NUMBER.get(step)
    return known.description.get(language) if known else ""


def add_default_plan(
    store: WorkshopStore, workshop_id: int, workshop_date: date, language: str, owner: str = ""
) -> list[Task]:
    """Store the default plan for an empty workshop plan; PlanNotEmpty if it already has tasks."""
    if store.tasks.list(workshop_id):
        raise PlanNotEmpty("The action plan already has tasks; the default plan is only added to an empty plan.")
    return store.tasks.add_many(
        workshop_id,
        [{"step": task.step, "title": task.title, "owner": owner, "due": task.due}
         for task in default_plan(workshop_date, language)],
    )


def progress(tasks: Sequence[Task]) -> Progress:
    """Done tasks out of all tasks."""
    return Progress(sum(task.done for task in tasks), len(tasks))


def is_overdue(task: Task, today: date) -> bool:
    """Not done and its due date has passed (a task due today is not overdue yet)."""
    return not task.done and task.due is not None and task.due < today


def overdue_count(tasks: Sequence[Task], today: date) -> int:
    """How many tasks are overdue today."""
    return sum(is_overdue(task, today) for task in tasks)


def plan_frame(tasks: Sequence[Task], today: date) -> pd.DataFrame:
    """The plan as the editor's table: one row per task (index = task id), with an overdue flag."""
    return pd.DataFrame(
        {
            "step": [task.step for task in tasks],
            "title": [task.title for task in tasks],
            "owner": [task.owner for task in tasks],
            "due": [task.due for task in tasks],
            "done": [task.done for task in tasks],
            "overdue": [is_overdue(task, today) for task in tasks],
        },
        index=pd.Index([task.id for task in tasks], name="task_id"),
    )


def task_changes(tasks: Sequence[Task], edited: pd.DataFrame) -> dict[int, dict[str, Any]]:
    """The editable fields that differ between the edited table and the stored tasks, per task id.

    Every cell is checked before anything is returned, so the caller writes all changes or, on
    InvalidTaskCell, none. Rows of tasks deleted meanwhile are ignored.
    """
    by_id = {task.id: task for task in tasks}

    def check(task_id: int, cells: Mapping[str, Any]) -> dict[str, Any]:
        checked = {}
        for column in EDITABLE_COLUMNS:
            try:
                checked[column] = TASK_FIELDS[column](editor_cell(cells.get(column), BLANK_VALUES.get(column)), column)
            except InvalidInput as error:
                raise InvalidTaskCell(by_id[task_id].title, column, str(error)) from None
        return checked

    stored = {task.id: {column: getattr(task, column) for column in EDITABLE_COLUMNS} for task in tasks}
    return row_changes(stored, edited, check)


def apply_changes(store: WorkshopStore, workshop_id: int, changes: Mapping[int, Mapping[str, Any]]) -> int:
    """Write checked task changes in one transaction; how many tasks changed."""
    return store.tasks.update_many(workshop_id, changes)
