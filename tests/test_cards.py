"""KPI cards: every shortlisted KPI with definition, why, team levers and steering data, escaped in each file."""

import html
import re
from datetime import date
from html.parser import HTMLParser

import pytest

from kpi_logic import cards
from kpi_logic.catalog import catalog_by_id
from kpi_logic.domain import STAGES

HOSTILE = "<script>alert(1)</script> [x](javascript:alert(1))"


@pytest.fixture
def workshop_id(store) -> int:
    """A shortlist of a catalogue KPI linked to a goal and a hostile custom KPI without a stage."""
    workshop_id = store.workshops.create("Frühjahr <2027>", facilitator_pin="471100").id
    goal = store.goals.add(workshop_id, "Grow new-customer revenue")
    win_rate = store.candidates.add(workshop_id, catalog_id="win_rate")
    custom = store.candidates.add(workshop_id, name=HOSTILE, definition="Def & <i>more</i>")
    store.shortlist.set(workshop_id, [win_rate, custom], actor="Moderation")
    first, second = store.shortlist.list(workshop_id)
    store.shortlist.update_entry(
        workshop_id, first.id, "Moderation", owner="Sara Brunner", baseline=22, target=28,
        target_date=date(2027, 12, 31), cadence="monthly", data_source="CRM", goal_ids=[goal.id],
    )
    store.shortlist.update_entry(workshop_id, second.id, "Moderation", owner=HOSTILE)
    return workshop_id


@pytest.mark.parametrize("stage", [*STAGES, None])
@pytest.mark.parametrize("language", ["de", "en"])
def test_every_stage_has_levers_for_both_teams(stage, language):
    guide = cards.guide(stage)
    assert guide.why.get(language) and guide.marketing.get(language) and guide.sales.get(language)
    assert guide.marketing.get(language) != guide.sales.get(language)


def test_lever_texts_use_swiss_spelling():
    guides = [*cards.STAGE_GUIDES.values(), cards.GENERAL_GUIDE]
    assert not any("\u00df" in text.de for guide in guides for text in (guide.why, guide.marketing, guide.sales))


@pytest.mark.parametrize("language,name,cadence", [("en", "Win rate", "monthly"), ("de", "Gewinnquote", "monatlich")])
def test_card_holds_everything_a_team_needs(store, workshop_id, language, name, cadence):
    card = cards.kpi_cards(store, workshop_id, language)[0]
    assert card.name.startswith(name)
    assert card.definition and card.formula
    assert "Grow new-customer revenue" in card.why
    levers = cards.STAGE_GUIDES[catalog_by_id()["win_rate"].stage]
    assert (card.marketing, card.sales) == (levers.marketing.get(language), levers.sales.get(language))
    assert (card.owner, card.data_source, card.cadence) == ("Sara Brunner", "CRM", cadence)
    assert "22" in card.target and "28" in card.target


def test_a_kpi_without_goals_says_so_and_gets_general_levers(store, workshop_id):
    card = cards.kpi_cards(store, workshop_id, "en")[1]
    assert "Not linked to a goal yet" in card.why
    assert card.marketing == cards.GENERAL_GUIDE.marketing.en


def test_markdown_shows_hostile_text_as_characters(store, workshop_id):
    document = cards.cards_markdown(cards.kpi_cards(store, workshop_id, "en"), "Frühjahr <2027>", "en")
    assert "<script>" not in document and "\\[x](javascript" in document
    assert "&lt;script>" in document and not re.search(r"(?<!\\)\[x\]", document)
    assert document.startswith("# KPI cards: Frühjahr <2027>")  # "<2" opens no tag


class _Collector(HTMLParser):
    """The tags and the visible text of an HTML document."""

    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def test_html_file_is_self_contained_printable_and_escaped(store, workshop_id):
    document = cards.cards_html(cards.kpi_cards(store, workshop_id, "de"), "Frühjahr <2027>", "de")
    parsed = _Collector()
    parsed.feed(document)
    assert "script" not in parsed.tags and "a" not in parsed.tags and "link" not in parsed.tags
    assert parsed.tags.count("section") == 2
    assert HOSTILE in "".join(parsed.text)  # shown as the characters the user typed
    assert "@media print" in document and "break-inside: avoid" in document
    assert '<html lang="de">' in document and html.escape("Frühjahr <2027>") in document


@pytest.mark.parametrize("render", [cards.cards_markdown, cards.cards_html])
def test_files_without_a_shortlist_say_so(render):
    assert "No shortlist yet" in render([], "Empty", "en")
