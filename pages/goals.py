"""Goals: the one to three business goals the KPIs must serve (the article's step 2)."""
import streamlit as st
from ui.guard import guard

import pandas as pd

from kpi_logic.formatting import DATE_PATTERNS, format_date, format_number
from kpi_logic.text import escape_markdown
from kpi_logic.forms import DATE_MAX, DATE_MIN, GOALS_MAX
from kpi_logic.goals import may_add_goal
from kpi_logic.records import Goal
from ui.feedback import attempt

context = guard("goals")
store, workshop = context.store, context.workshop

# Swiss dates in German; ISO in English, which reads unambiguously everywhere.
NEW_GOAL = "goal_new"


def _goal_table(goals: list[Goal]) -> pd.DataFrame:
    """The goals as text columns, numbers and dates written as people read them."""
    language = context.language
    return pd.DataFrame(
        {
            context.t("words.goal"): [goal.title for goal in goals],
            context.t("words.metric"): [goal.metric or "—" for goal in goals],
            context.t("words.baseline"): [format_number(goal.baseline, language) for goal in goals],
            context.t("words.target"): [format_number(goal.target, language) for goal in goals],
            context.t("words.deadline"): [format_date(goal.deadline, language) for goal in goals],
        }
    )


def _goal_fields(goal: Goal | None, key: str) -> dict:
    """The inputs of one goal inside a form, prefilled from `goal`; their values by store field.

    No max_chars on the texts: the widget would cut a pasted text silently, the store says why.
    """
    title = st.text_input(
        context.t("words.goal"), value=goal.title if goal else "", key=f"{key}_title",
        help=context.t("goals.field.title_help"),
        placeholder=context.t("goals.field.title_placeholder"),
    )
    metric = st.text_input(
        context.t("words.metric"), value=goal.metric if goal else "", key=f"{key}_metric",
        help=context.t("goals.field.metric_help"),
    )
    baseline_column, target_column, deadline_column = st.columns(3)
    baseline = baseline_column.number_input(
        context.t("words.baseline"), value=goal.baseline if goal else None, step=1.0,
        key=f"{key}_baseline", help=context.t("goals.field.baseline_help"),
    )
    target = target_column.number_input(
        context.t("words.target"), value=goal.target if goal else None, step=1.0,
        key=f"{key}_target", help=context.t("goals.field.target_help"),
    )
    deadline = deadline_column.date_input(
        context.t("words.deadline"), value=goal.deadline if goal else None,
        min_value=DATE_MIN, max_value=DATE_MAX, format=DATE_PATTERNS[context.language],
        key=f"{key}_deadline", help=context.t("goals.field.deadline_help"),
    )
    return {"title": title, "metric": metric, "baseline": baseline, "target": target,
            "deadline": deadline}


def _edit_goal(goal: Goal) -> None:
    with st.form(f"goal_{goal.id}"):
        fields = _goal_fields(goal, f"goal_{goal.id}")
        save_column, delete_column = st.columns(2)
        save = save_column.form_submit_button(context.t("words.save_changes"), type="primary")
        delete = delete_column.form_submit_button(context.t("goals.delete"))
    if save:
        attempt(context, lambda: store.goals.update(workshop.id, goal.id, **fields), rerun=True)
    elif delete:
        attempt(context, lambda: store.goals.delete(workshop.id, goal.id), "goals.deleted", rerun=True)


def _add_goal(goal_count: int) -> None:
    st.subheader(context.t("goals.add.title"))
    if not may_add_goal(goal_count):
        st.info(context.t("goals.add.max_reached", max=GOALS_MAX))
        return
    with st.form("goal_new"):
        fields = _goal_fields(None, NEW_GOAL)
        added = st.form_submit_button(context.t("goals.add.submit"), type="primary")
    if added and attempt(context, lambda: store.goals.add(workshop.id, **fields), "goals.added").ok:
        # Emptied only after a success, so a refused goal keeps what was typed.
        for field in fields:
            st.session_state.pop(f"{NEW_GOAL}_{field}", None)
        st.rerun()

st.caption(context.t("goals.smart"))
goals = store.goals.list(workshop.id)
if not goals:
    st.info(context.t("goals.voting_needs_goal"), icon="🗳️")
else:
    st.dataframe(_goal_table(goals), hide_index=True, width="stretch")

if context.is_facilitator:
    for number, goal in enumerate(goals, start=1):
        with st.expander(context.t("goals.edit", number=number, title=escape_markdown(goal.title))):
            _edit_goal(goal)
    _add_goal(len(goals))
elif goals:
    st.caption(context.t("read_only"))
