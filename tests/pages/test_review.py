"""Review page: actual values against target with a status, what review is due, and the review log."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kpi_logic.i18n import t
from tests.support import FACILITATOR_PIN, page_app
from ui import session

PAGE = "pages/review.py"
TODAY = date.today()
THIS_MONTH = TODAY.replace(day=1)


@pytest.fixture
def reviewed(store):
    """A workshop held 60 days ago whose shortlist is the win rate (20 → 30 in ~a year) and the CAC."""
    workshop = store.workshops.create("Review <b>Test</b>", facilitator_pin=FACILITATOR_PIN, language="de",
                                     workshop_date=TODAY - timedelta(days=60))
    win_rate = store.candidates.add(workshop.id, "win_rate")
    cac = store.candidates.add(workshop.id, "cac")
    store.shortlist.set(workshop.id, [win_rate, cac], actor="Moderation")
    entry = store.shortlist.list(workshop.id)[0]
    store.shortlist.update_entry(workshop.id, entry.id, "Moderation", baseline=20, target=30,
                                 target_date=TODAY + timedelta(days=300), cadence="monthly")
    return workshop


def _status_shown(app, language: str, code: str) -> bool:
    return any(t(language, f"review.status.{code}") in markdown.value for markdown in app.markdown)


def _submit(app, label: str, language: str = "en"):
    next(button for button in app.button if button.label == t(language, label)).click()
    return app.run()


def _measure(app, value: str):
    app.text_input(key="review_measure_value").set_value(value)
    return _submit(app, "review.measure.submit")


def test_facilitator_adds_a_measurement_and_the_status_changes(store, reviewed):
    app = page_app(PAGE, workshop_id=reviewed.id).run()
    assert not app.exception
    assert _status_shown(app, "en", "no_data")
    app = _measure(app, "25")
    assert not app.exception
    assert store.measurements.list(reviewed.id)["value"].tolist() == [25.0]
    assert _status_shown(app, "en", "on_track")
    app = _measure(app, "18")  # the same period again: replaces the value, now behind the plan
    assert store.measurements.list(reviewed.id)["value"].tolist() == [18.0]
    assert _status_shown(app, "en", "off_track")
    assert not _status_shown(app, "en", "on_track")


@pytest.mark.parametrize("value", ["", "abc", "=1+1", "1,234.5", "12'34"])
def test_bad_value_is_refused_with_a_clear_message_and_nothing_stored(store, reviewed, value):
    app = _measure(page_app(PAGE, workshop_id=reviewed.id).run(), value)
    assert not app.exception
    assert any("is not a number" in error.value for error in app.error)
    assert store.measurements.list(reviewed.id).empty


def test_csv_import_stores_all_rows(store, reviewed):
    app = page_app(PAGE, workshop_id=reviewed.id).run()
    data = f"KPI;Periode;Wert\nwin_rate;{THIS_MONTH:%d.%m.%Y};24,5\ncac;{THIS_MONTH:%Y-%m};9'800\n"
    app.file_uploader(key="review_import_file").set_value(("werte.csv", data.encode("cp1252"), "text/csv"))
    app = _submit(app, "words.import.submit")
    assert not app.exception
    assert sorted(store.measurements.list(reviewed.id)["value"].tolist()) == [24.5, 9800.0]


def test_bad_csv_is_refused_whole_naming_the_row(store, reviewed):
    app = page_app(PAGE, workshop_id=reviewed.id, language="de").run()
    data = b"kpi;period;value\nwin_rate;2027-01-01;24\nFollowers;2027-01-01;5\n"
    app.file_uploader(key="review_import_file").set_value(("werte.csv", data, "text/csv"))
    app = _submit(app, "words.import.submit", "de")
    assert not app.exception
    assert any("Zeile 3" in error.value and "nichts wurde gespeichert" in error.value for error in app.error)
    assert store.measurements.list(reviewed.id).empty


def test_due_overview_flags_an_overdue_review(reviewed):
    app = page_app(PAGE, workshop_id=reviewed.id).run()
    due = app.dataframe[0].value
    assert t("en", "review.due.overdue") in due[t("en", "review.due.state")].tolist()
    assert app.get("download_button")


def test_logged_replacement_keeps_the_old_kpi_and_shows_why(store, reviewed):
    win_rate, cac = (entry.candidate_id for entry in store.shortlist.list(reviewed.id))
    store.measurements.add(reviewed.id, store.shortlist.list(reviewed.id)[0].id, THIS_MONTH, 21)
    app = page_app(PAGE, workshop_id=reviewed.id).run()
    app.selectbox(key="review_log_decision").set_value("replace")
    app.selectbox(key="review_log_kpi").set_value(win_rate)
    app.text_area(key="review_log_note").set_value("Zu wenige Deals für eine stabile Quote")
    app = _submit(app, "review.log.submit")
    assert not app.exception
    assert [(r.decision, r.candidate_id) for r in store.reviews.list(reviewed.id)] == [("replace", win_rate)]
    store.shortlist.set(reviewed.id, [cac], actor="Moderation")
    app = page_app(PAGE, workshop_id=reviewed.id).run()
    assert any(subheader.value == t("en", "review.former.title") for subheader in app.subheader)
    assert any("Zu wenige Deals" in markdown.value for markdown in app.markdown)
    assert len(store.measurements.list(reviewed.id)) == 1


def test_replacement_without_a_kpi_is_refused(store, reviewed):
    app = page_app(PAGE, workshop_id=reviewed.id, language="de").run()
    app.selectbox(key="review_log_decision").set_value("replace")
    app = _submit(app, "review.log.submit", "de")
    assert any(t("de", "review.log.needs_kpi") in error.value for error in app.error)
    assert store.reviews.list(reviewed.id) == []


def test_participant_sees_the_status_but_cannot_write(store, reviewed):
    anna = store.participants.join(reviewed.join_code, "Anna", "marketing")
    store.measurements.add(reviewed.id, store.shortlist.list(reviewed.id)[0].id, THIS_MONTH, 25)
    app = page_app(PAGE, workshop_id=reviewed.id, role=session.PARTICIPANT, participant_id=anna.id,
                   language="de").run()
    assert not app.exception
    assert _status_shown(app, "de", "on_track")
    assert t("de", "review.read_only") in [caption.value for caption in app.caption]
    assert not app.text_input and not app.text_area and not app.file_uploader
    assert all(button.label == t("de", "sidebar.leave") for button in app.button)


def test_without_a_role_the_page_shows_no_data_and_no_controls(store, reviewed):
    app = page_app(PAGE).run()
    assert not app.exception
    assert not app.get("arrow_vega_lite_chart") and not app.dataframe
    assert not app.text_input and not app.file_uploader and not app.button
    assert t("en", "access.no_workshop") in [info.value for info in app.info]


def test_without_a_shortlist_the_page_says_what_to_do_first(workshop):
    app = page_app(PAGE, workshop_id=workshop.id).run()
    assert not app.exception
    assert t("en", "review.no_shortlist") in [info.value for info in app.info]
