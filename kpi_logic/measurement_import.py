"""Measured values from a CSV file as Swiss Excel writes it, checked whole before anything is stored.

Encodings, separator, row numbers and the formula check are every import's (see `csv_import`).
What this reader adds: columns kpi, period and value (note optional) found by their German or English
header; a KPI named by its catalogue id or its name in either language, which must be on the
shortlist; Swiss numbers (1'234.5, 1234,5) and dates (DD.MM.YYYY, YYYY-MM-DD, YYYY-MM); each KPI and
period once. Any problem refuses the whole file with a `MeasurementImportError` naming file, row, column.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from kpi_logic import csv_import
from kpi_logic.csv_import import CsvImportError, normalised_cell, normalised_header
from kpi_logic.errors import InvalidInput
from kpi_logic.records import ShortlistEntry
from kpi_logic.validation import MEASUREMENT_FIELDS

KPI, PERIOD, VALUE, NOTE = "kpi", "period", "value", "note"
FIELDS: tuple[str, ...] = (KPI, PERIOD, VALUE, NOTE)
REQUIRED: tuple[str, ...] = (KPI, PERIOD, VALUE)
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    KPI: ("kpi", "kennzahl", "name", "kpi-id", "kpi id"),
    PERIOD: ("period", "periode", "datum", "date", "monat", "month"),
    VALUE: ("value", "wert", "ist", "ist-wert", "actual"),
    NOTE: ("note", "notiz", "bemerkung", "kommentar", "comment"),
}
MAX_ROWS = 2_000
# Swiss numbers: apostrophes (or spaces) group thousands, a point or a comma marks the decimals.
# A comma is ALWAYS the decimal mark ("1234,5" as Swiss Excel writes it), never a thousands mark:
# "1,234" is 1.234. A value with both a point and a comma is refused as ambiguous.
_NUMBER = re.compile(r"([+-]?)(\d{1,3}(?:['’ ]\d{3})+|\d+)(?:[.,](\d+))?\s*%?")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SWISS_DAY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")


class MeasurementImportError(CsvImportError):
    """A measurement CSV was refused whole; `reason` and `values` let a page say why in any language."""

    area = "review.import"


def parse_value(text: str) -> float:
    """A number as people type it in Switzerland: 1'234.5, 1’234,5, 1234,5, -3, 12.5 %."""
    cleaned = normalised_cell(text)
    match = _NUMBER.fullmatch(cleaned)
    if match is None:
        raise InvalidInput(f"not a number: {text!r}")
    sign, whole, decimals = match.groups()
    digits = re.sub(r"['’ ]", "", whole)
    return float(f"{sign}{digits}.{decimals or 0}")


def parse_period(text: str) -> date:
    """A period as YYYY-MM-DD, DD.MM.YYYY or YYYY-MM (that month's first day)."""
    cleaned = text.strip()
    try:
        if _ISO_DAY.fullmatch(cleaned):
            return date.fromisoformat(cleaned)
        if match := _SWISS_DAY.fullmatch(cleaned):
            day, month, year = (int(part) for part in match.groups())
            return date(year, month, day)
        if match := _MONTH.fullmatch(cleaned):
            return date(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise InvalidInput(f"no such day: {text!r}") from None
    raise InvalidInput(f"not a date (YYYY-MM-DD, DD.MM.YYYY or YYYY-MM): {text!r}")


def kpi_keys(entries: Sequence[ShortlistEntry], catalog: Mapping[str, Any]) -> dict[str, int]:
    """Every way a file may name a shortlisted KPI (catalogue id, name in either language) → entry id."""
    keys: dict[str, int] = {}
    for entry in entries:
        kpi = catalog.get(entry.catalog_id) if entry.catalog_id else None
        spellings = [entry.name] + ([kpi.id, kpi.name.de, kpi.name.en] if kpi is not None else [])
        for spelling in spellings:
            keys.setdefault(normalised_header(spelling), entry.id)
    return keys


def parse_measurements_csv(
    data: bytes,
    filename: str,
    entries: Sequence[ShortlistEntry],
    catalog: Mapping[str, Any],
) -> list[dict]:
    """Rows for `WorkshopStore.measurements.add_many` from a CSV; MeasurementImportError refuses it whole.

    Read like every import (see `csv_import`: UTF-8 with or without BOM, UTF-16, Windows-1252;
    separator ``;``, tab or ``,``; rows numbered as a spreadsheet shows them). Columns kpi, period and value are required, note
    is optional, others are ignored. A KPI is named by its catalogue id or its name in either language
    and must be on the shortlist; each KPI and period may appear once.
    """
    found = csv_import.table(data, filename, MeasurementImportError, MAX_ROWS)
    return _Rows(filename, kpi_keys(entries, catalog)).read(found)


class _Rows:
    """Reads the records of one file, checking every cell before anything is returned."""

    def __init__(self, filename: str, keys: Mapping[str, int]):
        self.filename = filename
        self.keys = keys

    def read(self, found: csv_import.Table) -> list[dict]:
        header = found.header
        positions = self._columns(header, found.header_row)
        rows: list[dict] = []
        first_row_of: dict[tuple[int, date], int] = {}
        for row_number, cells in found.rows:
            row = self._row(cells, positions, header, row_number)
            key = (row["entry_id"], row["period"])
            if key in first_row_of:
                raise MeasurementImportError(
                    "duplicate", file=self.filename, row=row_number, other_row=first_row_of[key],
                    period=row["period"].isoformat(),
                )
            first_row_of[key] = row_number
            rows.append(row)
        if not rows:
            raise MeasurementImportError("no_rows", file=self.filename, row=found.header_row)
        return rows

    def _columns(self, header: list[str], header_row: int) -> dict[str, int]:
        positions, _ignored = csv_import.columns(
            header, COLUMN_ALIASES, self.filename, header_row, MeasurementImportError
        )
        missing = [field for field in REQUIRED if field not in positions]
        if missing:
            raise MeasurementImportError(
                "missing_column", file=self.filename, row=header_row,
                column=COLUMN_ALIASES[missing[0]][0], expected=", ".join(COLUMN_ALIASES[missing[0]]),
            )
        return positions

    def _row(self, cells: list[str], positions: Mapping[str, int], header: list[str], row_number: int) -> dict:
        values = {}
        for field in FIELDS:
            index = positions.get(field)
            present = index is not None and index < len(cells)
            cell = normalised_cell(cells[index]) if present else ""
            column = header[index].strip() if index is not None else field
            values[field] = self._cell(field, cell, {"file": self.filename, "row": row_number, "column": column})
        return {"entry_id": values[KPI], "period": values[PERIOD], "value": values[VALUE], "note": values[NOTE]}

    def _cell(self, field: str, cell: str, where: dict) -> Any:
        if field in REQUIRED and not cell:
            raise MeasurementImportError("empty_cell", **where)
        csv_import.check_safe(
            cell, where, MeasurementImportError, is_number=field == VALUE and bool(_NUMBER.fullmatch(cell))
        )
        try:
            if field == KPI:
                if normalised_header(cell) not in self.keys:
                    raise MeasurementImportError("unknown_kpi", **where, name=cell)
                return self.keys[normalised_header(cell)]
            if field == PERIOD:
                return MEASUREMENT_FIELDS["period"](parse_period(cell), where["column"])
            if field == VALUE:
                return MEASUREMENT_FIELDS["value"](parse_value(cell), where["column"])
            return MEASUREMENT_FIELDS["note"](cell, where["column"])
        except InvalidInput as error:
            raise MeasurementImportError("invalid", **where, detail=str(error)) from None
