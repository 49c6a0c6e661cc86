"""A status-quo CSV as Swiss Excel writes it is read cleanly; a bad one is refused whole, saying where."""

from pathlib import Path

import pytest

from kpi_logic.csv_import import MAX_BYTES
from kpi_logic.errors import InvalidImport
from kpi_logic.status_import import (
    MAX_ROWS,
    StatusImportError,
    parse_status_csv,
    read_status_csv,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.mark.parametrize(
    "fixture,expected",
    [
        (
            "status_cp1252_semicolons.csv",
            [
                ("Anzahl Follower", "Instagram-Follower über alle Konten", "12 400"),
                ("Abschlussquote", "Gewonnene Abschlüsse ÷ Offerten", "18 %"),
                ("Umsatzveränderung", "Veränderung gegenüber Vorjahr", "-5"),
            ],
        ),
        (
            "status_utf8_bom_commas.csv",
            [
                ("Leads, qualified", "MQLs from forms, events and chat", "120"),
                ("Website visitors", "Unique visitors per month\nfrom Google Analytics", "48,000"),
                ("Cost per SQL", "Marketing spend ÷ SQLs", "CHF 310"),
            ],
        ),
        (
            "status_utf8_tabs.tsv",
            [
                ("Newsletter-Abonnenten", "Alle aktiven Empfänger", "3 200"),
                ("Win rate", "Won deals ÷ opportunities", "22 %"),
            ],
        ),
        (
            "status_extra_columns.csv",
            [("Seitenaufrufe", "", "80 000"), ("Pipeline-Wert", "", "CHF 1,2 Mio.")],
        ),
    ],
)
def test_files_as_excel_writes_them_are_read_with_umlauts_and_quoted_separators(fixture, expected):
    rows = parse_status_csv(_fixture(fixture), fixture)
    assert [(r["name"], r["description"], r["current_value"]) for r in rows] == expected


def test_extra_columns_are_ignored_and_reported():
    parsed = read_status_csv(_fixture("status_extra_columns.csv"), "kpis.csv")
    assert parsed.ignored_columns == ("Verantwortlich", "Quelle")


@pytest.mark.parametrize(
    "data,encoding",
    [
        ("Name;Wert\nKundenzufriedenheit;8,5\n", "utf-16"),
        ("Name;Wert\nKundenzufriedenheit;8,5\n", "utf-8-sig"),
        ("Name;Wert\nKundenzufriedenheit;8,5\n", "cp1252"),
    ],
)
def test_each_encoding_excel_offers_gives_the_same_rows(data, encoding):
    rows = parse_status_csv(data.encode(encoding), "kpis.csv")
    assert rows == [{"name": "Kundenzufriedenheit", "description": "", "current_value": "8,5"}]


@pytest.mark.parametrize(
    "value",
    ["-5", "+12.5 %", "-1'200", "-0,75", "−7"],
)
def test_plain_numbers_with_a_sign_are_values_not_formulas(value):
    rows = parse_status_csv(f"Name;Wert\nUmsatzwachstum;{value}\n".encode(), "kpis.csv")
    assert rows[0]["current_value"] == value


def test_no_break_spaces_from_excel_count_as_spaces():
    rows = parse_status_csv("Name;Wert\nLeads;1\u00a0200\n".encode(), "kpis.csv")
    assert rows[0]["current_value"] == "1 200"


def test_user_text_is_kept_as_text():
    data = 'Name;Beschreibung\n<b>x</b>;"[x](javascript:alert(1))"\n'.encode()
    rows = parse_status_csv(data, "kpis.csv")
    assert rows[0]["name"] == "<b>x</b>"
    assert rows[0]["description"] == "[x](javascript:alert(1))"


LONG_NAME = "K" * 121
LONG_TEXT = "x" * 2_001
MANY_ROWS = "Name\n" + "".join(f"KPI {i}\n" for i in range(MAX_ROWS + 1))


@pytest.mark.parametrize(
    "data,reason,where",
    [
        (b"", "empty", ""),
        (b" \r\n\r\n", "empty", ""),
        (b";;\r\n;;\r\n", "empty", ""),
        (b"Name;Beschreibung;Wert\r\n", "no_rows", "row 1"),
        (b"Name;Beschreibung\r\n;;\r\n", "no_rows", "row 1"),
        (b"Titel;Wert\nLeads;3\n", "no_name_column", "row 1"),
        (b"Name;KPI\nLeads;Leads\n", "duplicate_column", "row 1"),
        (b"Name;Wert\nLeads;3\n;4\n", "empty_name", 'row 3, column "Name"'),
        (b"Name;Wert\nLeads;3\n   ;4\n", "empty_name", 'row 3, column "Name"'),
        (f"Name\n{LONG_NAME}\n".encode(), "too_long", 'row 2, column "Name"'),
        (f"Name;Beschreibung\nLeads;{LONG_TEXT}\n".encode(), "too_long", 'row 2, column "Beschreibung"'),
        (f"Name;Wert\nLeads;{'9' * 81}\n".encode(), "too_long", 'row 2, column "Wert"'),
        (MANY_ROWS.encode(), "too_many_rows", f"row {MAX_ROWS + 2}"),
        (b"PK\x03\x04\x14\x00\x06\x00", "binary", ""),
        (b"\xff\xfe\x00\xd8", "binary", ""),
        (b"Name\n\x81\x8d\x8f\n", "binary", ""),
        (b"Name;Wert\nLeads;=HYPERLINK(\"http://x\")\n", "formula", 'row 2, column "Wert"'),
        (b"Name;Wert\n+Leads;3\n", "formula", 'row 2, column "Name"'),
        (b"Name;Wert\n-5;3\n", "formula", 'row 2, column "Name"'),
        (b"Name;Wert\nLeads;-2+3+cmd|' /C calc'!A0\n", "formula", 'row 2, column "Wert"'),
        (b"Name;Beschreibung\nLeads;@SUM(A1)\n", "formula", 'row 2, column "Beschreibung"'),
        (b"Name;Beschreibung\nLeads;  =1+1\n", "formula", 'row 2, column "Beschreibung"'),
        (b"Name;Wert\nLeads;3\nleads ;4\n", "duplicate_name", 'row 3, column "Name"'),
        (b"Name;Wert\nLeads;3;extra\n", "ragged", "row 2"),
        (b'Name;Wert\n"Lea\nds";3\n', "control", 'row 2, column "Name"'),
        (b"Name;Wert\nLeads\x07;3\n", "control", 'row 2, column "Name"'),
    ],
)
def test_a_bad_file_is_refused_whole_naming_row_and_column(data, reason, where):
    with pytest.raises(StatusImportError) as refused:
        parse_status_csv(data, "status.csv")
    assert refused.value.reason == reason
    assert isinstance(refused.value, InvalidImport)
    message = str(refused.value)
    assert message.startswith("status.csv")
    assert where in message


def test_the_refusal_reads_in_german_too():
    with pytest.raises(StatusImportError) as refused:
        parse_status_csv(b"Name;Wert\nLeads;=1+1\n", "status.csv")
    assert refused.value.explain("de") == (
        "status.csv, Zeile 2, Spalte «Wert»: beginnt mit «=». Eine Tabellenkalkulation würde das "
        "als Formel ausführen; entfernen Sie das Zeichen."
    )


def test_the_duplicate_message_names_the_first_row():
    with pytest.raises(StatusImportError, match="already in row 2"):
        parse_status_csv(b"Name\nWin rate\nWIN RATE\n", "status.csv")


def test_a_10_mb_file_is_refused_quickly_by_size():
    data = b"Name;Wert\n" + b"Leads;3\n" * (10_000_000 // 8)
    with pytest.raises(StatusImportError) as refused:
        parse_status_csv(data, "big.csv")
    assert refused.value.reason == "too_big"
    assert "10.0 MB" in str(refused.value)


def test_the_most_rows_with_long_descriptions_fit_under_the_size_limit():
    description = "d" * 1_900
    data = ("Name;Beschreibung\n" + "".join(f"KPI {i};{description}\n" for i in range(MAX_ROWS))).encode()
    assert len(data) <= MAX_BYTES
    assert len(parse_status_csv(data, "ok.csv")) == MAX_ROWS


def test_the_most_rows_allowed_are_read():
    data = ("Name\n" + "".join(f"KPI {i}\n" for i in range(MAX_ROWS))).encode()
    assert len(parse_status_csv(data, "ok.csv")) == MAX_ROWS


def test_blank_lines_above_the_header_count_as_rows():
    with pytest.raises(StatusImportError, match="row 3"):
        parse_status_csv(b"\n\nTitel;Wert\nLeads;3\n", "status.csv")


@pytest.mark.parametrize("listed", ["Win rate", "WIN  RATE", " win rate "])
def test_a_name_already_listed_refuses_the_file(listed):
    with pytest.raises(StatusImportError) as refused:
        parse_status_csv(b"Name\nLeads\nWin Rate\n", "status.csv", existing_names=[listed])
    assert refused.value.reason == "already_listed"
    assert 'row 3, column "Name"' in str(refused.value)
