"""Refusals of the core (kpi_logic.errors) in the user's language, with the names of the fields."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Protocol, runtime_checkable

_ROW = re.compile(r"^rows\[(\d+)\]$")

TEXTS: dict[str, tuple[str, str]] = {
    "errors.text_type": ("«{field}» muss Text sein.", "“{field}” must be text."),
    "errors.empty": ("«{field}» darf nicht leer sein.", "“{field}” must not be empty."),
    "errors.too_long": (
        "«{field}» darf höchstens {max} Zeichen lang sein (eingegeben: {length}).",
        "“{field}” may have at most {max} characters (entered: {length}).",
    ),
    "errors.control_chars": (
        "«{field}» darf keine Steuerzeichen enthalten.",
        "“{field}” must not contain control characters.",
    ),
    "errors.not_number": ("«{field}» muss eine Zahl sein.", "“{field}” must be a number."),
    "errors.not_finite": (
        "«{field}» muss eine endliche Zahl sein (nicht NaN oder unendlich).",
        "“{field}” must be a finite number (not NaN or infinity).",
    ),
    "errors.below_min": (
        "«{field}» muss mindestens {minimum} sein.", "“{field}” must be at least {minimum}."
    ),
    "errors.not_whole": ("«{field}» muss eine ganze Zahl sein.", "“{field}” must be a whole number."),
    "errors.out_of_range": (
        "«{field}» muss zwischen {low} und {high} liegen.", "“{field}” must be between {low} and {high}."
    ),
    "errors.not_date": (
        "«{field}» ist kein Datum (JJJJ-MM-TT).", "“{field}” is not a date (YYYY-MM-DD)."
    ),
    "errors.date_range": (
        "«{field}» muss zwischen {first} und {last} liegen.",
        "“{field}” must lie between {first} and {last}.",
    ),
    "errors.not_choice": (
        "«{field}» muss einer dieser Werte sein: {options}.",
        "“{field}” must be one of: {options}.",
    ),
    "errors.not_flag": ("«{field}» muss ja oder nein sein.", "“{field}” must be yes or no."),
    "errors.not_timestamp": (
        "«{field}» ist kein Zeitpunkt (ISO-Format).", "“{field}” is not a date and time (ISO format)."
    ),
    "errors.unknown_field": ("«{field}» ist kein bekanntes Feld.", "“{field}” is not a known field."),
    "errors.too_many_goals": (
        "Ein Workshop hat höchstens {max} Ziele.", "A workshop has at most {max} goals."
    ),
    "errors.points_negative": (
        "Punkte dürfen nicht negativ sein.", "Points must not be negative."
    ),
    "errors.points_cap": (
        {"one": "Höchstens 1 Punkt pro KPI.", "other": "Höchstens {count} Punkte pro KPI."},
        {"one": "At most one point per KPI.", "other": "At most {count} points per KPI."},
    ),
    "errors.points_budget": (
        "Das wären {total} Punkte; Ihr Budget ist {budget}.",
        "This would use {total} points; the budget is {budget}.",
    ),
    "errors.cap_over_budget": (
        "Die Punkte pro KPI ({cap}) dürfen das Budget ({budget}) nicht übersteigen.",
        "The points per KPI ({cap}) must not exceed the vote budget ({budget}).",
    ),
    "errors.pin_rule": (
        "Die PIN braucht mindestens {digits} Ziffern, oder wählen Sie eine Passphrase mit mindestens "
        "{length} Zeichen.",
        "The PIN needs at least {digits} digits, or choose a passphrase of at least {length} characters.",
    ),
    "errors.pin_too_long": (
        "Die PIN darf höchstens {high} Zeichen haben.", "The PIN must have at most {high} characters."
    ),
    "errors.pin_chars": (
        "Die PIN darf keine Leerzeichen am Anfang oder Ende und keine Steuerzeichen enthalten.",
        "The PIN must not start or end with a space or contain control characters.",
    ),
    "errors.throttled.join_failure": (
        "Zu viele falsche Codes von diesem Gerät. Bitte in {seconds} s nochmals versuchen.",
        "Too many wrong codes from this device. Please try again in {seconds} s.",
    ),
    "errors.throttled.join_workshop": (
        "Gerade treten sehr viele Personen bei. Bitte in {seconds} s nochmals versuchen.",
        "Very many people are joining right now. Please try again in {seconds} s.",
    ),
    "errors.throttled.unlock_failure": (
        "Zu viele Fehlversuche von diesem Gerät. Bitte in {seconds} s nochmals versuchen.",
        "Too many failed attempts from this device. Please try again in {seconds} s.",
    ),
    "errors.throttled.create_client": (
        "Von diesem Gerät wurden in der letzten Stunde schon mehrere Workshops erstellt. "
        "Bitte in {minutes} min nochmals versuchen.",
        "Several workshops were already created from this device in the last hour. "
        "Please try again in {minutes} min.",
    ),
    "errors.throttled.create_server": (
        "Auf diesem Server wurden in der letzten Stunde sehr viele Workshops erstellt. "
        "Bitte in {minutes} min nochmals versuchen.",
        "Very many workshops were created on this server in the last hour. "
        "Please try again in {minutes} min.",
    ),
    "errors.throttled.demo_client": (
        "Von diesem Gerät wurden in der letzten Stunde schon mehrere Demos geöffnet. "
        "Bitte in {minutes} min nochmals versuchen.",
        "Several demos were already opened from this device in the last hour. "
        "Please try again in {minutes} min.",
    ),
    "errors.throttled.demo_server": (
        "Auf diesem Server wurden in der letzten Stunde sehr viele Demos geöffnet. "
        "Bitte in {minutes} min nochmals versuchen.",
        "Very many demos were opened on this server in the last hour. "
        "Please try again in {minutes} min.",
    ),
    "errors.pin_locked": (
        "Zu viele falsche PINs; bitte in {seconds} s erneut versuchen.",
        "Too many wrong PINs; try again in {seconds} s.",
    ),
    "errors.name_taken": (
        "Dieser Name ist in diesem Workshop schon vergeben: Wählen Sie einen anderen, oder bitten Sie "
        "die Moderation, Sie wieder teilnehmen zu lassen.",
        "This name is taken in this workshop: pick another, or ask the facilitator to let you re-join.",
    ),
    "errors.joins_closed": (
        "Die Moderation hat neue Teilnahmen gestoppt. Bitten Sie sie, Sie hereinzulassen.",
        "The facilitator has stopped new joins. Ask them to let you in.",
    ),
    "errors.voting_closed": (
        "Die Abstimmung ist geschlossen, oder diese KPI steht nicht zur Wahl.",
        "Voting is closed, or this KPI is not up for the vote.",
    ),
    "errors.voting_needs_goal": (
        "Die Abstimmung kann erst öffnen, wenn der Workshop ein Geschäftsziel hat.",
        "Voting can only open once the workshop has a business goal.",
    ),
    "errors.not_found": (
        "Dieser Eintrag existiert nicht (mehr).", "This entry does not exist (any more)."
    ),
    "errors.wrong_workshop": (
        "Dieser Eintrag gehört zu einem anderen Workshop.", "This entry belongs to another workshop."
    ),
    "errors.import_refused": (
        "Die Datei wurde nicht importiert, es wurde nichts gespeichert: {detail}",
        "The file was not imported and nothing was stored: {detail}",
    ),
    "errors.storage": (
        "Die Workshop-Datenbank ist gerade nicht benutzbar ({detail})",
        "The workshop database cannot be used right now ({detail})",
    ),
    "errors.row": ("Zeile {number}", "row {number}"),
    # Field names as pages label them; a field without a label here is shown by its name.
    "errors.field.name": ("Name", "Name"),
    "errors.field.company": ("Firma", "Company"),
    "errors.field.title": ("Titel", "Title"),
    "errors.field.metric": ("Messgrösse", "Metric"),
    "errors.field.baseline": ("Ausgangswert", "Baseline"),
    "errors.field.target": ("Zielwert", "Target"),
    "errors.field.deadline": ("Frist", "Deadline"),
    "errors.field.description": ("Beschreibung", "Description"),
    "errors.field.current_value": ("Aktueller Wert", "Current value"),
    "errors.field.definition": ("Definition", "Definition"),
    "errors.field.owner": ("Verantwortlich", "Owner"),
    "errors.field.target_date": ("Zieldatum", "Target date"),
    "errors.field.cadence": ("Review-Rhythmus", "Review cadence"),
    "errors.field.data_source": ("Datenquelle", "Data source"),
    "errors.field.step": ("Schritt", "Step"),
    "errors.field.due": ("Fällig am", "Due"),
    "errors.field.note": ("Notiz", "Note"),
    "errors.field.participants": ("Teilnehmende", "Participants"),
    "errors.field.decision": ("Entscheid", "Decision"),
    "errors.field.period": ("Periode", "Period"),
    "errors.field.value": ("Wert", "Value"),
    "errors.field.points": ("Punkte", "Points"),
    "errors.field.team": ("Team", "Team"),
    "errors.field.stage": ("Funnel-Stufe", "Funnel stage"),
    "errors.field.vote_budget": ("Punkte-Budget", "Vote budget"),
    "errors.field.per_kpi_cap": ("Punkte pro KPI", "Points per KPI"),
    "errors.field.baseline_volume": ("Volumen heute", "Volume today"),
    "errors.field.target_volume": ("Zielvolumen", "Target volume"),
    "errors.field.spend": ("Ausgaben", "Spend"),
    "errors.field.workshop_date": ("Workshop-Datum", "Workshop date"),
    "errors.field.language": ("Sprache", "Language"),
    "errors.field.pin": ("PIN", "PIN"),
}


def _field_label(language: str, field: str) -> str:
    """'rows[0].title' → 'Zeile 1, Titel': the field named as the page labels it."""
    from kpi_logic.i18n import TEXTS as ALL_TEXTS, t

    prefix, _, name = field.rpartition(".")
    key = f"errors.field.{name}"
    if key not in ALL_TEXTS:
        return field
    label = t(language, key)
    row = _ROW.match(prefix)
    if row:
        return f"{t(language, 'errors.row', number=int(row.group(1)) + 1)}, {label}"
    return f"{prefix}.{label}" if prefix else label


@runtime_checkable
class Explainable(Protocol):
    """A refusal that says itself in a language (kpi_logic.errors.KpiWorkshopError).

    A protocol, not the class: the errors import these texts, so the texts must not import them.
    """

    def explain(self, language: str) -> str:
        """The message in `language`."""


def explain(language: str, key: str, values: Mapping[str, object]) -> str:
    """The text `key` in `language`; field names are translated and nested refusals explained too."""
    from kpi_logic.i18n import t

    shown = {}
    for name, value in values.items():
        if isinstance(value, Explainable):
            value = value.explain(language)
        elif name == "field":
            value = _field_label(language, str(value))
        shown[name] = value
    return t(language, key, **shown)
