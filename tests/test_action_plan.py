"""The 30-day action plan: the five steps with due dates, progress, overdue tasks and checked table edits."""

from datetime import date, timedelta

import pandas as pd
import pytest

from kpi_logic import action_plan
from kpi_logic.action_plan import InvalidTaskCell, PlanNotEmpty
from kpi_logic.records import Task

WORKSHOP_DAY = date(2027, 3, 1)
TODAY = date(2027, 3, 15)


@pytest.fixture
def workshop_id(workshop) -> int:
    return workshop.id


def _task(task_id: int = 1, *, due: date | None = TODAY, done: bool = False, title: str = "Review") -> Task:
    return Task(task_id, 1, 1, title, "Anna", due, done)


@pytest.mark.parametrize("language", ["de", "en"])
def test_default_plan_has_the_five_steps_within_thirty_days(language):
    plan = action_plan.default_plan(WORKSHOP_DAY, language)
    assert [task.step for task in plan] == [1, 2, 3, 4, 5]
    assert [(task.due - WORKSHOP_DAY).days for task in plan] == [3, 7, 10, 21, 30]
    assert all(task.title and task.description for task in plan)


@pytest.mark.parametrize("language,title", [
    ("de", "Gemeinsamer Definitions-Workshop Marketing und Vertrieb"),
    ("en", "Joint definition workshop of marketing and sales"),
])
def test_default_plan_speaks_the_chosen_language(language, title):
    assert action_plan.default_plan(WORKSHOP_DAY, language)[2].title == title


def test_plan_texts_use_swiss_spelling():
    texts = [text for step in action_plan.STEPS for text in (step.title.de, step.description.de)]
    assert not any("\u00df" in text for text in texts)


def test_default_plan_is_stored_for_an_empty_plan(store, workshop_id):
    added = action_plan.add_default_plan(store, workshop_id, WORKSHOP_DAY, "en", owner="Anna")
    assert store.tasks.list(workshop_id) == added
    assert {task.owner for task in added} == {"Anna"}
    assert not any(task.done for task in added)


def test_default_plan_is_refused_when_the_plan_has_tasks(store, workshop_id):
    store.tasks.add(workshop_id, 1, "Own task")
    with pytest.raises(PlanNotEmpty):
        action_plan.add_default_plan(store, workshop_id, WORKSHOP_DAY, "en")
    assert [task.title for task in store.tasks.list(workshop_id)] == ["Own task"]


@pytest.mark.parametrize("done_flags,expected", [
    ([], (0, 0, 0.0)),
    ([True, False, False, False, False], (1, 5, 0.2)),
    ([True, True], (2, 2, 1.0)),
])
def test_progress_counts_done_tasks(done_flags, expected):
    result = action_plan.progress([_task(i, done=done) for i, done in enumerate(done_flags)])
    assert (result.done, result.total, result.ratio) == expected


@pytest.mark.parametrize("due,done,overdue", [
    (TODAY - timedelta(days=1), False, True),
    (TODAY - timedelta(days=1), True, False),
    (TODAY, False, False),
    (TODAY + timedelta(days=1), False, False),
    (None, False, False),
], ids=["yesterday", "yesterday-done", "today", "tomorrow", "undated"])
def test_only_open_tasks_past_their_due_date_are_overdue(due, done, overdue):
    assert action_plan.is_overdue(_task(due=due, done=done), TODAY) is overdue


def test_overdue_count_counts_only_open_tasks_past_due():
    tasks = [_task(1, due=TODAY - timedelta(days=1)), _task(2, due=TODAY - timedelta(days=1), done=True), _task(3)]
    assert action_plan.overdue_count(tasks, TODAY) == 1


def test_plan_frame_flags_overdue_tasks():
    frame = action_plan.plan_frame([_task(1, due=TODAY - timedelta(days=2)), _task(2)], TODAY)
    assert frame.loc[1, "overdue"] and not frame.loc[2, "overdue"]


def _edited(task: Task, **cells) -> pd.DataFrame:
    frame = action_plan.plan_frame([task], TODAY)
    for column, value in cells.items():
        frame[column] = pd.Series([value], index=frame.index, dtype=object)
    return frame


@pytest.mark.parametrize("cells,expected", [
    ({"done": True}, {"done": True}),
    ({"owner": "  Marco "}, {"owner": "Marco"}),
    ({"owner": None}, {"owner": ""}),
    ({"due": pd.Timestamp("2027-04-01")}, {"due": date(2027, 4, 1)}),
    ({"due": pd.NaT}, {"due": None}),
    ({"title": "Review"}, {}),
])
def test_table_edits_become_checked_task_changes(cells, expected):
    task = _task()
    changes = action_plan.task_changes([task], _edited(task, **cells))
    assert changes == ({task.id: expected} if expected else {})


@pytest.mark.parametrize("cells,column", [
    ({"title": ""}, "title"),
    ({"title": None}, "title"),
    ({"title": "x" * 121}, "title"),
    ({"owner": "x" * 81}, "owner"),
    ({"due": date(1999, 12, 31)}, "due"),
], ids=["empty-title", "cleared-title", "long-title", "long-owner", "due-too-early"])
def test_a_bad_cell_refuses_all_changes_and_names_the_column(cells, column):
    task = _task()
    with pytest.raises(InvalidTaskCell) as refused:
        action_plan.task_changes([task], _edited(task, **cells))
    assert refused.value.column == column
    assert task.title in str(refused.value)


def test_table_edits_are_written_to_the_store(store, workshop_id):
    task = store.tasks.add(workshop_id, 2, "Pick KPIs")
    changes = action_plan.task_changes([task], _edited(task, done=True, owner="Sara"))
    assert action_plan.apply_changes(store, workshop_id, changes) == 1
    (stored,) = store.tasks.list(workshop_id)
    assert (stored.done, stored.owner) == (True, "Sara")


def test_rows_of_deleted_tasks_are_ignored():
    assert action_plan.task_changes([], _edited(_task(), done=True)) == {}
