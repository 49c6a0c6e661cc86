"""The article's advice on a KPI shortlist as checks: few, no vanity, integrated, owned, tied to goals."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from kpi_logic.domain import LEAD_TO_DEAL_STAGES, Bilingual
from kpi_logic.errors import InvalidInput

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

# One template per finding code; {names}, {name} or {goal} are filled in by `check`.
MESSAGES: dict[str, Bilingual] = {
    "too_few": Bilingual(
        "Nur {count} KPI(s) auf der Shortlist ({names}): wählen Sie mindestens {minimum}, "
        "damit Marketing und Vertrieb den ganzen Weg zum Abschluss sehen.",
        "Only {count} KPI(s) on the shortlist ({names}): pick at least {minimum} so that "
        "marketing and sales see the whole way to the deal.",
    ),
    "too_many": Bilingual(
        "{count} KPIs auf der Shortlist ({names}): Zu viele KPIs verwässern den Fokus und "
        "erschweren klare Entscheidungen. Behalten Sie höchstens {maximum}.",
        "{count} KPIs on the shortlist ({names}): too many KPIs dilute the focus and make clear "
        "decisions harder. Keep at most {maximum}.",
    ),
    "vanity_kpi": Bilingual(
        "«{name}» ist eine Vanity Metric: Sie sieht gut aus, sagt aber nichts darüber, ob daraus "
        "Kunden und Umsatz werden. Ersetzen Sie sie durch eine Kennzahl, die mit Umsatz oder "
        "Kundengewinnung verbunden ist.",
        "“{name}” is a vanity metric: it looks good but says nothing about whether it turns into "
        "customers and revenue. Replace it with a measure tied to revenue or customer acquisition.",
    ),
    "silo_marketing": Bilingual(
        "Alle KPIs gehören dem Marketing ({names}): Getrennte KPIs schaffen Silos. Nehmen Sie "
        "mindestens einen Vertriebs- oder gemeinsamen KPI auf.",
        "Every KPI is owned by marketing ({names}): separate KPIs create silos. Add at least one "
        "sales-owned or joint KPI.",
    ),
    "silo_sales": Bilingual(
        "Alle KPIs gehören dem Vertrieb ({names}): Getrennte KPIs schaffen Silos. Nehmen Sie "
        "mindestens einen Marketing- oder gemeinsamen KPI auf.",
        "Every KPI is owned by sales ({names}): separate KPIs create silos. Add at least one "
        "marketing-owned or joint KPI.",
    ),
    "no_funnel_span": Bilingual(
        "Kein KPI verbindet den Funnel von der Lead-Generierung bis zum Abschluss ({names}). "
        "Ein integrierter KPI wie die Umwandlung von MQL zu SQL oder die Kosten pro Neukunde "
        "(CAC) macht Marketing und Vertrieb gemeinsam verantwortlich.",
        "No KPI spans the funnel from lead generation to the deal ({names}). An integrated KPI "
        "such as MQL-to-SQL conversion or customer acquisition cost (CAC) makes marketing and "
        "sales answer for it together.",
    ),
    "kpi_without_goal": Bilingual(
        "«{name}» ist mit keinem Ziel verknüpft: Ein KPI zählt nur, wenn er zeigt, ob ein "
        "Geschäftsziel erreicht wird.",
        "“{name}” is linked to no goal: a KPI only counts when it shows whether a business goal "
        "is being met.",
    ),
    "goal_without_kpi": Bilingual(
        "Das Ziel «{goal}» hat keinen KPI: Ohne Kennzahl sieht niemand, ob es erreicht wird.",
        "The goal “{goal}” has no KPI: without a measure nobody can tell whether it is met.",
    ),
    "missing_owner": Bilingual(
        "«{name}» hat keine verantwortliche Person: Ohne Verantwortung wird ein KPI gemessen, "
        "aber nicht gesteuert.",
        "“{name}” has no owner: without someone responsible a KPI is measured but not acted on.",
    ),
    "missing_target": Bilingual(
        "«{name}» hat keinen Zielwert: Ohne Ziel lässt sich kein Fortschritt beurteilen.",
        "“{name}” has no target: without one, progress cannot be judged.",
    ),
    "missing_cadence": Bilingual(
        "«{name}» hat keinen Überprüfungsrhythmus: KPIs sollten in regelmässigen Abständen "
        "überprüft und angepasst werden.",
        "“{name}” has no review cadence: KPIs should be reviewed and adjusted at regular intervals.",
    ),
    "duplicate_kpi": Bilingual(
        "«{name}» steht mehrfach auf der Shortlist: Jeder KPI gehört nur einmal darauf.",
        "“{name}” is on the shortlist more than once: each KPI belongs on it only once.",
    ),
    "ok": Bilingual(
        "Die Shortlist ({names}) folgt allen Regeln: wenige, aussagekräftige, gemeinsame KPIs "
        "mit Ziel, Verantwortung und Rhythmus.",
        "The shortlist ({names}) follows every rule: few, meaningful, shared KPIs with goal, "
        "owner and cadence.",
    ),
}


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


@dataclass(frozen=True)
class GoalRef:
    """A workshop goal as the check sees it."""

    id: int
    title: str


@dataclass(frozen=True)
class Finding:
    """One piece of advice about the shortlist."""

    severity: str  # ERROR, WARNING or INFO
    code: str  # stable, for tests and pages: a key of MESSAGES
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

    True when one KPI is owned jointly and sits between lead and deal (MQL→SQL rate, cost per SQL,
    lead-to-customer rate, CAC), or when the set holds a KPI at a marketing-side stage (lead, MQL)
    and one at a sales-side stage (opportunity, customer), which together cover the hand-over.
    """
    stages = {item.stage for item in items if not item.is_vanity}
    joint_in_funnel = any(
        item.team == JOINT and item.stage in LEAD_TO_DEAL_STAGES and not item.is_vanity
        for item in items
    )
    both_sides = bool(stages & set(MARKETING_SIDE_STAGES)) and bool(
        stages & set(SALES_SIDE_STAGES)
    )
    return joint_in_funnel or both_sides


