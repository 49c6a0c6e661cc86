"""The workshop as an Excel workbook: goals, shortlist, votes by team, funnel, measurements, action plan.

One sheet each, ready to print: a title block (workshop, company, date), a bold filled header row that
stays frozen while scrolling and repeats on every printed page, landscape A4 fitted to the page width,
wrapped text in a named font, page numbers in the footer. Numbers and dates are real numbers and dates
with thousands separators. Every text is a string cell, which Excel never evaluates; one that looks
like a formula (= + - @ at the start) gets Excel's quote-prefix style, so "=HYPERLINK(…)" shows as typed.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kpi_logic.domain import PARTICIPANT_TEAMS, TEAM_LABELS, label
from kpi_logic.export import ShareData, file_stem, share_data, workshop_day
from kpi_logic.shortlist_csv import FORMULA_STARTS
from kpi_logic.formatting import format_date
from kpi_logic.text import cadence_label, stage_label
from kpi_logic.i18n import t
from kpi_logic.catalog import display_name
from kpi_logic.records import Workshop
from kpi_logic.store import WorkshopStore

# A named font: a font without a name prints in LibreOffice's default serif.
FONT_NAME = "Arial"
BODY_FONT = Font(name=FONT_NAME, size=10)
HEADER_FONT = Font(name=FONT_NAME, size=10, bold=True, color="FFFFFF")
TITLE_FONT = Font(name=FONT_NAME, size=14, bold=True)
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
# Character widths: a column fits its longest word and wraps longer texts; a sheet stays about one
# landscape page wide, so fit-to-width keeps the print legible.
MIN_WIDTH, MAX_WIDTH, PAGE_WIDTH = 8, 50, 220
LINE_HEIGHT = 13  # points per line of 10 pt text
CHARS_PER_WIDTH = 1.2  # a width unit is one digit "0"; Arial's average letter is narrower
TITLE_ROWS = 3  # workshop name; company and date; a blank line
HEADER_ROW = TITLE_ROWS + 1
# Excel number formats: the separators follow the reader's Excel, as numbers should.
DATE_FORMATS = {"de": "DD.MM.YYYY", "en": "YYYY-MM-DD"}
INTEGER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.0##"
PERCENT_FORMAT = "0.0%"


@dataclass(frozen=True)
class Sheet:
    """One worksheet: its title, header row and data rows (cells as Python values)."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    percent_columns: frozenset[int] = frozenset()  # 0-based columns holding ratios


