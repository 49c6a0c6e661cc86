"""What a workshop agreed, as files to pass on: a Markdown one-pager, a shortlist CSV and the workshop JSON.

Every renderer takes a `ShareData` read once from the store, so the page, the CLI and tests show the
same thing. All user text is escaped on the way out: a KPI named `<b>x</b>` or
`[x](javascript:alert(1))` stays those characters in every file, and a CSV cell never starts a formula.
"""

from __future__ import annotations

import csv
import io
import json
import math
import numbers
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from datetime import date
from typing import Any

import pandas as pd

from kpi_logic import funnel
from kpi_logic.domain import Bilingual
from kpi_logic.errors import InvalidImport
from kpi_logic.i18n import t
from kpi_logic.formatting import format_date, format_number, format_percent
from kpi_logic.text import cadence_label, markdown_inline, markdown_lines, stage_label
from kpi_logic.domain import EXPORT_FORMAT, EXPORT_VERSION
from kpi_logic.records import ShortlistEntry, Workshop
from kpi_logic.store import WorkshopStore

MAX_IMPORT_MB = 5
MAX_IMPORT_BYTES = MAX_IMPORT_MB * 1024 * 1024
SUPPORTED_VERSIONS: tuple[int, ...] = (EXPORT_VERSION,)
AGREED_PHASES = frozenset({"shortlist", "review"})
CSV_SEPARATOR = ";"  # what Swiss, German and Austrian Excel expect
# Excel reads a CSV with the system's decimal mark: "." in Switzerland, "," in Germany and Austria,
# where 0.125 would silently become 125.
CSV_DECIMAL_MARKS: dict[str, str] = {"ch": ".", "de_at": ","}
COMMA_REGIONS = frozenset({"DE", "AT"})

# OWASP CSV injection: a cell starting with one of these may run as a formula in a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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


def render_one_pager(data: ShareData, language: str) -> str:
    """The one-pager in Markdown for people: title, company, date; goals; the KPIs; the funnel.

    User text is escaped only where it would start markup, so it reads as typed in a wiki or MkDocs.
    """
    say = partial(t, language)
    esc = markdown_inline
    lines = [
        f"# {say('share.doc.title', name=esc(data.name))}",
        "",
        f"**{say('share.doc.company')}:** {esc(data.company) or '—'} · "
        f"**{say('share.doc.date')}:** {format_date(data.day, language)}",
        "",
        f"## {say('share.doc.goals')}",
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
        lines += kpi_markdown(kpi, language)
    if not data.kpis:
        lines += [say("share.doc.no_kpis"), ""]
    lines += [f"## {say('share.doc.funnel')}", ""]
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
        ("share.col.stage", esc(stage_label(kpi.stage, language))),
        ("share.col.owner", esc(entry.owner)),
        ("share.col.change", target),
        ("share.col.cadence", cadence_label(entry.cadence, language)),
        ("share.col.data_source", esc(entry.data_source)),
        ("share.col.goals", "; ".join(esc(goal) for goal in kpi.goals)),
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
        "share.col.stage",
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
        f"{say('share.doc.date')}: {format_date(data.day, language)}",
        "",
        *_underlined(say("share.doc.goals"), "-"),
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
            ("share.col.stage", stage_label(kpi.stage, language)),
            ("share.col.owner", entry.owner),
            ("share.col.change", target_text(entry.baseline, entry.target, entry.target_date, language)),
            ("share.col.cadence", cadence_label(entry.cadence, language)),
            ("share.col.data_source", entry.data_source),
            ("share.col.goals", "; ".join(kpi.goals)),
        ]
        lines.append(f"{kpi.position}. {kpi.name.get(language)}")
        for key, value in details:
            heading = f"   {say(key)}: "
            lines.append(heading + _indented(value or "", " " * len(heading)))
        lines.append("")
    lines += [say("share.doc.no_kpis"), ""] if not data.kpis else []
    lines += _underlined(say("share.doc.funnel"), "-")
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


# ---------------------------------------------------------------- CSV


SHORTLIST_COLUMNS: tuple[str, ...] = (
    "share.col.position", "share.col.kpi", "share.col.definition", "share.col.formula",
    "share.col.stage", "share.col.owner", "share.col.baseline", "share.col.target",
    "share.col.target_date", "share.col.cadence", "share.col.data_source", "share.col.goals",
)


def shortlist_table(data: ShareData, language: str) -> pd.DataFrame:
    """The shortlist as a table with headers in `language`; numbers and dates keep their types."""
    rows = [
        [
            kpi.position, kpi.name.get(language), kpi.definition.get(language),
            kpi.formula.get(language), stage_label(kpi.stage, language), kpi.entry.owner,
            kpi.entry.baseline, kpi.entry.target, kpi.entry.target_date,
            cadence_label(kpi.entry.cadence, language) if kpi.entry.cadence else "",
            kpi.entry.data_source, "; ".join(kpi.goals),
        ]
        for kpi in data.kpis
    ]
    frame = pd.DataFrame(rows, columns=[t(language, key) for key in SHORTLIST_COLUMNS])
    numbers = [t(language, "share.col.baseline"), t(language, "share.col.target")]
    return frame.astype({column: "float64" for column in numbers})


