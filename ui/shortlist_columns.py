"""The shortlist table's columns as Streamlit shows them, for the editor and the read-only view alike."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from kpi_logic.domain import CADENCES
from kpi_logic.formatting import DATE_PATTERNS
from kpi_logic.forms import DATE_MAX, DATE_MIN, TEXT_LIMITS
from kpi_logic.shortlist_view import GOALS_COLUMN, NAME_COLUMN
from kpi_logic.text import cadence_label


def shortlist_columns(context: Any, goal_titles: Mapping[str, str]) -> dict:
    """The editor's (and the read-only table's) columns: titles, help and limits in the user's language."""
    def help_of(column: str) -> str:
        return context.t(f"shortlist.col.{column}.help")

    def title(column: str) -> str:
        return context.t(f"shortlist.col.{column}")

    # Pixel widths: the pinned KPI name and the figures stay narrow, so more columns fit at 1280 px;
    # the rest scrolls sideways with the name in view.
    return {
        NAME_COLUMN: st.column_config.TextColumn(title(NAME_COLUMN), disabled=True, pinned=True, width=180),
        "owner": st.column_config.TextColumn(
            title("owner"), help=help_of("owner"), max_chars=TEXT_LIMITS["owner"], width=150
        ),
        "baseline": st.column_config.NumberColumn(title("baseline"), help=help_of("baseline"), width=95),
        "target": st.column_config.NumberColumn(title("target"), help=help_of("target"), width=80),
        "target_date": st.column_config.DateColumn(
            title("target_date"), help=help_of("target_date"), min_value=DATE_MIN, max_value=DATE_MAX,
            format=DATE_PATTERNS[context.language], width=100,
        ),
        "cadence": st.column_config.SelectboxColumn(
            title("cadence"), help=help_of("cadence"), options=list(CADENCES),
            format_func=lambda cadence: cadence_label(cadence, context.language), width=110,
        ),
        "data_source": st.column_config.TextColumn(
            title("data_source"), help=help_of("data_source"), max_chars=TEXT_LIMITS["data_source"], width="medium"
        ),
        GOALS_COLUMN: st.column_config.MultiselectColumn(
            title(GOALS_COLUMN), help=help_of(GOALS_COLUMN), options=list(goal_titles),
            format_func=lambda goal_id: goal_titles.get(goal_id, goal_id), width="medium",
        ),
    }
