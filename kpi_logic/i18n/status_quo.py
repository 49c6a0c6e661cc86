"""Texts of the status-quo page and of the status-quo CSV import."""

TEXTS: dict[str, tuple[str, str]] = {
    "status_quo.intro": (
        "Schritt 1: Welche KPIs messen Sie heute? Erfassen oder importieren Sie sie und entscheiden "
        "Sie für jede: behalten, streichen oder Vanity-Metrik.",
        "Step 1: which KPIs do you track today? Type or import them and decide for each: keep, "
        "drop or vanity metric.",
    ),
    "status_quo.metric.total": ("KPIs heute", "KPIs today"),
    "status_quo.metric.engine_vanity": ("Vanity laut Prüfung", "Vanity by the check"),
    "status_quo.metric.judged_vanity": ("Als Vanity beurteilt", "Judged vanity"),
    "status_quo.metric.engine_vanity_help": (
        "Wie viele KPIs die automatische Prüfung als Vanity-Metrik erkennt: Zahlen, die gut "
        "aussehen, aber nicht mit Umsatz oder Kunden verbunden sind.",
        "How many KPIs the automatic check flags as vanity metrics: numbers that look good but are "
        "not tied to revenue or customers.",
    ),
    "status_quo.metric.judged_vanity_help": (
        "Wie viele KPIs die Moderation als Vanity beurteilt und gespeichert hat.",
        "How many KPIs the facilitator has judged vanity and saved.",
    ),
    "status_quo.unjudged": (
        {"one": "1 KPI noch nicht beurteilt: Die Vorschläge der Prüfung gelten erst nach dem Speichern.",
         "other": "{count} KPIs noch nicht beurteilt: Die Vorschläge der Prüfung gelten erst nach dem Speichern."},
        {"one": "One KPI not judged yet: the check's proposals count once you save them.",
         "other": "{count} KPIs not judged yet: the check's proposals count once you save them."},
    ),
    "status_quo.empty": (
        "Noch keine KPIs erfasst.",
        "No KPIs entered yet.",
    ),
    "status_quo.empty_facilitator": (
        "Noch keine KPIs erfasst. Erfassen Sie die heutigen KPIs unten einzeln oder importieren Sie "
        "eine CSV-Datei.",
        "No KPIs entered yet. Add today's KPIs below one by one or import a CSV file.",
    ),
    "status_quo.list": ("Heutige KPIs", "Today's KPIs"),
    "status_quo.col.name": ("KPI", "KPI"),
    "status_quo.col.description": ("Beschreibung", "Description"),
    "status_quo.col.current_value": ("Aktueller Wert", "Current value"),
    "status_quo.col.engine": ("Prüfung", "Check"),
    "status_quo.col.reason": ("Begründung", "Reason"),
    "status_quo.col.alternative": ("Besser messen", "Track instead"),
    "status_quo.col.verdict": ("Entscheid", "Decision"),
    "status_quo.col.verdict_help": (
        "Behalten, streichen oder als Vanity-Metrik markieren; vorbelegt mit dem Vorschlag der Prüfung.",
        "Keep, drop or mark as vanity metric; prefilled with the check's proposal.",
    ),
    "status_quo.col.delete": ("Entfernen", "Remove"),
    "status_quo.col.delete_help": (
        "Ankreuzen und speichern, um die Zeile zu löschen.",
        "Tick and save to delete the row.",
    ),
    "status_quo.engine.vanity": ("⚠️ Vanity", "⚠️ Vanity"),
    "status_quo.engine.ok": ("✓ steuerbar", "✓ actionable"),
    "status_quo.verdict.keep": ("Behalten", "Keep"),
    "status_quo.verdict.drop": ("Streichen", "Drop"),
    "status_quo.verdict.vanity": ("Vanity", "Vanity"),
    "status_quo.verdict.none": ("offen", "open"),
    "status_quo.save": ("Entscheide speichern", "Save decisions"),
    # Two counts in one sentence: the page fills {removed} with status_quo.removed.
    "status_quo.saved": (
        {"one": "1 Entscheid gespeichert, {removed}.", "other": "{count} Entscheide gespeichert, {removed}."},
        {"one": "One decision saved, {removed}.", "other": "{count} decisions saved, {removed}."},
    ),
    "status_quo.removed": (
        {"one": "1 KPI entfernt", "other": "{count} KPIs entfernt"},
        {"one": "one KPI removed", "other": "{count} KPIs removed"},
    ),
    "status_quo.add.title": ("KPI erfassen", "Add a KPI"),
    "status_quo.add.name": ("Name der KPI", "KPI name"),
    "status_quo.add.name_help": (
        "So, wie sie heute im Bericht heisst, z. B. «Instagram-Follower» oder «Abschlussquote». "
        "Höchstens 120 Zeichen.",
        "As it is called in today's report, e.g. \"Instagram followers\" or \"win rate\". At most 120 "
        "characters.",
    ),
    "status_quo.add.description": ("Beschreibung (optional)", "Description (optional)"),
    "status_quo.add.description_help": (
        "Was genau gezählt wird und woher die Zahl kommt; hilft der Vanity-Prüfung.",
        "What exactly is counted and where the figure comes from; helps the vanity check.",
    ),
    "status_quo.add.current_value": ("Aktueller Wert (optional)", "Current value (optional)"),
    "status_quo.add.current_value_help": (
        "Der letzte bekannte Wert mit Einheit, z. B. «12 400» oder «18 %».",
        "The latest known value with its unit, e.g. \"12,400\" or \"18 %\".",
    ),
    "status_quo.add.submit": ("KPI hinzufügen", "Add KPI"),
    "status_quo.added": ("KPI «{name}» hinzugefügt.", "KPI \"{name}\" added."),
    "status_quo.import.title": ("Aus CSV importieren", "Import from CSV"),
    "status_quo.import.help": (
        "Eine Zeile pro KPI. Spalten: «Name» (oder «KPI», «Kennzahl»; Pflicht), «Beschreibung» und "
        "«Wert» bzw. «Aktueller Wert» (optional). Andere Spalten werden ignoriert. Trennzeichen ; , "
        "oder Tabulator; UTF-8 oder Windows-1252, wie Excel speichert. Höchstens 500 KPIs und 1 MB. "
        "Zellen, die mit = + - oder @ beginnen, werden abgelehnt (Formeln), ausser Zahlen wie -5 in "
        "der Wert-Spalte. Bei einem Fehler wird nichts importiert.",
        "One row per KPI. Columns: \"Name\" (or \"KPI\", \"Kennzahl\"; required), \"Description\" and "
        "\"Value\" or \"Current value\" (optional). Other columns are ignored. Separator ; , or tab; "
        "UTF-8 or Windows-1252, as Excel saves it. At most 500 KPIs and 1 MB. Cells starting with "
        "= + - or @ are refused (formulas), except numbers like -5 in the value column. On any error "
        "nothing is imported.",
    ),
    "status_quo.import.file_help": (
        "Eine CSV-Datei aus Excel oder Google Sheets, eine Zeile pro KPI; Details unten.",
        "A CSV file from Excel or Google Sheets, one row per KPI; details below.",
    ),
    "status_quo.import.done": (
        {"one": "1 KPI importiert.", "other": "{count} KPIs importiert."},
        {"one": "One KPI imported.", "other": "{count} KPIs imported."},
    ),
    "status_quo.import.ignored": (
        "Ignorierte Spalten: {columns}",
        "Ignored columns: {columns}",
    ),
    "status_quo.import.binary": (
        "{file}: Das ist keine lesbare Textdatei. Speichern Sie die Tabelle in Excel als «CSV (Trennzeichen-getrennt)».",
        "{file}: this is not a readable text file. Save the sheet in Excel as \"CSV (comma delimited)\".",
    ),
    "status_quo.import.no_name_column": (
        "{file}, Zeile {row}: Keine Spalte für den Namen gefunden; erwartet wird eine Kopfzeile mit "
        "einer dieser Spalten: {expected}.",
        "{file}, row {row}: no column for the name; expected a header row with one of these "
        "columns: {expected}.",
    ),
    "status_quo.import.no_rows": (
        "{file}: Die Datei hat nur eine Kopfzeile (Zeile {row}) und keine KPIs.",
        "{file}: the file has only a header row (row {row}) and no KPIs.",
    ),
    "status_quo.import.too_many_rows": (
        "{file}, Zeile {row}: mehr als {limit} KPIs; teilen Sie die Datei auf.",
        "{file}, row {row}: more than {limit} KPIs; split the file.",
    ),
    "status_quo.import.ragged": (
        "{file}, Zeile {row}: {cells} Zellen, aber die Kopfzeile hat {columns} Spalten. Steht ein "
        "Trennzeichen ohne Anführungszeichen in einer Zelle?",
        "{file}, row {row}: {cells} cells, but the header has {columns} columns. Is there a "
        "separator inside a cell without quotes?",
    ),
    "status_quo.import.empty_name": (
        "{file}, Zeile {row}, Spalte «{column}»: Der Name ist leer.",
        "{file}, row {row}, column \"{column}\": the name is empty.",
    ),
    "status_quo.import.too_long": (
        "{file}, Zeile {row}, Spalte «{column}»: {length} Zeichen, erlaubt sind höchstens {limit}.",
        "{file}, row {row}, column \"{column}\": {length} characters, at most {limit} are allowed.",
    ),
    "status_quo.import.duplicate_name": (
        "{file}, Zeile {row}, Spalte «{column}»: «{name}» steht schon in Zeile {other_row} "
        "(Gross-/Kleinschreibung zählt nicht).",
        "{file}, row {row}, column \"{column}\": \"{name}\" is already in row {other_row} "
        "(case does not matter).",
    ),
    "status_quo.import.already_listed": (
        "{file}, Zeile {row}, Spalte «{column}»: «{name}» ist schon in der Liste der heutigen KPIs.",
        "{file}, row {row}, column \"{column}\": \"{name}\" is already in the list of today's KPIs.",
    ),
    "status_quo.add.duplicate": (
        "«{name}» ist schon in der Liste; nichts wurde hinzugefügt.",
        "\"{name}\" is already in the list; nothing was added.",
    ),
    "status_quo.alternatives.title": ("Alternativen als Kandidaten", "Alternatives as candidates"),
    "status_quo.alternatives.pick": (
        "Statt Vanity-Metriken zur Abstimmung stellen",
        "Put up for the vote instead of vanity metrics",
    ),
    "status_quo.alternatives.help": (
        "Die steuerbaren KPIs, die die Prüfung statt der Vanity-Metriken vorschlägt. Sie erscheinen "
        "auf der Abstimmungsseite.",
        "The actionable KPIs the check proposes instead of the vanity metrics. They appear on the "
        "voting page.",
    ),
    "status_quo.alternatives.submit": ("Als Kandidaten hinzufügen", "Add as candidates"),
    "status_quo.alternatives.added": (
        {"one": "1 Kandidat hinzugefügt.", "other": "{count} Kandidaten hinzugefügt."},
        {"one": "One candidate added.", "other": "{count} candidates added."},
    ),
}