def csv_dialect(browser_locale: str | None) -> str:
    """The CSV form to offer first: decimal comma for a German or Austrian browser, else Swiss."""
    region = (browser_locale or "").replace("_", "-").split("-")[1:2]
    return "de_at" if region and region[0].upper() in COMMA_REGIONS else "ch"


def neutralise_cell(value: object, decimal_mark: str = ".") -> str:
    """A CSV cell that cannot run as a spreadsheet formula; real numbers stay numbers.

    Text starting with = + - @ tab or CR gets a leading apostrophe (OWASP), so the owner "-1+1"
    is written as '-1+1 while a baseline of -1.5 is written as the number -1.5 (or -1,5).
    """
    if value is None:
        return ""
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        if not math.isfinite(value):
            return ""
        # Full precision, no thousands separator: what Excel reads as a number in that locale.
        text = str(int(value)) if float(value).is_integer() else repr(float(value))
        return text.replace(".", decimal_mark)
    text = value.isoformat() if isinstance(value, date) else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def render_shortlist_csv(data: ShareData, language: str, dialect: str = "ch") -> bytes:
    """The shortlist as CSV for Excel: UTF-8 with BOM, `;`-separated, header in `language`.

    `dialect` "ch" writes 0.125 for Swiss Excel, "de_at" writes 0,125 for German and Austrian Excel.
    """
    frame = shortlist_table(data, language)
    decimal_mark = CSV_DECIMAL_MARKS[dialect]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_SEPARATOR, lineterminator="\r\n")
    writer.writerow(frame.columns)
    for row in frame.itertuples(index=False):
        writer.writerow([neutralise_cell(cell, decimal_mark) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def shortlist_csv(store: WorkshopStore, workshop_id: int, language: str, dialect: str = "ch") -> bytes:
    """The shortlist of a workshop as CSV in `language` for Excel in `dialect`'s countries."""
    return render_shortlist_csv(share_data(store, workshop_id), language, dialect)


# ---------------------------------------------------------------- JSON


def workshop_json(store: WorkshopStore, workshop_id: int) -> bytes:
    """The whole workshop (no PIN, join code or share token) as pretty UTF-8 JSON."""
    return json.dumps(store.transfer.export_workshop(workshop_id), ensure_ascii=False, indent=2).encode("utf-8")


def _refused(reason: str) -> InvalidImport:
    """The error for a rejected file, worded like the store's own import errors."""
    return InvalidImport(f"Import refused: {reason}")


def _shown(value: object) -> str:
    """A value from the file as quoted in a message, cut short: the file may hold anything."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _refuse_constant(name: str) -> None:
    raise _refused(f"the file contains {name}, which is not a number JSON allows")


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict:
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            raise _refused(f"the key {_shown(key)} appears twice in one object")
        seen.add(key)
    return dict(pairs)


def parse_workshop_json(data: bytes) -> dict:
    """The checked top level of a workshop JSON file; InvalidImport says what is wrong with it."""
    if len(data) > MAX_IMPORT_BYTES:
        raise _refused(
            f"the file has {len(data) / 1_048_576:.1f} MB; at most {MAX_IMPORT_MB} MB"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _refused(f"the file is not UTF-8 text (byte {error.start})") from None
    try:
        parsed = json.loads(
            text, parse_constant=_refuse_constant, object_pairs_hook=_refuse_duplicates
        )
    except json.JSONDecodeError as error:
        raise _refused(
            f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from None
    except RecursionError:
        raise _refused("not valid JSON: nested too deeply") from None
    if not isinstance(parsed, dict):
        raise _refused("the file must hold one JSON object, not a list or a value")
    if parsed.get("format") != EXPORT_FORMAT:
        raise _refused(f"format: expected {EXPORT_FORMAT!r}, got {_shown(parsed.get('format'))}")
    version = parsed.get("version")
    if type(version) is not int or version not in SUPPORTED_VERSIONS:
        supported = ", ".join(str(v) for v in SUPPORTED_VERSIONS)
        raise _refused(f"version: expected {supported}, got {_shown(version)}")
    return parsed


def import_workshop_json(store: WorkshopStore, data: bytes, facilitator_pin: str) -> Workshop:
    """A NEW workshop from an exported JSON file; the whole file is checked before anything is written."""
    return store.transfer.import_workshop(parse_workshop_json(data), facilitator_pin)
