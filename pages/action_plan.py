"""Action plan: the article's five steps as tasks with owner and due date for the 30 days after the workshop."""
import streamlit as st
from ui.guard import guard

from datetime import date

import pandas as pd

from kpi_logic import action_plan
from kpi_logic.formatting import DATE_PATTERNS
from kpi_logic.text import escape_markdown
from kpi_logic.records import Task
from ui.feedback import attempt

context = guard("action_plan")

store, workshop, say = context.store, context.workshop, context.t
DATE_FORMAT = DATE_PATTERNS[context.language]
# Pixel widths that fit the whole table in the 1280 px layout; a phone scrolls it sideways. Read-only
# rows have room for two lines, so a long task wraps (the editor's editable cells never wrap).
COLUMN_WIDTHS = {"step": 60, "title": 270, "owner": 130, "due": 100, "done": 90, "overdue": 115}
ROW_HEIGHT = 56


def _step_label(step: int) -> str:
    return say("action_plan.step_option", step=step,
               title=action_plan.STEPS_BY_NUMBER[step].title.get(context.language))


def _prefill_form() -> None:
    with st.form("prefill_plan"):
        st.markdown(f"**{say('action_plan.prefill')}**")
        st.caption(say("action_plan.prefill.intro"))
        start = st.date_input(say("action_plan.prefill.start"), value=workshop.workshop_date or date.today(),
                              format=DATE_FORMAT, help=say("action_plan.prefill.start_help"), key="plan_start")
        owner = st.text_input(say("action_plan.prefill.owner"), help=say("action_plan.prefill.owner_help"),
                              key="plan_owner")
        if st.form_submit_button(say("action_plan.prefill"), type="primary"):
            attempt(context, lambda: len(action_plan.add_default_plan(store, workshop.id, start, context.language, owner)),
                    "action_plan.prefill.done", rerun=True)


def _status(done: bool, overdue: bool) -> str:
    if done:
        return say("action_plan.status.done")
    return say("action_plan.overdue_marker" if overdue else "action_plan.status.open")


def _table(tasks: list[Task]) -> pd.DataFrame:
    """The plan with each task's status in words: done, overdue (red marker) or open."""
    frame = action_plan.plan_frame(tasks, date.today())
    frame["overdue"] = [_status(done, late) for done, late in zip(frame["done"], frame["overdue"])]
    return frame


def _columns() -> dict:
    return {
        "step": st.column_config.NumberColumn(say("action_plan.col.step"), disabled=True, width=COLUMN_WIDTHS["step"],
                                              help=say("action_plan.col.step_help")),
        "title": st.column_config.TextColumn(say("action_plan.col.title"), required=True, max_chars=120,
                                             help=say("action_plan.col.title_help"), width=COLUMN_WIDTHS["title"]),
        "owner": st.column_config.TextColumn(say("words.owner"), max_chars=80, width=COLUMN_WIDTHS["owner"]),
        "due": st.column_config.DateColumn(say("action_plan.col.due"), format=DATE_FORMAT, width=COLUMN_WIDTHS["due"]),
        "done": st.column_config.CheckboxColumn(say("action_plan.col.done"), help=say("action_plan.col.done_help"),
                                                width=COLUMN_WIDTHS["done"]),
        "overdue": st.column_config.TextColumn(say("words.status"), disabled=True, width=COLUMN_WIDTHS["overdue"]),
    }


def _editor(tasks: list[Task]) -> None:
    with st.form("edit_plan"):
        edited = st.data_editor(_table(tasks), column_config=_columns(), hide_index=True, key="plan_editor",
                                disabled=("step", "overdue"))
        if st.form_submit_button(say("words.save_changes"), type="primary"):
            attempt(context, lambda: action_plan.apply_changes(store, workshop.id, action_plan.task_changes(tasks, edited)),
                    "action_plan.saved", rerun=True)


def _add_form() -> None:
    with st.expander(say("action_plan.add")), st.form("add_task", clear_on_submit=True):
        step = st.selectbox(say("action_plan.col.step"), list(action_plan.STEPS_BY_NUMBER),
                            format_func=_step_label, help=say("action_plan.add.step_help"), key="task_new_step")
        title = st.text_input(say("action_plan.col.title"), max_chars=120, help=say("action_plan.col.title_help"),
                              key="task_new_title")
        owner = st.text_input(say("words.owner"), max_chars=80, key="task_new_owner")
        due = st.date_input(say("action_plan.col.due"), value=None, format=DATE_FORMAT, key="task_new_due")
        if st.form_submit_button(say("action_plan.add.submit")):
            attempt(context, lambda: store.tasks.add(workshop.id, step, title, owner, due), rerun=True)


def _delete_form(tasks: list[Task]) -> None:
    with st.expander(say("action_plan.delete")), st.form("delete_task"):
        task_id = st.selectbox(say("action_plan.delete.which"), [task.id for task in tasks],
                               format_func={task.id: task.title for task in tasks}.get, key="task_delete")
        if st.form_submit_button(say("action_plan.delete.submit")):
            attempt(context, lambda: store.tasks.delete(workshop.id, task_id), rerun=True)


def _read_only(tasks: list[Task]) -> None:
    st.dataframe(_table(tasks), column_config=_columns(), hide_index=True, row_height=ROW_HEIGHT)


def _steps() -> None:
    with st.expander(say("action_plan.steps")):
        st.markdown("\n".join(
            f"{step.step}. **{escape_markdown(step.title.get(context.language))}** — "
            f"{escape_markdown(step.description.get(context.language))}"
            for step in action_plan.STEPS
        ))


st.caption(say("action_plan.intro"))
tasks = store.tasks.list(workshop.id)
if not tasks:
    st.info(say("action_plan.empty" if context.is_facilitator else "action_plan.empty.participant"))
    if context.is_facilitator:
        _prefill_form()
else:
    done = action_plan.progress(tasks)
    st.progress(done.ratio, text=say("action_plan.progress", done=done.done, total=done.total))
    overdue = action_plan.overdue_count(tasks, date.today())
    if overdue:
        st.error(say("action_plan.overdue_count", count=overdue), icon="🔴")
    if context.is_facilitator:
        _editor(tasks)
        _add_form()
        _delete_form(tasks)
    else:
        st.caption(say("read_only"))
        _read_only(tasks)
_steps()
