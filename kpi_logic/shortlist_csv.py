"""The agreed shortlist as a CSV for Excel: Swiss or German/Austrian decimal marks, no formula cells."""

from __future__ import annotations

import csv
import io
import math
import numbers
from datetime import date

import pandas as pd

from kpi_logic.export import ShareData, share_data
from kpi_logic.i18n import t
from kpi_logic.store import WorkshopStore
from kpi_logic.text import cadence_label, stage_label

CSV_SEPARATOR = ";"  # what Swiss, German and Austrian Excel expect
# Excel reads a CSV with the system's decimal mark: "." in Switzerland, "," in Germany and Austria,
# where 0.125 would silently become 125.
CSV_DECIMAL_MARKS: dict[str, str] = {"ch": ".", "de_at": ","}
COMMA_REGIONS = frozenset({"DE", "AT"})

# OWASP CSV injection: a cell starting with one of these may run as a formula in a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


SHORTLIST_COLUMNS: tuple[str, ...] = (
    "share.col.position", "words.kpi", "share.col.definition", "share.col.formula",
    "words.stage", "words.owner", "words.baseline", "words.target",
    "share.col.target_date", "share.col.cadence", "share.col.data_source", "words.goals",
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
    numbers = [t(language, "words.baseline"), t(language, "words.target")]
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
