"""Share page: viewers read the agreed set and download it, nothing more; the facilitator shares and imports."""

from __future__ import annotations

import json
import re

import pytest
from pathlib import Path

from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Widget

from kpi_logic import export, workshop_json
from kpi_logic.text import escape_markdown
from kpi_logic.demo import create_demo
from kpi_logic.i18n import t
from kpi_logic.links import SHARE_PARAM
from tests.support import page_app
from ui import session

PAGE = "pages/share.py"
CSV_CHOICE = "share_csv_dialect"  # picks the CSV's number form; changes no data
NEW_PIN = "987600"


@pytest.fixture
def demo(store):
    return create_demo(store)


def _viewer(demo, language="en"):
    app = page_app(PAGE, language=language)
    app.query_params[SHARE_PARAM] = demo.share_token
    return app.run()


def _download_labels(app) -> list[str]:
    return [button.label for button in app.main.get("download_button")]


def _widgets_that_write(app) -> list[str]:
    """Every element of the page body through which a session could change data."""
    found = []
    for node in app.main:
        if node.type == "form":
            found.append("form")
        elif getattr(node, "editing_mode", "read_only") != "read_only":
            found.append("data_editor")
        elif isinstance(node, Widget) and node.type != "download_button" and node.key != CSV_CHOICE:
            found.append(node.type)
    return found


def _table_text(app) -> str:
    return " ".join(frame.value.to_string() for frame in app.dataframe)


def _markdown_text(app) -> str:
    return " ".join(block.value for block in app.main.get("markdown"))


@pytest.mark.parametrize("language", ["de", "en"])
def test_viewer_by_share_link_sees_goals_shortlist_and_downloads(store, demo, language):
    app = _viewer(demo, language)
    assert not app.exception
    assert app.session_state[session.ROLE] == session.VIEWER
    tables = _table_text(app)
    for goal in store.goals.list(demo.id):
        assert goal.title in tables
    for kpi in export.share_data(store, demo.id).kpis:
        card = "\n".join(export.kpi_markdown(kpi, language, strict=True)).rstrip()
        assert card in _markdown_text(app)
        assert escape_markdown(kpi.entry.owner) in card
    assert _download_labels(app) == [
        t(language, "share.download.markdown"),
        t(language, "share.download.text"),
        t(language, "share.download.csv"),
    ]


def test_viewer_gets_no_widget_that_writes(demo):
    app = _viewer(demo)
    assert not app.exception
    assert _widgets_that_write(app) == []


def test_viewer_cannot_take_out_the_votes_in_the_json(store, demo):
    participant = store.participants.list(demo.id)[0]
    for app in (_viewer(demo), page_app(PAGE, workshop_id=demo.id, role=session.PARTICIPANT,
                                        participant_id=participant.id).run()):
        assert t("en", "share.download.json") not in _download_labels(app)
        assert not app.main.get("image")  # no QR codes, no links to hand out


def test_facilitator_sees_share_and_join_links_with_qr_codes(demo):
    app = page_app(PAGE, workshop_id=demo.id, role=session.FACILITATOR).run()
    assert not app.exception
    codes = [code.value for code in app.code]
    assert any(code.endswith(f"/?share={demo.share_token}") for code in codes)
    assert any(code.endswith(f"/?join={demo.join_code}") for code in codes)
    assert len(app.main.get("image")) == 2
    assert t("en", "share.download.json") in _download_labels(app)
    assert "form" in _widgets_that_write(app)  # the import: and proof the check above sees forms


def test_user_text_is_shown_as_characters_in_the_one_pager(store, workshop):
    attack = "[x](javascript:alert(1))"
    candidate = store.candidates.add(workshop.id, name=attack, stage="lead", team="sales")
    store.shortlist.set(workshop.id, [candidate], actor="Moderation")
    app = page_app(PAGE, workshop_id=workshop.id, role=session.VIEWER).run()
    assert not app.exception
    shown = _markdown_text(app)
    assert escape_markdown(attack) in shown
    assert not re.search(r"(?<!\\)\[x\]\(javascript", shown)


