"""Today's KPIs from a CSV file as Swiss Excel writes it, checked whole before anything is stored.

What the reader accepts, and why:
- Encodings: UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode text"), else Windows-1252
  (what Excel in Switzerland writes for "CSV (Trennzeichen-getrennt)").
- Separator: whichever of ``;``, tab and ``,`` splits the header line into the most columns; on a tie
  ``;`` wins, as Swiss Excel writes it. Quoted cells may hold separators and line breaks.
- Columns are found by their header, in German or English, case and spaces ignored (`COLUMN_ALIASES`).
  The name column is required, description and current value are optional. Any other column is
  IGNORED, not refused: sheets exported from Excel often carry owners or notes, and refusing them
  would make people edit the file for nothing. Ignored headers are reported so the page can say so.
- Rows are numbered as a spreadsheet shows them (the header is row 1); blank lines are skipped.
- A name may appear once, in the file and among the KPIs already listed (case and spaces ignored).
- Cells starting with ``=``, ``+``, ``-`` or ``@`` are refused: a spreadsheet opening an export later
  would run them as formulas. A plain number such as ``-5`` or ``+12.5 %`` in the value column is data.

Any problem refuses the whole file with a `StatusImportError` naming the file, row and column.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kpi_logic.errors import InvalidImport, InvalidInput
from kpi_logic.i18n import t
from kpi_logic.store import KPI_NAME_MAX, NAME_MAX, STATUS_FIELDS, TEXT_MAX

MAX_BYTES = 1_000_000
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

SEPARATORS: tuple[str, ...] = (";", "\t", ",")
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@")
_PLAIN_NUMBER = re.compile(r"[+-]?\d[\d'’ .,]*%?")
# Only descriptions may span several lines; tabs there are harmless too.
_MULTILINE_FIELDS = frozenset({DESCRIPTION})


class StatusImportError(InvalidImport):
    """A status-quo CSV was refused whole; `reason` and `values` let a page say why in any language."""

    def __init__(self, reason: str, **values: object):
        self.reason = reason
        self.values = values
        super().__init__(self.explain("en"))

    def explain(self, language: str) -> str:
        """The reason in `language`, naming file, row and column where there is one."""
        return t(language, f"status_quo.import.{self.reason}", **self.values)


@dataclass(frozen=True)
class StatusCsv:
    """The KPIs read from a file, and the headers that were ignored."""

    rows: tuple[dict[str, str], ...]
    ignored_columns: tuple[str, ...]


def name_key(name: str) -> str:
    """What makes two KPI names the same: case and runs of spaces do not count."""
    return " ".join(name.split()).casefold()


def parse_status_csv(data: bytes, filename: str, existing_names: Iterable[str] = ()) -> list[dict]:
    """The KPIs in the file as dicts with name, description and current_value; StatusImportError if bad.

    A name that repeats in the file or is among `existing_names` (the KPIs already listed) refuses
    the file, so importing the same file twice does not list every KPI twice.
    """
    return list(read_status_csv(data, filename, existing_names).rows)


def read_status_csv(data: bytes, filename: str, existing_names: Iterable[str] = ()) -> StatusCsv:
    """Like `parse_status_csv`, also telling which columns were ignored."""
    if len(data) > MAX_BYTES:
        # Checked before decoding, so a huge upload is refused at once.
        raise StatusImportError("too_big", file=filename, size_mb=len(data) / 1_000_000)
    text = _decode(data, filename)
    if not text.strip():
        raise StatusImportError("empty", file=filename)
    records = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(text))
    try:
        listed = {name_key(name) for name in existing_names}
        return _read_records(enumerate(records, start=1), filename, listed)
    except csv.Error as error:
        raise StatusImportError(
            "malformed", file=filename, row=records.line_num, detail=str(error)
        ) from None


def _decode(data: bytes, filename: str) -> str:
    """The file as text; a NUL byte or bytes no candidate encoding reads mean it is not a CSV."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings: tuple[str, ...] = ("utf-16",)
    elif b"\x00" in data:
        raise StatusImportError("binary", file=filename)
    else:
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise StatusImportError("binary", file=filename)


