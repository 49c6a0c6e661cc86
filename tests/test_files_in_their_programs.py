"""Each output opened the way its program opens it: LibreOffice for CSV and workbook, a second iCalendar
parser for the calendar, three Markdown renderers for the one-pager, zbarimg for the QR codes."""

from __future__ import annotations

import html
import re
import subprocess
from datetime import date
from io import BytesIO
from pathlib import Path
from types import SimpleNamespace

import holidays
import markdown as python_markdown
import pytest
import recurring_ical_events
import vobject
from icalendar import Calendar
from markdown_it import MarkdownIt
from openpyxl import load_workbook

from kpi_logic import export, review, shortlist_csv
from kpi_logic.calendar_export import review_calendar, review_dates
from kpi_logic.demo import create_demo
from kpi_logic.formatting import format_date, format_number, format_percent
from kpi_logic.i18n import t
from kpi_logic.links import app_address, join_url, qr_png
from kpi_logic.review import DueReview
from kpi_logic.review_view import due_table
from kpi_logic.workbook import workbook_file_name, workshop_workbook

# LibreOffice's CSV filter: `;` separated, `"` quoted, UTF-8, from line 1, then the locale (LCID)
# whose number format it reads with, as Excel does with the system's settings.
LOCALE_IDS = {"de-CH": 2055, "de-DE": 1031, "de-AT": 3079}
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def _soffice(tmp_path: Path, source: Path, target: str, *options: str) -> Path:
    """`source` converted by LibreOffice headless (own profile, so runs never share a lock)."""
    out = tmp_path / "out"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", *options,
         "--convert-to", target, "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    return out / f"{source.stem}.{target.split(':')[0]}"


@pytest.fixture
def demo(store):
    return create_demo(store)


@pytest.fixture
def fractional(store, demo):
    """The demo with the numbers that the demo's whole numbers hide: 0.125, -1.5 and 1234.5."""
    first, second = store.shortlist.list(demo.id)[:2]
    store.shortlist.update_entry(demo.id, first.id, "Moderation", baseline=0.125, target=1234.5)
    store.shortlist.update_entry(demo.id, second.id, "Moderation", baseline=-1.5, target=2_400_000)
    return demo


# ---------------------------------------------------------------- 1. CSV in Swiss and German Excel


@pytest.mark.parametrize("dialect,locale", [("ch", "de-CH"), ("de_at", "de-DE"), ("de_at", "de-AT")])
def test_csv_numbers_read_back_as_numbers_in_libreoffice_with_the_matching_locale(
    store, fractional, tmp_path, dialect, locale
):
    source = tmp_path / "shortlist.csv"
    source.write_bytes(shortlist_csv.shortlist_csv(store, fractional.id, "de", dialect))
    converted = _soffice(tmp_path, source, "xlsx", f"--infilter=CSV:59,34,76,1,,{LOCALE_IDS[locale]}")
    rows = list(load_workbook(converted).active.iter_rows(values_only=True))
    header = rows[0]
    columns = [header.index("Ausgangswert"), header.index("Zielwert")]
    assert [[row[column] for column in columns] for row in rows[1:3]] == [[0.125, 1234.5], [-1.5, 2_400_000]]


@pytest.mark.parametrize("browser,dialect", [("de-CH", "ch"), ("de-DE", "de_at"), ("de_AT", "de_at"),
                                             ("en-US", "ch"), (None, "ch"), ("de", "ch")])
def test_csv_form_offered_first_follows_the_browser_locale(browser, dialect):
    assert shortlist_csv.csv_dialect(browser) == dialect


# ---------------------------------------------------------------- 2 and 3. the workbook printed


def test_demo_workbook_prints_on_at_most_six_pages_with_every_definition_whole(store, demo, tmp_path):
    source = tmp_path / "demo.xlsx"
    source.write_bytes(workshop_workbook(store, demo.id, "de"))
    pdf = _soffice(tmp_path, source, "pdf")
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout).group(1))
    assert pages <= 6
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    for kpi in export.share_data(store, demo.id).kpis:
        assert " ".join(kpi.definition.get("de").split()) in flat, kpi.name.get("de")
    assert "Seite 1 von" in flat and "Alpenblick" in flat
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(ARTIFACTS / "workbook-page")], check=True)


