"""Texts of the share page and of the exports (one-pager, CSV) it offers."""

TEXTS: dict[str, tuple[str, str]] = {
    # one-pager and CSV
    "share.doc.title": ("KPI-Set: {name}", "KPI set: {name}"),
    "share.doc.company": ("Firma", "Company"),
    "share.status.agreed": ("vereinbart", "agreed"),
    "share.status.in_progress": ("in Arbeit", "in progress"),
    "share.download.text": ("E-Mail-Text (.txt)", "E-mail text (.txt)"),
    "share.download.text_help": (
        "Der One-Pager als reiner Text, zum Einfügen in eine E-Mail.",
        "The one-pager as plain text, to paste into an e-mail.",
    ),
    "share.csv_dialect": ("Excel-Format der Shortlist", "Excel format of the shortlist"),
    "share.csv_dialect.ch": ("Excel (Schweiz)", "Excel (Switzerland)"),
    "share.csv_dialect.de_at": ("Excel (Deutschland/Österreich)", "Excel (Germany/Austria)"),
    "share.csv_dialect_help": (
        "Deutsches und österreichisches Excel liest Zahlen mit Dezimalkomma (0,125), Schweizer Excel mit Punkt.",
        "German and Austrian Excel read numbers with a decimal comma (0,125), Swiss Excel with a point.",
    ),
    "share.doc.no_goals": ("Noch keine Ziele erfasst.", "No goals yet."),
    "share.doc.kpis": ("Die vereinbarten KPIs", "The agreed KPIs"),
    "share.doc.no_kpis": ("Noch keine Shortlist.", "No shortlist yet."),
    "share.doc.no_funnel": ("Noch keine Funnel-Zahlen.", "No funnel figures yet."),
    "share.doc.deadline": ("bis {date}", "by {date}"),
    "share.col.position": ("Nr.", "No."),
    "share.col.definition": ("Definition", "Definition"),
    "share.col.formula": ("Formel", "Formula"),
    "share.col.change": ("Ausgangswert → Ziel", "Baseline → target"),
    "share.col.target_date": ("Zieldatum", "Target date"),
    "share.col.cadence": ("Review-Rhythmus", "Review cadence"),
    "share.col.data_source": ("Datenquelle", "Data source"),
    "share.col.volume_baseline": ("Volumen heute", "Volume today"),
    "share.col.volume_target": ("Volumen Ziel", "Target volume"),
    "share.col.conversion_baseline": ("Konversion heute", "Conversion today"),
    "share.col.conversion_target": ("Konversion Ziel", "Target conversion"),
    "share.col.measured_by": ("Gemessen mit", "Measured by"),
    # page
    "share.intro": (
        "Das vereinbarte KPI-Set auf einen Blick, zum Weitergeben und Herunterladen.",
        "The agreed KPI set at a glance, to pass on and download.",
    ),
    "share.one_pager": ("One-Pager (Markdown)", "One-pager (Markdown)"),
    "share.download.markdown": ("One-Pager (.md)", "One-pager (.md)"),
    "share.download.markdown_help": (
        "Zum Einfügen in Wiki, E-Mail oder Intranet.",
        "To paste into a wiki, an e-mail or the intranet.",
    ),
    "share.download.csv": ("Shortlist (.csv, Excel)", "Shortlist (.csv, Excel)"),
    "share.download.csv_help": (
        "Öffnet sich in Excel im gewählten Format direkt in Spalten; Formeln in Texten werden entschärft.",
        "Opens in Excel in the chosen format straight in columns; formulas in texts are neutralised.",
    ),
    "share.download.json": ("Ganzer Workshop (.json)", "Whole workshop (.json)"),
    "share.download.json_help": (
        "Enthält alles ausser PIN, Beitrittscode und Freigabe-Link; lässt sich als neuer Workshop importieren.",
        "Holds everything except PIN, join code and share link; can be imported as a new workshop.",
    ),
    "share.links": ("Links und QR-Codes", "Links and QR codes"),
    "share.share_link": ("Nur-Lese-Link", "Read-only link"),
    "share.share_link_help": (
        "Wer diesen Link öffnet, sieht das KPI-Set, kann aber nichts ändern.",
        "Whoever opens this link sees the KPI set but cannot change anything.",
    ),
    "share.join_link": ("Beitritts-Link", "Join link"),
    "share.join_link_help": (
        "Teilnehmende treten damit dem Workshop bei (Code: {code}).",
        "Participants join the workshop with it (code: {code}).",
    ),
    "share.qr_caption": ("QR-Code: {what}", "QR code: {what}"),
    "share.import": ("Workshop aus JSON importieren", "Import a workshop from JSON"),
    "share.import.intro": (
        "Legt einen NEUEN Workshop aus einer JSON-Datei dieser App an; der aktuelle bleibt unverändert.",
        "Creates a NEW workshop from a JSON file of this app; the current one stays unchanged.",
    ),
    "share.import.file": ("JSON-Datei", "JSON file"),
    "share.import.file_help": (
        "Eine mit «Ganzer Workshop (.json)» heruntergeladene Datei, höchstens {megabytes} MB.",
        "A file downloaded with “Whole workshop (.json)”, at most {megabytes} MB.",
    ),
    "share.import.pin": ("PIN für den neuen Workshop", "PIN for the new workshop"),
    "share.import.pin_help": (
        "Mit dieser PIN schaltet die Moderation den importierten Workshop frei.",
        "The facilitator unlocks the imported workshop with this PIN.",
    ),
    "share.import.submit": ("Als neuen Workshop importieren", "Import as a new workshop"),
    "share.import.no_file": ("Bitte zuerst eine JSON-Datei wählen.", "Please choose a JSON file first."),
    "share.import.failed": (
        "Nichts wurde gespeichert. {detail}",
        "Nothing was saved. {detail}",
    ),
    "share.import.done": (
        "Workshop «{name}» importiert. Beitrittscode: {code}",
        "Workshop “{name}” imported. Join code: {code}",
    ),
}