def _separator(text: str) -> str:
    """The separator that splits the first non-blank line into the most columns."""
    header = next(line for line in text.splitlines() if line.strip())
    return max(SEPARATORS, key=lambda sep: len(next(csv.reader([header], delimiter=sep))))


def _normalised_header(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").casefold().split())


def _columns(
    header: list[str], filename: str, row: int
) -> tuple[dict[str, int], tuple[str, ...]]:
    """Which column index holds each field, and the headers of the ignored columns."""
    alias_to_field = {alias: field for field, aliases in COLUMN_ALIASES.items() for alias in aliases}
    positions: dict[str, int] = {}
    ignored = []
    for index, cell in enumerate(header):
        field = alias_to_field.get(_normalised_header(cell))
        if field is None:
            if cell.strip():
                ignored.append(cell.strip())
        elif field in positions:
            raise StatusImportError(
                "duplicate_column", file=filename, row=row,
                column=cell.strip(), other=header[positions[field]].strip(),
            )
        else:
            positions[field] = index
    if NAME not in positions:
        raise StatusImportError(
            "no_name_column", file=filename, row=row,
            expected=", ".join(alias.title() for alias in COLUMN_ALIASES[NAME][:3]),
        )
    return positions, tuple(ignored)


def _read_records(
    records: Iterator[tuple[int, list[str]]], filename: str, listed: set[str]
) -> StatusCsv:
    """The checked rows below the first non-blank record, which is the header."""
    non_blank = ((number, cells) for number, cells in records if any(c.strip() for c in cells))
    first = next(non_blank, None)
    if first is None:
        raise StatusImportError("empty", file=filename)
    header_number, header = first
    positions, ignored = _columns(header, filename, header_number)
    rows: list[dict[str, str]] = []
    first_row_of: dict[str, int] = {}
    for row_number, cells in non_blank:
        if len(rows) == MAX_ROWS:
            raise StatusImportError("too_many_rows", file=filename, row=row_number, limit=MAX_ROWS)
        if any(cell.strip() for cell in cells[len(header):]):
            raise StatusImportError(
                "ragged", file=filename, row=row_number, cells=len(cells), columns=len(header)
            )
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
        raise StatusImportError("no_rows", file=filename, row=header_number)
    return StatusCsv(tuple(rows), ignored)


def _normalised_cell(cell: str) -> str:
    """The cell stripped, with one kind of line break and plain spaces.

    Excel and copied web text bring no-break and thin spaces (e.g. in "1 200"); they are spaces to a
    reader, not control characters to refuse.
    """
    cell = cell.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(" " if unicodedata.category(ch) == "Zs" else ch for ch in cell).strip()


def _checked_cell(
    cells: list[str], positions: dict[str, int], header: list[str], field: str,
    filename: str, row_number: int,
) -> str:
    """The stripped cell of `field` in this row ('' if the column is missing or short), checked."""
    index = positions.get(field)
    if index is None:
        return ""
    value = _normalised_cell(cells[index]) if index < len(cells) else ""
    where = {"file": filename, "row": row_number, "column": header[index].strip()}
    if field == NAME and not value:
        raise StatusImportError("empty_name", **where)
    if len(value) > MAX_LENGTH[field]:
        raise StatusImportError("too_long", **where, length=len(value), limit=MAX_LENGTH[field])
    if value.startswith(FORMULA_PREFIXES) and not (
        field == CURRENT_VALUE and _PLAIN_NUMBER.fullmatch(value)
    ):
        raise StatusImportError("formula", **where, char=value[0])
    allowed = "\n\t" if field in _MULTILINE_FIELDS else ""
    if any(not ch.isprintable() and ch not in allowed for ch in value):
        raise StatusImportError("control", **where)
    try:
        # The store's own rule is the last word, so the import can never fail half-way there.
        STATUS_FIELDS[field](value, where["column"])
    except InvalidInput as error:
        raise StatusImportError("invalid", **where, detail=str(error)) from None
    return value
