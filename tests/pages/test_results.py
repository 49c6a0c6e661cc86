"""Live results page: ranking and agreement when visible, nothing but progress in blind mode."""

import json
import re

import pytest
import streamlit as st
from tests.support import page_app
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

from kpi_logic.i18n import t

PAGE = "pages/results.py"
# Per team and KPI: A marketing 11 + sales 12 = 23, B marketing 8 + sales 5 = 13. None of them is a
# participant's own sum (19, 17), so finding one on the page means a per-KPI number leaked.
SECRET_NUMBERS = ("11", "12", "23", "13")


@pytest.fixture
def voted(store, workshop):
    """Two of three participants have voted on two catalogue KPIs (one a vanity metric) and are done."""
    store.workshops.update_settings(workshop.id, vote_budget=20, per_kpi_cap=20, voting_open=True)
    a = store.candidates.add(workshop.id, catalog_id="win_rate")
    b = store.candidates.add(workshop.id, catalog_id="page_views")
    anna = store.participants.join(workshop.join_code, "Anna", "marketing")
    luca = store.participants.join(workshop.join_code, "Luca", "sales")
    store.participants.join(workshop.join_code, "Sara", "sales")
    for person, points_a, points_b in ((anna, 11, 8), (luca, 12, 5)):
        store.votes.set_points(person.id, a, points_a)
        store.votes.set_points(person.id, b, points_b)
        store.participants.set_done(person.id, True)
    return workshop, anna


def _open(workshop, role="facilitator", participant=None, language="en"):
    app = page_app(PAGE, workshop_id=workshop.id, role=role,
                   participant_id=participant.id if participant else None, language=language).run()
    assert not app.exception
    return app


def _charts(app):
    return app.get("vega_lite_chart")


