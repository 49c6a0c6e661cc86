"""Field validators and the specs of every record's fields: what a value must be before it is stored.

Each validator raises InvalidInput with a text key (kpi_logic/i18n/errors.py), so a page, the JSON
import and the CLI refuse the same value with the same message.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import Any

from kpi_logic import voting
from kpi_logic.domain import (
    CADENCES,
    CANDIDATE_STATUSES,
    FIRST_DAY,
    KPI_NAME_MAX,
    LANGUAGES,
    LAST_DAY,
    MAX_ROUND,
    NAME_MAX,
    OWNER_TEAMS,
    PARTICIPANT_TEAMS,
    PHASES,
    REVIEW_DECISIONS,
    STAGES,
    TEXT_MAX,
    VERDICTS,
)
from kpi_logic.errors import InvalidInput


Validator = Callable[[Any, str], Any]

# What people paste from Outlook or Excel: no-break spaces read as spaces, soft hyphens are invisible
# break hints. A zero-width joiner builds emoji sequences ("👩‍💻"); other format characters (bidi
# overrides, zero-width spaces) can disguise text and stay refused, as do control characters.
_AS_SPACE = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u00ad": None})
_ALLOWED_INVISIBLE = frozenset("\u200d")


def normalise_text(value: str) -> str:
    """No-break spaces as spaces, soft hyphens dropped: the text as the person meant it."""
    return value.translate(_AS_SPACE)


def text(max_length: int = NAME_MAX, *, required: bool = True, multiline: bool = False) -> Validator:
    """A validator for stripped text of 1–max_length characters (0 allowed when not required)."""

    def check(value: Any, field: str) -> str:
        if value is None and not required:
            return ""
        if not isinstance(value, str):
            raise InvalidInput(
                f"{field}: must be text, got {value!r}", key="errors.text_type", field=field
            )
        cleaned = normalise_text(value).strip()
        if required and not cleaned:
            raise InvalidInput(f"{field}: must not be empty", key="errors.empty", field=field)
        if len(cleaned) > max_length:
            raise InvalidInput(
                f"{field}: at most {max_length} characters, got {len(cleaned)}",
                key="errors.too_long", field=field, max=max_length, length=len(cleaned),
            )
        # Line breaks are fine in descriptions and notes; other control characters only break
        # exports and layouts.
        allowed = "\n\t" if multiline else ""
        if any(not ch.isprintable() and ch not in allowed and ch not in _ALLOWED_INVISIBLE
               for ch in cleaned):
            raise InvalidInput(
                f"{field}: must not contain control characters", key="errors.control_chars", field=field
            )
        return cleaned

    return check


def number(*, minimum: float | None = None, required: bool = False) -> Validator:
    """A validator for a finite number (None allowed unless required)."""

    def check(value: Any, field: str) -> float | None:
        if value is None and not required:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InvalidInput(
                f"{field}: must be a number, got {value!r}", key="errors.not_number", field=field
            )
        if not math.isfinite(value):
            raise InvalidInput(
                f"{field}: must be a finite number, got {value!r}", key="errors.not_finite", field=field
            )
        if minimum is not None and value < minimum:
            raise InvalidInput(
                f"{field}: must be at least {minimum}, got {value!r}",
                key="errors.below_min", field=field, minimum=minimum,
            )
        return float(value)

    return check


def integer(low: int | None = None, high: int | None = None) -> Validator:
    """A validator for a whole number in low..high (bools and floats refused)."""

    def check(value: Any, field: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInput(
                f"{field}: must be a whole number, got {value!r}", key="errors.not_whole", field=field
            )
        if (low is not None and value < low) or (high is not None and value > high):
            raise InvalidInput(
                f"{field}: must be between {low} and {high}, got {value}",
                key="errors.out_of_range", field=field, low=low, high=high,
            )
        return value

    return check


def day(*, required: bool = False) -> Validator:
    """A validator for a date (or ISO text) between 2000-01-01 and 2100-12-31."""

    def check(value: Any, field: str) -> date | None:
        if value is None and not required:
            return None
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value.strip())
            except ValueError:
                raise InvalidInput(
                    f"{field}: not a date (YYYY-MM-DD): {value!r}", key="errors.not_date", field=field
                ) from None
        if isinstance(value, datetime):
            value = value.date()
        if not isinstance(value, date):
            raise InvalidInput(
                f"{field}: must be a date, got {value!r}", key="errors.not_date", field=field
            )
        if not FIRST_DAY <= value <= LAST_DAY:
            raise InvalidInput(
                f"{field}: must lie between {FIRST_DAY} and {LAST_DAY}",
                key="errors.date_range", field=field, first=FIRST_DAY, last=LAST_DAY,
            )
        return value

    return check


def choice(options: Iterable[str], *, required: bool = True) -> Validator:
    """A validator for one of `options` (None allowed unless required)."""
    allowed = tuple(options)

    def check(value: Any, field: str) -> str | None:
        if value is None and not required:
            return None
        if value not in allowed:
            raise InvalidInput(
                f"{field}: must be one of {', '.join(allowed)}, got {value!r}",
                key="errors.not_choice", field=field, options=", ".join(allowed),
            )
        return value

    return check


def flag() -> Validator:
    """A validator for a true/false setting."""

    def check(value: Any, field: str) -> bool:
        if not isinstance(value, bool):
            raise InvalidInput(
                f"{field}: must be true or false, got {value!r}", key="errors.not_flag", field=field
            )
        return value

    return check


def timestamp() -> Validator:
    """A validator for an ISO date-time text as stored in created_at columns."""

    def check(value: Any, field: str) -> str:
        if not isinstance(value, str):
            raise InvalidInput(f"{field}: must be an ISO date-time, got {value!r}")
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise InvalidInput(f"{field}: must be an ISO date-time, got {value!r}") from None
        return value

    return check


Spec = Mapping[str, Validator]

SETTINGS_FIELDS: Spec = {
    "name": text(),
    "company": text(required=False),
    "language": choice(LANGUAGES),
    # Ranges only; the cap-within-budget rule needs both values (voting.validate_cap).
    "vote_budget": integer(voting.MIN_POINTS_SETTING, voting.MAX_POINTS_SETTING),
    "per_kpi_cap": integer(voting.MIN_POINTS_SETTING, voting.MAX_POINTS_SETTING),
    "phase": choice(PHASES),
    "voting_open": flag(),
    "results_hidden": flag(),
    "anonymous": flag(),
    "facilitator_votes": flag(),
    "finalised": flag(),
    "joins_open": flag(),
}
WORKSHOP_FIELDS: Spec = {
    **SETTINGS_FIELDS,
    "round": integer(1, MAX_ROUND),
    "workshop_date": day(),
    "is_demo": flag(),
    "created_at": timestamp(),
}
PARTICIPANT_FIELDS: Spec = {
    "name": text(),
    "team": choice(PARTICIPANT_TEAMS),
    "is_facilitator": flag(),
    "created_at": timestamp(),
}
GOAL_FIELDS: Spec = {
    "title": text(KPI_NAME_MAX),
    "metric": text(KPI_NAME_MAX, required=False),
    "baseline": number(),
    "target": number(),
    "deadline": day(),
}
STATUS_FIELDS: Spec = {
    "name": text(KPI_NAME_MAX),
    "description": text(TEXT_MAX, required=False, multiline=True),
    "current_value": text(NAME_MAX, required=False),
    "verdict": choice(VERDICTS, required=False),
}
CUSTOM_KPI_FIELDS: Spec = {
    "name": text(KPI_NAME_MAX),
    "definition": text(TEXT_MAX, required=False, multiline=True),
    "stage": choice(STAGES, required=False),
    "team": choice(OWNER_TEAMS, required=False),
}
SHORTLIST_FIELDS: Spec = {
    "owner": text(required=False),
    "baseline": number(),
    "target": number(),
    "target_date": day(),
    "cadence": choice(CADENCES, required=False),
    "data_source": text(KPI_NAME_MAX, required=False),
}
FUNNEL_FIELDS: Spec = {
    "stage": choice(STAGES),
    "baseline_volume": number(minimum=0),
    "target_volume": number(minimum=0),
    "spend": number(minimum=0),
}
MEASUREMENT_FIELDS: Spec = {
    "period": day(required=True),
    "value": number(required=True),
    "note": text(TEXT_MAX, required=False, multiline=True),
}
TASK_FIELDS: Spec = {
    "step": integer(1, 5),
    "title": text(KPI_NAME_MAX),
    "owner": text(required=False),
    "due": day(),
    "done": flag(),
}
REVIEW_FIELDS: Spec = {
    "date": day(required=True),
    "participants": text(TEXT_MAX, required=False, multiline=True),
    "decision": choice(REVIEW_DECISIONS),
    "note": text(TEXT_MAX, required=False, multiline=True),
}


def clean(spec: Spec, values: Mapping[str, Any], *, partial: bool = False, path: str = "") -> dict:
    """Checked values for the fields in `spec`; unknown fields are refused.

    With partial=False, missing fields get their validator's default (or fail when required).
    `path` prefixes field names in messages (e.g. "goals[2].").
    """
    unknown = sorted(set(values) - set(spec))
    if unknown:
        raise InvalidInput(
            f"{path}{unknown[0]}: unknown field", key="errors.unknown_field", field=f"{path}{unknown[0]}"
        )
    names = [name for name in spec if name in values] if partial else list(spec)
    return {name: spec[name](values.get(name), f"{path}{name}") for name in names}


# An id as a caller passes it: a whole number (bools refused).
row_id = integer()

# What an export file holds beyond the fields people edit.
CANDIDATE_STATE_FIELDS: Spec = {
    "status": choice(CANDIDATE_STATUSES),
    "in_runoff": flag(),
    "created_at": timestamp(),
}
VOTE_FIELDS: Spec = {
    "round": integer(1, MAX_ROUND),
    "points": integer(1, voting.MAX_POINTS_SETTING),
    "updated_at": timestamp(),
}
HISTORY_FIELDS: Spec = {
    "actor": text(),
    "at": timestamp(),
    "action": text(),
    "summary": text(TEXT_MAX, multiline=True),
    "undone": flag(),
}
SNAPSHOT_FIELDS: Spec = {"position": integer(low=1), **SHORTLIST_FIELDS}
