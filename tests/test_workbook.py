"""The Excel workbook: six sheets with a title block, formatted frozen headers, real numbers, no formula injection."""

from datetime import date, datetime
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from kpi_logic.workbook import HEADER_ROW, column_widths, workshop_workbook, write_cell

INJECTION = "=HYPERLINK(\"http://evil\",\"x\")"


@pytest.fixture
def workshop_id(store) -> int:
    """One of everything: a goal, two shortlisted KPIs, votes, a funnel, a measurement and a task."""
    workshop_id = store.workshops.create("Frühjahr 2027", facilitator_pin="471100", language="de").id
    store.goals.add(workshop_id, "+41 Neukunden", baseline=100, target=141, deadline=date(2027, 12, 31))
    win_rate = store.candidates.add(workshop_id, catalog_id="win_rate")
    custom = store.candidates.add(workshop_id, name="@SUM(A1)", definition="-2+3")
    anna = store.participants.join(store.workshops.get(workshop_id).join_code, "Anna", "marketing")
    marco = store.participants.join(store.workshops.get(workshop_id).join_code, "Marco", "sales")
    store.workshops.update_settings(workshop_id, voting_open=True)
    store.votes.set_points(anna.id, win_rate, 3)
    store.votes.set_points(marco.id, win_rate, 2)
    store.votes.set_points(marco.id, custom, 1)
    store.shortlist.set(workshop_id, [win_rate, custom], actor="Moderation")
    entry = store.shortlist.list(workshop_id)[0]
    store.shortlist.update_entry(workshop_id, entry.id, "Moderation", owner=INJECTION, baseline=-1.5,
                                 target=28, target_date=date(2027, 12, 31), cadence="monthly")
    store.funnel.set(workshop_id, [{"stage": "lead", "baseline_volume": 400, "target_volume": 500, "spend": 8000},
                                   {"stage": "customer", "baseline_volume": 20, "target_volume": 30}])
    store.measurements.add(workshop_id, entry.id, date(2027, 4, 1), 23.5, note="-note")
    store.tasks.add(workshop_id, 3, "Definitionen festhalten", owner="Anna", due=date(2027, 3, 11), done=True)
    return workshop_id


def _book(store, workshop_id, language="en"):
    return load_workbook(BytesIO(workshop_workbook(store, workshop_id, language)))


@pytest.mark.parametrize("language,names", [
    ("en", ["Goals", "Shortlist", "Votes by team", "Funnel", "Measurements", "Action plan"]),
    ("de", ["Ziele", "Shortlist", "Stimmen nach Team", "Funnel", "Messwerte", "Aktionsplan"]),
])
def test_workbook_has_one_sheet_per_topic_in_the_language(store, workshop_id, language, names):
    assert _book(store, workshop_id, language).sheetnames == names


def _rows(sheet) -> list[tuple]:
    """The sheet's table: its header row and the data rows below (the title block left out)."""
    return list(sheet.iter_rows(min_row=HEADER_ROW, values_only=True))


def test_every_header_is_bold_filled_frozen_named_and_wide_enough(store, workshop_id):
    for sheet in _book(store, workshop_id):
        assert sheet.freeze_panes == f"A{HEADER_ROW + 1}", sheet.title
        for cell in sheet[HEADER_ROW]:
            assert cell.value and cell.font.bold and cell.fill.fgColor.rgb.endswith("1F4E79"), sheet.title
            assert cell.font.name == "Arial"
        assert all(sheet.column_dimensions[cell.column_letter].width >= 8 for cell in sheet[HEADER_ROW])


def test_every_sheet_prints_landscape_one_page_wide_with_title_header_and_page_numbers(store, workshop_id):
    for sheet in _book(store, workshop_id, "de"):
        assert sheet["A1"].value == "KPI-Set: Frühjahr 2027"
        assert sheet["A2"].value.startswith("Firma: — · Datum: ")
        assert sheet.page_setup.orientation == "landscape"
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
        assert "&P" in sheet.oddFooter.right.text and "&N" in sheet.oddFooter.right.text


