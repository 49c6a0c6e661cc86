"""Exports keep user text inert (Markdown, CSV) and a workshop JSON comes back whole; bad files write nothing."""

from __future__ import annotations

import codecs
import csv
import io
import json
import re

import pytest

from kpi_logic import export, shortlist_csv, workshop_json
from kpi_logic.text import WORD_JOINER, escape_markdown, markdown_inline
from kpi_logic.demo import create_demo
from kpi_logic.errors import InvalidImport

PIN = "471100"
ATTACK_NAME = "[x](javascript:alert(1))"

# Every character escape_markdown must neutralise, and how a CommonMark renderer reads the result back.
SPECIALS = "\\`*_{}[]()#+-.!|~:$&"
LIVE_MARKDOWN = re.compile(
    r"(?:\\[" + re.escape(SPECIALS) + r"]|&lt;|&gt;|[^" + re.escape(SPECIALS) + r"<>])*"
)


def _rendered_text(markdown: str) -> str:
    """The characters a CommonMark renderer shows for escaped inline text."""
    entities = {"&lt;": "<", "&gt;": ">"}
    return re.sub(
        r"\\([" + re.escape(SPECIALS) + r"])|&lt;|&gt;",
        lambda match: match.group(1) or entities[match.group(0)],
        markdown,
    )


MARKDOWN_CASES = [
    "<b>x</b>",
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    ATTACK_NAME,
    "<javascript:alert(1)>",
    "https://evil.example/login",
    "**fett** _kursiv_ ~~weg~~ `code`",
    "# Titel",
    "| a | b |",
    "1. Liste",
    "- Punkt",
    "$x^2$ und :red[rot] :tada:",
    "R&D &lt;b&gt;",
    r"C:\temp\*",
    "Kundenzufriedenheit 😀🚀",
    "Grösse, Zürich, Genève, Ærø",
    "مرحبا بالعالم שלום",
]


@pytest.mark.parametrize("text", MARKDOWN_CASES)
def test_user_text_in_markdown_has_no_live_markup(text):
    escaped = escape_markdown(text)
    assert LIVE_MARKDOWN.fullmatch(escaped), escaped
    assert "<" not in escaped and ">" not in escaped


@pytest.mark.parametrize("text", MARKDOWN_CASES)
def test_user_text_in_markdown_reads_as_the_same_characters(text):
    # The word joiners that defuse autolinks are invisible and take no space.
    assert _rendered_text(escape_markdown(text)).replace(WORD_JOINER, "") == text


@pytest.mark.parametrize("text", ["Kundenzufriedenheit 😀🚀", "Grösse Zürich Genève", "مرحبا שלום"])
def test_plain_letters_and_emoji_are_left_as_they_are(text):
    assert escape_markdown(text) == text


def test_line_breaks_in_user_text_cannot_start_a_new_markdown_block():
    assert escape_markdown("Umsatz\n# Titel\n\n- Punkt") == r"Umsatz \# Titel \- Punkt"


@pytest.fixture
def agreed(store, workshop):
    """A workshop with a goal, a custom KPI named like an attack, a catalogue KPI and a funnel."""
    goal = store.goals.add(
        workshop.id, "Mehr Neukunden", metric="Neukunden pro Jahr", baseline=40, target=52,
        deadline="2027-12-31",
    )
    custom = store.candidates.add(
        workshop.id, name=ATTACK_NAME, definition="<b>fett</b>", stage="lead", team="marketing"
    )
    win_rate = store.candidates.add(workshop.id, catalog_id="win_rate")
    store.shortlist.set(workshop.id, [custom, win_rate], actor="Moderation")
    first, second = store.shortlist.list(workshop.id)
    store.shortlist.update_entry(
        workshop.id, first.id, "Moderation", owner="=SUM(A1)", baseline=-1.5, target=12,
        target_date="2027-06-30", cadence="monthly", data_source="@cmd", goal_ids=[goal.id],
    )
    store.shortlist.update_entry(workshop.id, second.id, "Moderation", owner="Marco Widmer",
                                 cadence="quarterly")
    store.funnel.set(workshop.id, [
        {"stage": "lead", "baseline_volume": 1000, "target_volume": 1200},
        {"stage": "opportunity", "baseline_volume": 100, "target_volume": 150},
    ])
    return workshop


@pytest.mark.parametrize(
    "language,headings,win_rate",
    [
        ("de", ["## Ziele", "## Die vereinbarten KPIs", "## Funnel"], "Gewinnquote (Win Rate)"),
        ("en", ["## Goals", "## The agreed KPIs", "## Funnel"], "Win rate"),
    ],
)
def test_one_pager_has_goals_kpis_and_funnel_in_the_chosen_language(
    store, agreed, language, headings, win_rate
):
    markdown = export.one_pager_markdown(store, agreed.id, language)
    for heading in headings:
        assert f"\n{heading}\n" in markdown
    assert "Mehr Neukunden" in markdown and "40 → 52" in markdown
    assert f"### 2. {win_rate}" in markdown
    assert "Marco Widmer" in markdown
    assert ("quartalsweise" if language == "de" else "quarterly") in markdown
    assert "10.0%" in markdown  # 1000 leads → 100 opportunities, today


def test_one_pager_shows_attack_names_as_characters(store, agreed):
    markdown = export.one_pager_markdown(store, agreed.id, "en")
    assert not re.search(r"(?<!\\)\[x\]\(javascript", markdown) and "<b>" not in markdown
    assert markdown_inline(ATTACK_NAME) in markdown
    assert "&lt;b>fett&lt;/b>" in markdown


def test_one_pager_places_kpis_on_their_funnel_stage(store, agreed):
    markdown = export.one_pager_markdown(store, agreed.id, "en")
    lead_row = next(line for line in markdown.splitlines() if line.startswith("| Lead |"))
    assert lead_row.endswith(f"| {markdown_inline(ATTACK_NAME, table_cell=True)} |")


def test_one_pager_of_an_empty_workshop_says_what_is_missing(store, workshop):
    markdown = export.one_pager_markdown(store, workshop.id, "de")
    assert "Noch keine Ziele erfasst." in markdown
    assert "Noch keine Shortlist." in markdown
    assert "Noch keine Funnel-Zahlen." in markdown


def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.parametrize(
    "language,header_start",
    [("de", ["Nr.", "KPI", "Definition", "Formel"]), ("en", ["No.", "KPI", "Definition", "Formula"])],
)
def test_shortlist_csv_opens_with_a_header_in_the_chosen_language(store, agreed, language, header_start):
    rows = _csv_rows(shortlist_csv.shortlist_csv(store, agreed.id, language))
    assert rows[0][:4] == header_start
    assert len(rows) == 3  # header and two KPIs
    assert rows[2][1] == ("Gewinnquote (Win Rate)" if language == "de" else "Win rate")


@pytest.mark.parametrize(
    "text,cell",
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-1+1", "'-1+1"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Umsatz = Preis", "Umsatz = Preis"),
        ("Marco", "Marco"),
    ],
)
def test_csv_text_cannot_start_a_formula(text, cell):
    assert shortlist_csv.neutralise_cell(text) == cell


@pytest.mark.parametrize(
    "number,cell", [(-1.5, "-1.5"), (12.0, "12"), (0.125, "0.125"), (-3, "-3"), (None, "")]
)
def test_csv_numbers_stay_numbers_even_when_negative(number, cell):
    assert shortlist_csv.neutralise_cell(number) == cell


def test_shortlist_csv_neutralises_formulas_from_the_store(store, agreed):
    header, first, _ = _csv_rows(shortlist_csv.shortlist_csv(store, agreed.id, "en"))
    row = dict(zip(header, first))
    assert row["Owner"] == "'=SUM(A1)"
    assert row["Data source"] == "'@cmd"
    assert row["Baseline"] == "-1.5" and row["Target"] == "12"
    assert row["KPI"] == ATTACK_NAME  # CSV is plain text: no Markdown escaping there


