"""Finding 7 in a real browser: hostile text in every user field, on every page, makes no link or markup.

A demo workshop in a server of its own gets hostile text in every text column a person can fill
(workshop, company, participants, goals, status quo, custom KPIs, shortlist, measurements, tasks,
reviews, history); then the facilitator and a participant open every page, and a viewer the share
link. On no page may the text have become an <a>, an <img>, KaTeX or a coloured span.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kpi_logic.demo import DEMO_PIN, create_demo
from kpi_logic.links import room_url
from kpi_logic.store import WorkshopStore
from tests.browser.conftest import VIEWPORTS, start_server, stop_server
from tests.browser.helpers import App, close, page_keys, script_idle
from tests.hardening.chromium import run_with_chromium
from ui.nav import PAGES_BY_KEY

pytestmark = pytest.mark.browser

# Everything Markdown could turn into something: bare URL, www. name, e-mail, image, LaTeX, colour.
MARK = "Zq7"  # unique text, to find where the hostile text landed
HOSTILE = f"{MARK} www.evil.ch x@evil.ch https://evil.example $x^2$ :red[Alarm7] ![i](//evil.example/i)"
COLUMNS = {
    "workshops": ("name", "company"),
    "participants": ("name",),
    "goals": ("title", "metric"),
    "status_kpis": ("name", "description", "current_value"),
    "shortlist": ("owner", "data_source"),
    "measurements": ("note",),
    "tasks": ("title", "owner"),
    "reviews": ("participants", "note"),
    "shortlist_history": ("actor", "summary"),
}

# Run in the page: whatever the hostile text became.
FIND_MARKUP = """() => {
  const found = [];
  for (const a of document.querySelectorAll('a')) {
    const href = a.getAttribute('href') || '';
    // Streamlit's in-page heading anchors (#…) point nowhere else; any other link is one too many.
    if (!href.startsWith('#') && (/evil|mailto:|xmpp:/.test(href) || /evil/.test(a.textContent))) found.push('a ' + href);
  }
  for (const img of document.querySelectorAll('img')) {
    if (/evil/.test(img.getAttribute('src') || '')) found.push('img ' + img.getAttribute('src'));
  }
  for (const k of document.querySelectorAll('.katex, .katex-display, math')) found.push('katex ' + k.textContent);
  for (const s of document.querySelectorAll('[class*="stMarkdownColored"]')) {
    // The app may colour a whole label; the hostile :red[…] must still read as typed inside it.
    if (s.textContent.includes('Alarm7') && !s.textContent.includes(':red[Alarm7]')) found.push('colour ' + s.textContent);
  }
  return {found, shown: document.body.innerText.split('Zq7').length - 1};
}"""


def _spoil(store: WorkshopStore, workshop_id: int) -> None:
    """Hostile text in every column people fill, as the store would have accepted it."""
    db = store.db
    for table, columns in COLUMNS.items():
        key = "id" if table == "workshops" else "workshop_id"
        assignments = ", ".join(f"{column} = :text" for column in columns)
        if table == "participants":  # names are unique within a workshop
            db.execute("UPDATE participants SET name = :text || ' ' || id, name_key = lower(:text) || id "
                       "WHERE workshop_id = :w", {"text": HOSTILE[:70], "w": workshop_id})
            continue
        db.execute(f"UPDATE {table} SET {assignments} WHERE {key} = :w", {"text": HOSTILE, "w": workshop_id})
    db.execute("UPDATE candidates SET name = :text, definition = :text WHERE workshop_id = :w "
               "AND catalog_id IS NULL", {"text": HOSTILE, "w": workshop_id})
    db.conn.commit()


@pytest.fixture(scope="module")
def spoiled(tmp_path_factory):
    db = tmp_path_factory.mktemp("hostile") / "workshop.db"
    store = WorkshopStore(db)
    workshop = create_demo(store, "en")
    _spoil(store, workshop.id)
    participant = store.participants.list(workshop.id)[0]
    server = start_server(db)
    yield server, store.workshops.get(workshop.id), participant
    stop_server(server)


def _check_every_page(app: App, keys: list[str], require_shown: bool = True) -> dict[str, list[str]]:
    problems, shown = {}, 0
    for key in keys:
        if key != "start":
            app.go(key)
        script_idle(app.page)
        app.page.wait_for_timeout(300)  # charts and images settle
        result = app.page.evaluate(FIND_MARKUP)
        shown += result["shown"]
        if result["found"]:
            problems[key] = result["found"]
    assert shown > 0 or not require_shown, "the hostile text was not shown at all: the test would prove nothing"
    return problems


def _as_facilitator(browser, server, workshop) -> dict[str, list[str]]:
    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="en-US")
    app = App(context.new_page(), server.url)
    try:
        app.open()
        app.main.get_by_role("tab", name=app.t("start.tab.unlock")).click()
        form = app.form("start.unlock.submit")
        app.field("start.join.code", form).fill(workshop.join_code)
        app.field("start.unlock.pin", form).fill(DEMO_PIN)
        form.get_by_role("button", name=app.t("start.unlock.submit"), exact=True).click()
        expect(app.main.get_by_text(app.t("start.invite.title"))).to_be_visible(timeout=15_000)
        # The room screen is no menu entry: the projector opens it by its own link (below).
        return _check_every_page(app, ["start", *(key for key in page_keys() if key != "room")])
    finally:
        close(app)


def _as_participant(browser, server, workshop, participant) -> dict[str, list[str]]:
    context = browser.new_context(viewport=VIEWPORTS["phone"], locale="en-US")
    app = App(context.new_page(), server.url)
    try:
        app.open(f"?join={workshop.join_code}")
        form = app.form("start.join.submit")
        app.field("start.join.name", form).fill(participant.name)
        app.choose("start.join.team", "Marketing")
        form.get_by_role("button", name=app.t("start.join.submit"), exact=True).click()
        script_idle(app.page)
        allowed = [key for key in page_keys() if PAGES_BY_KEY[key].min_role in ("participant", "viewer")]
        return _check_every_page(app, ["start", *allowed])
    finally:
        close(app)


def _as_viewer(browser, server, workshop) -> dict[str, list[str]]:
    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="en-US")
    app = App(context.new_page(), server.url)
    try:
        # A share link opens as a document, headed by the workshop's name (no page title).
        app.page.goto(f"{server.url}/?share={workshop.share_token}")
        expect(app.main.get_by_role("heading").first).to_be_visible(timeout=30_000)
        return _check_every_page(app, ["start"])
    finally:
        close(app)


def _as_room_screen(browser, server, workshop) -> dict[str, list[str]]:
    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="en-US")
    app = App(context.new_page(), server.url)
    try:
        app.page.goto(room_url(server.url, workshop.room_token))
        script_idle(app.page)
        # The room screen shows no hostile text as page text (its ranking is a chart drawn on a
        # canvas), so it is checked for markup without requiring hostile text on it.
        return _check_every_page(app, ["start"], require_shown=False)
    finally:
        close(app)


def test_hostile_text_makes_no_link_image_formula_or_colour_on_the_room_screen(spoiled):
    server, workshop, _ = spoiled
    store = WorkshopStore(server.db_path)
    # During the vote the projector lists who has voted and who not yet: hostile names included.
    store.workshops.update_settings(workshop.id, phase="voting", voting_open=True)
    try:
        assert run_with_chromium(lambda browser: _as_room_screen(browser, server, workshop)) == {}
    finally:
        store.workshops.update_settings(workshop.id, phase=workshop.phase, voting_open=workshop.voting_open)


def test_hostile_text_makes_no_link_image_formula_or_colour_for_the_facilitator(spoiled):
    server, workshop, _ = spoiled
    assert run_with_chromium(lambda browser: _as_facilitator(browser, server, workshop)) == {}


def test_hostile_text_makes_no_link_image_formula_or_colour_for_a_participant_or_viewer(spoiled):
    server, workshop, participant = spoiled
    assert run_with_chromium(lambda browser: _as_participant(browser, server, workshop, participant)) == {}
    assert run_with_chromium(lambda browser: _as_viewer(browser, server, workshop)) == {}