def write_cell(cell: Cell, value: Any) -> None:
    """Put `value` in `cell` as data: numbers and dates as such, any text as a string, never a formula.

    openpyxl would store a text starting with "=" as a formula; a string cell is never evaluated, and
    the quote-prefix style tells Excel to keep it text when someone edits it.
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        cell.value = value if math.isfinite(value) else None
    elif value is None or isinstance(value, (bool, date)):
        cell.value = value
    else:
        text = str(value)
        cell.value = text
        cell.data_type = "s"
        cell.quotePrefix = text.startswith(FORMULA_STARTS)


def _catalog_names(store: WorkshopStore, workshop_id: int, language: str) -> dict[int, str]:
    """Candidate id → KPI name in `language` (catalogue name, else the name as entered)."""
    candidates = store.candidates.list(workshop_id, statuses=("approved", "pending", "rejected"))
    catalog: dict = {}
    if any(candidate.catalog_id for candidate in candidates):
        from kpi_logic.catalog import catalog_by_id  # lazily: custom-only workshops never read the CSV

        catalog = catalog_by_id()
    return {c.id: display_name(c.catalog_id, c.name, catalog, language) for c in candidates}


def _goals_sheet(data: ShareData, say) -> Sheet:
    return Sheet(
        say("words.goals"),
        tuple(say(key) for key in ("words.goal", "words.metric", "words.baseline",
                                     "words.target", "words.deadline")),
        tuple((g.title, g.metric, g.baseline, g.target, g.deadline) for g in data.goals),
    )


def _shortlist_sheet(data: ShareData, say, language: str) -> Sheet:
    header = ("share.col.position", "words.kpi", "share.col.definition", "share.col.formula",
              "words.stage", "words.owner", "words.baseline", "words.target",
              "share.col.target_date", "share.col.cadence", "share.col.data_source", "words.goals")
    rows = tuple(
        (kpi.position, kpi.name.get(language), kpi.definition.get(language), kpi.formula.get(language),
         stage_label(kpi.stage, language), kpi.entry.owner, kpi.entry.baseline, kpi.entry.target,
         kpi.entry.target_date, cadence_label(kpi.entry.cadence, language) if kpi.entry.cadence else None,
         kpi.entry.data_source, "; ".join(kpi.goals))
        for kpi in data.kpis
    )
    return Sheet(say("kpi_cards.xlsx.shortlist"), tuple(say(key) for key in header), rows)


def _votes_sheet(store: WorkshopStore, workshop_id: int, names: dict[int, str], say, language: str) -> Sheet:
    results = store.votes.results(workshop_id)
    header = (say("words.kpi"), say("kpi_cards.xlsx.points"),
              *(label(TEAM_LABELS, team, language) for team in PARTICIPANT_TEAMS),
              say("kpi_cards.xlsx.voters"))
    rows = tuple(
        (names.get(int(row["candidate_id"]), row["name"]), int(row["points"]),
         *(int(row[f"points_{team}"]) for team in PARTICIPANT_TEAMS), int(row["voters"]))
        for _, row in results.iterrows()
    )
    return Sheet(say("kpi_cards.xlsx.votes"), header, rows)


def _funnel_sheet(store: WorkshopStore, workshop_id: int, data: ShareData, say, language: str) -> Sheet:
    spend = {figure.stage: figure.spend for figure in store.funnel.list(workshop_id)}
    header = ("words.stage", "share.col.volume_baseline", "share.col.volume_target",
              "kpi_cards.xlsx.spend", "share.col.conversion_baseline", "share.col.conversion_target")
    rows = tuple(
        (stage_label(today.stage, language), today.volume, target.volume, spend.get(today.stage),
         today.conversion_to_next, target.conversion_to_next)
        for today, target in zip(data.funnel_baseline.steps, data.funnel_target.steps)
    )
    return Sheet(say("words.funnel"), tuple(say(key) for key in header), rows, frozenset({4, 5}))


def _measurements_sheet(store: WorkshopStore, workshop_id: int, names: dict[int, str], say) -> Sheet:
    frame = store.measurements.list(workshop_id)
    header = ("words.kpi", "kpi_cards.xlsx.period", "words.value", "words.note")
    rows = tuple(
        (names.get(int(row["candidate_id"]), row["name"]), row["period"], float(row["value"]), row["note"])
        for _, row in frame.iterrows()
    )
    return Sheet(say("kpi_cards.xlsx.measurements"), tuple(say(key) for key in header), rows)


def _plan_sheet(store: WorkshopStore, workshop_id: int, say) -> Sheet:
    header = ("action_plan.col.step", "action_plan.col.title", "words.owner",
              "action_plan.col.due", "action_plan.col.done")
    rows = tuple(
        (task.step, task.title, task.owner, task.due, say("kpi_cards.xlsx.yes" if task.done else "kpi_cards.xlsx.no"))
        for task in store.tasks.list(workshop_id)
    )
    return Sheet(say("kpi_cards.xlsx.action_plan"), tuple(say(key) for key in header), rows)


def workshop_sheets(store: WorkshopStore, workshop_id: int, language: str) -> list[Sheet]:
    """The six sheets of the workbook, texts in `language`."""
    say = partial(t, language)
    data = share_data(store, workshop_id)
    names = _catalog_names(store, workshop_id, language)
    return [
        _goals_sheet(data, say),
        _shortlist_sheet(data, say, language),
        _votes_sheet(store, workshop_id, names, say, language),
        _funnel_sheet(store, workshop_id, data, say, language),
        _measurements_sheet(store, workshop_id, names, say),
        _plan_sheet(store, workshop_id, say),
    ]


def _length(value: Any) -> int:
    """How many characters a value shows on its longest line."""
    if isinstance(value, float) and not value.is_integer():
        return len(f"{value:,.3f}")
    if isinstance(value, (int, float)):
        return len(f"{value:,.0f}")
    if isinstance(value, date):
        return len("31.12.2027")
    return max((len(line) for line in str(value).splitlines()), default=0)


def _shortest(value: Any) -> int:
    """The narrowest a value can wrap to without cutting a word, number or date."""
    if isinstance(value, (int, float, date)):
        return _length(value)
    return max((len(word) for word in str(value).split()), default=0)


def column_widths(columns: Sequence[Sequence[Any]]) -> list[int]:
    """Widths that fit each column's longest line, shrunk (never below its longest word) to a page."""
    shown = [[value for value in column if value is not None] for column in columns]
    wanted = [max(MIN_WIDTH, min(MAX_WIDTH, max(map(_length, values), default=0) + 2)) for values in shown]
    least = [min(want, max(MIN_WIDTH, max(map(_shortest, values), default=0) + 2))
             for want, values in zip(wanted, shown)]
    # Lower a common ceiling until the sheet fits: short columns keep their width, the widest shrink.
    ceiling = max(wanted, default=MIN_WIDTH)
    while ceiling > MIN_WIDTH and sum(max(low, min(want, ceiling)) for want, low in zip(wanted, least)) > PAGE_WIDTH:
        ceiling -= 1
    return [max(low, min(want, ceiling)) for want, low in zip(wanted, least)]


