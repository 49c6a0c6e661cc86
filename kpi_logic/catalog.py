"""The shipped KPI catalogue: loading and validating data/catalog.csv, and searching it.

The file is meant to be edited in Excel by marketing people, so it is read as Excel writes it
(UTF-8 with BOM, semicolons) and every mistake is reported with the file, line and column.
Two rules tie every row's formula to its unit and stage, and the loader enforces them:
- The English formula says what the unit claims: a share or ratio divides (÷), money names money,
  a time names its unit, a count does not divide, points are a difference of two shares.
- Conversion rates sit at the stage they convert *from*, named by the formula's denominator
  (mql_to_sql_rate, "SQLs ÷ MQLs", is an MQL-stage KPI; e-mail conversion divides by delivered
  e-mails and sits at the reach stage).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kpi_logic import config
from kpi_logic.domain import CADENCES, DIRECTIONS, KINDS, OWNER_TEAMS, STAGES, UNITS, Bilingual
from kpi_logic.errors import InvalidInput, KpiWorkshopError

COLUMNS: tuple[str, ...] = (
    "id",
    "name_de",
    "name_en",
    "definition_de",
    "definition_en",
    "formula_de",
    "formula_en",
    "unit",
    "stage",
    "team",
    "kind",
    "direction",
    "cadence",
    "is_vanity",
    "vanity_reason_de",
    "vanity_reason_en",
    "alternative",
)
# Filled only for vanity KPIs; every other column is required in every row.
VANITY_COLUMNS: tuple[str, ...] = ("vanity_reason_de", "vanity_reason_en", "alternative")
YES_NO: tuple[str, ...] = ("yes", "no")
CHOICES: dict[str, tuple[str, ...]] = {
    "unit": UNITS,
    "stage": STAGES,
    "team": OWNER_TEAMS,
    "kind": KINDS,
    "direction": DIRECTIONS,
    "cadence": CADENCES,
    "is_vanity": YES_NO,
}
ID_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
HEADER_LINE = 1
_DIVIDES = re.compile(r"÷")
_MONEY = re.compile(r"revenue|cost|spend|value|margin|price|profit|\bCHF\b|\b(?:ARR|CAC|CLV|ARPA)\b", re.I)
# unit → (what its formula must say, for the error message; the pattern that says it)
UNIT_RULES: dict[str, tuple[str, re.Pattern[str]]] = {
    "%": ("divide one number by another (÷)", _DIVIDES),
    "ratio": ("divide one number by another (÷)", _DIVIDES),
    "CHF": ("name money (revenue, cost, spend, value, margin, CHF)", _MONEY),
    "CHF/day": ("divide money by days", re.compile(r"(?:revenue|value|deal size).*÷.*\bdays\b", re.I)),
    "seconds": ("say 'seconds'", re.compile(r"\bseconds\b")),
    "hours": ("say 'hours'", re.compile(r"\bhours\b")),
    "days": ("say 'days'", re.compile(r"\bdays\b")),
    "months": ("say 'month'", re.compile(r"\bmonth", re.I)),
    "count": ("count without dividing (no ÷)", re.compile(r"^[^÷]*$")),
    "points": ("subtract one share from another (% … − % …)", re.compile(r"%[^÷]*−\s*%")),
}
# Denominator words of a conversion rate → the stage it converts from; MQL and SQL before "lead".
DENOMINATOR_STAGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"visit|visitor|session|delivered e-?mails|impression", re.I), "reach"),
    (re.compile(r"\bMQLs?\b"), "mql"),
    (re.compile(r"\bSQLs?\b"), "sql"),
    (re.compile(r"\bleads?\b", re.I), "lead"),
    (re.compile(r"opportunit|quote|cart", re.I), "opportunity"),
)
# People without a Swiss keyboard type "ue" for "ü"; the search accepts both spellings.
UMLAUT_SPELLINGS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


@dataclass(frozen=True)
class CatalogKpi:
    """One KPI of the catalogue, with its texts in both languages."""

    id: str
    name: Bilingual
    definition: Bilingual
    formula: Bilingual
    unit: str
    stage: str
    team: str
    kind: str
    direction: str
    cadence: str
    is_vanity: bool
    vanity_reason: Bilingual | None
    alternative: str | None


class CatalogError(KpiWorkshopError):
    """The catalogue file is malformed."""

    def __init__(self, path: Path, line: int | None, column: str | None, problem: str):
        where = str(path)
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: {problem}")
        self.path = path
        self.line = line
        self.column = column


def load_catalog(path: Path | None = None) -> tuple[CatalogKpi, ...]:
    """All KPIs of the catalogue file, in file order; raises CatalogError if any row is bad."""
    path = Path(path or config.CATALOG_PATH)
    try:
        stat = path.stat()
    except OSError as error:
        raise CatalogError(path, None, None, f"cannot read the file ({error.strerror})") from error
    # Keyed on modification time and size so an edited file is read again without a restart.
    return _load(path, stat.st_mtime_ns, stat.st_size)


def catalog_by_id(path: Path | None = None) -> dict[str, CatalogKpi]:
    """The catalogue as a mapping from KPI id to KPI."""
    return {kpi.id: kpi for kpi in load_catalog(path)}


def display_name(
    catalog_id: str | None, custom_name: str | None, catalog: Mapping[str, CatalogKpi], language: str
) -> str:
    """A KPI's name in the reader's language: the catalogue's, else the custom name as stored.

    A catalogue KPI removed from the CSV since keeps its stored name, else shows its id.
    """
    kpi = catalog.get(catalog_id) if catalog_id is not None else None
    if kpi is not None:
        return kpi.name.get(language)
    return custom_name or catalog_id or ""


def filter_catalog(
    kpis: Iterable[CatalogKpi],
    *,
    query: str = "",
    stage: str | None = None,
    team: str | None = None,
    kind: str | None = None,
    language: str = "de",
) -> list[CatalogKpi]:
    """The KPIs matching every given filter; names matching in `language` come first.

    The query is searched in id, name and definition in both languages, ignoring case and accents
    ("kundigung" and "kuendigung" both find "Kündigungsrate").
    """
    filters = (("stage", stage, STAGES), ("team", team, OWNER_TEAMS), ("kind", kind, KINDS))
    for field, value, allowed in filters:
        if value is not None and value not in allowed:
            raise InvalidInput(f"Unknown {field} {value!r}; expected one of {', '.join(allowed)}.")
    needle = _fold(query.strip())
    matches = [
        kpi
        for kpi in kpis
        if (stage is None or kpi.stage == stage)
        and (team is None or kpi.team == team)
        and (kind is None or kpi.kind == kind)
        and needle in _searchable(kpi.id, kpi.name.de, kpi.name.en, kpi.definition.de, kpi.definition.en)
    ]
    # sorted() is stable: within each group the catalogue (funnel) order stays.
    return sorted(matches, key=lambda kpi: needle not in _searchable(kpi.name.get(language)))


@lru_cache(maxsize=8)
def _load(path: Path, mtime_ns: int, size: int) -> tuple[CatalogKpi, ...]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise CatalogError(
            path, line, None, "the file is not UTF-8; in Excel save it as 'CSV UTF-8'"
        ) from error
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    header = [cell.strip() for cell in next(reader, [])]
    for column in COLUMNS:
        if column not in header:
            raise CatalogError(path, HEADER_LINE, column, "the column is missing from the header row")
    kpis: list[CatalogKpi] = []
    lines: dict[str, int] = {}
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue  # Excel leaves rows of bare semicolons behind
        if len(cells) > len(header):
            raise CatalogError(
                path, reader.line_num, f"#{len(header) + 1}", "the row has more cells than the header"
            )
        row = dict(zip(header, (cell.strip() for cell in cells)))
        kpi = _parse_row(row, path, reader.line_num)
        if kpi.id in lines:
            problem = f"duplicate id {kpi.id!r} (first on line {lines[kpi.id]})"
            raise CatalogError(path, reader.line_num, "id", problem)
        lines[kpi.id] = reader.line_num
        kpis.append(kpi)
    _check_alternatives(kpis, lines, path)
    return tuple(kpis)


def _parse_row(row: dict[str, str], path: Path, line: int) -> CatalogKpi:
    is_vanity = row.get("is_vanity") == "yes"
    for column in COLUMNS:
        value = row.get(column, "")
        if column in VANITY_COLUMNS:
            if is_vanity and not value:
                problem = "a vanity KPI needs a reason in both languages and an alternative"
                raise CatalogError(path, line, column, problem)
            if not is_vanity and value:
                problem = "only vanity KPIs (is_vanity = yes) have a reason and an alternative"
                raise CatalogError(path, line, column, problem)
        elif not value:
            raise CatalogError(path, line, column, "the cell is empty")
        elif column in CHOICES and value not in CHOICES[column]:
            expected = ", ".join(CHOICES[column])
            raise CatalogError(path, line, column, f"unknown value {value!r}; expected one of {expected}")
    if not ID_PATTERN.fullmatch(row["id"]):
        raise CatalogError(path, line, "id", f"{row['id']!r} is not a snake_case id (a-z, 0-9, _)")
    unit_rule = unit_problem(row["unit"], row["formula_en"])
    if unit_rule is not None:
        raise CatalogError(path, line, "unit", unit_rule)
    stage = conversion_stage(row["id"], row["name_en"], row["formula_en"])
    if stage is not None and stage != row["stage"]:
        problem = f"a conversion rate sits at the stage it converts from: {stage!r}, not {row['stage']!r}"
        raise CatalogError(path, line, "stage", problem)
    return CatalogKpi(
        id=row["id"],
        name=_bilingual(row, "name"),
        definition=_bilingual(row, "definition"),
        formula=_bilingual(row, "formula"),
        unit=row["unit"],
        stage=row["stage"],
        team=row["team"],
        kind=row["kind"],
        direction=row["direction"],
        cadence=row["cadence"],
        is_vanity=is_vanity,
        vanity_reason=_bilingual(row, "vanity_reason") if is_vanity else None,
        alternative=row["alternative"] or None,
    )


def unit_problem(unit: str, formula_en: str) -> str | None:
    """Why the English formula does not fit the unit, or None when it does."""
    expected, pattern = UNIT_RULES[unit]
    if pattern.search(formula_en):
        return None
    return f"a formula in {unit!r} must {expected}; the formula is {formula_en!r}"


def conversion_stage(kpi_id: str, name_en: str, formula_en: str) -> str | None:
    """The stage a conversion rate converts from, read off its formula's denominator; None if no conversion."""
    is_conversion = ("_to_" in kpi_id and kpi_id.endswith("_rate")) or "conversion" in name_en.lower()
    if not is_conversion or "÷" not in formula_en:
        return None
    denominator = formula_en.rsplit("÷", 1)[1]
    return next((stage for pattern, stage in DENOMINATOR_STAGES if pattern.search(denominator)), None)


