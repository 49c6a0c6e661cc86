"""Business goals: a workshop steers by one to three of them (the article's step 2)."""

from __future__ import annotations

from kpi_logic.domain import MAX_GOALS


def may_add_goal(goal_count: int) -> bool:
    """Whether another goal fits: at most MAX_GOALS, or the 3–5 KPIs lose what they serve."""
    return goal_count < MAX_GOALS
