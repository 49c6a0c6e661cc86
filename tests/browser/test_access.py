"""Every page opened first by its own URL, on a server of its own: without a role it shows no data
and no control that writes, and a URL only ever lowers rights."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from kpi_logic.demo import COMPANY, create_demo
from kpi_logic.records import Workshop
from kpi_logic.store import WorkshopStore
from tests.browser.conftest import VIEWPORTS
from tests.browser.helpers import App, page_keys
from ui.nav import PAGES_BY_KEY

pytestmark = pytest.mark.browser

# Elements that show a workshop's data; a page without a role has only its title and a hint.
DATA_ELEMENTS = (
    "stDataFrame", "stTable", "stVegaLiteChart", "stMetric", "stImage", "stDownloadButton",
    "stExpander", "stCode", "stJson",
)


@pytest.fixture(scope="module")
def demo(server) -> Workshop:
    """A complete workshop in the server's database: the data that must not show."""
    return create_demo(WorkshopStore(server.db_path), "en")


@pytest.fixture(scope="module")
def tab(browser, server) -> Iterator[App]:
    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="en-US")
    yield App(context.new_page(), server.url)
    context.close()


def expect_nothing_shown(tab: App) -> None:
    """No data of any workshop, no widget that writes, no traceback."""
    expect(tab.writing_widgets()).to_have_count(0)
    for test_id in DATA_ELEMENTS:
        expect(tab.main.get_by_test_id(test_id)).to_have_count(0)
    expect(tab.page.get_by_text(COMPANY)).to_have_count(0)
    expect(tab.errors()).to_have_count(0)


# The room screen is only in the menu of a room-link session: its URL without the link lands on the
# start page (tests/pages/test_room.py checks that an unknown room link shows nothing).
@pytest.mark.parametrize("page_key", [key for key in page_keys() if key != "room"])
def test_page_opened_first_by_its_url_without_a_role_shows_no_data(tab, demo, page_key):
    tab.open(PAGES_BY_KEY[page_key].url_path)
    tab.expect_page(page_key)
    expect(tab.text("access.no_workshop")).to_be_visible()
    expect_nothing_shown(tab)


# (page, query built from the demo workshop, the text key the page must show instead of data)
URL_CASES = [
    ("voting", lambda demo: f"join={demo.join_code}", "access.no_workshop"),
    ("facilitate", lambda demo: f"share={demo.share_token}", "access.not_allowed"),
    ("shortlist", lambda demo: f"share={demo.share_token}", "access.not_allowed"),
    ("results", lambda demo: f"share={demo.share_token}&join={demo.join_code}", "access.not_allowed"),
    ("share", lambda demo: "share=not-a-token", "access.unknown_share"),
]


@pytest.mark.parametrize(("page_key", "query", "shown"), URL_CASES, ids=[case[0] for case in URL_CASES])
def test_a_url_never_grants_more_than_the_page_allows(tab, demo, page_key, query, shown):
    tab.open(f"{PAGES_BY_KEY[page_key].url_path}?{query(demo)}")
    tab.expect_page(page_key)
    expect(tab.text(shown, role=tab.t("role.viewer"))).to_be_visible()
    expect_nothing_shown(tab)
