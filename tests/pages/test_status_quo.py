"""Status-quo page: today's KPIs with the vanity check, judged by the facilitator, read by participants."""

from pathlib import Path

import pytest
from tests.support import page_app

from kpi_logic.catalog import catalog_by_id
from kpi_logic.i18n import t
from kpi_logic.vanity import assess

PAGE = "pages/status_quo.py"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _button(app, key: str):
    label = t(app.session_state["language"], key)
    return next(button for button in app.button if button.label == label)


def _facilitator(workshop, language: str = "en"):
    return page_app(PAGE, workshop_id=workshop.id, role="facilitator", language=language).run()


def _metrics(app) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def _upload(app, name: str, data: bytes):
    app.file_uploader[0].set_value((name, data, "text/csv"))
    return _button(app, "words.import.submit").click().run()


@pytest.mark.parametrize("language", ["en", "de"])
def test_each_kpi_shows_the_checks_verdict_reason_and_alternative(store, workshop, language):
    store.status_quo.add(workshop.id, "Instagram-Follower", "alle Konten", "12 400")
    store.status_quo.add(workshop.id, "Win rate", "won deals / opportunities", "22 %")
    app = _facilitator(workshop, language)
    assert not app.exception
    table = app.data_editor[0].value
    assert table["name"].tolist() == ["Instagram-Follower", "Win rate"]
    assert table["engine"].tolist() == [
        t(language, "status_quo.engine.vanity"), t(language, "status_quo.engine.ok")
    ]
    reasons, alternatives = table["reason"].tolist(), table["alternative"].tolist()
    assert "Follower" in reasons[0]
    assert alternatives[0] != "" and alternatives[1] == ""
    # The decision is prefilled with the check's proposal.
    assert table["verdict"].tolist() == ["vanity", "keep"]
    assert _metrics(app) == {
        t(language, "status_quo.metric.total"): "2",
        t(language, "status_quo.metric.engine_vanity"): "1",
        t(language, "status_quo.metric.judged_vanity"): "0",
    }


