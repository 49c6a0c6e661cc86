"""Today's KPIs from a CSV file as Swiss Excel writes it, checked whole before anything is stored.

Encodings, separator, row numbers and the formula check are every import's (see `csv_import`).
What this reader adds, and why:
- Columns are found by their header, in German or English, case and spaces ignored (`COLUMN_ALIASES`).
  The name column is required, description and current value are optional. Any other column is
  IGNORED, not refused: sheets exported from Excel often carry owners or notes, and refusing them
  would make people edit the file for nothing. Ignored headers are reported so the page can say so.
- A name may appear once, in the file and among the KPIs already listed (case and spaces ignored).
- A plain number such as ``-5`` or ``+12.5 %`` in the value column is data, not a formula.

Any problem refuses the whole file with a `StatusImportError` naming the file, row and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kpi_logic import csv_import
from kpi_logic.csv_import import CsvImportError
from kpi_logic.errors import InvalidInput
from kpi_logic.text import name_key
from kpi_logic.domain import KPI_NAME_MAX, NAME_MAX, TEXT_MAX
from kpi_logic.validation import STATUS_FIELDS

MAX_ROWS = 500

NAME, DESCRIPTION, CURRENT_VALUE = "name", "description", "current_value"
FIELDS: tuple[str, ...] = (NAME, DESCRIPTION, CURRENT_VALUE)
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    NAME: ("name", "kpi", "kennzahl", "kpi name", "kpi-name"),
    DESCRIPTION: ("beschreibung", "description"),
    CURRENT_VALUE: ("wert", "aktueller wert", "current value", "value"),
}
# The store's limits, so a file that passes here is never refused half-way by the store.
MAX_LENGTH: dict[str, int] = {NAME: KPI_NAME_MAX, DESCRIPTION: TEXT_MAX, CURRENT_VALUE: NAME_MAX}

_PLAIN_NUMBER = re.compile(r"[+-]?\d[\d'’ .,]*%?")
# Only descriptions may span several lines; tabs there are harmless too.
_MULTILINE_FIELDS = frozenset({DESCRIPTION})


class StatusImportError(CsvImportError):
    """A status-quo CSV was refused whole; `reason` and `values` let a page say why in any language."""

    area = "status_quo.import"


@dataclass(frozen=True)
class StatusCsv:
    """The KPIs read from a file, and the headers that were ignored."""

    rows: tuple[dict[str, str], ...]
    ignored_columns: tuple[str, ...]


def is_listed(name: str, names: Iterable[str]) -> bool:
    """Whether `name` is already among `names` (as `name_key` compares them): a KPI is listed once."""
    return name_key(name) in {name_key(other) for other in names}


def parse_status_csv(data: bytes, filename: str, existing_names: Iterable[str] = ()) -> list[dict]:
    """The KPIs in the file as dicts with name, description and current_value; StatusImportError if bad.

    A name that repeats in the file or is among `existing_names` (the KPIs already listed) refuses
    the file, so importing the same file twice does not list every KPI twice.
    """
    return list(read_status_csv(data, filename, existing_names).rows)


def read_status_csv(data: bytes, filename: str, existing_names: Iterable[str] = ()) -> StatusCsv:
    """Like `parse_status_csv`, also telling which columns were ignored."""
    found = csv_import.table(data, filename, StatusImportError, MAX_ROWS)
    listed = {name_key(name) for name in existing_names}
    return _read_records(found, filename, listed)


def _columns(
    header: list[str], filename: str, row: int
) -> tuple[dict[str, int], tuple[str, ...]]:
    """Which column index holds each field, and the headers of the ignored columns."""
    positions, ignored = csv_import.columns(header, COLUMN_ALIASES, filename, row, StatusImportError)
    if NAME not in positions:
        raise StatusImportError(
            "no_name_column", file=filename, row=row,
            expected=", ".join(alias.title() for alias in COLUMN_ALIASES[NAME][:3]),
        )
    return positions, ignored


def _read_records(found: csv_import.Table, filename: str, listed: set[str]) -> StatusCsv:
    """The checked rows below the header."""
    header = found.header
    positions, ignored = _columns(header, filename, found.header_row)
    rows: list[dict[str, str]] = []
    first_row_of: dict[str, int] = {}
    for row_number, cells in found.rows:
        row = {
            field: _checked_cell(cells, positions, header, field, filename, row_number)
            for field in FIELDS
        }
        key = name_key(row[NAME])
        where = {"file": filename, "row": row_number, "column": header[positions[NAME]].strip()}
        if key in first_row_of:
            raise StatusImportError(
                "duplicate_name", **where, name=row[NAME], other_row=first_row_of[key]
            )
        if key in listed:
            raise StatusImportError("already_listed", **where, name=row[NAME])
        first_row_of[key] = row_number
        rows.append(row)
    if not rows:
        raise StatusImportError("no_rows", file=filename, row=found.header_row)
    return StatusCsv(tuple(rows), ignored)


def _checked_cell(
    cells: list[str], positions: dict[str, int], header: list[str], field: str,
    filename: str, row_number: int,
) -> str:
    """The stripped cell of `field` in this row ('' if the column is missing or short), checked."""
    index = positions.get(field)
    if index is None:
        return ""
    value = csv_import.normalised_cell(cells[index]) if index < len(cells) else ""
    where = {"file": filename, "row": row_number, "column": header[index].strip()}
    if field == NAME and not value:
        raise StatusImportError("empty_name", **where)
    if len(value) > MAX_LENGTH[field]:
        raise StatusImportError("too_long", **where, length=len(value), limit=MAX_LENGTH[field])
    csv_import.check_safe(
        value, where, StatusImportError,
        is_number=field == CURRENT_VALUE and bool(_PLAIN_NUMBER.fullmatch(value)),
        multiline=field in _MULTILINE_FIELDS,
    )
    try:
        # The store's own rule is the last word, so the import can never fail half-way there.
        STATUS_FIELDS[field](value, where["column"])
    except InvalidInput as error:
        raise StatusImportError("invalid", **where, detail=str(error)) from None
    return value
