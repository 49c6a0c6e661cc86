"""What the shortlist page renders: what to pick from, the check items, the editor table and its diff.

The page edits the shortlist in one table; this module turns stored entries into that table and the
edited table back into per-entry changes, checking every cell with the store's own validators
first, so a bad cell anywhere stores nothing at all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from kpi_logic import voting
from kpi_logic.catalog import display_name
from kpi_logic.errors import InvalidInput
from kpi_logic.forms import DATE_MAX, DATE_MIN, TEXT_LIMITS
from kpi_logic.text import escape_markdown
from kpi_logic.shortlist import (
    ERROR,
    MAX_KPIS,
    MIN_KPIS,
    WARNING,
    Checklist,
    Finding,
    GoalRef,
    ShortlistItem,
    check,
    checklist,
)
from kpi_logic.records import Candidate, Goal, ShortlistEntry
from kpi_logic.table_edits import editor_cell, is_blank, row_changes
from kpi_logic.validation import SHORTLIST_FIELDS

NAME_COLUMN = "name"
GOALS_COLUMN = "goal_ids"
# The editor's columns besides the (read-only) KPI name, in the order the page shows them.
EDITABLE_COLUMNS: tuple[str, ...] = (*SHORTLIST_FIELDS, GOALS_COLUMN)
TEXT_COLUMNS = frozenset({"owner", "data_source"})
NUMBER_COLUMNS = frozenset({"baseline", "target"})
DATE_COLUMNS = frozenset({"target_date"})

# The sizes the facilitator may cut the ranking at: the article's 3 to 5 KPIs.
TOP_N_OPTIONS: tuple[int, ...] = tuple(range(MIN_KPIS, MAX_KPIS + 1))
DEFAULT_TOP_N = 4

VanityCheck = Callable[[str, str], bool]
TwinCheck = Callable[[str, Mapping[str, Any]], str | None]


class InvalidCell(InvalidInput):
    """One cell of the shortlist editor holds a value the shortlist cannot take."""

    def __init__(self, kpi: str, column: str, detail: str):
        super().__init__(f"{kpi}, {column}: {detail}")
        self.kpi = kpi
        self.column = column
        self.detail = detail


@dataclass(frozen=True)
class FindingCounts:
    """How many errors and warnings the shortlist checks found."""

    errors: int
    warnings: int


@dataclass(frozen=True)
class PickOption:
    """A KPI the facilitator may shortlist: its rank and points this round (None outside the ranking)."""

    candidate_id: int
    name: str
    rank: int | None = None
    points: int | None = None


@dataclass(frozen=True)
class Tie:
    """Candidates level at the cut (same points and voters): the facilitator settles which go in."""

    candidate_ids: tuple[int, ...]
    points: int


@dataclass(frozen=True, eq=False)
class ShortlistPick:
    """What the facilitator picks the shortlist from, and the size the saved shortlist has."""

    ranking: pd.DataFrame
    options: tuple[PickOption, ...]
    saved: tuple[int, ...]
    top_n: int

    def chosen(self, n: int) -> list[int]:
        """The top `n` of the ranking, without the candidates tied at the cut."""
        return list(voting.top_n_cut(self.ranking, n).chosen)

    def tie(self, n: int) -> Tie | None:
        """The candidates tied at the cut after the `n`-th, if any."""
        tied = voting.top_n_cut(self.ranking, n).tied
        if not tied:
            return None
        points = self.ranking.loc[self.ranking["candidate_id"] == tied[0], "points"].iloc[0]
        return Tie(tuple(tied), int(points))


def shortlist_pick(
    results: pd.DataFrame, entries: Sequence[ShortlistEntry], catalog: Mapping[str, Any], language: str
) -> ShortlistPick:
    """This round's ranking as options, then shortlisted KPIs outside it (they stay pickable)."""
    ranking = voting.rank(results)
    options = {
        int(row.candidate_id): PickOption(int(row.candidate_id), display_name(row.catalog_id, row.name, catalog, language),
                                          int(row.rank), int(row.points))
        for row in ranking.itertuples()
    }
    for entry in entries:
        options.setdefault(entry.candidate_id, PickOption(
            entry.candidate_id, display_name(entry.catalog_id, entry.name, catalog, language)))
    # The control shows the size of the saved shortlist, not a default that was never chosen.
    top_n = len(entries) if len(entries) in TOP_N_OPTIONS else DEFAULT_TOP_N
    return ShortlistPick(ranking, tuple(options.values()), tuple(entry.candidate_id for entry in entries), top_n)


