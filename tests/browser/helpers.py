"""Small page objects for driving the Streamlit app in Playwright: texts, navigation, widgets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page, expect

from kpi_logic.catalog import catalog_by_id
from kpi_logic.i18n import t
from tests.browser.conftest import VIEWPORTS
from ui.language import LANGUAGE_NAMES
from ui.nav import PAGES_BY_KEY

# Streamlit starts slowly on a busy 2-core machine; a page switch is quicker.
LOAD_TIMEOUT_MS = 30_000
STEP_TIMEOUT_MS = 15_000
expect.set_options(timeout=STEP_TIMEOUT_MS)
PHONE_MAX_WIDTH = 640
SWITCH_RETRY_MS = 5_000
# The container key of one KPI on the ballot (pages/voting.py, CANDIDATE_KEY without its id).
BALLOT_CANDIDATE_PREFIX = "ballot_candidate_"
# Widgets that write, by Streamlit test id: a share link or a page without a role must show none.
WRITING_WIDGETS = (
    "stTextInput", "stTextArea", "stNumberInput", "stDateInput", "stTimeInput", "stSelectbox",
    "stMultiSelect", "stCheckbox", "stToggle", "stRadio", "stSlider", "stFileUploader",
    "stFormSubmitButton", "stButton", "stButtonGroup", "stChatInput", "stCameraInput", "stColorPicker",
)
# st.data_editor and st.dataframe share one grid; only the editor has cells that are not read-only.
EDITABLE_CELL = '[role="gridcell"][aria-readonly="false"]'


def script_idle(page: Page) -> None:
    """Wait until the app has finished its current run (a fragment may start the next at once)."""
    expect(page.get_by_test_id("stApp")).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=STEP_TIMEOUT_MS
    )


BLOCKING_IMPACTS = frozenset({"serious", "critical"})
# Resolves once every finite CSS transition and animation on the page has finished (spinners loop forever).
SETTLED_JS = """() => Promise.all(document.getAnimations()
    .filter(animation => animation.effect && animation.effect.getComputedTiming().endTime !== Infinity)
    .map(animation => animation.finished.catch(() => null)))"""
MAIN_AREA = "[data-testid='stMain']"


def blocking_violations(page: Page, area: str = MAIN_AREA) -> list[str]:
    """axe-core's serious and critical findings in `area` that stay, once the page is drawn.

    During a rerun Streamlit dims the elements it is about to replace and fades them back in, and
    a screen that follows the room may redraw at any moment: a finding is reported only if a second
    look, after the page settled again, still has it (a real contrast or label problem always does).
    """
    first = _blocking_now(page, area)
    return _blocking_now(page, area) if first else first


def _blocking_now(page: Page, area: str) -> list[str]:
    script_idle(page)
    expect(page.locator("[data-stale='true']")).to_have_count(0)
    page.evaluate(SETTLED_JS)
    results = Axe().run(page, context=area)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}×): " + "; ".join(_finding(node) for node in v["nodes"][:3])
            for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]


def _finding(node: dict) -> str:
    """Where axe found it, the element, and what it measured (colours and ratio for contrast)."""
    measured = next((check.get("data") for check in node.get("any", []) if check.get("data")), None)
    return f"{node['target']} {node['html'][:120]} {measured or ''}"


@dataclass
class App:
    """One browser tab on the app, in one language; texts come from the app's own i18n tables."""

    page: Page
    base_url: str
    language: str = "en"

    def t(self, key: str, **values: object) -> str:
        return t(self.language, key, **values)

    @property
    def main(self) -> Locator:
        return self.page.get_by_test_id("stMain")

    @property
    def sidebar(self) -> Locator:
        return self.page.get_by_test_id("stSidebar")

    def open(self, path: str = "") -> None:
        """Load a URL (a new Streamlit session: whatever role the tab had is gone)."""
        self.page.goto(f"{self.base_url}/{path.lstrip('/')}")
        # A page's title, or the heading of a document (a share link opens the agreed set as one).
        expect(self.main.get_by_role("heading").first).to_be_visible(timeout=LOAD_TIMEOUT_MS)
        script_idle(self.page)

    def title(self, page_key: str) -> str:
        return self.t(f"page.{page_key}")

    def expect_page(self, page_key: str) -> None:
        expect(self.main.get_by_role("heading", level=1)).to_contain_text(
            self.title(page_key), timeout=STEP_TIMEOUT_MS
        )
        script_idle(self.page)

    def open_sidebar(self) -> None:
        if self.sidebar.get_attribute("data-collapsed") == "true":
            self.page.get_by_test_id("stExpandSidebarButton").click()
        expect(self.sidebar).to_have_attribute("data-collapsed", "false")

    def resize(self, size: dict[str, int]) -> None:
        """Change the window size; Streamlit folds the sidebar on a phone and unfolds it on a wide
        screen a moment later, so wait for that before anything is clicked or captured."""
        self.page.set_viewport_size(size)
        folded = "true" if size["width"] < PHONE_MAX_WIDTH else "false"
        expect(self.sidebar).to_have_attribute("data-collapsed", folded)

    def go(self, page_key: str) -> None:
        """Switch page with the menu, keeping the session (and so the role): the top menu's section
        and entry on a wide screen, the folded menu (the sidebar) on a phone.

        A click that lands while the page is still rerunning can be dropped by Streamlit, so a
        switch that has not happened after a while is clicked once more (switching is idempotent).
        """
        title = self.title(page_key)

        def click() -> None:
            if self.page.viewport_size["width"] < PHONE_MAX_WIDTH:
                self.open_sidebar()
                self.page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click()
                return
            section = self.t(PAGES_BY_KEY[page_key].section)
            self.page.get_by_role("button", name=section, exact=True).click()
            self.page.get_by_role("menuitem", name=title, exact=True).click()

        click()
        try:
            expect(self.main.get_by_role("heading", level=1)).to_contain_text(title, timeout=SWITCH_RETRY_MS)
        except AssertionError:
            click()
        self.expect_page(page_key)

    def switch_language(self, language: str) -> None:
        """Use the sidebar's language switch; the page then speaks `language`."""
        self.open_sidebar()
        self.sidebar.get_by_role("radio", name=LANGUAGE_NAMES[language]).click()
        self.language = language
        expect(self.sidebar.get_by_role("radiogroup", name=self.t("sidebar.language"))).to_be_visible(
            timeout=STEP_TIMEOUT_MS
        )
        script_idle(self.page)

    def form(self, submit_key: str) -> Locator:
        """The form whose submit button says `submit_key` (two forms may share a field label)."""
        submit = self.page.get_by_role("button", name=self.t(submit_key), exact=True)
        return self.main.get_by_test_id("stForm").filter(has=submit)

    def field(self, label_key: str, within: Locator | None = None) -> Locator:
        return (within or self.main).get_by_label(self.t(label_key), exact=True)

    def button(self, label_key: str, **values: object) -> Locator:
        return self.main.get_by_role("button", name=self.t(label_key, **values), exact=True)

    def text(self, key: str, **values: object) -> Locator:
        return self.main.get_by_text(self.t(key, **values), exact=False)

    def set_switch(self, label_key: str, on: bool) -> None:
        """Turn an st.toggle on or off (its input is hidden: the click goes to its label)."""
        switch = self.page.get_by_role("switch", name=self.t(label_key), exact=True)
        if switch.is_checked() != on:
            self.page.get_by_test_id("stCheckbox").filter(has=switch).locator("label").first.click()
        expect(switch).to_be_checked(checked=on)

    def points_control(self, kpi_name: str) -> Locator:
        """The 0…cap segmented control of one candidate on the voting page (under its name in bold)."""
        bold_name = self.page.locator("strong", has_text=re.compile(rf"^{re.escape(kpi_name)}$"))
        box = self.main.locator(f"[class*='st-key-{BALLOT_CANDIDATE_PREFIX}']").filter(has=bold_name)
        return box.get_by_test_id("stButtonGroup")

    def choose(self, label_key: str, option: str) -> None:
        """Pick `option` in a selectbox or add it to a multiselect, then close its list."""
        box = self.main.get_by_role("combobox", name=self.t(label_key), exact=True)
        box.click()
        box.fill(option)
        self.page.get_by_role("option", name=option, exact=True).click()
        # A multiselect's list stays open and hides the rest of the page from the accessibility
        # tree; Escape closes it (on a selectbox, whose list has closed, Escape would clear the pick).
        if self.page.get_by_role("listbox").count():
            self.page.keyboard.press("Escape")

    def errors(self) -> Locator:
        """Python exceptions Streamlit shows on the page (a traceback box)."""
        return self.page.get_by_test_id("stException")

    def writing_widgets(self) -> Locator:
        """Every widget in the main area that could change data, editable table cells included."""
        selectors = [f'[data-testid="{test_id}"]' for test_id in WRITING_WIDGETS]
        return self.main.locator(",".join([*selectors, EDITABLE_CELL]))

    def editable_cells(self) -> Locator:
        return self.main.locator(EDITABLE_CELL)


def page_keys() -> list[str]:
    """Every page of the registry but the start page."""
    return [key for key in PAGES_BY_KEY if key != "start"]


def kpi_name(catalog_id: str, language: str = "en") -> str:
    """A catalogue KPI's name as the page shows it in `language`."""
    return catalog_by_id()[catalog_id].name.get(language)


def new_app(browser, server, locale: str = "en-US", viewport: str = "desktop") -> App:
    """A fresh browser context (its own session, no role) on the app."""
    context = browser.new_context(viewport=VIEWPORTS[viewport], locale=locale)
    return App(context.new_page(), server.url)


def close(app: App) -> None:
    app.page.context.close()
