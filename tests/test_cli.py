"""The admin command line: list, export (Markdown, JSON, Excel), import and backup, with clear errors."""

import json
from contextlib import closing
import sqlite3
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kpi_logic.cli import EXIT_ERROR, EXIT_OK, main
from kpi_logic.store import WorkshopStore
from kpi_logic.workbook import HEADER_ROW

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def filled(store, workshop):
    """The shared workshop with a goal and one shortlisted KPI."""
    store.goals.add(workshop.id, "Neukundenumsatz steigern")
    store.shortlist.set(workshop.id, [store.candidates.add(workshop.id, catalog_id="win_rate")], "Moderation")
    return workshop


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_help_runs_as_a_module_and_names_every_command():
    result = subprocess.run([sys.executable, "-m", "kpi_logic", "--help"], cwd=PROJECT_ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert all(command in result.stdout for command in ("export", "import", "backup", "list"))


def test_list_shows_id_name_and_join_code_but_no_pin(capsys, db_path, filled):
    code, out, _ = _run(capsys, "--db", str(db_path), "list")
    assert code == EXIT_OK
    assert str(filled.id) in out and filled.name in out and filled.join_code in out
    assert "471100" not in out and "pin" not in out.lower()


def test_list_reads_the_database_from_the_environment(capsys, filled):
    code, out, _ = _run(capsys, "list")  # db_path fixture set KPI_WORKSHOP_DB
    assert code == EXIT_OK and filled.join_code in out


@pytest.mark.parametrize("language,heading", [("de", "# KPI-Set: "), ("en", "# KPI set: ")])
def test_export_markdown_writes_the_one_pager_in_the_language(capsys, tmp_path, db_path, filled, language, heading):
    out_file = tmp_path / "one-pager.md"
    code, _, _ = _run(capsys, "--db", str(db_path), "export", str(filled.id), "--format", "markdown",
                      "--out", str(out_file), "--language", language)
    assert code == EXIT_OK
    assert out_file.read_text(encoding="utf-8").startswith(heading)


def test_export_excel_writes_a_workbook_in_the_workshops_language(capsys, tmp_path, db_path, filled):
    out_file = tmp_path / "workshop.xlsx"
    code, _, _ = _run(capsys, "--db", str(db_path), "export", str(filled.id), "--format", "excel",
                      "--out", str(out_file))
    assert code == EXIT_OK
    book = load_workbook(BytesIO(out_file.read_bytes()))
    first_row = f"A{HEADER_ROW + 1}"  # below the title block and the header row
    assert book.sheetnames[0] == "Ziele" and book["Ziele"][first_row].value == "Neukundenumsatz steigern"


def test_json_export_imports_again_as_a_new_workshop(capsys, tmp_path, db_path, store, filled):
    out_file = tmp_path / "workshop.json"
    assert _run(capsys, "--db", str(db_path), "export", str(filled.id), "--format", "json",
                "--out", str(out_file))[0] == EXIT_OK
    assert json.loads(out_file.read_text(encoding="utf-8"))["format"] == "kpi-workshop"
    code, out, _ = _run(capsys, "--db", str(db_path), "import", str(out_file), "--pin", "987600")
    assert code == EXIT_OK
    (imported,) = [w for w in store.workshops.list() if w.id != filled.id]
    assert imported.join_code in out and imported.join_code != filled.join_code
    assert store.workshops.check_pin(imported.id, "987600")
    assert [entry.catalog_id for entry in store.shortlist.list(imported.id)] == ["win_rate"]


def test_backup_copies_every_workshop_and_never_overwrites(capsys, tmp_path, db_path, filled):
    target = tmp_path / "backup" / "copy.db"
    assert _run(capsys, "--db", str(db_path), "backup", str(target))[0] == EXIT_OK
    assert WorkshopStore(target).workshops.get(filled.id).name == filled.name
    before = target.read_bytes()
    code, _, err = _run(capsys, "--db", str(db_path), "backup", str(target))
    assert code == EXIT_ERROR and "exists already" in err
    assert target.read_bytes() == before


@pytest.mark.parametrize("argv,message", [
    (["export", "999", "--format", "json", "--out", "{tmp}/x.json"], "No workshop 999"),
    (["import", "{tmp}/missing.json", "--pin", "471100"], "No such file"),
    (["import", "{tmp}/bad.json", "--pin", "471100"], "not valid JSON"),
    (["import", "{tmp}/bad.json", "--pin", "1"], "not valid JSON"),
    (["export", "{id}", "--format", "json", "--out", "{tmp}/no/such/dir/x.json"], "No such file"),
], ids=["unknown-workshop", "missing-file", "broken-json", "broken-json-short-pin", "unwritable-out"])
def test_errors_are_one_clear_line_with_exit_code_1(capsys, tmp_path, db_path, store, filled, argv, message):
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    workshops_before = store.workshops.list()
    args = [arg.format(tmp=tmp_path, id=filled.id) for arg in argv]
    code, out, err = _run(capsys, "--db", str(db_path), *args)
    assert code == EXIT_ERROR and out == ""
    assert err.startswith("error: ") and message in err and "Traceback" not in err
    assert store.workshops.list() == workshops_before


def test_a_wrong_pin_for_the_import_stores_nothing(capsys, tmp_path, db_path, store, filled):
    out_file = tmp_path / "workshop.json"
    _run(capsys, "--db", str(db_path), "export", str(filled.id), "--format", "json", "--out", str(out_file))
    code, _, err = _run(capsys, "--db", str(db_path), "import", str(out_file), "--pin", "1")
    assert code == EXIT_ERROR and "PIN" in err
    assert [w.id for w in store.workshops.list()] == [filled.id]


def test_reading_commands_never_create_a_missing_database(capsys, tmp_path):
    missing = tmp_path / "missing.db"
    code, _, err = _run(capsys, "--db", str(missing), "list")
    assert code == EXIT_ERROR and "No database" in err
    assert not missing.exists()


def test_a_file_that_is_no_database_is_refused(capsys, tmp_path):
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"not sqlite at all" * 100)
    code, _, err = _run(capsys, "--db", str(broken), "list")
    assert code == EXIT_ERROR and "not a database" in err


@pytest.mark.parametrize("argv", [
    ["export", "1", "--format", "pdf", "--out", "x"],
    ["export", "one", "--format", "json", "--out", "x"],
    ["export", "1", "--format", "json"],
    ["import", "x.json"],
    ["frobnicate"],
    [],
], ids=["bad-format", "bad-id", "no-out", "no-pin", "unknown-command", "no-command"])
def test_a_wrong_command_line_exits_with_usage_code_2(capsys, argv):
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_backup_is_a_consistent_sqlite_file(capsys, tmp_path, db_path, filled):
    target = tmp_path / "copy.db"
    _run(capsys, "--db", str(db_path), "backup", str(target))
    with closing(sqlite3.connect(target)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
