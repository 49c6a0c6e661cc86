"""Voting page: participants spend their own points, always seeing what is stored and what is left."""

import json
import re

import pytest
from kpi_logic.catalog import catalog_by_id
from kpi_logic.text import escape_markdown
from tests.support import page_app

from kpi_logic.i18n import t

PAGE = "pages/voting.py"
HTML_NAME = "<b>x</b> [x](javascript:alert(1))"


@pytest.fixture
def ballot(store, workshop):
    """Voting open (budget 5, cap 3) on two catalogue KPIs and two custom ones; two participants."""
    ids = [store.candidates.add(workshop.id, catalog_id=kpi) for kpi in ("win_rate", "cac")]
    ids.append(store.candidates.add(workshop.id, name="Demo-to-deal rate", definition="Demos that become deals"))
    ids.append(store.candidates.add(workshop.id, name=HTML_NAME))
    store.workshops.update_settings(workshop.id, voting_open=True)
    anna = store.participants.join(workshop.join_code, "Anna", "marketing")
    luca = store.participants.join(workshop.join_code, "Luca", "sales")
    return store.workshops.get(workshop.id), ids, anna, luca


def _as(person, workshop, language="en"):
    return page_app(PAGE, workshop_id=workshop.id, role="participant", participant_id=person.id,
                    language=language).run()


def _points_left(app) -> int:
    return int(app.metric[0].value)


def _controls(app) -> dict[int, object]:
    return {int(control.key.removeprefix("points_")): control
            for control in app.segmented_control if control.key.startswith("points_")}


def _tap(app, candidate_id: int, points: int):
    return app.segmented_control(key=f"points_{candidate_id}").set_value(points).run()


def _button(app, label: str):
    return next(button for button in app.button if button.label == label)


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize(
    "taps,expected",
    [
        ([(0, 2)], {0: 2}),
        ([(0, 2), (1, 3)], {0: 2, 1: 3}),
        ([(0, 3), (0, 1)], {0: 1}),
        ([(2, 2), (2, 0)], {}),
    ],
)
def test_tapped_points_are_stored_and_points_left_is_budget_minus_stored(ballot, store, taps, expected, language):
    workshop, ids, anna, _ = ballot
    app = _as(anna, workshop, language)
    assert _points_left(app) == workshop.vote_budget
    for index, points in taps:
        app = _tap(app, ids[index], points)
        assert not app.exception
    stored = {ids[index]: points for index, points in expected.items()}
    assert store.votes.points_of(anna.id) == stored
    assert _points_left(app) == workshop.vote_budget - sum(stored.values())
    # Untouched KPIs select nothing (no lit "0").
    assert {cid: control.value for cid, control in _controls(app).items()} == {cid: stored.get(cid) for cid in ids}


@pytest.mark.parametrize("language", ["en", "de"])
def test_change_beyond_budget_is_refused_and_shown_value_stays_stored_value(ballot, store, language):
    workshop, ids, anna, _ = ballot
    store.votes.set_points(anna.id, ids[0], 3)
    store.votes.set_points(anna.id, ids[1], 2)
    app = _tap(_as(anna, workshop, language), ids[2], 1)
    assert not app.exception
    assert store.votes.points_of(anna.id) == {ids[0]: 3, ids[1]: 2}
    assert _controls(app)[ids[2]].value is None
    assert _points_left(app) == 0
    reason = t(language, "errors.points_budget", total=6, budget=workshop.vote_budget)
    assert [w.value for w in app.warning] == [t(language, "voting.refused", reason=escape_markdown(reason))]



def test_change_after_voting_closed_is_refused_and_control_shows_stored_points(ballot, store):
    workshop, ids, anna, _ = ballot
    store.votes.set_points(anna.id, ids[0], 2)
    app = _as(anna, workshop)
    store.workshops.update_settings(workshop.id, voting_open=False)
    app = _tap(app, ids[0], 3)
    assert store.votes.points_of(anna.id) == {ids[0]: 2}
    assert _controls(app)[ids[0]].value == 2
    assert _controls(app)[ids[0]].disabled
    assert t("en", "voting.refused.closed") in [w.value for w in app.warning]


def test_participant_sees_only_their_own_points(ballot, store):
    workshop, ids, anna, luca = ballot
    store.votes.set_points(luca.id, ids[0], 3)
    store.votes.set_points(luca.id, ids[3], 2)
    app = _as(anna, workshop)
    assert {control.value for control in _controls(app).values()} == {None}
    assert _points_left(app) == workshop.vote_budget
    app = _tap(app, ids[0], 1)
    assert store.votes.points_of(luca.id) == {ids[0]: 3, ids[3]: 2}
    assert store.votes.points_of(anna.id) == {ids[0]: 1}


