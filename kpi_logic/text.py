"""Showing values to people: user text made inert for Markdown, numbers, dates and labels per language."""

from __future__ import annotations

from datetime import date

from kpi_logic.domain import STAGE_LABELS, label
from kpi_logic.i18n import t

# CommonMark lets any ASCII punctuation be backslash-escaped. Besides the Markdown specials we escape
# `:` (autolinks like https:, Streamlit's :red[..] and :emoji: codes), `$` (Streamlit renders LaTeX),
# `~` (GFM strikethrough) and `&` (entities). `<` and `>` become entities: not every renderer honours
# a backslash before `<`, every one shows `&lt;` as a character.
_MARKDOWN_SPECIALS = frozenset("\\`*_{}[]()#+-.!|~:$&")
_HTML_ENTITIES = {"<": "&lt;", ">": "&gt;"}
_ESCAPES = str.maketrans({**{ch: f"\\{ch}" for ch in _MARKDOWN_SPECIALS}, **_HTML_ENTITIES})


def escape_markdown(text: str) -> str:
    """User text made inert for Markdown: shown as these characters, never as a link, HTML or markup.

    Runs of whitespace (line breaks included) become one space, so a text stays inside its list item
    or table cell.
    """
    return " ".join(text.split()).translate(_ESCAPES)


def format_number(value: float | None, language: str = "en") -> str:
    """A number for people: 1’200’000 in German (Swiss grouping), 1,200,000 in English; None → "—"."""
    if value is None:
        return "—"
    decimals = 0 if float(value).is_integer() else 2
    text = f"{value:,.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "’") if language == "de" else text


def format_percent(ratio: float | None) -> str:
    """0.125 → "12.5 %"; None → "—"."""
    return "—" if ratio is None else f"{ratio * 100:.1f} %"


# The same two forms for Streamlit's date inputs and table columns (moment.js tokens).
DATE_PATTERNS = {"de": "DD.MM.YYYY", "en": "YYYY-MM-DD"}
DATETIME_PATTERNS = {language: f"{pattern} HH:mm" for language, pattern in DATE_PATTERNS.items()}


def format_date(day: date | None, language: str) -> str:
    """31.12.2027 in German (as in Switzerland), 2027-12-31 in English."""
    if day is None:
        return "—"
    return day.strftime("%d.%m.%Y") if language == "de" else day.isoformat()


def cadence_label(cadence: str | None, language: str) -> str:
    """'monthly' → "monatlich" / "monthly"; None → "—"."""
    return t(language, f"share.cadence.{cadence}") if cadence else "—"


def stage_label(stage: str | None, language: str) -> str:
    """A funnel stage's label in `language`; "—" when a KPI has none."""
    return label(STAGE_LABELS, stage, language) if stage else "—"
