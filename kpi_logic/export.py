"""What a workshop agreed, read once (`ShareData`), and the one-pager in Markdown and as plain text.

Every renderer takes a `ShareData` read once from the store, so the page, the CLI and tests show the
same thing (the shortlist CSV in `shortlist_csv`, the workbook and the KPI cards too). All user text
is escaped on the way out: a KPI named `<b>x</b>` or `[x](javascript:alert(1))` stays those characters.
The whole workshop as JSON is `workshop_json`'s.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from datetime import date
from typing import Any


from kpi_logic import funnel
from kpi_logic.domain import Bilingual
from kpi_logic.i18n import t
from kpi_logic.formatting import format_date, format_number, format_percent
from kpi_logic.text import cadence_label, markdown_inline, markdown_lines, stage_label
from kpi_logic.records import ShortlistEntry, Workshop
from kpi_logic.store import WorkshopStore

AGREED_PHASES = frozenset({"shortlist", "review"})


@dataclass(frozen=True)
class SharedGoal:
    """A business goal as shown to people outside the workshop."""

    title: str
    metric: str
    baseline: float | None
    target: float | None
    deadline: date | None


@dataclass(frozen=True)
class SharedKpi:
    """A shortlist entry (owner, target, cadence …) with its texts in both languages and its goals."""

    position: int
    entry: ShortlistEntry
    name: Bilingual
    definition: Bilingual
    formula: Bilingual
    stage: str | None
    goals: tuple[str, ...]  # titles of the linked goals


@dataclass(frozen=True)
class ShareData:
    """Everything a one-pager shows: workshop, goals, the agreed KPIs and the funnel (today, target)."""

    name: str
    company: str
    day: date | None
    phase: str
    goals: tuple[SharedGoal, ...]
    kpis: tuple[SharedKpi, ...]
    funnel_baseline: funnel.FunnelReport
    funnel_target: funnel.FunnelReport

    @property
    def status(self) -> str:
        """"agreed" once the workshop has a shortlist and has reached the shortlist phase, else "in_progress"."""
        return "agreed" if self.kpis and self.phase in AGREED_PHASES else "in_progress"

    def measured_stages(self) -> dict[str, tuple[SharedKpi, ...]]:
        """Funnel stage → the shortlisted KPIs placed on it."""
        stages: dict[str, tuple[SharedKpi, ...]] = {}
        for kpi in self.kpis:
            if kpi.stage is not None:
                stages[kpi.stage] = (*stages.get(kpi.stage, ()), kpi)
        return stages


# ---------------------------------------------------------------- reading


def workshop_day(workshop: Workshop) -> date | None:
    """The workshop's date, else the day it was created."""
    if workshop.workshop_date is not None:
        return workshop.workshop_date
    return date.fromisoformat(workshop.created_at[:10]) if workshop.created_at else None


def share_data(
    store: WorkshopStore, workshop_id: int, catalog: Mapping[str, Any] | None = None
) -> ShareData:
    """Read what a workshop agreed; catalogue KPIs get their texts in both languages from `catalog`.

    `catalog` (id → CatalogKpi) defaults to the shipped catalogue, read only when a catalogue KPI is
    on the shortlist.
    """
    workshop = store.workshops.get(workshop_id)
    goals = store.goals.list(workshop_id)
    entries = store.shortlist.list(workshop_id)
    candidates = {
        candidate.id: candidate
        for candidate in store.candidates.list(workshop_id, statuses=("approved", "pending", "rejected"))
    }
    if catalog is None and any(entry.catalog_id for entry in entries):
        from kpi_logic.catalog import catalog_by_id  # lazily: most callers never need the CSV

        catalog = catalog_by_id()
    goal_titles = {goal.id: goal.title for goal in goals}
    kpis = tuple(
        _shared_kpi(position, entry, candidates[entry.candidate_id], catalog or {}, goal_titles)
        for position, entry in enumerate(entries, start=1)
    )
    figures = store.funnel.list(workshop_id)
    return ShareData(
        name=workshop.name,
        company=workshop.company,
        day=workshop_day(workshop),
        phase=workshop.phase,
        goals=tuple(
            SharedGoal(goal.title, goal.metric, goal.baseline, goal.target, goal.deadline)
            for goal in goals
        ),
        kpis=kpis,
        funnel_baseline=funnel.compute({fig.stage: fig.baseline_volume for fig in figures}),
        funnel_target=funnel.compute({fig.stage: fig.target_volume for fig in figures}),
    )


