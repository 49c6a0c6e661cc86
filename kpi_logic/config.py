"""Settings, each declared once with its default and help text, read from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
CATALOG_PATH = DATA_DIR / "catalog.csv"


@dataclass(frozen=True)
class Setting:
    """One environment setting with its default and what it is for."""

    env: str
    default: str
    help: str

    def value(self) -> str:
        return os.environ.get(self.env, "").strip() or self.default


DB_PATH = Setting(
    "KPI_WORKSHOP_DB",
    str(DATA_DIR / "workshop.db"),
    "Path of the SQLite file that holds all workshops (created if missing).",
)
PUBLIC_URL = Setting(
    "KPI_WORKSHOP_URL",
    "",
    "Public base URL for join and share links and QR codes (default: the URL the browser used).",
)
SETTINGS: tuple[Setting, ...] = (DB_PATH, PUBLIC_URL)


def db_path() -> Path:
    """Where the workshop database lives."""
    return Path(DB_PATH.value())
