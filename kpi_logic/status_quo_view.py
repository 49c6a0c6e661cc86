"""What the status-quo page renders: the counts above the list, each KPI's proposed verdict, the better KPIs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kpi_logic.domain import VERDICTS
from kpi_logic.records import Candidate, StatusKpi
from kpi_logic.vanity import Assessment

KEEP, DROP, VANITY = VERDICTS


@dataclass(frozen=True)
class StatusSummary:
    """How many KPIs are listed, how many the check calls vanity, how many the group did, how many wait."""

    total: int
    engine_vanity: int
    judged_vanity: int
    unjudged: int


def summary(kpis: Sequence[StatusKpi], assessments: Mapping[int, Assessment]) -> StatusSummary:
    """The counts the page shows above today's KPIs."""
    return StatusSummary(
        total=len(kpis),
        engine_vanity=sum(assessments[kpi.id].is_vanity for kpi in kpis),
        judged_vanity=sum(kpi.verdict == VANITY for kpi in kpis),
        unjudged=sum(kpi.verdict is None for kpi in kpis),
    )


def proposal(kpi: StatusKpi, assessment: Assessment) -> str:
    """The group's stored verdict, else the check's proposal: vanity when it judges so, else keep."""
    return kpi.verdict or (VANITY if assessment.is_vanity else KEEP)


def alternative_name(assessment: Assessment, language: str) -> str:
    """The catalogue KPI to track instead of a vanity metric, in `language`; '' where there is none."""
    if assessment.is_vanity and assessment.alternative_name:
        return assessment.alternative_name.get(language)
    return ""


def alternatives(
    assessments: Mapping[int, Assessment], candidates: Sequence[Candidate], language: str
) -> dict[str, str]:
    """Catalogue id → name of the better KPIs the check proposes that are not up for the vote yet, by name."""
    taken = {candidate.catalog_id for candidate in candidates}
    names = {
        assessment.alternative: alternative_name(assessment, language)
        for assessment in assessments.values()
        if assessment.is_vanity and assessment.alternative and assessment.alternative not in taken
    }
    return dict(sorted(names.items(), key=lambda item: item[1]))