def _shared_kpi(position, entry, candidate, catalog: Mapping[str, Any], goal_titles) -> SharedKpi:
    kpi = catalog.get(entry.catalog_id) if entry.catalog_id else None
    if kpi is not None:
        name, definition, formula = kpi.name, kpi.definition, kpi.formula
    else:
        # A custom KPI has one text for both languages (so does a KPI since dropped from the CSV).
        name = Bilingual(entry.name, entry.name)
        definition = Bilingual(candidate.definition, candidate.definition)
        formula = Bilingual("", "")
    return SharedKpi(
        position=position,
        name=name,
        definition=definition,
        formula=formula,
        entry=entry,
        stage=candidate.stage,
        goals=tuple(goal_titles[goal_id] for goal_id in entry.goal_ids if goal_id in goal_titles),
    )


# ---------------------------------------------------------------- formatting


def file_stem(workshop_name: str, day: date | None = None) -> str:
    """A download file name without extension: "Frühjahr 2027 <b>", 15.3.2027 → "kpi-set-fruhjahr-2027-b-2027-03-15"."""
    ascii_name = unicodedata.normalize("NFKD", workshop_name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].rstrip("-")
    stem = f"kpi-set-{slug}" if slug else "kpi-set"
    return f"{stem}-{day.isoformat()}" if day else stem


def target_text(
    baseline: float | None, target: float | None, deadline: date | None, language: str
) -> str:
    """"1’000 → 1’200, bis 31.12.2027"; parts that are not set are left out, all unset is "—"."""
    parts = []
    if baseline is not None or target is not None:
        parts.append(f"{format_number(baseline, language)} → {format_number(target, language)}")
    if deadline is not None:
        parts.append(t(language, "share.doc.deadline", date=format_date(deadline, language)))
    return ", ".join(parts) or "—"


# ---------------------------------------------------------------- Markdown


def render_one_pager(data: ShareData, language: str, strict: bool = False) -> str:
    """The one-pager in Markdown for people: title, company, date; goals; the KPIs; the funnel.

    User text is escaped only where it would start markup, so it reads as typed in a wiki or MkDocs;
    `strict` escapes it for Streamlit's renderer, links included (the Share page shows it).
    """
    say = partial(t, language)
    esc = partial(markdown_inline, strict=strict)
    lines = [
        f"# {say('share.doc.title', name=esc(data.name))}",
        "",
        f"**{say('share.doc.company')}:** {esc(data.company) or '—'} · "
        f"**{say('words.date')}:** {format_date(data.day, language)}",
        "",
        f"## {say('words.goals')}",
        "",
    ]
    for number, goal in enumerate(data.goals, start=1):
        metric = f" — {esc(goal.metric)}" if goal.metric else ""
        target = target_text(goal.baseline, goal.target, goal.deadline, language)
        lines.append(f"{number}. **{esc(goal.title)}**{metric}: {target}")
    if not data.goals:
        lines.append(say("share.doc.no_goals"))
    lines += ["", f"## {say('share.doc.kpis')}", ""]
    for kpi in data.kpis:
        lines += kpi_markdown(kpi, language, strict)
    if not data.kpis:
        lines += [say("share.doc.no_kpis"), ""]
    lines += [f"## {say('words.funnel')}", ""]
    lines += _funnel_markdown(data, language) or [say("share.doc.no_funnel")]
    return "\n".join(lines).rstrip() + "\n"


LIST_INDENT = "  "  # a continuation line inside "- " list items


def kpi_markdown(kpi: SharedKpi, language: str, strict: bool = False) -> list[str]:
    """One KPI of the one-pager: a heading with its name, then a list of its details (line breaks kept).

    `strict` escapes for Streamlit's renderer (see `text.markdown_inline`).
    """
    esc = partial(markdown_inline, strict=strict)
    entry = kpi.entry
    target = target_text(entry.baseline, entry.target, entry.target_date, language)
    details = [
        ("share.col.definition", markdown_lines(kpi.definition.get(language), LIST_INDENT, strict)),
        ("share.col.formula", markdown_lines(kpi.formula.get(language), LIST_INDENT, strict)),
        ("words.stage", esc(stage_label(kpi.stage, language))),
        ("words.owner", esc(entry.owner)),
        ("share.col.change", target),
        ("share.col.cadence", cadence_label(entry.cadence, language)),
        ("share.col.data_source", esc(entry.data_source)),
        ("words.goals", "; ".join(esc(goal) for goal in kpi.goals)),
    ]
    return [
        f"### {kpi.position}. {esc(kpi.name.get(language))}",
        "",
        *(f"- **{t(language, key)}:** {value or '—'}" for key, value in details),
        "",
    ]