def _check_alternatives(kpis: list[CatalogKpi], lines: dict[str, int], path: Path) -> None:
    """Each vanity KPI must point to another catalogue KPI that is not itself vanity."""
    by_id = {kpi.id: kpi for kpi in kpis}
    for kpi in kpis:
        if kpi.alternative is None:
            continue
        target = by_id.get(kpi.alternative)
        if target is None:
            problem = f"no KPI with id {kpi.alternative!r} in the catalogue"
        elif target.id == kpi.id:
            problem = "a KPI cannot be its own alternative"
        elif target.is_vanity:
            problem = f"the alternative {target.id!r} is itself a vanity KPI"
        else:
            continue
        raise CatalogError(path, lines[kpi.id], "alternative", problem)


def _bilingual(row: dict[str, str], prefix: str) -> Bilingual:
    return Bilingual(de=row[f"{prefix}_de"], en=row[f"{prefix}_en"])


def _fold(text: str) -> str:
    """Lower case without accents: "Kündigung" → "kundigung"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _searchable(*texts: str) -> str:
    """The texts folded with umlauts dropped and spelt out, so "kundigung" and "kuendigung" match."""
    joined = "\n".join(texts)
    return _fold(joined) + "\n" + _fold(joined.translate(UMLAUT_SPELLINGS))
