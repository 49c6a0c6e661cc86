"""What page inputs offer, taken from the validators' limits, so a widget never allows what the store refuses."""

from __future__ import annotations

from datetime import date

from kpi_logic.domain import FIRST_DAY, KPI_NAME_MAX, LAST_DAY, MAX_GOALS, NAME_MAX, TEXT_MAX

DATE_MIN: date = FIRST_DAY
DATE_MAX: date = LAST_DAY
GOALS_MAX = MAX_GOALS
# The longest text each free-text field takes (validation.py's specs state the same limits).
TEXT_LIMITS: dict[str, int] = {
    "owner": NAME_MAX,
    "data_source": KPI_NAME_MAX,
    "note": TEXT_MAX,
    "participants": TEXT_MAX,
}