def _everything_shown(app) -> str:
    """All text, table cells and chart data of the page's main area, as one string."""
    parts = []

    def walk(node):
        if node.type == "dataframe":
            parts.append(node.value.to_csv())
        elif node.type == "vega_lite_chart":
            parts.append(node.proto.spec)
            parts.extend(convert_arrow_bytes_to_pandas_df(dataset.data.data).to_csv()
                         for dataset in node.proto.datasets)
        elif hasattr(node, "proto") and node.proto is not None:
            parts.append(str(node.proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(app.main)
    return "\n".join(parts)


def _leaked(text: str) -> list[str]:
    return [number for number in SECRET_NUMBERS if re.search(rf"(?<![\d.]){number}(?![\d.])", text)]


@pytest.mark.parametrize("language,title", [("en", "Ranking by points, by team"), ("de", "Rangliste nach Punkten, nach Team")])
def test_visible_results_show_ranking_and_agreement(voted, language, title):
    workshop, _ = voted
    app = _open(workshop, language=language)
    ranking, agreement = _charts(app)
    assert title in ranking.proto.spec
    assert t(language, "results.chart.agreement") in agreement.proto.spec
    assert [metric.label for metric in app.metric][0] == t(language, "results.agreement_index")


def test_the_number_search_finds_per_kpi_numbers_when_results_are_visible(voted):
    # Guards the blind-mode test below: the same search does see the numbers when they are shown.
    workshop, _ = voted
    assert set(_leaked(_everything_shown(_open(workshop)))) >= {"11", "12"}


def test_blind_mode_shows_participants_no_totals_anywhere_only_how_many_are_done(voted, store):
    workshop, anna = voted
    store.workshops.update_settings(workshop.id, results_hidden=True)
    app = _open(workshop, role="participant", participant=anna)
    assert not _charts(app)
    assert _leaked(_everything_shown(app)) == []
    assert t("en", "results.blind") in [info.value for info in app.info]
    assert t("en", "room.done", done=2, total=3) in [metric.value for metric in app.metric]


def test_blind_mode_shows_the_facilitator_the_totals_saying_only_they_see_them(voted, store):
    workshop, _ = voted
    store.workshops.update_settings(workshop.id, results_hidden=True)
    app = _open(workshop)
    assert len(_charts(app)) == 2
    assert t("en", "results.blind.facilitator") in [caption.value for caption in app.caption]


def test_blind_results_show_once_revealed_not_merely_closed(voted, store):
    workshop, anna = voted
    store.workshops.update_settings(workshop.id, results_hidden=True, voting_open=False)
    assert not _charts(_open(workshop, role="participant", participant=anna))
    store.workshops.reveal(workshop.id)
    st.cache_resource.clear()  # the page shares a view for half a second
    assert len(_charts(_open(workshop, role="participant", participant=anna))) == 2


def test_done_means_said_done_not_gave_a_point(voted, store):
    workshop, anna = voted
    store.participants.set_done(anna.id, False)  # still has points on the ballot
    assert t("en", "room.done", done=1, total=3) in [metric.value for metric in _open(workshop).metric]


@pytest.mark.parametrize("anonymous", [False, True])
def test_the_facilitator_sees_who_is_done_unless_results_are_anonymous(voted, store, anonymous):
    workshop, _ = voted
    store.workshops.update_settings(workshop.id, anonymous=anonymous)
    shown = _everything_shown(_open(workshop))
    assert t("en", "room.done", done=2, total=3) in shown
    for name in ("Anna", "Luca", "Sara"):
        assert (name in shown) is not anonymous


@pytest.mark.parametrize("anonymous", [False, True])
def test_participants_see_counts_never_a_roster_of_names(voted, store, anonymous):
    workshop, anna = voted
    store.workshops.update_settings(workshop.id, anonymous=anonymous)
    shown = _everything_shown(_open(workshop, role="participant", participant=anna))
    assert t("en", "room.done", done=2, total=3) in shown
    assert not any(name in shown for name in ("Luca", "Sara"))


def test_no_ranking_before_any_vote(store, workshop):
    store.candidates.add(workshop.id, catalog_id="win_rate")
    store.candidates.add(workshop.id, catalog_id="cac")
    store.participants.join(workshop.join_code, "Anna", "marketing")
    app = _open(workshop)
    assert not _charts(app)
    assert t("en", "room.no_votes") in [info.value for info in app.info]


def test_ties_are_shown_as_ties(store, workshop):
    a = store.candidates.add(workshop.id, catalog_id="win_rate")
    b = store.candidates.add(workshop.id, catalog_id="churn_rate")
    anna = store.participants.join(workshop.join_code, "Anna", "marketing")
    store.votes.set_points(anna.id, a, 2)
    store.votes.set_points(anna.id, b, 2)
    labels = json.loads(_charts(_open(workshop))[0].proto.spec)["encoding"]["y"]["sort"]
    assert [label.split(" ", 2)[:2] for label in labels] == [["1", "="], ["1", "="]]


def test_only_the_facilitator_sees_points_left_per_participant(voted):
    workshop, anna = voted
    facilitator_view = _open(workshop)
    table = facilitator_view.dataframe[0].value
    assert dict(zip(table["Participant"], table["Left"])) == {"Anna": 1, "Luca": 3, "Sara": 20}
    assert not _open(workshop, role="participant", participant=anna).dataframe


def test_vanity_kpis_are_flagged(voted):
    workshop, _ = voted
    app = _open(workshop)
    ranking = json.loads(_charts(app)[0].proto.spec)
    assert ranking["encoding"]["y"]["sort"] == ["1. Win rate", "2. ⚠ Page views"]
    assert any("Page views" in warning.value for warning in app.warning)


def test_participant_name_with_markdown_shows_as_text(store, workshop):
    store.participants.join(workshop.join_code, "[Eve](javascript:alert(1))", "other")
    markdown = " ".join(element.value for element in _open(workshop).markdown)
    assert "\\[Eve\\]\\(javascript\\:alert\\(1\\)\\)" in markdown


def test_without_a_role_the_page_shows_no_data(voted):
    app = page_app(PAGE).run()
    assert not app.exception
    assert not _charts(app) and not app.metric and not app.dataframe
    assert "Anna" not in _everything_shown(app)


def test_a_change_made_after_the_page_was_drawn_shows_on_its_next_run(voted, store):
    """The view is kept per workshop version, read from the guard's workshop row: an "I'm done" is a new one."""
    workshop, anna = voted
    app = _open(workshop)
    assert t("en", "room.done", done=2, total=3) in [metric.value for metric in app.metric]
    sara = next(person for person in store.participants.list(workshop.id) if person.name == "Sara")
    store.participants.set_done(sara.id, True)
    assert t("en", "room.done", done=3, total=3) in [metric.value for metric in app.run().metric]
