"""Texts of the KPI cards page, the card files and the Excel workbook offered there."""

TEXTS: dict[str, tuple[str, str]] = {
    "kpi_cards.download.excel_blind": (
        "Die Excel-Datei mit den Stimmen gibt es, sobald die Moderation die Ergebnisse zeigt.",
        "The Excel file with the votes is available once the facilitator reveals the results.",
    ),
    "kpi_cards.intro": (
        "Eine Karte pro vereinbartem KPI, für die Schulung der Teams: was er misst, warum er zählt und wie Marketing und Vertrieb ihn bewegen.",
        "One card per agreed KPI, to train the teams: what it measures, why it matters and how marketing and sales move it.",
    ),
    "kpi_cards.empty": (
        "Noch keine Shortlist: Die Karten entstehen aus den vereinbarten KPIs.",
        "No shortlist yet: the cards are made from the agreed KPIs.",
    ),
    "kpi_cards.why": ("Warum er zählt", "Why it matters"),
    "kpi_cards.marketing": ("So bewegt ihn das Marketing", "How marketing moves it"),
    "kpi_cards.sales": ("So bewegt ihn der Vertrieb", "How sales moves it"),
    "kpi_cards.serves_goals": ("Zahlt ein auf: {goals}.", "Serves: {goals}."),
    "kpi_cards.no_goals": (
        "Noch mit keinem Ziel verknüpft: auf der Shortlist nachholen.",
        "Not linked to a goal yet: do so on the shortlist.",
    ),
    "kpi_cards.doc.title": ("KPI-Karten: {name}", "KPI cards: {name}"),
    "kpi_cards.print_view": ("Druckansicht", "Print view"),
    "kpi_cards.print_view_help": (
        "Blendet Menü und Bedienelemente aus; danach mit Ctrl+P (Cmd+P) drucken.",
        "Hides the menu and controls; then print with Ctrl+P (Cmd+P).",
    ),
    "kpi_cards.print_hint": (
        "Druckansicht: mit Ctrl+P (Cmd+P) drucken. Für eine Karte pro Seite die HTML-Datei herunterladen.",
        "Print view: print with Ctrl+P (Cmd+P). For one card per page, download the HTML file.",
    ),
    "kpi_cards.file_language": ("Sprache der Dateien", "Language of the files"),
    "kpi_cards.file_language_help": (
        "Karten und Arbeitsmappe in dieser Sprache; die Seite bleibt in Ihrer Sprache.",
        "Cards and workbook in this language; the page stays in yours.",
    ),
    "kpi_cards.download.markdown": ("KPI-Karten (.md)", "KPI cards (.md)"),
    "kpi_cards.download.html": ("KPI-Karten zum Drucken (.html)", "Printable KPI cards (.html)"),
    "kpi_cards.download.html_help": (
        "Im Browser öffnen und drucken: eine Karte pro A4-Seite.",
        "Open in a browser and print: one card per A4 page.",
    ),
    # Short enough for a third of the 1280 px page; the help text says what the workbook holds.
    "kpi_cards.download.excel": ("Excel-Arbeitsmappe (.xlsx)", "Excel workbook (.xlsx)"),
    "kpi_cards.download.excel_help": (
        "Ziele, Shortlist, Stimmen nach Team, Funnel, Messwerte und Aktionsplan, je ein Blatt.",
        "Goals, shortlist, votes by team, funnel, measurements and action plan, one sheet each.",
    ),
    "kpi_cards.language.de": ("Deutsch", "German"),
    "kpi_cards.language.en": ("Englisch", "English"),
    # Excel workbook
    "kpi_cards.xlsx.page": ("Seite {page} von {pages}", "Page {page} of {pages}"),
    "kpi_cards.xlsx.shortlist": ("Shortlist", "Shortlist"),
    "kpi_cards.xlsx.votes": ("Stimmen nach Team", "Votes by team"),
    "kpi_cards.xlsx.measurements": ("Messwerte", "Measurements"),
    "kpi_cards.xlsx.action_plan": ("Aktionsplan", "Action plan"),
    "kpi_cards.xlsx.points": ("Punkte total", "Total points"),
    "kpi_cards.xlsx.voters": ("Anzahl Stimmende", "Voters"),
    "kpi_cards.xlsx.spend": ("Ausgaben (CHF)", "Spend (CHF)"),
    "kpi_cards.xlsx.period": ("Periode", "Period"),
    "kpi_cards.xlsx.yes": ("ja", "yes"),
    "kpi_cards.xlsx.no": ("nein", "no"),
}
