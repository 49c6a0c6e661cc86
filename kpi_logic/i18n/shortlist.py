"""Texts of the shortlist page."""

TEXTS: dict[str, tuple[str, str]] = {
    "shortlist.intro": (
        "Wählen Sie aus der Rangliste 3–5 KPIs und machen Sie jede steuerbar: verantwortliche Person, "
        "Ausgangswert, Zielwert, Termin, Überprüfungsrhythmus, Datenquelle und Ziele.",
        "Pick 3–5 KPIs from the ranking and make each one steerable: owner, baseline, target, "
        "target date, review cadence, data source and goals.",
    ),
    "shortlist.pick.heading": ("Auswahl aus der Rangliste", "Pick from the ranking"),
    "shortlist.pick.top_n": ("Top-N vorschlagen", "Suggest the top N"),
    "shortlist.pick.top_n.help": (
        "Übernimmt die N bestplatzierten KPIs in die Auswahl; danach können Sie sie anpassen.",
        "Puts the N best-ranked KPIs into the selection; you can change it afterwards.",
    ),
    "shortlist.pick.label": ("KPIs auf der Shortlist", "KPIs on the shortlist"),
    "shortlist.pick.help": (
        "In der Reihenfolge der Auswahl. Die Punkte stammen aus der Abstimmung.",
        "In the order you pick them. The points come from the vote.",
    ),
    "shortlist.pick.option": (
        {"one": "{rank}. {name} ({count} Punkt)", "other": "{rank}. {name} ({count} Punkte)"},
        {"one": "{rank}. {name} ({count} point)", "other": "{rank}. {name} ({count} points)"},
    ),
    "shortlist.pick.save": ("Auswahl speichern", "Save selection"),
    "shortlist.pick.tie": (
        "Gleichstand an der Grenze der Top {n}: {names} haben gleich viele Punkte ({points}) und "
        "Stimmen. Sie sind nicht vorausgewählt; entscheiden Sie, welche auf die Shortlist kommen.",
        "Tie at the top-{n} cut: {names} have the same points ({points}) and voters. They are not "
        "preselected; decide which of them go on the shortlist.",
    ),
    "shortlist.pick.no_ranking": (
        "Noch keine Kandidaten in der Rangliste: Zuerst KPIs zur Abstimmung stellen.",
        "No candidates in the ranking yet: put KPIs up for the vote first.",
    ),
    "shortlist.edit.heading": ("Details pro KPI", "Details per KPI"),
    "shortlist.edit.unchanged": ("Keine Änderungen.", "No changes."),
    "shortlist.edit.saved": (
        {"one": "1 KPI aktualisiert.", "other": "{count} KPIs aktualisiert."},
        {"one": "One KPI updated.", "other": "{count} KPIs updated."},
    ),
    "shortlist.invalid_cell": (
        "Nichts gespeichert: «{kpi}», Spalte «{column}»: {rule}",
        "Nothing saved: “{kpi}”, column “{column}”: {rule}",
    ),
    "shortlist.rule.text": (
        "höchstens {limit} Zeichen, ohne Steuerzeichen.",
        "at most {limit} characters, no control characters.",
    ),
    "shortlist.rule.number": ("eine endliche Zahl oder leer.", "a finite number or empty."),
    "shortlist.rule.date": (
        "ein Datum zwischen {first} und {last} oder leer.",
        "a date between {first} and {last}, or empty.",
    ),
    "shortlist.rule.cadence": ("einer der angebotenen Rhythmen.", "one of the offered cadences."),
    "shortlist.rule.goal_ids": ("nur Ziele dieses Workshops.", "only goals of this workshop."),
    "shortlist.col.name": ("KPI", "KPI"),
    "shortlist.col.owner": ("Verantwortlich", "Owner"),
    "shortlist.col.owner.help": (
        "Wer den KPI verfolgt und bei Abweichungen handelt.",
        "Who tracks the KPI and acts when it drifts.",
    ),
    "shortlist.col.baseline": ("Ausgangswert", "Baseline"),
    "shortlist.col.baseline.help": ("Der Wert heute.", "The value today."),
    "shortlist.col.target": ("Zielwert", "Target"),
    "shortlist.col.target.help": ("Der Wert, den Sie erreichen wollen.", "The value you aim for."),
    "shortlist.col.target_date": ("Termin", "Target date"),
    "shortlist.col.target_date.help": ("Bis wann das Ziel erreicht sein soll.", "When the target should be met."),
    "shortlist.col.cadence": ("Rhythmus", "Cadence"),
    "shortlist.col.cadence.help": (
        "Wie oft der KPI überprüft und angepasst wird.",
        "How often the KPI is reviewed and adjusted.",
    ),
    "shortlist.col.data_source": ("Datenquelle", "Data source"),
    "shortlist.col.data_source.help": ("Woher die Zahl kommt (z. B. CRM).", "Where the number comes from (e.g. CRM)."),
    "shortlist.col.goal_ids": ("Ziele", "Goals"),
    "shortlist.col.goal_ids.help": (
        "Die Geschäftsziele, deren Erreichung der KPI zeigt.",
        "The business goals whose progress the KPI shows.",
    ),
    "shortlist.checks.heading": ("Prüfung der Shortlist", "Shortlist checks"),
    "shortlist.checks.why": ("Begründung: {name}", "Why: {name}"),
    "shortlist.checks.legend": (
        "✓ erfüllt · ⚠ nachtragen · ✗ widerspricht dem Artikel · – trifft nicht zu. "
        "Die Begründung steht unter der Tabelle.",
        "✓ met · ⚠ to fill in · ✗ contradicts the article · – does not apply. "
        "The reasons are below the table.",
    ),
    "shortlist.summary": ("{kpis} · {errors} · {warnings}", "{kpis} · {errors} · {warnings}"),
    "shortlist.count.kpis": ({"one": "1 KPI", "other": "{count} KPIs"}, {"one": "1 KPI", "other": "{count} KPIs"}),
    "shortlist.count.errors": (
        {"one": "1 Fehler", "other": "{count} Fehler"}, {"one": "1 error", "other": "{count} errors"},
    ),
    "shortlist.count.warnings": (
        {"one": "1 Warnung", "other": "{count} Warnungen"}, {"one": "1 warning", "other": "{count} warnings"},
    ),
    "shortlist.empty": (
        "Die Shortlist ist noch leer. Die Moderation wählt die KPIs aus der Rangliste.",
        "The shortlist is still empty. The facilitator picks the KPIs from the ranking.",
    ),
    "shortlist.finalised": (
        "Der Workshop ist abgeschlossen. Als Moderation können Sie die Shortlist weiter pflegen.",
        "The workshop is finalised. As facilitator you can keep the shortlist up to date.",
    ),
    "shortlist.history.heading": ("Änderungsverlauf", "Change history"),
    "shortlist.history.empty": ("Noch keine Änderungen.", "No changes yet."),
    "shortlist.history.actor": ("Wer", "Who"),
    "shortlist.history.at": ("Wann", "When"),
    "shortlist.history.summary": ("Änderung (alt → neu)", "Change (old → new)"),
    "shortlist.history.undone": ("Rückgängig gemacht", "Undone"),
    "shortlist.history.undone_mark": ("↩ rückgängig gemacht", "↩ undone"),
    "shortlist.undo": ("Letzte Änderung rückgängig machen", "Undo last change"),
    "shortlist.undo.help": (
        "Stellt die Shortlist wieder her, wie sie vor der letzten Änderung war.",
        "Restores the shortlist as it was before the latest change.",
    ),
    "shortlist.undo.done": ("Rückgängig gemacht: {summary}", "Undone: {summary}"),
    "shortlist.undo.nothing": ("Es gibt nichts rückgängig zu machen.", "There is nothing to undo."),
}
