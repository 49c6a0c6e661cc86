"""Action-plan page: the facilitator prefills and edits the 30-day plan, everyone sees progress and overdue tasks."""

from datetime import date, timedelta

import pytest
from tests.support import page_app

from kpi_logic.i18n import t

PAGE = "pages/action_plan.py"
WORKSHOP_DAY = date(2027, 3, 1)


def _button(app, label: str):
    return next(button for button in app.button if button.label == label)


def _open(workshop, role: str = "facilitator", language: str = "en", participant_id: int | None = None):
    return page_app(PAGE, workshop_id=workshop.id, role=role, participant_id=participant_id,
                    language=language).run()


def _texts(elements) -> str:
    return "\n".join(str(element.value) for element in elements)


def _progress_text(app) -> str:
    (bar,) = app.get("progress")
    return bar.proto.text


@pytest.mark.parametrize("language,first_title", [
    ("en", "Review today's KPIs"),
    ("de", "Status quo der heutigen KPIs prüfen"),
])
def test_facilitator_prefills_the_five_steps_over_thirty_days(store, workshop, language, first_title):
    app = _open(workshop, language=language)
    app.date_input(key="plan_start").set_value(WORKSHOP_DAY)
    app.text_input(key="plan_owner").set_value("Anna")
    app = _button(app, t(language, "action_plan.prefill")).click().run()
    assert not app.exception
    tasks = store.tasks.list(workshop.id)
    assert [task.step for task in tasks] == [1, 2, 3, 4, 5]
    assert tasks[0].title == first_title
    assert [task.due for task in tasks][-1] == WORKSHOP_DAY + timedelta(days=30)
    assert {task.owner for task in tasks} == {"Anna"}
    assert _progress_text(app) == t(language, "action_plan.progress", done=0, total=5)


def test_progress_counts_done_tasks_and_each_task_shows_done_overdue_or_open(store, workshop):
    today = date.today()
    store.tasks.add(workshop.id, 1, "Review KPIs", due=today - timedelta(days=5), done=True)
    store.tasks.add(workshop.id, 2, "Pick KPIs", due=today - timedelta(days=1))
    store.tasks.add(workshop.id, 3, "Definition workshop", due=today)
    app = _open(workshop)
    assert not app.exception
    assert _progress_text(app) == "1 of 3 done"
    assert t("en", "action_plan.overdue_count", count=1) in _texts(app.error)
    table = app.dataframe[0].value
    marked = dict(zip(table["title"], table["overdue"]))
    assert marked == {"Review KPIs": t("en", "action_plan.status.done"),
                      "Pick KPIs": t("en", "action_plan.overdue_marker"),
                      "Definition workshop": t("en", "action_plan.status.open")}


def test_facilitator_adds_a_task(store, workshop):
    store.tasks.add(workshop.id, 1, "Review KPIs")
    app = _open(workshop)
    app.selectbox(key="task_new_step").set_value(4)
    app.text_input(key="task_new_title").set_value("Connect CRM reports")
    app.text_input(key="task_new_owner").set_value("Marco")
    app.date_input(key="task_new_due").set_value(date(2027, 3, 20))
    app = _button(app, t("en", "action_plan.add.submit")).click().run()
    assert not app.exception
    added = store.tasks.list(workshop.id)[-1]
    assert (added.step, added.title, added.owner, added.due) == (4, "Connect CRM reports", "Marco", date(2027, 3, 20))


# Overlong titles never reach the store: the input's max_chars cuts them (checked in test_action_plan.py).
@pytest.mark.parametrize("title", ["", "   ", "Plan\x00it"], ids=["empty", "blank", "nul"])
def test_a_task_with_a_bad_title_is_refused_and_nothing_is_stored(store, workshop, title):
    store.tasks.add(workshop.id, 1, "Review KPIs")
    app = _open(workshop)
    app.text_input(key="task_new_title").set_value(title)
    app = _button(app, t("en", "action_plan.add.submit")).click().run()
    assert not app.exception
    assert t("en", "errors.field.title") in _texts(app.error)
    assert [task.title for task in store.tasks.list(workshop.id)] == ["Review KPIs"]


def test_facilitator_deletes_a_task(store, workshop):
    keep = store.tasks.add(workshop.id, 1, "Review KPIs")
    gone = store.tasks.add(workshop.id, 2, "Pick KPIs")
    app = _open(workshop)
    app.selectbox(key="task_delete").set_value(gone.id)
    app = _button(app, t("en", "action_plan.delete.submit")).click().run()
    assert not app.exception
    assert store.tasks.list(workshop.id) == [keep]


def test_participant_reads_the_plan_but_cannot_change_it(store, workshop):
    store.tasks.add(workshop.id, 1, "<b>Review</b> [x](javascript:alert(1))")
    participant = store.participants.join(workshop.join_code, "Anna", "marketing")
    app = _open(workshop, role="participant", participant_id=participant.id)
    assert not app.exception
    assert app.dataframe[0].value["title"].tolist() == ["<b>Review</b> [x](javascript:alert(1))"]
    assert not app.text_input and not app.selectbox and not app.date_input
    assert not [button for button in app.button if button.label != t("en", "sidebar.leave")]


def test_participant_sees_no_prefill_for_an_empty_plan(store, workshop):
    participant = store.participants.join(workshop.join_code, "Anna", "marketing")
    app = _open(workshop, role="participant", participant_id=participant.id)
    assert t("en", "action_plan.empty.participant") in _texts(app.info)
    assert not app.date_input


def test_without_a_role_the_page_shows_no_plan_and_no_controls(store, workshop):
    store.tasks.add(workshop.id, 1, "Secret task")
    app = page_app(PAGE).run()
    assert not app.exception
    assert "Secret task" not in str(app)
    assert not app.dataframe and not app.text_input and not app.button