def _funnel_markdown(data: ShareData, language: str) -> list[str]:
    measured = data.measured_stages()
    header = [
        "words.stage",
        "share.col.volume_baseline",
        "share.col.volume_target",
        "share.col.conversion_baseline",
        "share.col.conversion_target",
        "share.col.measured_by",
    ]
    cell = partial(markdown_inline, table_cell=True)
    rows = [
        [
            cell(stage_label(today.stage, language)),
            format_number(today.volume, language),
            format_number(target.volume, language),
            format_percent(today.conversion_to_next, language),
            format_percent(target.conversion_to_next, language),
            ", ".join(cell(kpi.name.get(language)) for kpi in measured.get(today.stage, ())) or "—",
        ]
        for today, target in zip(data.funnel_baseline.steps, data.funnel_target.steps)
    ]
    if not rows:
        return []
    table = [[t(language, key) for key in header], ["---"] * len(header), *rows]
    return ["| " + " | ".join(row) + " |" for row in table]


def one_pager_markdown(store: WorkshopStore, workshop_id: int, language: str) -> str:
    """The one-pager of a workshop in `language` ("de" or "en")."""
    return render_one_pager(share_data(store, workshop_id), language)


# ---------------------------------------------------------------- plain text (e-mail)


def _underlined(title: str, mark: str) -> list[str]:
    return [title, mark * len(title), ""]


def _indented(text: str, indent: str) -> str:
    """A text whose line breaks are kept, continuation lines aligned under its first."""
    return f"\n{indent}".join(line.strip() for line in text.splitlines() if line.strip()) or "—"


def render_one_pager_text(data: ShareData, language: str) -> str:
    """The one-pager as plain text for the body of an e-mail: no markup, nothing to escape."""
    say = partial(t, language)
    lines = [
        *_underlined(say("share.doc.title", name=data.name), "="),
        f"{say('share.doc.company')}: {data.company or '—'}",
        f"{say('words.date')}: {format_date(data.day, language)}",
        "",
        *_underlined(say("words.goals"), "-"),
    ]
    for number, goal in enumerate(data.goals, start=1):
        metric = f" — {goal.metric}" if goal.metric else ""
        lines.append(f"{number}. {goal.title}{metric}: "
                     f"{target_text(goal.baseline, goal.target, goal.deadline, language)}")
    lines += [say("share.doc.no_goals")] if not data.goals else []
    lines += ["", *_underlined(say("share.doc.kpis"), "-")]
    for kpi in data.kpis:
        entry = kpi.entry
        details = [
            ("share.col.definition", kpi.definition.get(language)),
            ("share.col.formula", kpi.formula.get(language)),
            ("words.stage", stage_label(kpi.stage, language)),
            ("words.owner", entry.owner),
            ("share.col.change", target_text(entry.baseline, entry.target, entry.target_date, language)),
            ("share.col.cadence", cadence_label(entry.cadence, language)),
            ("share.col.data_source", entry.data_source),
            ("words.goals", "; ".join(kpi.goals)),
        ]
        lines.append(f"{kpi.position}. {kpi.name.get(language)}")
        for key, value in details:
            heading = f"   {say(key)}: "
            lines.append(heading + _indented(value or "", " " * len(heading)))
        lines.append("")
    lines += [say("share.doc.no_kpis"), ""] if not data.kpis else []
    lines += _underlined(say("words.funnel"), "-")
    measured = data.measured_stages()
    for today, target in zip(data.funnel_baseline.steps, data.funnel_target.steps):
        names = ", ".join(kpi.name.get(language) for kpi in measured.get(today.stage, ()))
        lines.append(
            f"- {stage_label(today.stage, language)}: {format_number(today.volume, language)} → "
            f"{format_number(target.volume, language)}"
            f" ({say('share.col.conversion_baseline')} {format_percent(today.conversion_to_next, language)},"
            f" {say('share.col.measured_by')}: {names or '—'})"
        )
    lines += [say("share.doc.no_funnel")] if not data.funnel_baseline.steps else []
    return "\n".join(lines).rstrip() + "\n"
