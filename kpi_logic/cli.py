"""The admin command line: list workshops, export one (Markdown, JSON, Excel), import one, back up the database.

Run as ``python -m kpi_logic --help``. The database is the app's (KPI_WORKSHOP_DB) unless ``--db`` names
another. Errors are one line on stderr with exit code 1; a wrong command line exits with 2 (argparse).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kpi_logic import config
from kpi_logic.domain import LANGUAGES
from kpi_logic.errors import KpiWorkshopError
from kpi_logic.store import WorkshopStore

EXIT_OK, EXIT_ERROR = 0, 1
FORMATS: tuple[str, ...] = ("markdown", "json", "excel")


class MissingDatabase(KpiWorkshopError):
    """The database file to read does not exist (reading never creates an empty one)."""


class TargetExists(KpiWorkshopError):
    """The backup target exists already; a backup never overwrites a file."""


def _existing_store(db: Path) -> WorkshopStore:
    """The store of an existing database file; MissingDatabase instead of creating an empty one."""
    if not db.is_file():
        raise MissingDatabase(f"No database at {db} (set KPI_WORKSHOP_DB or pass --db).")
    return WorkshopStore(db)


def _exported(store: WorkshopStore, workshop_id: int, file_format: str, language: str) -> bytes:
    """The workshop as file content in `file_format`."""
    # Imported here: only `export` needs them, and the workbook pulls in openpyxl.
    from kpi_logic.export import one_pager_markdown
    from kpi_logic.workshop_json import workshop_json
    from kpi_logic.workbook import workshop_workbook

    if file_format == "markdown":
        return one_pager_markdown(store, workshop_id, language).encode("utf-8")
    if file_format == "json":
        return workshop_json(store, workshop_id)
    return workshop_workbook(store, workshop_id, language)


def export_command(args: argparse.Namespace) -> str:
    """Write one workshop to a file."""
    store = _existing_store(args.db)
    workshop = store.workshops.get(args.workshop_id)
    content = _exported(store, workshop.id, args.format, args.language or workshop.language)
    args.out.write_bytes(content)
    return f"Exported workshop {workshop.id} ({workshop.name}) as {args.format} to {args.out} ({len(content)} bytes)."


def import_command(args: argparse.Namespace) -> str:
    """Create a new workshop from an exported JSON file."""
    from kpi_logic.workshop_json import import_workshop_json

    data = args.file.read_bytes()
    workshop = import_workshop_json(WorkshopStore(args.db), data, args.pin)
    return f"Imported as workshop {workshop.id} ({workshop.name}), join code {workshop.join_code}."


def backup_command(args: argparse.Namespace) -> str:
    """Copy the whole database to a new file."""
    if args.target.exists():
        raise TargetExists(f"{args.target} exists already; choose a new file name for the backup.")
    _existing_store(args.db).backup(args.target)
    return f"Backed up {args.db} to {args.target}."


def list_command(args: argparse.Namespace) -> str:
    """The workshops with id, name and join code (never PINs)."""
    workshops = _existing_store(args.db).workshops.list()
    if not workshops:
        return "No workshops."
    rows = [("ID", "JOIN CODE", "DATE", "NAME")] + [
        (str(w.id), w.join_code, str(w.workshop_date or w.created_at[:10]), w.name)
        for w in workshops
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    return "\n".join("  ".join([*(cell.ljust(width) for cell, width in zip(row, widths)), row[3]]) for row in rows)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with its four commands."""
    parser = argparse.ArgumentParser(
        prog="python -m kpi_logic",
        description="Admin tools for the KPI workshop database.",
    )
    parser.add_argument("--db", type=Path, default=None,
                        help=f"database file (default: ${config.DB_PATH.env} or {config.DB_PATH.default})")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    export = commands.add_parser("export", help="export one workshop to a file")
    export.add_argument("workshop_id", type=int, metavar="WORKSHOP_ID", help="id as shown by `list`")
    export.add_argument("--format", choices=FORMATS, required=True, help="markdown one-pager, JSON or Excel")
    export.add_argument("--out", type=Path, required=True, metavar="FILE", help="file to write")
    export.add_argument("--language", choices=LANGUAGES, default=None,
                        help="language of Markdown and Excel (default: the workshop's)")
    export.set_defaults(run=export_command)

    imported = commands.add_parser("import", help="import a workshop JSON file as a NEW workshop")
    imported.add_argument("file", type=Path, metavar="FILE", help="a file written by `export --format json`")
    imported.add_argument("--pin", required=True, help="facilitator PIN of the new workshop")
    imported.set_defaults(run=import_command)

    backup = commands.add_parser("backup", help="copy the whole database to a new file")
    backup.add_argument("target", type=Path, metavar="TARGET", help="backup file to create")
    backup.set_defaults(run=backup_command)

    listed = commands.add_parser("list", help="list workshops with id, name and join code")
    listed.set_defaults(run=list_command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; 0 on success, 1 on an error (said on stderr), 2 on a wrong command line."""
    args = build_parser().parse_args(argv)
    args.db = args.db or config.db_path()
    run: Callable[[argparse.Namespace], str] = args.run
    try:
        print(run(args))
    except (KpiWorkshopError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK
