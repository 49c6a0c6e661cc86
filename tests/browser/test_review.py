"""After the workshop in a real browser: a measurement entered on the review page changes the KPI's status."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from kpi_logic.store import WorkshopStore
from tests.browser.conftest import screenshot
from tests.browser.helpers import close, kpi_name, new_app, script_idle

pytestmark = pytest.mark.browser
KPI = "win_rate"


def _status(app, code: str):
    return app.main.get_by_role("heading", name=app.t(f"review.status.{code}"))


def test_a_measurement_entered_on_the_review_page_changes_the_status(browser, server):
    app = new_app(browser, server)
    try:
        app.open()
        app.button("start.demo.button").click()
        app.expect_page("results")
        app.go("review")
        store = WorkshopStore(server.db_path)
        workshop = store.workshops.list()[0]
        entry = next(e for e in store.shortlist.list(workshop.id) if e.catalog_id == KPI)
        # The demo's win rate is behind its plan: off track until a good month is recorded.
        expect(_status(app, "off_track")).to_have_count(1)
        on_track_before = _status(app, "on_track").count()
        form = app.form("review.measure.submit")
        app.choose("words.kpi", kpi_name(KPI))
        app.field("words.value", within=form).fill(str(entry.target))
        form.get_by_role("button", name=app.t("review.measure.submit"), exact=True).click()
        script_idle(app.page)
        expect(_status(app, "off_track")).to_have_count(0)
        expect(_status(app, "on_track")).to_have_count(on_track_before + 1)
        measured = store.measurements.list(workshop.id)
        this_month = date.today().replace(day=1)
        assert entry.target in set(measured[measured["candidate_id"] == entry.candidate_id]
                                   .query("period == @this_month")["value"])
        screenshot(app.page, "review-after-measurement-en-1280")
    finally:
        close(app)
