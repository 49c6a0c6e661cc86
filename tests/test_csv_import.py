"""Every CSV import reads Swiss Excel files alike and refuses a bad one whole, in its own words."""

import codecs

import pytest

from kpi_logic import csv_import
from kpi_logic.csv_import import CsvImportError
from kpi_logic.errors import InvalidImport
from kpi_logic.measurement_import import MeasurementImportError
from kpi_logic.status_import import StatusImportError

TEXT = "Name;Wert\nAbschlussquote;12,5 %\n"


class _Refused(CsvImportError):
    """A test import whose messages are the status import's."""

    area = "status_quo.import"


def _rows(data: bytes, max_rows: int = 10) -> tuple[list[str], list[list[str]]]:
    found = csv_import.table(data, "kpis.csv", _Refused, max_rows)
    return found.header, [cells for _, cells in found.rows]


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),
        TEXT.encode("cp1252"),
        TEXT.replace(";", "\t").encode("utf-8"),
        TEXT.replace(";", ",").replace("12,5", '"12,5').replace(" %", ' %"').encode("utf-8"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "cp1252", "tabs", "commas-quoted"],
)
def test_swiss_excel_encodings_and_separators_read_the_same(data):
    assert _rows(data) == (["Name", "Wert"], [["Abschlussquote", "12,5 %"]])


def test_blank_lines_are_skipped_and_rows_keep_their_spreadsheet_number():
    found = csv_import.table(b"\n;;\nName;Wert\n\nA;1\n", "kpis.csv", _Refused, 10)
    assert found.header_row == 3 and [number for number, _ in found.rows] == [5]


@pytest.mark.parametrize(
    "data,max_rows,reason,row",
    [
        (b"", 10, "empty", None),
        (b";;\n\n", 10, "empty", None),
        (b"PK\x03\x04\x00\x00", 10, "binary", None),
        (b"a" * (csv_import.MAX_BYTES + 1), 10, "too_big", None),
        (b"Name;Wert\nA;1\nB;2\n", 1, "too_many_rows", 3),
        (b"Name;Wert\nA;1;extra\n", 10, "ragged", 2),
        # Python's csv module refuses a cell beyond its field size limit (128 KiB).
        (b'Name;Wert\nA;"' + b"x" * 140_000 + b'"\n', 10, "malformed", 2),
    ],
)
def test_a_bad_file_is_refused_whole_with_its_reason_and_row(data, max_rows, reason, row):
    with pytest.raises(_Refused) as refused:
        _rows(data, max_rows)
    assert (refused.value.reason, refused.value.values.get("row")) == (reason, row)
    assert "kpis.csv" in refused.value.explain("de") and "kpis.csv" in refused.value.explain("en")


@pytest.mark.parametrize(
    "value,is_number,multiline,reason",
    [("=1+1", False, False, "formula"), ("@SUM(A1)", False, False, "formula"), ("-5", True, False, None),
     ("-5", False, False, "formula"), ("a\nb", False, False, "control"), ("a\nb", False, True, None),
     ("a\x07b", False, True, "control"), ("Abschlussquote", False, False, None)],
)
def test_formulas_and_control_characters_are_refused_unless_allowed(value, is_number, multiline, reason):
    where = {"file": "kpis.csv", "row": 2, "column": "Wert"}
    if reason is None:
        csv_import.check_safe(value, where, _Refused, is_number=is_number, multiline=multiline)
        return
    with pytest.raises(_Refused) as refused:
        csv_import.check_safe(value, where, _Refused, is_number=is_number, multiline=multiline)
    assert refused.value.reason == reason


def test_columns_are_found_by_alias_and_others_are_reported_as_ignored():
    aliases = {"name": ("name", "kpi name"), "value": ("wert",)}
    positions, ignored = csv_import.columns(["\ufeffKPI  Name", "Owner", " WERT "], aliases, "k.csv", 1, _Refused)
    assert positions == {"name": 0, "value": 2} and ignored == ("Owner",)
    with pytest.raises(_Refused, match="Name"):
        csv_import.columns(["Name", "KPI name"], aliases, "k.csv", 1, _Refused)


@pytest.mark.parametrize("error,area", [(StatusImportError, "status_quo.import"),
                                        (MeasurementImportError, "review.import")])
def test_each_import_says_the_shared_reasons_in_its_own_words(error, area):
    assert issubclass(error, CsvImportError) and issubclass(error, InvalidImport)
    refused = error("empty", file="x.csv")
    assert refused.area == area and "x.csv" in refused.explain("de") and str(refused) == refused.explain("en")


def test_normalised_cells_and_headers_compare_as_people_read_them():
    assert csv_import.normalised_cell("  1\u202f200\r\n ") == "1 200"
    assert csv_import.normalised_header("\ufeff Aktueller   WERT") == "aktueller wert"
