"""The workshop as an Excel workbook: goals, shortlist, votes by team, funnel, measurements, action plan.

One sheet each, with a bold filled header row that stays frozen while scrolling. Numbers and dates
are written as real numbers and dates; a text that Excel could run as a formula (= + - @ at the
start) gets a leading apostrophe (OWASP), so a KPI owner "=HYPERLINK(…)" stays text.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from kpi_logic.domain import PARTICIPANT_TEAMS, TEAM_LABELS, label
from kpi_logic.export import ShareData, share_data
from kpi_logic.text import cadence_label, stage_label
from kpi_logic.i18n import t
from kpi_logic.shortlist_view import display_name
from kpi_logic.store import WorkshopStore

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
MIN_WIDTH, MAX_WIDTH = 8, 60
DATE_FORMATS = {"de": "DD.MM.YYYY", "en": "YYYY-MM-DD"}
PERCENT_FORMAT = "0.0%"


@dataclass(frozen=True)
class Sheet:
    """One worksheet: its title, header row and data rows (cells as Python values)."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    percent_columns: frozenset[int] = frozenset()  # 0-based columns holding ratios


def safe_cell(value: Any) -> Any:
    """A cell value Excel shows as data: numbers and dates unchanged, formula-like text neutralised."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value if math.isfinite(value) else None
    if isinstance(value, date):
        return value
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


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
        say("kpi_cards.xlsx.goals"),
        tuple(say(key) for key in ("share.col.goal", "share.col.metric", "share.col.baseline",
                                     "share.col.target", "share.col.deadline")),
        tuple((g.title, g.metric, g.baseline, g.target, g.deadline) for g in data.goals),
    )


def _shortlist_sheet(data: ShareData, say, language: str) -> Sheet:
    header = ("share.col.position", "share.col.kpi", "share.col.definition", "share.col.formula",
              "share.col.stage", "share.col.owner", "share.col.baseline", "share.col.target",
              "share.col.target_date", "share.col.cadence", "share.col.data_source", "share.col.goals")
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
    header = (say("share.col.kpi"), say("kpi_cards.xlsx.points"),
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
    header = ("share.col.stage", "share.col.volume_baseline", "share.col.volume_target",
              "kpi_cards.xlsx.spend", "share.col.conversion_baseline", "share.col.conversion_target")
    rows = tuple(
        (stage_label(today.stage, language), today.volume, target.volume, spend.get(today.stage),
         today.conversion_to_next, target.conversion_to_next)
        for today, target in zip(data.funnel_baseline.steps, data.funnel_target.steps)
    )
    return Sheet(say("kpi_cards.xlsx.funnel"), tuple(say(key) for key in header), rows, frozenset({4, 5}))


def _measurements_sheet(store: WorkshopStore, workshop_id: int, names: dict[int, str], say) -> Sheet:
    frame = store.measurements.list(workshop_id)
    header = ("share.col.kpi", "kpi_cards.xlsx.period", "kpi_cards.xlsx.value", "kpi_cards.xlsx.note")
    rows = tuple(
        (names.get(int(row["candidate_id"]), row["name"]), row["period"], float(row["value"]), row["note"])
        for _, row in frame.iterrows()
    )
    return Sheet(say("kpi_cards.xlsx.measurements"), tuple(say(key) for key in header), rows)


def _plan_sheet(store: WorkshopStore, workshop_id: int, say) -> Sheet:
    header = ("action_plan.col.step", "action_plan.col.title", "action_plan.col.owner",
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


def _width(values: Sequence[Any]) -> int:
    """A column width that fits its longest text, within sensible bounds."""
    longest = max((len(str(value)) for value in values if value is not None), default=0)
    return max(MIN_WIDTH, min(MAX_WIDTH, longest + 2))


def render_workbook(sheets: Sequence[Sheet], language: str) -> bytes:
    """The sheets as an .xlsx file."""
    book = Workbook()
    book.remove(book.active)
    date_format = DATE_FORMATS.get(language, DATE_FORMATS["en"])
    for sheet in sheets:
        ws = book.create_sheet(sheet.title)
        ws.append([safe_cell(title) for title in sheet.header])
        for row in sheet.rows:
            ws.append([safe_cell(value) for value in row])
        for cell in ws[1]:
            cell.font, cell.fill = HEADER_FONT, HEADER_FILL
            cell.alignment = Alignment(vertical="center", wrap_text=True)
        for index, column in enumerate(ws.iter_cols(min_row=1), start=0):
            for cell in column[1:]:
                if isinstance(cell.value, date):
                    cell.number_format = date_format
                elif index in sheet.percent_columns and isinstance(cell.value, (int, float)):
                    cell.number_format = PERCENT_FORMAT
            ws.column_dimensions[get_column_letter(index + 1)].width = _width([c.value for c in column])
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def workshop_workbook(store: WorkshopStore, workshop_id: int, language: str) -> bytes:
    """The workshop as an .xlsx file in `language` ("de" or "en")."""
    return render_workbook(workshop_sheets(store, workshop_id, language), language)
