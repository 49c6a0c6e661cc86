"""Texts of the review-cycle page, its charts, the measurement CSV import and the calendar export."""

TEXTS: dict[str, tuple[str, str]] = {
    "review.intro": (
        "Schritt 4 des Artikels: Ist-Werte erfassen, gegen Ziel und Ausgangswert vergleichen und die KPIs "
        "regelmässig überprüfen.",
        "Step 4 of the article: record actual values, compare them with target and baseline, and review "
        "the KPIs regularly.",
    ),
    "review.no_shortlist": (
        "Noch keine Shortlist: Wählen Sie zuerst auf der Seite «Shortlist» 3–5 KPIs.",
        "No shortlist yet: choose 3–5 KPIs on the Shortlist page first.",
    ),
    "review.read_only": (
        "Nur-Lese-Ansicht: Werte und Reviews erfasst die Moderation.",
        "Read-only view: the facilitator records values and reviews.",
    ),
    # -- status
    "review.status.label": ("Status", "Status"),
    "review.status.on_track": ("🟢 Auf Kurs", "🟢 On track"),
    "review.status.at_risk": ("🟠 Gefährdet", "🟠 At risk"),
    "review.status.off_track": ("🔴 Nicht auf Kurs", "🔴 Off track"),
    "review.status.stale": ("🟡 Veraltet", "🟡 Stale"),
    "review.status.no_data": ("⚪ Keine Daten", "⚪ No data"),
    "review.status.no_target": ("⚪ Kein Ziel", "⚪ No target"),
    "review.rule.title": ("So wird der Status bestimmt", "How the status is decided"),
    "review.rule.general": (
        "Plan = gerade Linie vom Ausgangswert am Workshop-Tag zum Ziel am Zieldatum (gestrichelt). Der "
        "letzte Ist-Wert wird mit dem Planwert seiner Periode verglichen, in der Richtung des KPI (höher "
        "oder tiefer ist besser). **Auf Kurs:** auf oder besser als der Plan. **Gefährdet:** höchstens "
        "10 % des ganzen Wegs (|Ziel − Ausgangswert|) dahinter. **Nicht auf Kurs:** weiter dahinter. "
        "Nach dem Zieldatum zählt nur noch das Ziel selbst. Ohne Ist-Wert: «Keine Daten»; ohne "
        "Ausgangswert, Ziel oder Zieldatum: «Kein Ziel».",
        "Plan = straight line from the baseline on the workshop day to the target on the target date "
        "(dashed). The latest actual is compared with the plan's value for its period, in the KPI's "
        "direction (higher or lower is better). **On track:** at or better than the plan. **At risk:** "
        "behind by at most 10 % of the whole way (|target − baseline|). **Off track:** further behind. "
        "After the target date only the target itself counts. Without an actual: \"No data\"; without "
        "baseline, target or target date: \"No target\".",
    ),
    "review.rule.numbers": (
        "Letzter Ist-Wert ({period}): **{actual}** · Planwert: **{expected}**",
        "Latest actual ({period}): **{actual}** · plan value: **{expected}**",
    ),
    "review.rule.higher": (
        "Auf Kurs ab {expected}, gefährdet ab {limit}, darunter nicht auf Kurs (höher ist besser).",
        "On track from {expected}, at risk from {limit}, below that off track (higher is better).",
    ),
    "review.rule.lower": (
        "Auf Kurs bis {expected}, gefährdet bis {limit}, darüber nicht auf Kurs (tiefer ist besser).",
        "On track up to {expected}, at risk up to {limit}, above that off track (lower is better).",
    ),
    "review.rule.passed": (
        "Das Zieldatum ist vorbei: auf Kurs nur, wenn das Ziel {expected} erreicht ist ({direction}).",
        "The target date has passed: on track only if the target {expected} is reached ({direction}).",
    ),
    "review.rule.stale": (
        "Kein Wert seit {periods} Perioden: Der letzte Wert sagt nichts mehr über heute. Erfassen Sie "
        "die fehlenden Werte.",
        "No value for {periods} periods: the last value says nothing about today. Record the missing "
        "values.",
    ),
    "review.rule.no_data": (
        "Noch kein Ist-Wert erfasst.", "No actual value recorded yet.",
    ),
    "review.rule.no_target": (
        "Ausgangswert, Ziel und Zieldatum fehlen; setzen Sie sie auf der Seite «Shortlist».",
        "Baseline, target or target date is missing; set them on the Shortlist page.",
    ),
    "review.direction.higher": ("höher ist besser", "higher is better"),
    "review.direction.lower": ("tiefer ist besser", "lower is better"),
    "review.decision.latest": (
        "Letzter Review-Entscheid ({date}): {decision}", "Latest review decision ({date}): {decision}",
    ),
    # -- chart
    "review.chart.title": ("{name}: Ist gegen Ziel", "{name}: actual against target"),
    "review.chart.period": ("Periode", "Period"),
    "review.chart.value": ("Wert", "Value"),
    "review.chart.series": ("Linie", "Line"),
    "review.chart.actual": ("Ist", "Actual"),
    "review.chart.target": ("Ziel", "Target"),
    "review.chart.baseline": ("Ausgangswert", "Baseline"),
    "review.chart.plan": ("Plan", "Plan"),
    "review.chart.target_date": ("Zieldatum", "Target date"),
    # -- measurement form
    "review.measure.title": ("Ist-Wert erfassen", "Record an actual value"),
    "review.measure.period": ("Periode (Datum)", "Period (date)"),
    "review.measure.period.help": (
        "Der erste Tag der gemessenen Periode, z. B. 01.03.2027 für März. Ein zweiter Wert für dieselbe "
        "Periode ersetzt den ersten.",
        "The first day of the measured period, e.g. 2027-03-01 for March. A second value for the same "
        "period replaces the first.",
    ),
    "review.measure.value.help": (
        "In der Einheit des KPI, z. B. 14.5 für 14.5 % oder 9800 für CHF 9’800.",
        "In the KPI's unit, e.g. 14.5 for 14.5 % or 9800 for CHF 9,800.",
    ),
    "review.measure.note.help": (
        "Optional: was den Wert erklärt (Kampagne, Sondereffekt, Datenquelle).",
        "Optional: what explains the value (campaign, one-off effect, data source).",
    ),
    "review.measure.submit": ("Wert speichern", "Save value"),
    "review.measure.bad_value": (
        "«{value}» ist keine Zahl. Erlaubt sind z. B. 1’234.5, 1'234.5, 1234,5 oder -3.",
        "\"{value}\" is not a number. Allowed are e.g. 1'234.5, 1234.5, 1234,5 or -3.",
    ),
    "review.measure.done": ("Wert für {name} gespeichert.", "Value for {name} saved."),
    # -- measurement import
    "review.import.title": ("Ist-Werte aus CSV importieren", "Import actual values from CSV"),
    "review.import.help": (
        "Eine Zeile pro KPI und Periode. Spalten: «KPI» (Katalog-ID oder Name), «Periode» (2027-03-01, "
        "01.03.2027 oder 2027-03), «Wert» (1’234.5, 1'234.5 oder 1234,5; das Komma ist immer das "
        "Dezimalzeichen), optional «Notiz». Andere Spalten werden ignoriert. Trennzeichen ; , oder "
        "Tabulator; UTF-8 oder Windows-1252. Höchstens 2000 Zeilen und 1 MB. Zellen mit = + - @ am "
        "Anfang werden abgelehnt (ausser Zahlen wie -5). Bei einem Fehler wird nichts gespeichert.",
        "One row per KPI and period. Columns: \"KPI\" (catalogue id or name), \"Period\" (2027-03-01, "
        "01.03.2027 or 2027-03), \"Value\" (1'234.5 or 1234,5; a comma is always the decimal mark), "
        "optional \"Note\". Other columns are ignored. Separator ; , or tab; UTF-8 or Windows-1252. "
        "At most 2000 rows and 1 MB. Cells starting with = + - @ are refused (except numbers like -5). "
        "On any error nothing is saved.",
    ),
    "review.import.done": (
        {"one": "1 Wert importiert.", "other": "{count} Werte importiert."},
        {"one": "One value imported.", "other": "{count} values imported."},
    ),
    "review.import.binary": (
        "{file}: Das ist keine lesbare Textdatei. Speichern Sie die Tabelle in Excel als CSV.",
        "{file}: this is not a readable text file. Save the sheet in Excel as CSV.",
    ),
    "review.import.missing_column": (
        "{file}, Zeile {row}: Die Spalte «{column}» fehlt (erkannt werden: {expected}).",
        "{file}, row {row}: the column \"{column}\" is missing (recognised: {expected}).",
    ),
    "review.import.no_rows": (
        "{file}: Die Datei hat nur eine Kopfzeile (Zeile {row}) und keine Werte.",
        "{file}: the file has only a header row (row {row}) and no values.",
    ),
    "review.import.too_many_rows": (
        "{file}, Zeile {row}: mehr als {limit} Werte; teilen Sie die Datei auf.",
        "{file}, row {row}: more than {limit} values; split the file.",
    ),
    "review.import.ragged": (
        "{file}, Zeile {row}: {cells} Zellen, aber die Kopfzeile hat {columns} Spalten.",
        "{file}, row {row}: {cells} cells, but the header has {columns} columns.",
    ),
    "review.import.empty_cell": (
        "{file}, Zeile {row}, Spalte «{column}»: Die Zelle ist leer.",
        "{file}, row {row}, column \"{column}\": the cell is empty.",
    ),
    "review.import.unknown_kpi": (
        "{file}, Zeile {row}, Spalte «{column}»: «{name}» ist kein KPI der Shortlist.",
        "{file}, row {row}, column \"{column}\": \"{name}\" is not a KPI on the shortlist.",
    ),
    "review.import.duplicate": (
        "{file}, Zeile {row}: Dieser KPI hat für {period} schon einen Wert in Zeile {other_row}.",
        "{file}, row {row}: this KPI already has a value for {period} in row {other_row}.",
    ),
    # -- due overview
    "review.due.title": ("Fällige Reviews", "Reviews due"),
    "review.due.caption": (
        "Nächstes Review je KPI nach seinem Rhythmus (wöchentlich +7 Tage, monatlich gleicher Tag im "
        "nächsten Monat, quartalsweise +3 Monate), gezählt ab dem letzten Review oder dem Workshop-Tag. "
        "Ein Review ohne KPI gilt für alle KPIs.",
        "Next review per KPI by its cadence (weekly +7 days, monthly the same day next month, quarterly "
        "+3 months), counted from the last review or the workshop day. A review logged without a KPI "
        "counts for every KPI.",
    ),
    "review.due.cadence": ("Rhythmus", "Cadence"),
    "review.due.last": ("Letztes Review", "Last review"),
    "review.due.next": ("Nächstes Review", "Next review"),
    "review.due.state": ("Stand", "State"),
    "review.due.overdue": ("⚠️ überfällig", "⚠️ overdue"),
    "review.due.planned": ("geplant", "planned"),
    "review.due.no_cadence": ("kein Rhythmus", "no cadence"),
    "review.due.overdue_count": (
        {"one": "1 Review überfällig.", "other": "{count} Reviews überfällig."},
        {"one": "One review overdue.", "other": "{count} reviews overdue."},
    ),
    # -- calendar
    "review.calendar.download": ("Review-Termine als Kalender (.ics)", "Review dates as calendar (.ics)"),
    "review.calendar.help": (
        "Eine Terminserie pro KPI für die nächsten 12 Monate, für Outlook, Google oder Apple Kalender.",
        "One series per KPI for the next 12 months, for Outlook, Google or Apple Calendar.",
    ),
    "review.calendar.summary": ("KPI-Review: {name}", "KPI review: {name}"),
    "review.calendar.description": (
        "Workshop «{workshop}»: KPI «{name}» überprüfen ({cadence}). Ist-Werte erfassen, Status "
        "besprechen, entscheiden: beibehalten, Ziel ändern oder ersetzen.",
        "Workshop \"{workshop}\": review the KPI \"{name}\" ({cadence}). Record actual values, "
        "discuss the status, decide: keep, change the target or replace.",
    ),
    "review.calendar.name": ("KPI-Reviews {workshop}", "KPI reviews {workshop}"),
    # -- review log
    "review.log.title": ("Review-Protokoll", "Review log"),
    "review.log.form": ("Review festhalten", "Log a review"),
    "review.log.participants": ("Teilnehmende", "Participants"),
    "review.log.participants.help": (
        "Wer dabei war, z. B. «Anna Keller, Marco Widmer».",
        "Who took part, e.g. \"Anna Keller, Marco Widmer\".",
    ),
    "review.log.decision": ("Entscheid", "Decision"),
    "review.log.decision.help": (
        "Beibehalten, Ziel ändern oder KPI ersetzen. Ziel und Shortlist passen Sie danach auf der Seite "
        "«Shortlist» an; die Messwerte eines ersetzten KPI bleiben erhalten.",
        "Keep, change the target or replace the KPI. Change the target or the shortlist afterwards on "
        "the Shortlist page; a replaced KPI's measurements are kept.",
    ),
    "review.log.all_kpis": ("Alle KPIs", "All KPIs"),
    "review.log.note": ("Begründung / Notiz", "Reason / note"),
    "review.log.note.help": (
        "Warum so entschieden wurde; bei «ersetzen» wird diese Begründung beim alten KPI gezeigt.",
        "Why this was decided; for \"replace\" this reason is shown with the old KPI.",
    ),
    "review.log.submit": ("Review speichern", "Save review"),
    "review.log.needs_kpi": (
        "Wählen Sie den KPI, dessen Ziel geändert oder der ersetzt wird.",
        "Choose the KPI whose target changes or which is replaced.",
    ),
    "review.log.done": ("Review vom {date} gespeichert.", "Review of {date} saved."),
    "review.log.empty": ("Noch kein Review festgehalten.", "No review logged yet."),
    "review.decision.keep": ("beibehalten", "keep"),
    "review.decision.change_target": ("Ziel ändern", "change target"),
    "review.decision.replace": ("KPI ersetzen", "replace KPI"),
    # -- replaced KPIs
    "review.former.title": ("Ersetzte und frühere KPIs", "Replaced and former KPIs"),
    "review.former.reason": (
        "Ersetzt am {date}: {note}", "Replaced on {date}: {note}",
    ),
    "review.former.no_reason": (
        "Nicht mehr auf der Shortlist; kein Review-Entscheid dazu.",
        "No longer on the shortlist; no review decision about it.",
    ),
    "review.former.values": (
        {"one": "1 Messwert bleibt erhalten.", "other": "{count} Messwerte bleiben erhalten."},
        {"one": "One measurement is kept.", "other": "{count} measurements are kept."},
    ),
}
