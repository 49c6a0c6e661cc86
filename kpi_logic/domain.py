"""Shared vocabulary of the KPI workshop: funnel stages, teams, units and bilingual text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

LANGUAGES: tuple[str, ...] = ("de", "en")
DEFAULT_LANGUAGE = "de"

# Funnel stages in order, from first attention to retained and expanding customers.
STAGES: tuple[str, ...] = (
    "reach",
    "lead",
    "mql",
    "sql",
    "opportunity",
    "customer",
    "retention",
)

# Who owns a catalogue KPI.
OWNER_TEAMS: tuple[str, ...] = ("marketing", "sales", "joint")
# Which team a workshop participant belongs to.
PARTICIPANT_TEAMS: tuple[str, ...] = ("marketing", "sales", "leadership", "other")

# "CHF/day" for velocities, "points" for scores on their own scale (NPS runs from −100 to +100).
UNITS: tuple[str, ...] = ("%", "CHF", "CHF/day", "seconds", "hours", "days", "months", "count", "ratio", "points")
KINDS: tuple[str, ...] = ("leading", "lagging")
DIRECTIONS: tuple[str, ...] = ("higher", "lower")
CADENCES: tuple[str, ...] = ("weekly", "monthly", "quarterly")

# Workshop phases follow the article's five steps plus the shortlist and the review.
PHASES: tuple[str, ...] = ("status_quo", "goals", "voting", "shortlist", "review")

# Limits on what people type and store.
NAME_MAX = 80
KPI_NAME_MAX = 120
TEXT_MAX = 2_000
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2100, 12, 31)
MAX_GOALS = 3
# The largest file any import accepts; `server.maxUploadSize` in .streamlit/config.toml is the same.
MAX_UPLOAD_MB = 5
MAX_ROUND = 100

# A voting countdown runs between 30 seconds and an hour.
COUNTDOWN_MIN_SECONDS = 30
COUNTDOWN_MAX_SECONDS = 60 * 60

APPROVED, PENDING, REJECTED = "approved", "pending", "rejected"
CANDIDATE_STATUSES: tuple[str, ...] = (APPROVED, PENDING, REJECTED)
VERDICTS: tuple[str, ...] = ("keep", "drop", "vanity")
REVIEW_DECISIONS: tuple[str, ...] = ("keep", "change_target", "replace")
FACILITATOR_NAME = "Moderation"
FACILITATOR_TEAM = "leadership"
UNDO_ACTION = "undo"
ADDED, REMOVED, REORDERED, UPDATED = "add", "remove", "order", "update"
HISTORY_KINDS: tuple[str, ...] = (ADDED, REMOVED, REORDERED, UPDATED)

# The workshop JSON file: what `store.transfer` writes and reads.
EXPORT_FORMAT = "kpi-workshop"
EXPORT_VERSION = 1

STAGE_LABELS: dict[str, dict[str, str]] = {
    "reach": {"de": "Reichweite", "en": "Reach"},
    "lead": {"de": "Lead", "en": "Lead"},
    "mql": {"de": "MQL (marketingqualifiziert)", "en": "MQL (marketing-qualified)"},
    "sql": {"de": "SQL (vertriebsqualifiziert)", "en": "SQL (sales-qualified)"},
    "opportunity": {"de": "Opportunity", "en": "Opportunity"},
    "customer": {"de": "Kunde (Abschluss)", "en": "Customer (deal)"},
    "retention": {"de": "Bindung/Ausbau", "en": "Retention/expansion"},
}
TEAM_LABELS: dict[str, dict[str, str]] = {
    "marketing": {"de": "Marketing", "en": "Marketing"},
    "sales": {"de": "Vertrieb", "en": "Sales"},
    "joint": {"de": "Gemeinsam", "en": "Joint"},
    "leadership": {"de": "Geschäftsleitung", "en": "Leadership"},
    "other": {"de": "Andere", "en": "Other"},
}


@dataclass(frozen=True)
class Bilingual:
    """A text in German (Swiss spelling) and English."""

    de: str
    en: str

    def get(self, language: str) -> str:
        """The text in `language`, falling back to German for unknown codes."""
        return self.en if language == "en" else self.de


def label(labels: dict[str, dict[str, str]], key: str, language: str) -> str:
    """A display label for a stage or team key; the key itself if unknown."""
    return labels.get(key, {}).get(language, key)
