"""Imports and exports against hostile files: the three importers (status-quo CSV, measurement CSV,
workshop JSON) refuse a bad file whole, naming file, row and column, or take it cleanly — never half;
exports never hand Excel a formula."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass

import openpyxl
import pytest

from kpi_logic import shortlist_csv, workshop_json
from kpi_logic.catalog import catalog_by_id
from kpi_logic.errors import KpiWorkshopError
from kpi_logic.measurement_import import parse_measurements_csv
from kpi_logic.status_import import read_status_csv
from kpi_logic.workbook import workshop_workbook
from tests.support import FACILITATOR_PIN

FORMULAS = ["=HYPERLINK(\"http://x\",\"klick\")", "+1+1", "-2+3", "@SUM(A1:A9)", "=1+1"]
TEN_MB = 10 * 1024 * 1024


@dataclass(frozen=True)
class Importer:
    """One import path: how a file becomes stored rows, and how many rows the workshop holds."""

    name: str
    filename: str
    header: str
    row: Callable[[int, str], str]
    load: Callable
    count: Callable

    def __str__(self) -> str:
        return self.name


def _status_load(store, workshop, data: bytes, filename: str) -> None:
    existing = [kpi.name for kpi in store.status_quo.list(workshop.id)]
    store.status_quo.add_many(workshop.id, list(read_status_csv(data, filename, existing).rows))


def _measurement_load(store, workshop, data: bytes, filename: str) -> None:
    rows = parse_measurements_csv(data, filename, store.shortlist.list(workshop.id), catalog_by_id())
    store.measurements.add_many(workshop.id, rows)


STATUS = Importer("status-quo", "ist.csv", "Name;Beschreibung;Wert",
                  lambda i, text: f"KPI {i};{text};{i}", _status_load,
                  lambda store, ws: len(store.status_quo.list(ws.id)))
MEASUREMENTS = Importer("measurements", "werte.csv", "kpi;period;value;note",
                        lambda i, text: f"win_rate;2027-{i % 12 + 1:02d}-01;{i};{text}", _measurement_load,
                        lambda store, ws: len(store.measurements.list(ws.id)))
CSV_IMPORTERS = [STATUS, MEASUREMENTS]


@pytest.fixture
def target(store):
    """A workshop with one status KPI and one measured shortlisted KPI already stored."""
    workshop = store.workshops.create("Import", facilitator_pin=FACILITATOR_PIN, language="de")
    store.status_quo.add(workshop.id, "Bestehend")
    candidate = store.candidates.add(workshop.id, "win_rate")
    store.shortlist.set(workshop.id, [candidate], actor="Moderation")
    store.measurements.add(workshop.id, store.shortlist.list(workshop.id)[0].id, "2026-12-01", 1.0)
    return workshop


def _csv(importer: Importer, cells: list[str], encoding: str = "utf-8", separator: str = ";") -> bytes:
    lines = [importer.header] + [importer.row(i, text) for i, text in enumerate(cells)]
    return "".join(line.replace(";", separator) + "\r\n" for line in lines).encode(encoding)


def _refused(store, workshop, importer: Importer, data: bytes) -> str:
    """Import `data`; it must be refused with nothing written. The German message."""
    before = importer.count(store, workshop)
    with pytest.raises(KpiWorkshopError) as refused:
        importer.load(store, workshop, data, importer.filename)
    assert importer.count(store, workshop) == before, "a refused file must leave nothing behind"
    german = refused.value.explain("de")
    assert german != refused.value.explain("en")
    return german


def _accepted(store, workshop, importer: Importer, data: bytes, rows: int) -> None:
    before = importer.count(store, workshop)
    importer.load(store, workshop, data, importer.filename)
    assert importer.count(store, workshop) == before + rows


@pytest.mark.parametrize("importer", CSV_IMPORTERS, ids=str)
@pytest.mark.parametrize(
    "encoding, separator",
    [("utf-8", ";"), ("utf-8-sig", ";"), ("cp1252", ";"), ("utf-8-sig", ","), ("utf-16", "\t")],
)
def test_files_as_swiss_excel_saves_them_are_taken_whole_with_their_umlauts(
    store, target, importer, encoding, separator
):
    _accepted(store, target, importer, _csv(importer, ["für Zürich", "Genève"], encoding, separator), 2)
    stored = (
        [kpi.description for kpi in store.status_quo.list(target.id)]
        if importer is STATUS else list(store.measurements.list(target.id)["note"])
    )
    assert {"für Zürich", "Genève"} <= set(stored)


@pytest.mark.parametrize("importer", CSV_IMPORTERS, ids=str)
@pytest.mark.parametrize("cell", FORMULAS)
def test_a_cell_that_starts_a_formula_refuses_the_file_naming_row_and_column(store, target, importer, cell):
    message = _refused(store, target, importer, _csv(importer, ["harmlos", cell, "auch harmlos"]))
    assert importer.filename in message and "3" in message  # the header is row 1


@pytest.mark.parametrize("importer", CSV_IMPORTERS, ids=str)
@pytest.mark.parametrize(
    "data",
    [b"", b"\x00\x01\x02\xff\xfe\x00garbage", b"\"kpi;period\n\"open quote", b"nur;eine;zeile\n"],
    ids=["empty", "binary", "open-quote", "unknown-header"],
)
def test_a_malformed_file_is_refused_naming_the_file(store, target, importer, data):
    assert importer.filename in _refused(store, target, importer, data)


@pytest.mark.parametrize("importer", CSV_IMPORTERS, ids=str)
def test_a_missing_required_column_is_refused_and_named(store, target, importer):
    *_, optional = importer.header.split(";")  # the last column is optional, the first is not
    data = f"{optional}\nirgendwas\n".encode()
    assert importer.filename in _refused(store, target, importer, data)


@pytest.mark.parametrize("importer", CSV_IMPORTERS, ids=str)
def test_an_extra_column_is_ignored_and_the_rest_taken(store, target, importer):
    lines = [importer.header + ";Bemerkung intern", importer.row(1, "x") + ";egal"]
    _accepted(store, target, importer, "\n".join(lines).encode(), 1)


@pytest.mark.parametrize("importer", CSV_IMPORTERS, ids=str)
def test_a_duplicate_row_refuses_the_whole_file(store, target, importer):
    row = importer.row(1, "doppelt")
    data = "\n".join([importer.header, importer.row(0, "a"), row, row]).encode()
    assert "4" in _refused(store, target, importer, data)


@pytest.mark.parametrize("importer", CSV_IMPORTERS, ids=str)
def test_a_10_mb_file_is_refused_before_it_is_read(store, target, importer):
    data = _csv(importer, ["x"]) + b"a" * TEN_MB
    assert importer.filename in _refused(store, target, importer, data)


# ---------------------------------------------------------------- workshop JSON


def _json_refused(store, data: bytes) -> str:
    before = len(store.workshops.list())
    with pytest.raises(KpiWorkshopError) as refused:
        workshop_json.import_workshop_json(store, data, FACILITATOR_PIN)
    assert len(store.workshops.list()) == before
    return refused.value.explain("de")


@pytest.mark.parametrize(
    "data",
    [b"", b"{", b"\xff\xfe{}", b"[]", b'{"format": "kpi-workshop"}', b"\x00" * 100,
     json.dumps({"format": "kpi-workshop", "version": 1, "workshop": {"name": "=1+1"}}).encode()],
    ids=["empty", "cut", "utf16-junk", "list", "no-version", "nul", "half-workshop"],
)
def test_a_malformed_workshop_file_creates_no_workshop(store, target, data):
    assert _json_refused(store, data)


def test_a_10_mb_workshop_file_is_refused(store, target):
    data = workshop_json.workshop_json(store, target.id)
    assert _json_refused(store, data[:-1] + b" " * TEN_MB + b"}")


def test_a_workshop_file_in_windows_1252_keeps_its_umlauts_or_is_refused(store, target):
    data = workshop_json.workshop_json(store, target.id).decode("utf-8").encode("cp1252", errors="replace")
    try:
        copy = workshop_json.import_workshop_json(store, data, FACILITATOR_PIN)
    except KpiWorkshopError:
        return
    assert copy.name == target.name


@pytest.mark.parametrize("cell", FORMULAS)
def test_formula_text_from_an_import_never_reaches_excel_as_a_formula(store, target, cell):
    data = json.loads(workshop_json.workshop_json(store, target.id))
    data["workshop"]["name"] = cell
    data["status_kpis"][0]["name"] = cell
    data["participants"] = [{"id": 1, "name": cell, "team": "sales", "is_facilitator": False,
                             "created_at": "2027-01-01T00:00:00+00:00"}]
    copy = workshop_json.import_workshop_json(store, json.dumps(data).encode(), FACILITATOR_PIN)
    # And typed in the app: a goal, a custom KPI on the shortlist with an owner, a task.
    store.goals.add(copy.id, cell)
    custom = store.candidates.add(copy.id, name=cell)
    store.shortlist.set(copy.id, [entry.candidate_id for entry in store.shortlist.list(copy.id)] + [custom], cell)
    entry = store.shortlist.list(copy.id)[-1]
    store.shortlist.update_entry(copy.id, entry.id, cell, owner=cell, data_source=cell)
    store.tasks.add(copy.id, 1, cell, owner=cell)
    book = openpyxl.load_workbook(io.BytesIO(workshop_workbook(store, copy.id, "de")))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for item in row:
                assert item.data_type != "f", f"{sheet.title}!{item.coordinate} is a formula: {item.value!r}"
    for line in shortlist_csv.shortlist_csv(store, copy.id, "de").decode("utf-8-sig").splitlines():
        for value in line.split(";"):
            assert not value.strip('"').startswith(("=", "+", "@")) or value.strip('"').startswith("'")


def test_export_import_export_is_equal_field_for_field(store, target):
    """The round trip on a workshop with something in every section (the demo has all of them)."""
    from kpi_logic.demo import create_demo
    from tests.store.support import without_ids

    demo = create_demo(store)
    first = workshop_json.workshop_json(store, demo.id)
    copy = workshop_json.import_workshop_json(store, first, "246813")
    assert without_ids(json.loads(workshop_json.workshop_json(store, copy.id))) == without_ids(json.loads(first))
