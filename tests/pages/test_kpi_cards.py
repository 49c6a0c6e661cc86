"""KPI cards page: a card per shortlisted KPI, a print view without chrome, card files and the workbook."""

import pytest
from tests.support import page_app

from kpi_logic.i18n import t

PAGE = "pages/kpi_cards.py"
NASTY = "<b>x</b> [x](javascript:alert(1))"


@pytest.fixture
def shortlisted(store, workshop):
    """A workshop with a catalogue KPI and a custom KPI with a hostile name on the shortlist."""
    goal = store.goals.add(workshop.id, "Grow new-customer revenue")
    win_rate = store.candidates.add(workshop.id, catalog_id="win_rate")
    custom = store.candidates.add(workshop.id, name=NASTY, definition="Custom <i>definition</i>")
    store.shortlist.set(workshop.id, [win_rate, custom], actor="Moderation")
    entry = store.shortlist.list(workshop.id)[0]
    store.shortlist.update_entry(workshop.id, entry.id, "Moderation", owner="Sara", cadence="monthly",
                                 goal_ids=[goal.id])
    return workshop


def _open(workshop, language: str = "en", role: str = "facilitator", participant_id=None):
    return page_app(PAGE, workshop_id=workshop.id, role=role, participant_id=participant_id,
                    language=language).run()


def _card_headings(app) -> list[str]:
    """The cards' headings ("1. Win rate"), not the section headings around them."""
    return [element.value for element in app.subheader if element.value[:1].isdigit()]


def _markdown(app) -> str:
    return "\n".join(element.value for element in app.markdown)


@pytest.mark.parametrize("language,name,lever_key", [
    ("en", "Win rate", "kpi_cards.marketing"),
    ("de", "Gewinnquote", "kpi_cards.sales"),
])
def test_every_shortlisted_kpi_gets_a_card_in_the_users_language(shortlisted, language, name, lever_key):
    app = _open(shortlisted, language)
    assert not app.exception
    headings = _card_headings(app)
    assert headings[0].startswith(f"1. {name}")
    assert headings[1].startswith("2. ")
    assert t(language, lever_key) in _markdown(app)
    assert "Grow new\\-customer revenue" in _markdown(app)  # why it matters names the goal


def test_hostile_kpi_names_are_shown_as_characters_not_markup(shortlisted):
    app = _open(shortlisted)
    heading = _card_headings(app)[1]
    assert "<b>" not in heading and "](javascript" not in heading
    assert "&lt;b&gt;x&lt;/b&gt;" in heading and "\\[x\\]\\(javascript\\:alert\\(1\\)\\)" in heading


def test_print_view_hides_chrome_and_downloads(shortlisted):
    app = _open(shortlisted)
    app.toggle[0].set_value(True)
    app = app.run()
    assert not app.exception
    assert t("en", "kpi_cards.print_hint") in "\n".join(caption.value for caption in app.caption)
    assert not app.get("download_button") and not app.radio
    assert len(_card_headings(app)) == 2  # the cards stay


def test_downloads_offer_cards_and_the_workbook(shortlisted):
    app = _open(shortlisted)
    labels = [element.proto.label for element in app.get("download_button")]
    assert labels == [t("en", key) for key in
                      ("kpi_cards.download.markdown", "kpi_cards.download.html", "kpi_cards.download.excel")]


def test_participant_sees_the_cards(store, shortlisted):
    participant = store.participants.join(shortlisted.join_code, "Anna", "sales")
    app = _open(shortlisted, role="participant", participant_id=participant.id)
    assert not app.exception
    assert len(_card_headings(app)) == 2


def test_without_a_shortlist_the_page_says_where_cards_come_from(workshop):
    app = _open(workshop)
    assert not app.exception
    assert t("en", "kpi_cards.empty") in [info.value for info in app.info]


def test_without_a_role_the_page_shows_no_cards_and_no_downloads(shortlisted):
    app = page_app(PAGE).run()
    assert not app.exception
    assert not app.subheader and not app.get("download_button") and not app.toggle