def test_facilitator_saves_decisions_and_removes_rows(store, workshop):
    follower = store.status_quo.add(workshop.id, "Instagram followers")
    win_rate = store.status_quo.add(workshop.id, "Win rate")
    page_views = store.status_quo.add(workshop.id, "Page views")
    app = _facilitator(workshop)
    app.session_state[app.data_editor[0].key] = {
        "edited_rows": {1: {"verdict": "drop"}, 2: {"delete": True}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app = _button(app, "status_quo.save").click().run()
    assert not app.exception
    assert {kpi.id: kpi.verdict for kpi in store.status_quo.list(workshop.id)} == {
        follower.id: "vanity", win_rate.id: "drop"
    }
    assert page_views.id not in {kpi.id for kpi in store.status_quo.list(workshop.id)}
    assert _metrics(app)[t("en", "status_quo.metric.judged_vanity")] == "1"
    assert [toast.value for toast in app.toast] == [t("en", "status_quo.saved", count=2, removed=t("en", "status_quo.removed", count=1))]


def test_facilitator_adds_a_kpi_by_hand(store, workshop):
    app = _facilitator(workshop)
    app.text_input(key="status_new_name").set_value("Newsletter-Abonnenten")
    app.text_area(key="status_new_description").set_value("alle aktiven Empfänger")
    app.text_input(key="status_new_current_value").set_value("3 200")
    app = _button(app, "status_quo.add.submit").click().run()
    assert not app.exception
    (kpi,) = store.status_quo.list(workshop.id)
    assert (kpi.name, kpi.description, kpi.current_value) == (
        "Newsletter-Abonnenten", "alle aktiven Empfänger", "3 200"
    )
    assert app.text_input(key="status_new_name").value == ""


@pytest.mark.parametrize(
    "field,value",
    [
        ("name", ""),
        ("name", "   "),
        ("name", "K" * 121),
        ("name", "x" * 10_000),
        ("name", "Leads\x1b[31m"),
        ("description", "d" * 2_001),
        ("current_value", "9" * 81),
    ],
    ids=["empty", "blank", "121", "10k", "escape-code", "long-description", "long-value"],
)
def test_a_bad_kpi_gives_a_message_and_stores_nothing(store, workshop, field, value):
    app = _facilitator(workshop)
    widgets = {"name": "Leads", "description": "", "current_value": "", field: value}
    for name, text in widgets.items():
        widget = app.text_area if name == "description" else app.text_input
        widget(key=f"status_new_{name}").set_value(text)
    app = _button(app, "status_quo.add.submit").click().run()
    assert not app.exception
    assert store.status_quo.list(workshop.id) == []
    assert len(app.error) == 1 and t("en", f"errors.field.{field}") in app.error[0].value.replace("\\", "")


@pytest.mark.parametrize(
    "name",
    ["<b>x</b>", "[x](javascript:alert(1))", "<script>alert(1)</script>", "Reichweite 📣 Zürich", "מספר עוקבים"],
)
def test_kpi_names_are_shown_as_typed(store, workshop, name):
    store.status_quo.add(workshop.id, name)
    app = _facilitator(workshop)
    assert app.data_editor[0].value["name"].tolist() == [name]


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_cp1252_file_from_swiss_excel_is_imported(store, workshop, language):
    data = (FIXTURES / "status_cp1252_semicolons.csv").read_bytes()
    app = _upload(_facilitator(workshop, language), "kpis.csv", data)
    assert not app.exception
    names = [kpi.name for kpi in store.status_quo.list(workshop.id)]
    assert names == ["Anzahl Follower", "Abschlussquote", "Umsatzveränderung"]
    assert t(language, "status_quo.import.done", count=3) in [toast.value for toast in app.toast]


def test_ignored_columns_are_named_after_the_import(store, workshop):
    data = (FIXTURES / "status_extra_columns.csv").read_bytes()
    app = _upload(_facilitator(workshop), "kpis.csv", data)
    assert len(store.status_quo.list(workshop.id)) == 2
    assert any("Verantwortlich, Quelle" in toast.value for toast in app.toast)


@pytest.mark.parametrize(
    "language,data,expected",
    [
        ("en", b"Name;Wert\nLeads;3\nChurn;=1+1\n", 'row 3, column "Wert"'),
        ("de", b"Name;Wert\nLeads;3\nChurn;=1+1\n", "Zeile 3, Spalte «Wert»"),
        ("en", b"Name;Wert\nLeads;3\nleads;4\n", "row 3"),
        ("en", b"Titel;Wert\nLeads;3\n", "row 1"),
        ("en", b"Name\n" + b"x" * 10_000_000, "10.0 MB"),
    ],
    ids=["formula-en", "formula-de", "duplicate", "no-name-column", "10mb"],
)
def test_a_bad_file_is_refused_whole_with_row_and_column(store, workshop, language, data, expected):
    store.status_quo.add(workshop.id, "Already there")
    app = _upload(_facilitator(workshop, language), "status.csv", data)
    assert not app.exception
    assert [kpi.name for kpi in store.status_quo.list(workshop.id)] == ["Already there"]
    (error,) = app.error
    shown = error.value.replace("\\", "")  # as the reader sees the escaped Markdown
    assert "status.csv" in shown and expected in shown


def test_importing_the_same_file_twice_lists_each_kpi_once(store, workshop):
    data = (FIXTURES / "status_utf8_tabs.tsv").read_bytes()
    app = _upload(_facilitator(workshop), "kpis.tsv", data)
    app = _upload(app, "kpis.tsv", data)
    assert len(store.status_quo.list(workshop.id)) == 2
    assert "already in the list" in app.error[0].value


def test_a_kpi_typed_twice_is_added_once(store, workshop):
    store.status_quo.add(workshop.id, "Win rate")
    app = _facilitator(workshop)
    app.text_input(key="status_new_name").set_value("win  RATE")
    app = _button(app, "status_quo.add.submit").click().run()
    assert len(store.status_quo.list(workshop.id)) == 1
    assert "already in the list" in app.error[0].value


def test_a_file_name_with_markup_is_shown_as_text(workshop):
    app = _upload(_facilitator(workshop), "<b>[x](javascript:alert(1))</b>.csv", b"")
    (error,) = app.error
    assert "\\[x\\]" in error.value and "<b>" not in error.value


def test_import_without_a_file_asks_for_one(store, workshop):
    app = _button(_facilitator(workshop), "words.import.submit").click().run()
    assert [warning.value for warning in app.warning] == [t("en", "words.import.no_file")]


def test_the_checks_alternatives_become_vote_candidates(store, workshop):
    store.status_quo.add(workshop.id, "Instagram followers")
    alternative = assess("Instagram followers").alternative
    app = _facilitator(workshop)
    (picker,) = app.multiselect
    assert picker.options == [catalog_by_id()[alternative].name.en]
    app = _button(app, "status_quo.alternatives.submit").click().run()
    assert not app.exception
    assert [candidate.catalog_id for candidate in store.candidates.list(workshop.id)] == [alternative]
    assert len(app.multiselect) == 0, "an alternative already up for the vote is not offered again"


def test_participants_read_the_list_without_a_control_that_writes(store, workshop):
    store.status_quo.add(workshop.id, "Instagram followers", verdict="vanity")
    participant = store.participants.join(workshop.join_code, "Anna", "marketing")
    app = page_app(PAGE, workshop_id=workshop.id, role="participant", participant_id=participant.id).run()
    assert not app.exception
    (table,) = app.dataframe
    assert table.value["verdict"].tolist() == [t("en", "status_quo.verdict.vanity")]
    assert len(app.data_editor) == len(app.text_input) == len(app.file_uploader) == len(app.multiselect) == 0
    assert [button.label for button in app.button] == [t("en", "sidebar.leave")]


def test_without_a_role_the_page_shows_no_kpi_and_no_input(store, workshop):
    store.status_quo.add(workshop.id, "Secret churn figure")
    app = page_app(PAGE).run()
    assert not app.exception
    assert len(app.dataframe) == len(app.metric) == len(app.text_input) == len(app.button) == 0
    assert not any("Secret" in element.value for element in (*app.markdown, *app.info, *app.caption))