def _lines(value: Any, width: int) -> int:
    """How many lines a wrapped cell takes in a column `width` characters wide."""
    if value is None or isinstance(value, (int, float, date)):
        return 1
    per_line = max(1, round(width * CHARS_PER_WIDTH))
    return sum(max(1, len(textwrap.wrap(line, per_line))) for line in str(value).splitlines()) or 1


def _number_format(cell: Cell, percent: bool, date_format: str) -> str | None:
    if isinstance(cell.value, date):
        return date_format
    if isinstance(cell.value, bool) or not isinstance(cell.value, (int, float)):
        return None
    if percent:
        return PERCENT_FORMAT
    return INTEGER_FORMAT if float(cell.value).is_integer() else DECIMAL_FORMAT


def _print_setup(ws: Worksheet, language: str) -> None:
    """Landscape A4, one page wide, the header row on every page, "Page 1 of 2" in the footer."""
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.oddFooter.left.text = "&A"
    ws.oddFooter.right.text = t(language, "kpi_cards.xlsx.page", page="&P", pages="&N")
    for part in (ws.oddFooter.left, ws.oddFooter.right):
        part.font, part.size = FONT_NAME, 9


def _title_block(ws: Worksheet, title: str, company: str, day: date | None, language: str) -> None:
    ws.cell(1, 1, title).font = TITLE_FONT
    line = f"{t(language, 'share.doc.company')}: {company or '—'} · {t(language, 'words.date')}: "
    write_cell(ws.cell(2, 1), line + format_date(day, language))
    ws.cell(2, 1).font = BODY_FONT


def render_workbook(sheets: Sequence[Sheet], language: str, title: str = "", company: str = "",
                    day: date | None = None) -> bytes:
    """The sheets as a print-ready .xlsx file, each headed by `title`, `company` and `day`."""
    book = Workbook()
    book.remove(book.active)
    date_format = DATE_FORMATS.get(language, DATE_FORMATS["en"])
    for sheet in sheets:
        ws = book.create_sheet(sheet.title)
        _title_block(ws, title or sheet.title, company, day, language)
        for row_number, row in enumerate((sheet.header, *sheet.rows), start=HEADER_ROW):
            for column_number, value in enumerate(row, start=1):
                write_cell(ws.cell(row_number, column_number), value)
        widths = column_widths(list(zip(sheet.header, *sheet.rows)))
        for index, width in enumerate(widths):
            ws.column_dimensions[get_column_letter(index + 1)].width = width
        # Row heights set here: a reader does not grow a row to its wrapped text on its own.
        for row_number, row in enumerate((sheet.header, *sheet.rows), start=HEADER_ROW):
            lines = max(_lines(value, width) for value, width in zip(row, widths))
            ws.row_dimensions[row_number].height = LINE_HEIGHT * lines + 2
        for row in ws.iter_rows(min_row=HEADER_ROW, max_col=len(sheet.header)):
            for index, cell in enumerate(row):
                cell.alignment = Alignment(vertical="top", wrap_text=True)
                if cell.row == HEADER_ROW:
                    cell.font, cell.fill = HEADER_FONT, HEADER_FILL
                    continue
                cell.font = BODY_FONT
                number_format = _number_format(cell, index in sheet.percent_columns, date_format)
                if number_format:
                    cell.number_format = number_format
        ws.freeze_panes = f"A{HEADER_ROW + 1}"
        _print_setup(ws, language)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def workbook_file_name(workshop: Workshop, language: str) -> str:
    """The download name from the workshop's name and date: "kpi-set-fruhjahr-2027-2027-03-15-de.xlsx"."""
    return f"{file_stem(workshop.name, workshop_day(workshop))}-{language}.xlsx"


def workshop_workbook(store: WorkshopStore, workshop_id: int, language: str) -> bytes:
    """The workshop as an .xlsx file in `language` ("de" or "en")."""
    data = share_data(store, workshop_id)
    title = t(language, "share.doc.title", name=data.name)
    return render_workbook(workshop_sheets(store, workshop_id, language), language, title, data.company, data.day)
