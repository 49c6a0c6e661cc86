"""Finding 8 in a real browser: a malformed workshop file on the Share page gets a message, never a traceback.

Before: a 5000-digit integer or a goal listed twice crashed the import with a full traceback that
showed server paths. Now the facilitator reads "Import refused: …" and nothing is written.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from kpi_logic.demo import DEMO_PIN, create_demo
from kpi_logic.store import WorkshopStore
from tests.browser.conftest import PROJECT_ROOT, VIEWPORTS, start_server, stop_server
from tests.browser.helpers import App, close, script_idle
from tests.hardening.chromium import run_with_chromium

pytestmark = pytest.mark.browser


def _huge_number(data: dict) -> bytes:
    return json.dumps(data).replace('"round": 1', '"round": ' + "9" * 5000, 1).encode()


def _goal_twice(data: dict) -> bytes:
    data["shortlist"][0]["goal_ids"] = data["shortlist"][0]["goal_ids"][:1] * 2
    return json.dumps(data).encode()


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    db = tmp_path_factory.mktemp("import") / "workshop.db"
    store = WorkshopStore(db)
    workshop = create_demo(store, "en")
    data = store.transfer.export_workshop(workshop.id)
    server = start_server(db)
    yield server, store, workshop, data
    stop_server(server)


def _import_through_the_page(browser, server, workshop, files: dict[str, bytes], tmp_path) -> dict[str, str]:
    app = App(browser.new_context(viewport=VIEWPORTS["desktop"], locale="en-US").new_page(), server.url)
    shown = {}
    try:
        app.open()
        app.main.get_by_role("tab", name=app.t("start.tab.unlock")).click()
        form = app.form("start.unlock.submit")
        app.field("start.join.code", form).fill(workshop.join_code)
        app.field("start.unlock.pin", form).fill(DEMO_PIN)
        form.get_by_role("button", name=app.t("start.unlock.submit"), exact=True).click()
        expect(app.main.get_by_text(app.t("start.invite.title"))).to_be_visible(timeout=15_000)
        app.go("share")
        for name, content in files.items():
            path = tmp_path / f"{name}.json"
            path.write_bytes(content)
            form = app.form("share.import.submit")
            form.get_by_test_id("stFileUploader").locator('input[type="file"]').set_input_files(str(path))
            expect(form.get_by_text(f"{name}.json")).to_be_visible()
            app.field("share.import.pin", form).fill("246813")
            form.get_by_role("button", name=app.t("share.import.submit"), exact=True).click()
            script_idle(app.page)
            alert = app.main.get_by_test_id("stAlert").filter(has_text="Import refused")
            expect(alert).to_be_visible()
            assert app.errors().count() == 0
            text = app.page.inner_text("body")
            assert "Traceback" not in text and str(PROJECT_ROOT) not in text and "site-packages" not in text
            shown[name] = alert.inner_text()
        return shown
    finally:
        close(app)


def test_a_malformed_file_gets_a_message_and_no_traceback_on_the_share_page(running, tmp_path):
    server, store, workshop, data = running
    files = {"huge-number": _huge_number(json.loads(json.dumps(data))),
             "goal-twice": _goal_twice(json.loads(json.dumps(data)))}
    shown = run_with_chromium(lambda browser: _import_through_the_page(browser, server, workshop, files, tmp_path))
    assert "digits" in shown["huge-number"] and "twice" in shown["goal-twice"]
    assert len(store.workshops.list()) == 1
