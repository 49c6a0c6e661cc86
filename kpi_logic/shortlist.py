"""The article's advice on a KPI shortlist as checks: few, no vanity, integrated, owned, tied to goals.

The checks come in two kinds. Shortlist-wide ones (count, silo, funnel span, a KPI tied to revenue,
lead generation and sales both covered, goals without KPI) say something about the set; per-KPI ones
(vanity, duplicate, goal link, plan, steering, custom KPI complete) fill one checklist row per KPI,
which `checklist` returns as a table for the page.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kpi_logic.domain import Bilingual
from kpi_logic.errors import InvalidInput
from kpi_logic.shortlist_texts import CATALOG_DETAILS, MESSAGES, PASSED
from kpi_logic.vanity import names_customers_or_deals

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES: tuple[str, ...] = (ERROR, WARNING, INFO)

MIN_KPIS = 3
MAX_KPIS = 5

JOINT = "joint"
# The two halves of the funnel: a set that covers one stage of each joins marketing's and sales' work.
MARKETING_SIDE_STAGES: tuple[str, ...] = ("lead", "mql")
SALES_SIDE_STAGES: tuple[str, ...] = ("opportunity", "customer")
# A joint KPI from here on sits at or past the hand-over (MQL → SQL); at the lead stage it only
# spans the funnel when it follows the leads to customers or deals (lead-to-customer rate).
JOINT_SPAN_STAGES: tuple[str, ...] = ("mql", "sql", "opportunity", "customer")
# Where a KPI measures deals, customers or revenue, i.e. what the article asks every shortlist to hold.
REVENUE_STAGES: tuple[str, ...] = ("opportunity", "customer", "retention")
# "Die Effizienz der Lead-Generierung" and "die Effektivität des Verkaufsprozesses" (article, step 2).
LEAD_GENERATION_STAGES: tuple[str, ...] = ("reach", "lead", "mql")
SALES_PROCESS_STAGES: tuple[str, ...] = ("sql", "opportunity", "customer")

@dataclass(frozen=True)
class ShortlistItem:
    """What the check needs to know about one shortlisted KPI."""

    key: str  # entry id or catalogue id, for messages and for pages to point at the row
    name: str
    catalog_id: str | None
    team: str | None  # owner team: marketing / sales / joint (None for a custom KPI without one)
    stage: str | None
    is_vanity: bool
    owner: str = ""
    target: float | None = None
    cadence: str | None = None
    goal_ids: tuple[int, ...] = ()
    baseline: float | None = None
    target_date: date | None = None
    data_source: str = ""
    definition: str = ""  # a custom KPI's definition as proposed; catalogue KPIs have theirs
    same_as_catalog_id: str | None = None  # the catalogue KPI a custom KPI's name stands for


@dataclass(frozen=True)
class GoalRef:
    """A workshop goal as the check sees it."""

    id: int
    title: str


@dataclass(frozen=True)
class Finding:
    """One piece of advice about the shortlist."""

    severity: str  # ERROR, WARNING or INFO
    code: str  # stable, for tests and pages: a key of shortlist_texts.MESSAGES
    message: Bilingual
    item_key: str | None = None


def _finding(severity: str, code: str, item_key: str | None = None, **fields: object) -> Finding:
    template = MESSAGES[code]
    message = Bilingual(template.de.format(**fields), template.en.format(**fields))
    return Finding(severity, code, message, item_key)


def _goal_refs(goals: Sequence[tuple[int, str]] | Sequence[GoalRef]) -> list[GoalRef]:
    refs = []
    for goal in goals:
        if isinstance(goal, GoalRef):
            refs.append(goal)
        elif isinstance(goal, tuple) and len(goal) == 2:
            refs.append(GoalRef(*goal))
        else:
            raise InvalidInput(f"A goal must be a GoalRef or an (id, title) pair, got {goal!r}.")
    return refs


def spans_funnel(items: Sequence[ShortlistItem]) -> bool:
    """Whether the set ties marketing's lead work to sales' deals.

    True when one jointly owned KPI sits at or past the hand-over (MQL→SQL rate, cost per SQL,
    CAC) or follows leads to customers or deals (lead-to-customer rate), or when the set holds a KPI
    at a marketing-side stage (lead, MQL) and one at a sales-side stage (opportunity, customer),
    which together cover the hand-over. A joint KPI about leads alone (lead data quality) does not.
    """
    useful = [item for item in items if not item.is_vanity]
    stages = {item.stage for item in useful}
    joint_span = any(
        item.team == JOINT
        and (
            item.stage in JOINT_SPAN_STAGES
            or (item.stage in MARKETING_SIDE_STAGES and names_customers_or_deals(item.name))
        )
        for item in useful
    )
    both_sides = bool(stages & set(MARKETING_SIDE_STAGES)) and bool(stages & set(SALES_SIDE_STAGES))
    return joint_span or both_sides


def is_tied_to_revenue(item: ShortlistItem) -> bool:
    """Whether the KPI measures deals, customers or revenue, or follows earlier stages to them."""
    if item.is_vanity:
        return False
    return item.stage in REVENUE_STAGES or names_customers_or_deals(item.name)


def _count_findings(items: Sequence[ShortlistItem], names: str) -> list[Finding]:
    if len(items) < MIN_KPIS:
        return [_finding(ERROR, "too_few", kpis=_kpis(len(items)), names=names, minimum=MIN_KPIS)]
    if len(items) > MAX_KPIS:
        return [_finding(ERROR, "too_many", count=len(items), names=names, maximum=MAX_KPIS)]
    return []


def _kpis(count: int) -> str:
    # "KPI" takes an s in the plural in German as in English: "1 KPI", "2 KPIs", "0 KPIs".
    return f"{count} KPI" if count == 1 else f"{count} KPIs"


def _set_findings(items: Sequence[ShortlistItem], names: str) -> list[Finding]:
    """Revenue, coverage, silo and funnel-span findings; they say nothing useful about an empty list."""
    if not items:
        return []
    findings = []
    if not any(is_tied_to_revenue(item) for item in items):
        findings.append(_finding(ERROR, "no_revenue_tie", names=names))
    useful_stages = {item.stage for item in items if not item.is_vanity}
    if not useful_stages & set(LEAD_GENERATION_STAGES):
        findings.append(_finding(WARNING, "no_lead_generation", names=names))
    if not useful_stages & set(SALES_PROCESS_STAGES):
        findings.append(_finding(WARNING, "no_sales_effectiveness", names=names))
    teams = {item.team for item in items if item.team is not None}
    if teams == {"marketing"}:
        findings.append(_finding(WARNING, "silo_marketing", names=names))
    elif teams == {"sales"}:
        findings.append(_finding(WARNING, "silo_sales", names=names))
    if not spans_funnel(items):
        findings.append(_finding(WARNING, "no_funnel_span", names=names))
    return findings


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, float) and math.isnan(value)


_SPACING = re.compile(r"[\s\-_/]+")


def same_name(name: str) -> str:
    """A name as two custom KPIs compare: case, spacing and hyphens do not count."""
    return _SPACING.sub(" ", name.casefold()).strip()


# The per-KPI fields the steering of a KPI needs, in checklist order.
PLAN_FIELDS: tuple[tuple[str, str], ...] = (
    ("missing_baseline", "baseline"), ("missing_target", "target"), ("missing_target_date", "target_date"),
)
STEERING_FIELDS: tuple[tuple[str, str], ...] = (
    ("missing_owner", "owner"), ("missing_cadence", "cadence"), ("missing_data_source", "data_source"),
)
CUSTOM_FIELDS: tuple[tuple[str, Bilingual], ...] = (
    ("definition", Bilingual("Definition", "definition")),
    ("team", Bilingual("Team", "team")),
    ("stage", Bilingual("Funnel-Stufe", "funnel stage")),
)


def _duplicate_findings(items: Sequence[ShortlistItem]) -> list[Finding]:
    """The second of two entries of one catalogue KPI, a custom KPI naming a listed catalogue KPI,
    and two custom KPIs whose names differ only in case or spacing."""
    findings = []
    catalog_names = {item.catalog_id: item.name for item in items if item.catalog_id is not None}
    seen_catalog_ids: set[str] = set()
    seen_custom: dict[str, str] = {}
    for item in items:
        if item.catalog_id is not None:
            if item.catalog_id in seen_catalog_ids:
                findings.append(_finding(ERROR, "duplicate_kpi", item.key, name=item.name))
            seen_catalog_ids.add(item.catalog_id)
            continue
        twin = catalog_names.get(item.same_as_catalog_id or "")
        other = twin or seen_custom.get(same_name(item.name))
        if other is not None:
            findings.append(_finding(ERROR, "duplicate_custom", item.key, name=item.name, other=other))
        seen_custom.setdefault(same_name(item.name), item.name)
    return findings


def _item_findings(items: Sequence[ShortlistItem], goal_ids: set[int]) -> list[Finding]:
    findings = _duplicate_findings(items)
    for item in items:
        if item.is_vanity:
            findings.append(_finding(ERROR, "vanity_kpi", item.key, name=item.name))
        if not goal_ids.intersection(item.goal_ids):
            findings.append(_finding(WARNING, "kpi_without_goal", item.key, name=item.name))
        for code, field in (*PLAN_FIELDS, *STEERING_FIELDS):
            if _is_missing(getattr(item, field)):
                findings.append(_finding(WARNING, code, item.key, name=item.name))
        missing = [label for field, label in CUSTOM_FIELDS if _is_missing(getattr(item, field))]
        if item.catalog_id is None and missing:
            findings.append(_finding(
                WARNING, "custom_incomplete", item.key, name=item.name,
                missing_de=", ".join(label.de for label in missing),
                missing_en=", ".join(label.en for label in missing),
            ))
    return findings


def _goal_findings(items: Sequence[ShortlistItem], goals: list[GoalRef]) -> list[Finding]:
    linked = {goal_id for item in items for goal_id in item.goal_ids}
    return [
        _finding(WARNING, "goal_without_kpi", goal=goal.title)
        for goal in goals
        if goal.id not in linked
    ]


def check(
    items: Sequence[ShortlistItem], goals: Sequence[tuple[int, str]] | Sequence[GoalRef]
) -> list[Finding]:
    """Findings about a shortlist, errors first, then warnings, then info.

    Errors break the article's core advice (3–5 KPIs, one tied to revenue or customers, no vanity
    metric, no duplicate); warnings are gaps a workshop fills in later (coverage, silo, funnel span,
    goal links, plan, steering, custom KPI details), so they must not block saving. An "ok" info appears only when there is nothing else to say.
    """
    if any(not isinstance(item, ShortlistItem) for item in items):
        raise InvalidInput("Every shortlist item must be a ShortlistItem.")
    goal_refs = _goal_refs(goals)
    names = ", ".join(item.name for item in items) or "–"
    findings = (
        _count_findings(items, names)
        + _set_findings(items, names)
        + _item_findings(items, {goal.id for goal in goal_refs})
        + _goal_findings(items, goal_refs)
    )
    if not findings:
        findings = [_finding(INFO, "ok", names=names)]
    # sorted() is stable, so within one severity the findings keep the order of the rules above.
    return sorted(findings, key=lambda finding: SEVERITIES.index(finding.severity))


# --- The checklist: one row per KPI -------------------------------------------------------------

OK_MARK, WARN_MARK, FAIL_MARK, NOT_APPLICABLE = "✓", "⚠", "✗", "–"
MARK_OF_SEVERITY = {ERROR: FAIL_MARK, WARNING: WARN_MARK}
CHECK_COLUMNS: tuple[str, ...] = ("vanity", "duplicate", "goal", "plan", "steering", "custom")
COLUMN_OF_CODE: dict[str, str] = {
    "vanity_kpi": "vanity",
    "duplicate_kpi": "duplicate",
    "duplicate_custom": "duplicate",
    "kpi_without_goal": "goal",
    **{code: "plan" for code, _ in PLAN_FIELDS},
    **{code: "steering" for code, _ in STEERING_FIELDS},
    "custom_incomplete": "custom",
}


@dataclass(frozen=True)
class CheckMark:
    """One cell of the checklist: ✓, ⚠, ✗ or – and why."""

    symbol: str
    reason: Bilingual


@dataclass(frozen=True)
class ChecklistRow:
    """One KPI's checks, a mark per column of CHECK_COLUMNS in that order."""

    key: str
    name: str
    marks: tuple[CheckMark, ...]


