"""Texts of the funnel page and the funnel chart."""

TEXTS: dict[str, tuple[str, str]] = {
    "funnel.intro": (
        "Wie viele Interessenten erreichen welche Stufe, heute und als Ziel? Die Umwandlung zwischen "
        "den Stufen zeigt, wo Marketing und Vertrieb gemeinsam ansetzen.",
        "How many prospects reach each stage, today and as a target? The conversion between stages "
        "shows where marketing and sales must act together.",
    ),
    "funnel.not_available": ("k. A.", "n/a"),
    "funnel.series.baseline": ("Heute", "Today"),
    "funnel.series.target": ("Ziel", "Target"),
    "funnel.chart.x.linear": ("Breite proportional zum Volumen pro Periode", "Width proportional to volume per period"),
    "funnel.chart.x.log": ("Breite: Volumen pro Periode, logarithmisch", "Width: volume per period, log scale"),
    "funnel.chart.volume": ("Volumen pro Periode", "Volume per period"),
    "funnel.chart.scale": ("Logarithmische Breiten", "Logarithmic widths"),
    "funnel.chart.scale_help": (
        "Macht kleine Stufen (z. B. 11 Kunden neben 60’000 Kontakten) sichtbar; die Zahlen bleiben echt.",
        "Makes small stages visible (e.g. 11 customers beside 60,000 reached); the numbers stay real.",
    ),
    "funnel.chart.series": ("Reihe", "Series"),
    "funnel.chart.not_measured": ("nicht gemessen", "not measured"),
    "funnel.editor.heading": ("Zahlen pro Stufe", "Figures per stage"),
    "funnel.editor.help": (
        "Leere Zellen bedeuten «unbekannt». Alle Zahlen sind 0 oder grösser.",
        "Empty cells mean “unknown”. Every number is 0 or more.",
    ),
    "funnel.col.label": ("Stufe", "Stage"),
    "funnel.col.baseline_volume": ("Volumen heute", "Volume today"),
    "funnel.col.target_volume": ("Volumen Ziel", "Target volume"),
    "funnel.col.spend": ("Ausgaben (CHF, optional)", "Spend (CHF, optional)"),
    "funnel.col.baseline_volume.help": (
        "Wie viele diese Stufe heute pro Periode erreichen.",
        "How many reach this stage per period today.",
    ),
    "funnel.col.target_volume.help": (
        "Wie viele diese Stufe erreichen sollen.",
        "How many should reach this stage.",
    ),
    "funnel.col.spend.help": (
        "Marketing- und Vertriebskosten dieser Stufe pro Periode. Die Summe über alle Stufen ergibt "
        "die Kosten pro Einheit und pro Neukunde.",
        "Marketing and sales cost of this stage per period. The sum over all stages gives the cost "
        "per unit and per new customer.",
    ),
    "funnel.col.baseline_conversion": ("Umwandlung heute →", "Conversion today →"),
    "funnel.col.target_conversion": ("Umwandlung Ziel →", "Target conversion →"),
    "funnel.col.cost_per_unit": ("Kosten pro Einheit", "Cost per unit"),
    "funnel.save": ("Funnel speichern", "Save funnel"),
    "funnel.invalid": (
        "Der Funnel wurde nicht gespeichert: Jede Zahl muss leer oder eine endliche Zahl ab 0 sein "
        "({detail}).",
        "The funnel was not saved: every number must be empty or a finite number of 0 or more "
        "({detail}).",
    ),
    "funnel.empty": (
        "Noch keine Funnel-Zahlen erfasst. Die Moderation trägt sie ein.",
        "No funnel figures yet. The facilitator enters them.",
    ),
    "funnel.table.heading": ("Umwandlung und Kosten pro Stufe", "Conversion and cost per stage"),
    "funnel.overall": (
        "Gesamtumwandlung heute: {baseline} · Ziel: {target} · Kosten pro Neukunde: {cac}",
        "Overall conversion today: {baseline} · target: {target} · cost per new customer: {cac}",
    ),
    "funnel.anomaly": (
        "{series}: «{stage}» ({volume}) ist grösser als die Stufe davor, «{earlier}» ({earlier_volume}). "
        "Eine spätere Stufe kann nicht mehr enthalten als eine frühere: meist ein Zählfehler.",
        "{series}: “{stage}” ({volume}) is larger than the stage before, “{earlier}” ({earlier_volume}). "
        "A later stage cannot hold more than an earlier one: usually a counting error.",
    ),
    "funnel.unmeasured": (
        "Kein KPI der Shortlist misst: {stages}.",
        "No shortlisted KPI measures: {stages}.",
    ),
}