def test_points_stored_from_another_device_show_on_the_next_run(ballot, store):
    workshop, ids, anna, _ = ballot
    app = _as(anna, workshop)
    store.votes.set_points(anna.id, ids[1], 3)
    app.run()
    assert _controls(app)[ids[1]].value == 3
    assert _points_left(app) == workshop.vote_budget - 3


def test_closed_voting_disables_every_control_and_says_why(ballot, store):
    workshop, ids, anna, _ = ballot
    store.workshops.update_settings(workshop.id, voting_open=False)
    app = _as(anna, workshop)
    assert all(control.disabled for control in _controls(app).values())
    assert t("en", "voting.closed") in [info.value for info in app.info]


@pytest.mark.parametrize(
    "facilitator_votes,disabled", [(False, True), (True, False)]
)
def test_facilitator_votes_only_when_taking_part(ballot, store, facilitator_votes, disabled):
    workshop, ids, _, _ = ballot
    store.workshops.update_settings(workshop.id, facilitator_votes=facilitator_votes)
    app = page_app(PAGE, workshop_id=workshop.id, role="facilitator").run()
    assert all(control.disabled == disabled for control in _controls(app).values())
    if facilitator_votes:
        _tap(app, ids[0], 2)
        facilitator = store.participants.facilitator(workshop.id)
        assert store.votes.points_of(facilitator.id) == {ids[0]: 2}
    else:
        assert t("en", "voting.closed.facilitator") in [info.value for info in app.info]


def test_in_a_runoff_only_the_finalists_can_be_voted_on(ballot, store):
    workshop, ids, anna, luca = ballot
    store.votes.set_points(luca.id, ids[2], 3)
    store.votes.start_runoff(workshop.id, 1)
    app = _as(anna, store.workshops.get(workshop.id))
    assert list(_controls(app)) == [ids[2]]


def test_kpi_name_with_html_and_link_shows_as_text(ballot):
    workshop, ids, anna, _ = ballot
    app = _as(anna, workshop)
    assert any(block.value.startswith(f"**{escape_markdown(HTML_NAME)}**  ") for block in app.markdown)
    # The control's label is its accessible name: no Markdown, and no link or tag that could open.
    label = _controls(app)[ids[3]].label
    assert label.startswith("&lt;b>x&lt;/b> \\[x](javascript:alert(1)): ") and "**" not in label
    assert not re.search(r"(?<!\\)\[|<(?=[A-Za-z/])", label)


def test_a_screen_reader_hears_the_kpi_name_without_markdown(ballot):
    workshop, ids, anna, _ = ballot
    labels = [control.label for control in _controls(_as(anna, workshop)).values()]
    assert all("**" not in label and "\\(" not in label for label in labels)
    assert any(label.startswith(f"{catalog_by_id()['win_rate'].name.get('en')}: ") for label in labels)


def _propose(app, name: str, definition: str = ""):
    app.segmented_control(key="voting_section").set_value("propose").run()
    app.text_input[0].input(name)
    app.text_area[0].input(definition)
    return _button(app, t(app.session_state["language"], "voting.propose.submit")).click().run()


@pytest.mark.parametrize("language,name", [("en", "Instagram followers"), ("de", "Anzahl Follower auf Instagram")])
def test_vanity_warning_shows_before_a_custom_kpi_is_added(ballot, store, language, name):
    workshop, _, anna, _ = ballot
    before = store.candidates.list(workshop.id, statuses=("pending",))
    app = _propose(_as(anna, workshop, language), name)
    assert not app.exception
    assert app.warning, "the vanity warning must show"
    assert store.candidates.list(workshop.id, statuses=("pending",)) == before
    app = _button(app, t(language, "voting.propose.submit")).click().run()
    (pending,) = store.candidates.list(workshop.id, statuses=("pending",))
    assert (pending.name, pending.proposed_by) == (name, anna.id)


def test_participant_proposal_waits_for_approval(ballot, store):
    workshop, _, anna, _ = ballot
    app = _propose(_as(anna, workshop), "Share of webinar leads that become SQLs", "SQLs ÷ webinar leads")
    (pending,) = store.candidates.list(workshop.id, statuses=("pending",))
    assert pending.name == "Share of webinar leads that become SQLs"
    assert any(t("en", "voting.status.pending") in markdown.value for markdown in app.markdown)


@pytest.mark.parametrize("name", ["", "   "])
def test_custom_kpi_without_a_name_is_refused_and_stores_nothing(ballot, store, name):
    workshop, _, anna, _ = ballot
    app = _propose(_as(anna, workshop), name)
    assert [error.value for error in app.error] == [t("en", "voting.propose.name_required")]
    assert store.candidates.list(workshop.id, statuses=("pending",)) == []