def cell_rule(column: str) -> tuple[str, dict[str, object]]:
    """The text key, and its values, that says what a shortlist editor cell takes."""
    if column in TEXT_LIMITS:
        return "shortlist.rule.text", {"limit": TEXT_LIMITS[column]}
    if column in NUMBER_COLUMNS:
        return "shortlist.rule.number", {}
    if column in DATE_COLUMNS:
        return "shortlist.rule.date", {"first": DATE_MIN.isoformat(), "last": DATE_MAX.isoformat()}
    return f"shortlist.rule.{column}", {}


def _assessed_vanity(name: str, definition: str) -> bool:
    # Imported lazily: the page needs the engine only for custom KPIs.
    from kpi_logic.vanity import assess

    return assess(name, definition).is_vanity


def _catalog_twin(name: str, catalog: Mapping[str, Any]) -> str | None:
    """The catalogue KPI a custom KPI's name stands for ("Kosten pro Lead" → cost_per_lead), if any."""
    from kpi_logic.vanity import assess

    return assess(name, catalog=tuple(catalog.values())).catalog_id if catalog else None


def shortlist_items(
    entries: Sequence[ShortlistEntry],
    candidates: Sequence[Candidate],
    catalog: Mapping[str, Any],
    language: str,
    is_vanity: VanityCheck = _assessed_vanity,
    twin: TwinCheck = _catalog_twin,
) -> list[ShortlistItem]:
    """The shortlist as `shortlist.check` sees it, names in `language`.

    Stage and team come from the candidate (the store copies them from the catalogue); a catalogue
    KPI is vanity when the catalogue says so, a custom one when the vanity engine judges its text so.
    """
    by_id = {candidate.id: candidate for candidate in candidates}
    items = []
    for entry in entries:
        candidate = by_id.get(entry.candidate_id)
        kpi = catalog.get(entry.catalog_id) if entry.catalog_id is not None else None
        if kpi is not None:
            vanity = bool(kpi.is_vanity)
        else:
            vanity = is_vanity(entry.name, candidate.definition if candidate else "")
        items.append(
            ShortlistItem(
                key=str(entry.id),
                name=display_name(entry.catalog_id, entry.name, catalog, language),
                catalog_id=entry.catalog_id,
                team=candidate.team if candidate else None,
                stage=candidate.stage if candidate else None,
                is_vanity=vanity,
                owner=entry.owner,
                target=entry.target,
                cadence=entry.cadence,
                goal_ids=entry.goal_ids,
                baseline=entry.baseline,
                target_date=entry.target_date,
                data_source=entry.data_source,
                definition=candidate.definition if candidate else "",
                same_as_catalog_id=twin(entry.name, catalog) if kpi is None else None,
            )
        )
    return items


def goal_refs(goals: Sequence[Goal]) -> list[GoalRef]:
    """The workshop's goals as the shortlist check sees them."""
    return [GoalRef(goal.id, goal.title) for goal in goals]


def count_findings(findings: Sequence[Finding]) -> FindingCounts:
    """Errors and warnings among the findings, for the page's summary line."""
    severities = [finding.severity for finding in findings]
    return FindingCounts(severities.count(ERROR), severities.count(WARNING))