@pytest.mark.parametrize("sheet,header,row", [
    ("Goals", ["Goal", "Metric", "Baseline", "Target", "Deadline"],
     ["+41 Neukunden", None, 100, 141, datetime(2027, 12, 31)]),
    ("Votes by team", ["KPI", "Total points", "Marketing", "Sales", "Leadership", "Other", "Voters"],
     ["Win rate", 5, 3, 2, 0, 0, 2]),
    ("Funnel", ["Funnel stage", "Volume today", "Target volume", "Spend (CHF)", "Conversion today",
                "Target conversion"],
     ["Lead", 400, 500, 8000, 0.05, 0.06]),
    ("Measurements", ["KPI", "Period", "Value", "Note"], ["Win rate", datetime(2027, 4, 1), 23.5, "-note"]),
    ("Action plan", ["Step", "Task", "Owner", "Due", "Done"],
     [3, "Definitionen festhalten", "Anna", datetime(2027, 3, 11), "yes"]),
])
def test_each_sheet_holds_its_data_with_numbers_as_numbers(store, workshop_id, sheet, header, row):
    values = _rows(_book(store, workshop_id)[sheet])
    assert list(values[0]) == header
    assert list(values[1]) == row


def test_formula_like_text_is_a_quote_prefixed_string_shown_as_typed(store, workshop_id):
    sheet = _book(store, workshop_id)["Shortlist"]
    header = [cell.value for cell in sheet[HEADER_ROW]]
    first = dict(zip(header, (cell for cell in sheet[HEADER_ROW + 1])))
    assert first["KPI"].value.startswith("Win rate")
    owner = first["Owner"]
    assert owner.value == INJECTION and owner.data_type == "s" and owner.quotePrefix
    assert first["Baseline"].value == -1.5 and first["Baseline"].data_type == "n"
    assert first["Baseline"].number_format == "#,##0.0##"
    assert first["Target"].number_format == "#,##0"
    assert first["Target date"].is_date and first["Target date"].number_format == "YYYY-MM-DD"
    second = dict(zip(header, (cell for cell in sheet[HEADER_ROW + 2])))
    assert (second["KPI"].value, second["Definition"].value) == ("@SUM(A1)", "-2+3")
    assert second["KPI"].quotePrefix and not first["KPI"].quotePrefix


def test_no_cell_anywhere_is_a_formula(store, workshop_id):
    for sheet in _book(store, workshop_id):
        for row in sheet.iter_rows():
            assert not any(cell.data_type == "f" for cell in row), sheet.title


def test_german_workbook_shows_swiss_dates_and_percentages(store, workshop_id):
    book = _book(store, workshop_id, "de")
    assert book["Ziele"][f"E{HEADER_ROW + 1}"].number_format == "DD.MM.YYYY"
    assert book["Funnel"][f"E{HEADER_ROW + 1}"].number_format == "0.0%"


@pytest.mark.parametrize("value,expected,quoted", [
    ("=1+1", "=1+1", True), ("+41 79", "+41 79", True), ("-x", "-x", True), ("@cmd", "@cmd", True),
    ("plain", "plain", False), (-1.5, -1.5, False), (3, 3, False), (float("nan"), None, False),
    (True, True, False), (None, None, False), (date(2027, 1, 2), date(2027, 1, 2), False),
])
def test_cells_keep_values_and_only_formula_like_text_is_quote_prefixed(value, expected, quoted):
    cell = Workbook().active["A1"]
    write_cell(cell, value)
    assert cell.value == expected and bool(cell.quotePrefix) == quoted
    assert cell.data_type != "f"


def test_columns_shrink_to_a_page_but_never_below_their_longest_word():
    long_text = "Anteil der MQLs, die der Vertrieb nach Prüfung als vertriebsqualifiziert übernimmt " * 3
    widths = column_widths([["Definition", long_text]] * 8)
    assert sum(widths) <= 220 and min(widths) >= len("vertriebsqualifiziert")


def test_an_empty_workshop_still_gives_six_sheets_with_headers(store):
    workshop_id = store.workshops.create("Leer", facilitator_pin="471100").id
    book = _book(store, workshop_id)
    assert len(book.sheetnames) == 6
    assert all(sheet.max_row == HEADER_ROW and sheet[f"A{HEADER_ROW}"].value for sheet in book)
