"""Words many pages use: review cadences and what every CSV import says, in German (Swiss) and English.

Keys here are the one place for a text that several areas would otherwise repeat word for word.
"""

TEXTS: dict[str, tuple[str, str]] = {
    "words.qr_alt": ("QR-Code mit dem Link {link}", "QR code with the link {link}"),
    "words.import.file": ("CSV-Datei", "CSV file"),
    "words.import.submit": ("Importieren", "Import"),
    "words.import.no_file": ("Bitte zuerst eine Datei wählen.", "Please choose a file first."),
    "words.import.refused": (
        "Import abgelehnt, nichts wurde gespeichert. {reason}",
        "Import refused, nothing was saved. {reason}",
    ),
    "words.import.too_big": (
        "{file}: Die Datei ist {size_mb:.1f} MB gross; erlaubt ist höchstens 1 MB.",
        "{file}: the file is {size_mb:.1f} MB; at most 1 MB is allowed.",
    ),
    "words.import.empty": ("{file}: Die Datei ist leer.", "{file}: the file is empty."),
    "words.import.malformed": (
        "{file}, Zeile {row}: keine gültige CSV-Zeile ({detail}).",
        "{file}, row {row}: not a valid CSV row ({detail}).",
    ),
    "words.import.duplicate_column": (
        "{file}, Zeile {row}: Die Spalten «{other}» und «{column}» bedeuten dasselbe; behalten Sie nur eine.",
        "{file}, row {row}: the columns \"{other}\" and \"{column}\" mean the same; keep only one.",
    ),
    "words.import.formula": (
        "{file}, Zeile {row}, Spalte «{column}»: beginnt mit «{char}». Eine Tabellenkalkulation würde das als Formel ausführen; entfernen Sie das Zeichen.",
        "{file}, row {row}, column \"{column}\": starts with \"{char}\". A spreadsheet would run it as a formula; remove that character.",
    ),
    "words.import.control": (
        "{file}, Zeile {row}, Spalte «{column}»: enthält Steuerzeichen oder einen Zeilenumbruch.",
        "{file}, row {row}, column \"{column}\": contains control characters or a line break.",
    ),
    "words.import.invalid": (
        "{file}, Zeile {row}, Spalte «{column}»: {detail}",
        "{file}, row {row}, column \"{column}\": {detail}",
    ),
    "words.cadence.weekly": ("wöchentlich", "weekly"),
    "words.cadence.monthly": ("monatlich", "monthly"),
    "words.cadence.quarterly": ("quartalsweise", "quarterly"),
    "words.save_changes": ("Änderungen speichern", "Save changes"),
    "words.downloads": ("Herunterladen", "Downloads"),
    "words.kpi": ("KPI", "KPI"),
    "words.date": ("Datum", "Date"),
    "words.deadline": ("Termin", "Deadline"),
    "words.goal": ("Ziel", "Goal"),
    "words.goals": ("Ziele", "Goals"),
    "words.funnel": ("Funnel", "Funnel"),
    "words.metric": ("Messgrösse", "Metric"),
    "words.target": ("Zielwert", "Target"),
    "words.baseline": ("Ausgangswert", "Baseline"),
    "words.owner": ("Verantwortlich", "Owner"),
    "words.note": ("Notiz", "Note"),
    "words.value": ("Wert", "Value"),
    "words.stage": ("Funnel-Stufe", "Funnel stage"),
    "words.funnel_chart_title": ("Funnel: heute und Ziel", "Funnel: today and target"),
    "words.status": ("Status", "Status"),
}