def _normalised(export_data: dict) -> dict:
    """The export with row ids replaced by each row's place in its list, so two exports compare."""
    places = {
        section: {row["id"]: place for place, row in enumerate(export_data[section])}
        for section in ("participants", "candidates", "goals")
    }
    references = {"participant_id": "participants", "proposed_by": "participants",
                  "candidate_id": "candidates"}

    def walk(value, section=None):
        if isinstance(value, list):
            return [walk(item, section) for item in value]
        if not isinstance(value, dict):
            return value
        result = {}
        for key, item in value.items():
            if key == "id" and section in places:
                result[key] = places[section][item]
            elif key in references and item is not None:
                result[key] = places[references[key]][item]
            elif key == "goal_ids":
                result[key] = [places["goals"][goal_id] for goal_id in item]
            else:
                result[key] = walk(item, key)
        return result

    return walk(export_data)


def test_json_export_imported_again_gives_the_same_workshop(store):
    demo = create_demo(store)
    original = workshop_json.workshop_json(store, demo.id)
    copy = workshop_json.import_workshop_json(store, original, "987600")
    assert copy.id != demo.id and copy.join_code != demo.join_code
    again = workshop_json.workshop_json(store, copy.id)
    assert _normalised(json.loads(again)) == _normalised(json.loads(original))
    assert store.workshops.check_pin(copy.id, "987600")


def test_json_export_is_readable_utf8_without_secrets(store, agreed):
    data = workshop_json.workshop_json(store, agreed.id)
    text = data.decode("utf-8")
    assert "Frühjahr 2027" in text and "\n  " in text
    assert agreed.join_code not in text and agreed.share_token not in text and "pin" not in text


def _valid_export(store, workshop) -> dict:
    return json.loads(workshop_json.workshop_json(store, workshop.id))


def _mutated(change):
    def build(valid: dict) -> bytes:
        data = json.loads(json.dumps(valid))
        change(data)
        return json.dumps(data).encode()

    return build


BAD_FILES = [
    ("not JSON", lambda valid: b"this is not json", "not valid JSON"),
    ("empty file", lambda valid: b"", "not valid JSON"),
    ("a list", lambda valid: b"[]", "one JSON object"),
    ("Windows-1252", lambda valid: '{"name": "Zürich"}'.encode("cp1252"), "not UTF-8"),
    ("wrong format tag", _mutated(lambda d: d.update(format="excel")), "format"),
    ("missing format tag", _mutated(lambda d: d.pop("format")), "format"),
    ("unknown version", _mutated(lambda d: d.update(version=2)), "version"),
    ("version as text", _mutated(lambda d: d.update(version="1")), "version"),
    ("missing workshop", _mutated(lambda d: d.pop("workshop")), "workshop"),
    ("workshop name missing", _mutated(lambda d: d["workshop"].pop("name")), "workshop.name"),
    ("budget as text", _mutated(lambda d: d["workshop"].update(vote_budget="5")), "vote_budget"),
    ("participants not a list", _mutated(lambda d: d.update(participants="Anna")), "participants"),
    ("goal baseline NaN", lambda valid: json.dumps(valid).replace('"baseline": 40.0', '"baseline": NaN')
     .encode(), "NaN"),
    ("duplicate key", lambda valid: json.dumps(valid).replace('{"format"', '{"format": "x", "format"', 1)
     .encode(), "twice"),
    ("nested too deeply", lambda valid: b"[" * 100_000 + b"]" * 100_000, "JSON"),
    ("10 MB", lambda valid: json.dumps({**valid, "padding": "x" * 10_000_000}).encode(), "MB"),
]


@pytest.mark.parametrize(
    "make_file,reason", [case[1:] for case in BAD_FILES], ids=[case[0] for case in BAD_FILES]
)
def test_bad_workshop_file_is_refused_with_its_reason_and_writes_nothing(store, agreed, make_file, reason):
    data = make_file(_valid_export(store, agreed))
    before = store.workshops.list()
    with pytest.raises(InvalidImport, match=re.escape(reason)):
        workshop_json.import_workshop_json(store, data, "987600")
    assert store.workshops.list() == before


def test_workshop_file_with_a_byte_order_mark_is_accepted(store, agreed):
    data = codecs.BOM_UTF8 + workshop_json.workshop_json(store, agreed.id)
    assert workshop_json.import_workshop_json(store, data, "987600").name == agreed.name