def _count_findings(items: Sequence[ShortlistItem], names: str) -> list[Finding]:
    if len(items) < MIN_KPIS:
        return [_finding(ERROR, "too_few", count=len(items), names=names, minimum=MIN_KPIS)]
    if len(items) > MAX_KPIS:
        return [_finding(ERROR, "too_many", count=len(items), names=names, maximum=MAX_KPIS)]
    return []


def _set_findings(items: Sequence[ShortlistItem], names: str) -> list[Finding]:
    """Silo and funnel-span warnings; they say nothing useful about an empty list."""
    if not items:
        return []
    findings = []
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


def _item_findings(items: Sequence[ShortlistItem], goal_ids: set[int]) -> list[Finding]:
    findings = []
    seen_catalog_ids: set[str] = set()
    for item in items:
        if item.catalog_id is not None and item.catalog_id in seen_catalog_ids:
            findings.append(_finding(ERROR, "duplicate_kpi", item.key, name=item.name))
        if item.catalog_id is not None:
            seen_catalog_ids.add(item.catalog_id)
        if item.is_vanity:
            findings.append(_finding(ERROR, "vanity_kpi", item.key, name=item.name))
        if not goal_ids.intersection(item.goal_ids):
            findings.append(_finding(WARNING, "kpi_without_goal", item.key, name=item.name))
        for code, value in (
            ("missing_owner", item.owner),
            ("missing_target", item.target),
            ("missing_cadence", item.cadence),
        ):
            if _is_missing(value):
                findings.append(_finding(WARNING, code, item.key, name=item.name))
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

    Errors break the article's core advice (3–5 KPIs, no vanity metric, no duplicate); warnings
    are gaps a workshop fills in later (silo, funnel span, goal links, owner, target, cadence),
    so they must not block saving. An "ok" info appears only when there is nothing else to say.
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
