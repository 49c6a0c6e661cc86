"""Measurement CSV imports: Swiss numbers and dates, KPIs by id or name, bad files refused whole."""

from __future__ import annotations

import codecs
from datetime import date

import pytest

from kpi_logic import measurement_import
from kpi_logic.catalog import catalog_by_id
from kpi_logic.errors import InvalidInput
from kpi_logic.records import ShortlistEntry


def entry(*, entry_id: int, candidate_id: int, catalog_id: str | None = None, name: str) -> ShortlistEntry:
    return ShortlistEntry(entry_id, candidate_id, catalog_id, name, 1, "Anna", 10.0, 20.0,
                          date(2027, 12, 31), "monthly", "CRM", ())


# ---------------------------------------------------------------- values and periods as typed


@pytest.mark.parametrize(
    "text,expected",
    [
        ("1234.5", 1234.5),
        ("1'234.5", 1234.5),
        ("1’234’567", 1234567.0),
        ("1 234,5", 1234.5),
        ("1234,5", 1234.5),
        ("1,234", 1.234),
        ("-3", -3.0),
        ("+12.5 %", 12.5),
        ("0", 0.0),
    ],
)
def test_numbers_are_read_as_typed_in_switzerland(text, expected):
    assert measurement_import.parse_value(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "1,234.5", "1.234,5", "12'34", "1e5", "=1+1", "1..2"])
def test_ambiguous_or_non_numbers_are_refused(text):
    with pytest.raises(InvalidInput):
        measurement_import.parse_value(text)


@pytest.mark.parametrize(
    "text,expected",
    [("2027-03-15", date(2027, 3, 15)), ("15.03.2027", date(2027, 3, 15)), ("1.3.2027", date(2027, 3, 1)),
     ("2027-03", date(2027, 3, 1)), ("29.02.2028", date(2028, 2, 29))],
)
def test_periods_are_read_in_iso_swiss_or_month_form(text, expected):
    assert measurement_import.parse_period(text) == expected


@pytest.mark.parametrize("text", ["31.02.2027", "2027-13", "03/15/2027", "März 2027", ""])
def test_impossible_or_unknown_periods_are_refused(text):
    with pytest.raises(InvalidInput):
        measurement_import.parse_period(text)


# ---------------------------------------------------------------- measurement CSV

SHORTLIST = [entry(entry_id=1, candidate_id=11, catalog_id="cac", name="Kundengewinnungskosten (CAC)"),
             entry(entry_id=2, candidate_id=12, name="Empfehlungen")]


def parse(text: str, encoding: str = "utf-8") -> list[dict]:
    return measurement_import.parse_measurements_csv(text.encode(encoding), "werte.csv", SHORTLIST, catalog_by_id())


def test_swiss_excel_file_is_read_with_ids_and_names_in_either_language():
    rows = parse(
        "KPI;Periode;Wert;Notiz\n"
        "cac;01.03.2027;9'800;Messe\n"
        "Customer acquisition cost (CAC);2027-04;9 700,5;\n"
        "empfehlungen;2027-03-01;12;\n",
        "cp1252",
    )
    assert rows == [
        {"entry_id": 1, "period": date(2027, 3, 1), "value": 9800.0, "note": "Messe"},
        {"entry_id": 1, "period": date(2027, 4, 1), "value": 9700.5, "note": ""},
        {"entry_id": 2, "period": date(2027, 3, 1), "value": 12.0, "note": ""},
    ]


def test_utf8_bom_commas_and_extra_columns_are_accepted():
    data = codecs.BOM_UTF8 + "kpi,period,value,owner\ncac,2027-03-01,\"9800,5\",Claudia\n".encode()
    rows = measurement_import.parse_measurements_csv(data, "x.csv", SHORTLIST, catalog_by_id())
    assert rows[0]["value"] == 9800.5


@pytest.mark.parametrize(
    "text,reason,row",
    [
        ("kpi;period\ncac;2027-03-01\n", "missing_column", 1),
        ("kpi;period;value\n", "no_rows", 1),
        ("kpi;period;value\nFollowers;2027-03-01;5\n", "unknown_kpi", 2),
        ("kpi;period;value\ncac;2027-03-01;5\ncac;01.03.2027;6\n", "duplicate", 3),
        ("kpi;period;value\ncac;2027-03-01;fünf\n", "invalid", 2),
        ("kpi;period;value\ncac;31.02.2027;5\n", "invalid", 2),
        ("kpi;period;value\ncac;1999-12-01;5\n", "invalid", 2),
        ("kpi;period;value\ncac;2027-03-01;=1+1\n", "formula", 2),
        ("kpi;period;value;note\ncac;2027-03-01;5;@SUM(A1)\n", "formula", 2),
        ("kpi;period;value\ncac;2027-03-01;\n", "empty_cell", 2),
        ("kpi;period;value\ncac;2027-03-01;5;extra\n", "ragged", 2),
        ("kpi;Kennzahl;period;value\ncac;cac;2027-03-01;5\n", "duplicate_column", 1),
        ("", "empty", None),
    ],
)
def test_bad_files_are_refused_whole_naming_row_and_column(text, reason, row):
    with pytest.raises(measurement_import.MeasurementImportError) as caught:
        parse(text)
    assert caught.value.reason == reason
    assert caught.value.values.get("row") == row
    assert "werte.csv" in caught.value.explain("de")
    assert "\u00df" not in caught.value.explain("de")  # Swiss spelling: ss


def test_negative_numbers_are_data_not_formulas():
    assert parse("kpi;period;value\ncac;2027-03-01;-5\n")[0]["value"] == -5.0


def test_binary_and_oversized_files_are_refused():
    with pytest.raises(measurement_import.MeasurementImportError) as binary:
        measurement_import.parse_measurements_csv(b"PK\x03\x04\x00\x00", "x.xlsx", SHORTLIST, {})
    assert binary.value.reason == "binary"
    with pytest.raises(measurement_import.MeasurementImportError) as big:
        measurement_import.parse_measurements_csv(b"a" * 1_000_001, "big.csv", SHORTLIST, {})
    assert big.value.reason == "too_big"


def test_too_many_rows_are_refused():
    lines = "".join(f"cac;{date.fromordinal(date(2027, 1, 1).toordinal() + i).isoformat()};1\n"
                    for i in range(measurement_import.MAX_ROWS + 1))
    with pytest.raises(measurement_import.MeasurementImportError) as caught:
        parse("kpi;period;value\n" + lines)
    assert caught.value.reason == "too_many_rows"
