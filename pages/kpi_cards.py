"""KPI cards: one printable card per agreed KPI to train the teams, plus card files and the Excel workbook."""
import streamlit as st
from ui.guard import guard

from kpi_logic.cards import KpiCard, card_heading, card_markdown, cards_html, cards_markdown, kpi_cards
from kpi_logic.domain import LANGUAGES
from kpi_logic.export import file_stem, workshop_day
from kpi_logic.voting import totals_visible
from kpi_logic.workbook import workbook_file_name, workshop_workbook

context = guard("kpi_cards")

store, workshop, say = context.store, context.workshop, context.t
# Static CSS, no user text: the print view hides the app's chrome so only the cards are printed.
PRINT_VIEW_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
@media print { [data-testid="stCheckbox"], [data-testid="stCaptionContainer"] { display: none !important; } }
</style>"""
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _card(card: KpiCard, border: bool) -> None:
    with st.container(border=border):
        st.subheader(card_heading(card))
        st.markdown(card_markdown(card, context.language))


def _downloads() -> None:
    st.subheader(say("words.downloads"))
    language = st.radio(
        say("kpi_cards.file_language"), LANGUAGES, index=LANGUAGES.index(context.language),
        format_func=lambda code: say(f"kpi_cards.language.{code}"), horizontal=True,
        help=say("kpi_cards.file_language_help"),
    )
    file_cards = kpi_cards(store, workshop.id, language)
    stem = f"{file_stem(workshop.name, workshop_day(workshop))}-{language}"
    markdown_column, html_column, excel_column = st.columns(3)
    markdown_column.download_button(
        say("kpi_cards.download.markdown"), cards_markdown(file_cards, workshop.name, language),
        file_name=f"{stem}-cards.md", mime="text/markdown", icon="📝",
    )
    html_column.download_button(
        say("kpi_cards.download.html"), cards_html(file_cards, workshop.name, language),
        file_name=f"{stem}-cards.html", mime="text/html", icon="🖨️", help=say("kpi_cards.download.html_help"),
    )
    # The workbook's votes sheet holds the totals per KPI and team: not while voting is blind.
    if not totals_visible(workshop.results_hidden, workshop.revealed, context.is_facilitator):
        excel_column.caption(say("kpi_cards.download.excel_blind"))
        return
    # Built only when clicked: the workbook holds every vote, too much to write on every run.
    excel_column.download_button(
        say("kpi_cards.download.excel"), lambda: workshop_workbook(store, workshop.id, language),
        file_name=workbook_file_name(workshop, language), mime=XLSX_MIME, icon="📊", help=say("kpi_cards.download.excel_help"),
    )


print_view = st.toggle(say("kpi_cards.print_view"), help=say("kpi_cards.print_view_help"))
if print_view:
    st.html(PRINT_VIEW_CSS)
    st.caption(say("kpi_cards.print_hint"))
else:
    st.caption(say("kpi_cards.intro"))
cards = kpi_cards(store, workshop.id, context.language)
if not cards:
    st.info(say("kpi_cards.empty"))
for card in cards:
    _card(card, border=not print_view)
if not print_view:
    _downloads()