def editor_frame(entries: Sequence[ShortlistEntry], names: Mapping[int, str]) -> pd.DataFrame:
    """The shortlist as the editor's table: one row per entry (index = entry id), goals as id texts.

    Goal ids are texts because the editor's multiselect column only holds strings.
    """
    return pd.DataFrame(
        {
            NAME_COLUMN: [names[entry.id] for entry in entries],
            "owner": [entry.owner for entry in entries],
            "baseline": [entry.baseline for entry in entries],
            "target": [entry.target for entry in entries],
            "target_date": [entry.target_date for entry in entries],
            "cadence": [entry.cadence for entry in entries],
            "data_source": [entry.data_source for entry in entries],
            GOALS_COLUMN: [[str(goal_id) for goal_id in entry.goal_ids] for entry in entries],
        },
        index=pd.Index([entry.id for entry in entries], name="entry_id"),
    ).astype({column: "float64" for column in NUMBER_COLUMNS})


def _cell_value(column: str, value: Any) -> Any:
    """An editor cell in the type the store takes; blank cells become "" (texts) or None."""
    if column == GOALS_COLUMN:
        return value
    return editor_cell(value, "" if column in TEXT_COLUMNS else None)


def _goal_ids(kpi: str, value: Any, known: set[int]) -> tuple[int, ...]:
    if value is None or (not isinstance(value, str) and is_blank(value)):
        return ()
    if isinstance(value, str) or not hasattr(value, "__iter__"):
        raise InvalidCell(kpi, GOALS_COLUMN, f"expected a list of goals, got {value!r}")
    ids = set()
    for goal in value:
        try:
            goal_id = int(goal)
        except (TypeError, ValueError):
            raise InvalidCell(kpi, GOALS_COLUMN, f"unknown goal {goal!r}") from None
        if goal_id not in known:
            raise InvalidCell(kpi, GOALS_COLUMN, f"unknown goal {goal!r}")
        ids.add(goal_id)
    return tuple(sorted(ids))


def _checked_row(kpi: str, row: Mapping[str, Any], known_goals: set[int]) -> dict[str, Any]:
    checked = {}
    for column in SHORTLIST_FIELDS:
        value = _cell_value(column, row.get(column))
        try:
            checked[column] = SHORTLIST_FIELDS[column](value, column)
        except InvalidInput as error:
            raise InvalidCell(kpi, column, str(error)) from None
    checked[GOALS_COLUMN] = _goal_ids(kpi, row.get(GOALS_COLUMN), known_goals)
    return checked


def entry_changes(
    entries: Sequence[ShortlistEntry], edited: pd.DataFrame, goal_ids: Sequence[int]
) -> dict[int, dict[str, Any]]:
    """The fields that differ between the edited table and the stored entries, per entry id.

    Every cell is checked before anything is returned, so the caller writes either all changes
    or, on InvalidCell, none. Rows of entries no longer on the shortlist are ignored.
    """
    known_goals = set(goal_ids)
    by_id = {entry.id: entry for entry in entries}

    def check(entry_id: int, cells: Mapping[str, Any]) -> dict[str, Any]:
        return _checked_row(str(cells.get(NAME_COLUMN) or by_id[entry_id].name), cells, known_goals)

    stored = {entry.id: {column: getattr(entry, column) for column in EDITABLE_COLUMNS} for entry in entries}
    return row_changes(stored, edited, check)


def findings_for_display(items: Sequence[ShortlistItem], goals: Sequence[GoalRef]) -> list[Finding]:
    """The shortlist checks with KPI names and goal titles escaped, so messages render as Markdown
    without turning a user's `<b>x</b>` or `[x](javascript:…)` into markup."""
    return check(
        [replace(item, name=escape_markdown(item.name)) for item in items],
        [GoalRef(goal.id, escape_markdown(goal.title)) for goal in goals],
    )


def checklist_for_display(items: Sequence[ShortlistItem], goals: Sequence[GoalRef]) -> Checklist:
    """The per-KPI checklist with KPI names and goal titles escaped, like `findings_for_display`."""
    return checklist(
        [replace(item, name=escape_markdown(item.name)) for item in items],
        [GoalRef(goal.id, escape_markdown(goal.title)) for goal in goals],
    )