def test_formula_like_text_prints_as_typed_without_an_apostrophe(store, demo, tmp_path):
    entry = store.shortlist.list(demo.id)[0]
    store.shortlist.update_entry(demo.id, entry.id, "Moderation", owner="+41 79 123 45 67")
    source = tmp_path / "demo.xlsx"
    source.write_bytes(workshop_workbook(store, demo.id, "de"))
    text = subprocess.run(["pdftotext", "-raw", str(_soffice(tmp_path, source, "pdf")), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "+41 79 123 45 67" in text and "'+41" not in text


def test_workbook_file_name_has_the_workshops_name_and_date(demo):
    name = workbook_file_name(demo, "de")
    assert name.startswith("kpi-set-kpi-workshop-marketing-vertrieb-demo-2") and name.endswith("-de.xlsx")
    assert str(demo.id) not in name.split("demo-")[0]


# ---------------------------------------------------------------- 4. the calendar in a second parser


def _due(candidate_id: int, cadence: str, next_review: date) -> DueReview:
    return DueReview(candidate_id, candidate_id, f"KPI {candidate_id}", cadence, None, next_review, False)


CALENDAR_CASES = [
    _due(1, "monthly", date(2027, 1, 31)), _due(2, "monthly", date(2027, 1, 30)),
    _due(3, "quarterly", date(2027, 3, 29)), _due(4, "weekly", date(2027, 1, 1)),
    _due(5, "monthly", date(2027, 5, 15)), _due(6, "quarterly", date(2026, 12, 25)),
]
WORKSHOP = SimpleNamespace(name="Marketing, Vertrieb; Frühjahr", share_token="token")


def test_every_series_expands_in_a_second_parser_to_the_apps_working_day_dates():
    today = date(2026, 12, 1)
    data = review_calendar(CALENDAR_CASES, WORKSHOP, "de", today)
    assert b"BYSETPOS" not in data and b"BYMONTHDAY=-1" in data
    found: dict[str, list[date]] = {}
    for event in recurring_ical_events.of(Calendar.from_ical(data)).between(date(2026, 1, 1), date(2029, 1, 1)):
        found.setdefault(str(event["summary"]), []).append(event.decoded("dtstart"))
    swiss = holidays.country_holidays("CH", subdiv="BE", years=range(2026, 2029))
    for item in CALENDAR_CASES:
        days = sorted(found[f"KPI-Review: {item.name}"])
        assert days == sorted(review_dates(item.cadence, item.next_review)), item.name
        assert all(day.weekday() < 5 and day not in swiss for day in days), item.name
    month_ends = sorted(found["KPI-Review: KPI 1"])
    assert len(month_ends) == 12 and len({(day.year, day.month) for day in month_ends}) == 12


# Last reviews whose next one falls on a holiday or a weekend: (cadence, last review, held on).
HELD_CASES = [
    ("weekly", date(2026, 12, 25), date(2027, 1, 4)),  # 1 Jan is a holiday, 2 Jan a Saturday
    ("monthly", date(2026, 12, 31), date(2027, 1, 29)),  # 31 Jan is a Sunday; a month-end stays in January
    ("quarterly", date(2026, 12, 28), date(2027, 3, 30)),  # 28 Mar 2027 is Easter Sunday, the 29th Easter Monday
    ("monthly", date(2026, 12, 15), date(2027, 1, 15)),  # a working day stays
]


def test_the_review_page_names_the_day_the_calendar_holds_each_next_review():
    """What the review page says is next is the first date a calendar program shows (a holiday moves both)."""
    entries = [SimpleNamespace(id=number, candidate_id=number, catalog_id=None, name=f"KPI {number}", cadence=cadence)
               for number, (cadence, _, _) in enumerate(HELD_CASES, start=1)]
    reviews = [SimpleNamespace(candidate_id=number, date=last) for number, (_, last, _) in enumerate(HELD_CASES, start=1)]
    today = date(2026, 12, 20)
    due = review.due_overview(entries, reviews, {}, "de", date(2026, 12, 1), today)
    first: dict[str, date] = {}
    data = review_calendar(due, WORKSHOP, "de", today)
    for event in recurring_ical_events.of(Calendar.from_ical(data)).between(date(2026, 1, 1), date(2029, 1, 1)):
        name, day = str(event["summary"]), event.decoded("dtstart")
        first[name] = min(day, first.get(name, day))
    table = due_table(due, "de")
    shown = dict(zip(table[t("de", "words.kpi")], table[t("de", "review.due.next")], strict=True))
    for number, (_, _, held) in enumerate(HELD_CASES, start=1):
        name = f"KPI {number}"
        assert first[f"KPI-Review: {name}"] == held, name
        assert shown[name] == format_date(held, "de"), name


def test_calendar_name_survives_vobject_whole():
    data = review_calendar(CALENDAR_CASES, WORKSHOP, "de", date(2026, 12, 1))
    assert vobject.readOne(data.decode()).x_wr_calname.value == "KPI-Reviews Marketing, Vertrieb; Frühjahr"


def test_an_overdue_series_moved_to_a_later_day_gets_a_higher_sequence():
    item = DueReview(1, 1, "CAC", "monthly", None, date(2027, 1, 15), True)
    sequences = [
        int(Calendar.from_ical(review_calendar([item], WORKSHOP, "de", today)).walk("VEVENT")[0]["sequence"])
        for today in (date(2027, 1, 20), date(2027, 2, 3))
    ]
    assert sequences[0] < sequences[1]


# ---------------------------------------------------------------- 5. Markdown in three renderers

HOSTILE = "[x](javascript:alert(1)) ![i](http://e/x.png) <b>f</b> <script>x *em* `c`"


def _renderings(markdown: str) -> dict[str, str]:
    pandoc = subprocess.run(["pandoc", "-f", "markdown", "-t", "html"], input=markdown,
                            capture_output=True, text=True, check=True, timeout=60).stdout
    return {
        "pandoc": pandoc,
        "markdown-it": MarkdownIt("commonmark").enable("table").render(markdown),
        "Python-Markdown": python_markdown.markdown(markdown, extensions=["tables"]),
    }


def _visible(rendered: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", rendered))


@pytest.mark.parametrize("language", ["de", "en"])
def test_demo_one_pager_shows_no_backslash_in_any_renderer(store, demo, language):
    markdown = export.one_pager_markdown(store, demo.id, language)
    for renderer, rendered in _renderings(markdown).items():
        assert "\\" not in _visible(rendered), renderer
        assert "<table" in rendered, renderer


def test_hostile_text_stays_characters_in_every_renderer(store, demo):
    entry = store.shortlist.list(demo.id)[0]
    store.shortlist.update_entry(demo.id, entry.id, "Moderation", owner=HOSTILE, data_source="R&D &amp; $x$ $y$")
    markdown = export.one_pager_markdown(store, demo.id, "de")
    for renderer, rendered in _renderings(markdown).items():
        for live in ("<a ", "<img", "<b>", "<script", "<em>", "<code>", "<math", "<span class=\"math"):
            assert live not in rendered, (renderer, live)
        visible = " ".join(_visible(rendered).split())
        assert " ".join(HOSTILE.split()) in visible, renderer
        assert "R&D &amp; $x$ $y$" in visible, renderer


def test_line_breaks_in_a_definition_are_kept_in_markdown_text_and_workbook(store, workshop):
    candidate = store.candidates.add(workshop.id, name="Lead-Qualität", definition="Zeile eins\n- Zeile zwei\n# drei")
    store.shortlist.set(workshop.id, [candidate], actor="Moderation")
    data = export.share_data(store, workshop.id)
    for renderer, rendered in _renderings(export.render_one_pager(data, "de")).items():
        assert re.search(r"Zeile eins\s*<br\s*/?>\s*- Zeile zwei\s*<br\s*/?>\s*# drei", rendered), renderer
    assert "Definition: Zeile eins\n" in export.render_one_pager_text(data, "de")
    sheet = load_workbook(BytesIO(workshop_workbook(store, workshop.id, "de")))["Shortlist"]
    assert "Zeile eins\n- Zeile zwei\n# drei" in [cell.value for row in sheet.iter_rows() for cell in row]


def test_plain_text_version_has_no_markup_and_every_kpi(store, demo):
    text = export.render_one_pager_text(export.share_data(store, demo.id), "de")
    assert "**" not in text and "\\" not in text and "|" not in text
    for kpi in export.share_data(store, demo.id).kpis:
        assert kpi.name.get("de") in text


def test_a_target_of_one_eighth_reads_in_full_and_a_tiny_rate_is_not_zero():
    assert format_number(0.125, "de") == "0.125"
    assert format_percent(0.00018, "de") == "0.018%"
    assert format_number(9297.45, "de") == "9’297.45"


# ---------------------------------------------------------------- 6. the QR code a phone scans


@pytest.mark.parametrize("page_url,configured,expected", [
    ("http://localhost:8501/share", "", "http://192.168.1.20:8501"),
    ("http://127.0.0.1:8501/", "", "http://192.168.1.20:8501"),
    ("http://localhost:8501/", "https://kpi.example.ch", "https://kpi.example.ch"),
    ("http://10.0.0.5:8501/", "", "http://10.0.0.5:8501"),
])
def test_qr_code_decodes_to_an_address_a_phone_can_reach(tmp_path, page_url, configured, expected):
    address = app_address(page_url, configured, network="192.168.1.20")
    png = tmp_path / "qr.png"
    png.write_bytes(qr_png(join_url(address.url, "ABC123")))
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True,
                             check=True).stdout.strip()
    assert decoded == f"{expected}/?join=ABC123"