def test_facilitator_finds_a_catalogue_kpi_and_adds_it_to_the_vote(ballot, store):
    workshop, _, _, _ = ballot
    app = page_app(PAGE, workshop_id=workshop.id, role="facilitator").run()
    app.segmented_control(key="voting_section").set_value("catalog").run()
    app.text_input(key="catalog_query").input("MQL").run()
    names = set(app.dataframe[0].value.iloc[:, 0])
    assert "MQL-to-SQL rate" in names
    app.multiselect(key="catalog_add_pick").select("mql_to_sql_rate")
    app = _button(app, t("en", "voting.add_many.submit")).click().run()
    assert not app.exception
    assert "mql_to_sql_rate" in {candidate.catalog_id for candidate in store.candidates.list(workshop.id)}


def test_catalogue_shows_vanity_warning_with_alternative(ballot):
    workshop, _, anna, _ = ballot
    app = _as(anna, workshop, "de")
    app.segmented_control(key="voting_section").set_value("catalog").run()
    app.selectbox(key="catalog_details").set_value("social_followers").run()
    assert any("Stattdessen messen" in warning.value for warning in app.warning)
    assert not [button for button in app.button if button.label == t("de", "voting.add")]


def test_without_a_role_the_page_shows_no_data_and_nothing_that_writes(ballot):
    app = page_app(PAGE).run()
    assert not app.exception
    assert not _controls(app) and not app.text_input and not app.metric and not app.dataframe


def test_a_reloaded_participant_is_sent_to_the_join_form_with_the_code_kept(workshop):
    app = page_app("pages/voting.py")
    app.query_params["join"] = workshop.join_code
    app.run()
    assert not app.exception
    assert any(f"(/?join={workshop.join_code})" in block.value for block in app.markdown)


def test_participant_says_done_and_may_take_it_back_until_voting_closes(ballot, store):
    workshop, ids, anna, _ = ballot
    app = _as(anna, workshop)
    app = _button(app, t("en", "voting.done")).click().run()
    assert store.participants.get(anna.id).done
    assert t("en", "voting.done.state") in [s.value for s in app.success]
    app = _button(app, t("en", "voting.undone")).click().run()
    assert not store.participants.get(anna.id).done
    store.workshops.update_settings(workshop.id, voting_open=False)
    app.run()
    assert not [button for button in app.button if button.key == "voting_done"]


def test_spent_budget_nudges_to_say_done(ballot, store):
    workshop, ids, anna, _ = ballot
    app = _tap(_tap(_as(anna, workshop), ids[0], 3), ids[1], 2)
    assert t("en", "voting.nudge") in [info.value for info in app.info]


def test_participant_is_not_shown_facilitator_texts(ballot, store):
    workshop, ids, anna, _ = ballot
    store.workshops.update_settings(workshop.id, voting_open=False)
    texts = [info.value for info in _as(anna, workshop).info]
    assert t("en", "voting.closed") in texts
    assert t("en", "voting.closed.for_facilitator") not in texts


def test_a_participant_language_switch_is_kept_as_theirs(ballot, store):
    workshop, _, anna, _ = ballot
    app = _as(anna, workshop, "de")
    app.sidebar.segmented_control(key="language_switch").set_value("en").run()
    assert not app.exception
    assert store.participants.get(anna.id).language == "en"


def test_a_running_countdown_shows_on_the_ballot(ballot, store):
    workshop, _, anna, _ = ballot
    store.goals.add(workshop.id, "Grow new-customer revenue")
    store.workshops.start_countdown(workshop.id, 125)
    app = _as(anna, workshop)
    assert not app.exception
    (shown,) = [element for element in app.get("bidi_component") if element.key == "countdown"]
    countdown = json.loads(shown.proto.json)  # counted down in the browser (tests/browser/test_room.py)
    assert countdown["text"].startswith("⏱") and countdown["slot"] in countdown["text"]
    assert countdown["ends_at"] - countdown["now"] == pytest.approx(125, abs=2)


def test_definition_and_formula_are_the_kpi_names_help(ballot):
    """One tap on the name's help shows what the KPI measures; a custom KPI's text stays inert."""
    workshop, ids, anna, _ = ballot
    helps = {block.value.split("**")[1]: block.proto.help for block in _as(anna, workshop).markdown
             if block.value.startswith("**")}
    win_rate = catalog_by_id()["win_rate"]
    assert escape_markdown(win_rate.definition.get("en")) in helps[escape_markdown(win_rate.name.get("en"))]
    assert escape_markdown(win_rate.formula.get("en")) in helps[escape_markdown(win_rate.name.get("en"))]
    assert helps[escape_markdown("Demo-to-deal rate")].endswith(escape_markdown("Demos that become deals"))
    assert helps[escape_markdown(HTML_NAME)] == ""  # nothing to say: no help icon
