"""The Excel workbook: six sheets with formatted, frozen headers, real numbers and no formula injection."""

from datetime import date, datetime
from io import BytesIO

import pytest
from openpyxl import load_workbook

from kpi_logic.workbook import safe_cell, workshop_workbook

INJECTION = "=HYPERLINK(\"http://evil\",\"x\")"


@pytest.fixture
def workshop_id(store) -> int:
    """One of everything: a goal, two shortlisted KPIs, votes, a funnel, a measurement and a task."""
    workshop_id = store.workshops.create("Frühjahr 2027", facilitator_pin="4711", language="de").id
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


def test_every_header_is_bold_filled_frozen_and_wide_enough(store, workshop_id):
    for sheet in _book(store, workshop_id):
        assert sheet.freeze_panes == "A2", sheet.title
        for cell in sheet[1]:
            assert cell.value and cell.font.bold and cell.fill.fgColor.rgb.endswith("1F4E79"), sheet.title
        assert all(sheet.column_dimensions[cell.column_letter].width >= 8 for cell in sheet[1])


@pytest.mark.parametrize("sheet,header,row", [
    ("Goals", ["Goal", "Metric", "Baseline", "Target", "Deadline"],
     ["'+41 Neukunden", None, 100, 141, datetime(2027, 12, 31)]),
    ("Votes by team", ["KPI", "Total points", "Marketing", "Sales", "Leadership", "Other", "Voters"],
     ["Win rate", 5, 3, 2, 0, 0, 2]),
    ("Funnel", ["Funnel stage", "Volume today", "Target volume", "Spend (CHF)", "Conversion today",
                "Target conversion"],
     ["Lead", 400, 500, 8000, 0.05, 0.06]),
    ("Measurements", ["KPI", "Period", "Value", "Note"], ["Win rate", datetime(2027, 4, 1), 23.5, "'-note"]),
    ("Action plan", ["Step", "Task", "Owner", "Due", "Done"],
     [3, "Definitionen festhalten", "Anna", datetime(2027, 3, 11), "yes"]),
])
def test_each_sheet_holds_its_data_with_numbers_as_numbers(store, workshop_id, sheet, header, row):
    values = list(_book(store, workshop_id)[sheet].iter_rows(values_only=True))
    assert list(values[0]) == header
    assert list(values[1]) == row


def test_shortlist_sheet_neutralises_formulas_and_keeps_numbers(store, workshop_id):
    sheet = _book(store, workshop_id)["Shortlist"]
    header = [cell.value for cell in sheet[1]]
    first = dict(zip(header, (cell for cell in sheet[2])))
    assert first["KPI"].value.startswith("Win rate")
    assert first["Owner"].value == f"'{INJECTION}" and first["Owner"].data_type == "s"
    assert first["Baseline"].value == -1.5 and first["Baseline"].data_type == "n"
    assert first["Target date"].is_date and first["Target date"].number_format == "YYYY-MM-DD"
    second = dict(zip(header, (cell.value for cell in sheet[3])))
    assert (second["KPI"], second["Definition"]) == ("'@SUM(A1)", "'-2+3")


def test_no_cell_anywhere_is_a_formula(store, workshop_id):
    for sheet in _book(store, workshop_id):
        for row in sheet.iter_rows():
            assert not any(cell.data_type == "f" for cell in row), sheet.title


def test_german_workbook_shows_swiss_dates_and_percentages(store, workshop_id):
    book = _book(store, workshop_id, "de")
    assert book["Ziele"]["E2"].number_format == "DD.MM.YYYY"
    assert book["Funnel"]["E2"].number_format == "0.0%"


@pytest.mark.parametrize("value,expected", [
    ("=1+1", "'=1+1"), ("+41 79", "'+41 79"), ("-x", "'-x"), ("@cmd", "'@cmd"), ("\tx", "'\tx"),
    ("plain", "plain"), (-1.5, -1.5), (3, 3), (float("nan"), None), (True, True), (None, None),
    (date(2027, 1, 2), date(2027, 1, 2)),
])
def test_safe_cell_neutralises_formula_text_only(value, expected):
    assert safe_cell(value) == expected


def test_an_empty_workshop_still_gives_six_sheets_with_headers(store):
    workshop_id = store.workshops.create("Leer", facilitator_pin="4711").id
    book = _book(store, workshop_id)
    assert len(book.sheetnames) == 6
    assert all(sheet.max_row == 1 and sheet["A1"].value for sheet in book)