def _import(app, data: bytes | None, pin: str = NEW_PIN):
    if data is not None:
        app.file_uploader[0].set_value(("workshop.json", data, "application/json"))
    next(field for field in app.text_input if field.label == t("en", "share.import.pin")).set_value(pin)
    next(b for b in app.button if b.label == t("en", "share.import.submit")).click()
    return app.run()


def test_import_of_a_good_json_creates_a_new_workshop(store, demo):
    data = workshop_json.workshop_json(store, demo.id)
    app = _import(page_app(PAGE, workshop_id=demo.id).run(), data)
    assert not app.exception
    workshops = store.workshops.list()
    assert len(workshops) == 2
    imported = next(ws for ws in workshops if ws.id != demo.id)
    assert imported.join_code in app.success[0].value
    assert store.workshops.check_pin(imported.id, NEW_PIN)
    assert app.session_state[session.WORKSHOP_ID] == demo.id  # the facilitator stays where they were


@pytest.mark.parametrize(
    "data,pin,reason",
    [
        (b"{not json", NEW_PIN, "not valid JSON"),
        (json.dumps({"format": "excel", "version": 1}).encode(), NEW_PIN, "format"),
        (json.dumps({"format": "kpi-workshop", "version": 99}).encode(), NEW_PIN, "version"),
        (b"\xff\xfe\x00garbage", NEW_PIN, "not UTF"),
        (None, NEW_PIN, t("en", "share.import.no_file")),
        ("valid", "", "PIN"),
    ],
    ids=["not-json", "wrong-format", "wrong-version", "not-utf8", "no-file", "empty-pin"],
)
def test_bad_import_shows_the_reason_and_creates_nothing(store, demo, data, pin, reason):
    if data == "valid":
        data = workshop_json.workshop_json(store, demo.id)
    app = _import(page_app(PAGE, workshop_id=demo.id).run(), data, pin)
    assert not app.exception
    assert [ws.id for ws in store.workshops.list()] == [demo.id]
    assert reason.lower() in app.error[0].value.lower()


def test_without_a_role_the_page_shows_no_data(demo):
    app = page_app(PAGE).run()
    assert not app.exception
    assert not app.dataframe and not app.main.get("download_button")
    assert _widgets_that_write(app) == []
    assert demo.name not in _markdown_text(app)


def test_unknown_share_token_shows_no_data(demo):
    app = page_app(PAGE)
    app.query_params[SHARE_PARAM] = "not-a-token"
    app.run()
    assert not app.exception
    assert app.error and not app.dataframe and not app.main.get("download_button")


def _browser_viewer(demo, locale: str):
    """A share-link viewer whose browser sends `locale` and who has chosen no language."""
    app = AppTest.from_file(str(Path(__file__).resolve().parents[2] / PAGE), default_timeout=30)
    app.context = {"locale": locale, "url": "https://kpi.example.ch/share"}
    app.query_params[SHARE_PARAM] = demo.share_token
    return app.run()


@pytest.mark.parametrize("locale,company,status,dialect", [
    ("en-US", "Company", "agreed", "ch"), ("de-DE", "Firma", "vereinbart", "de_at"),
])
def test_share_link_reads_as_a_document_in_the_viewers_language(store, demo, locale, company, status, dialect):
    app = _browser_viewer(demo, locale)
    assert not app.exception
    assert not app.title  # no "Teilen / Share" page title: the document heads itself
    assert escape_markdown(demo.name) in app.header[0].value
    first_lines = app.main.get("markdown")[0].value
    assert company in first_lines and "Alpenblick" in first_lines and status in first_lines
    assert not [button for button in app.sidebar.button if button.key == "leave_workshop"]
    assert app.get("button_group")[0].value == dialect