@dataclass(frozen=True)
class Checklist:
    """The per-KPI table and the few findings about the shortlist as a whole, errors first."""

    rows: tuple[ChecklistRow, ...]
    findings: tuple[Finding, ...]


def _mark(column: str, findings: Sequence[Finding], item: ShortlistItem) -> CheckMark:
    if not findings:
        if column == "custom" and item.catalog_id is not None:
            return CheckMark(NOT_APPLICABLE, CATALOG_DETAILS)
        return CheckMark(OK_MARK, PASSED[column])
    worst = min(findings, key=lambda finding: SEVERITIES.index(finding.severity))
    reason = Bilingual(
        " ".join(finding.message.de for finding in findings), " ".join(finding.message.en for finding in findings)
    )
    return CheckMark(MARK_OF_SEVERITY.get(worst.severity, OK_MARK), reason)


def checklist(
    items: Sequence[ShortlistItem], goals: Sequence[tuple[int, str]] | Sequence[GoalRef]
) -> Checklist:
    """The shortlist's checks as a table (KPI × check) plus the shortlist-wide findings."""
    findings = check(items, goals)
    rows = []
    for item in items:
        own = [finding for finding in findings if finding.item_key == item.key]
        marks = tuple(
            _mark(column, [f for f in own if COLUMN_OF_CODE.get(f.code) == column], item) for column in CHECK_COLUMNS
        )
        rows.append(ChecklistRow(item.key, item.name, marks))
    return Checklist(tuple(rows), tuple(finding for finding in findings if finding.item_key is None))
