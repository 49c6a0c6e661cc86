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
TRUSTED_PROXIES = Setting(
    "KPI_WORKSHOP_TRUSTED_PROXIES",
    "",
    "Comma-separated addresses or networks (e.g. 127.0.0.1,10.0.0.0/8) of reverse proxies whose "
    "X-Forwarded-For header is believed; the right-most address in it that is not one of them keys "
    "the throttles. Empty: no proxy is trusted and the peer address is used.",
)
SETTINGS: tuple[Setting, ...] = (DB_PATH, PUBLIC_URL, TRUSTED_PROXIES)


def db_path() -> Path:
    """Where the workshop database lives."""
    return Path(DB_PATH.value())


def trusted_proxies() -> str:
    """The trusted reverse proxies as configured (parsed by `throttle.parse_networks`)."""
    return TRUSTED_PROXIES.value()
