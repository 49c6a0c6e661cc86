"""Reading a CSV as Swiss Excel writes it: what every import of the app accepts and refuses alike.

- Encodings: UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode text"), else Windows-1252
  (what Excel in Switzerland writes for "CSV (Trennzeichen-getrennt)"). A NUL byte means it is no CSV.
- Separator: whichever of ``;``, tab and ``,`` splits the header line into the most columns; on a tie
  ``;`` wins, as Swiss Excel writes it. Quoted cells may hold separators and line breaks.
- Rows are numbered as a spreadsheet shows them (the header is row 1); blank lines are skipped.
- Headers are matched with case, spaces and a stray BOM ignored; cells lose surrounding spaces, and
  no-break or thin spaces become plain spaces.
- Cells starting with ``=``, ``+``, ``-`` or ``@`` are refused unless the caller says the cell is a
  plain number: a spreadsheet opening an export later would run them as formulas.

Each import subclasses `CsvImportError` with its own message area, so the page says why in its words.
"""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import ClassVar

from kpi_logic.errors import InvalidImport
from kpi_logic.i18n import TEXTS, t

MAX_MB = 1
MAX_BYTES = MAX_MB * 1_000_000
SEPARATORS: tuple[str, ...] = (";", "\t", ",")
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@")


class CsvImportError(InvalidImport):
    """A CSV file was refused whole; `reason` and `values` let a page say why in any language."""

    # The i18n prefix of the subclass's messages: "<area>.<reason>" names the text; a reason every
    # import words alike (empty file, formula cell, ...) is "words.import.<reason>" (kpi_logic/i18n/words.py).
    area: ClassVar[str] = ""
    shared_area: ClassVar[str] = "words.import"

    def __init__(self, reason: str, **values: object):
        self.reason = reason
        self.values = values
        super().__init__(self.explain("en"))

    def explain(self, language: str) -> str:
        """The reason in `language`, naming file, row and column where there is one."""
        own = f"{self.area}.{self.reason}"
        return t(language, own if own in TEXTS else f"{self.shared_area}.{self.reason}", **self.values)


@dataclass(frozen=True)
class Table:
    """A file's header with its row number, and the records below it (read, and checked, lazily)."""

    header_row: int
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]  # (spreadsheet row number, cells), blank rows skipped


def table(data: bytes, filename: str, error: type[CsvImportError], max_rows: int) -> Table:
    """The file's first non-blank record as header and the rest as rows; `error` refuses the file.

    Reasons: "too_big", "binary", "empty", "malformed" (broken quoting), "too_many_rows" (at row
    `max_rows` + 1 below the header) and "ragged" (a row with filled cells beyond the header).
    """
    text = _read_text(data, filename, error)
    found = _records(text, filename, error)
    first = next(found, None)
    if first is None:
        raise error("empty", file=filename)
    header_row, header = first
    return Table(header_row, header, _body(found, header, filename, error, max_rows))


def _read_text(data: bytes, filename: str, error: type[CsvImportError]) -> str:
    """The file as text; `error` ("too_big", "binary", "empty") if it is too big, no text or blank."""
    if len(data) > MAX_BYTES:
        # Checked before decoding, so a huge upload is refused at once.
        raise error("too_big", file=filename, size_mb=len(data) / 1_000_000)
    text = _decode(data, filename, error)
    if not text.strip():
        raise error("empty", file=filename)
    return text


def _decode(data: bytes, filename: str, error: type[CsvImportError]) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings: tuple[str, ...] = ("utf-16",)
    elif b"\x00" in data:
        raise error("binary", file=filename)
    else:
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise error("binary", file=filename)


def separator(text: str) -> str:
    """The separator that splits the first non-blank line into the most columns."""
    header = next(line for line in text.splitlines() if line.strip())
    return max(SEPARATORS, key=lambda sep: len(next(csv.reader([header], delimiter=sep))))


def _records(text: str, filename: str, error: type[CsvImportError]) -> Iterator[tuple[int, list[str]]]:
    """The non-blank records with their spreadsheet row number; `error("malformed")` on broken quoting."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator(text))
    numbered = enumerate(reader, start=1)
    while True:
        try:
            number, cells = next(numbered)
        except StopIteration:
            return
        except csv.Error as problem:
            raise error("malformed", file=filename, row=reader.line_num, detail=str(problem)) from None
        if any(cell.strip() for cell in cells):
            yield number, cells


def _body(
    rows: Iterator[tuple[int, list[str]]], header: list[str], filename: str,
    error: type[CsvImportError], max_rows: int,
) -> Iterator[tuple[int, list[str]]]:
    """The records below the header; `error` at row `max_rows` + 1 or at a row wider than the header."""
    for count, (number, cells) in enumerate(rows):
        if count == max_rows:
            raise error("too_many_rows", file=filename, row=number, limit=max_rows)
        if any(cell.strip() for cell in cells[len(header):]):
            raise error("ragged", file=filename, row=number, cells=len(cells), columns=len(header))
        yield number, cells


def columns(
    header: list[str], aliases: Mapping[str, tuple[str, ...]], filename: str, row: int,
    error: type[CsvImportError],
) -> tuple[dict[str, int], tuple[str, ...]]:
    """Which column holds each field (by its aliases) and the headers of the other, ignored columns."""
    alias_to_field = {normalised_header(alias): field for field, names in aliases.items() for alias in names}
    positions: dict[str, int] = {}
    ignored = []
    for index, cell in enumerate(header):
        field = alias_to_field.get(normalised_header(cell))
        if field is None:
            if cell.strip():
                ignored.append(cell.strip())
        elif field in positions:
            raise error(
                "duplicate_column", file=filename, row=row,
                column=cell.strip(), other=header[positions[field]].strip(),
            )
        else:
            positions[field] = index
    return positions, tuple(ignored)


def normalised_header(cell: str) -> str:
    """A header or name as compared: lower case, single spaces, no BOM."""
    return " ".join(cell.replace("\ufeff", "").casefold().split())


def normalised_cell(cell: str) -> str:
    """The cell stripped, with one kind of line break and plain spaces.

    Excel and copied web text bring no-break and thin spaces (e.g. in "1 200"); they are spaces to a
    reader, not control characters to refuse.
    """
    cell = cell.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(" " if unicodedata.category(ch) == "Zs" else ch for ch in cell).strip()


def check_safe(
    value: str, where: Mapping[str, object], error: type[CsvImportError], *,
    is_number: bool = False, multiline: bool = False,
) -> None:
    """Refuse a formula (unless the cell is a plain number) and control characters (line breaks and
    tabs are fine in a `multiline` cell)."""
    if value.startswith(FORMULA_PREFIXES) and not is_number:
        raise error("formula", **where, char=value[0])
    allowed = "\n\t" if multiline else ""
    if any(not ch.isprintable() and ch not in allowed for ch in value):
        raise error("control", **where)
