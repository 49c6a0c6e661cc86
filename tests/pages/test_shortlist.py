"""Shortlist page: the facilitator picks and edits the 3–5 KPIs, sees the checks live and can undo."""

from __future__ import annotations

import math
from datetime import date

import pytest

from kpi_logic.i18n import t
from tests.support import page_app
from ui import session

PAGE = "pages/shortlist.py"
CATALOG_IDS = ("win_rate", "cac", "mql_to_sql_rate", "social_followers", "cost_per_sql")


@pytest.fixture
def voted(store, workshop):
    """Five catalogue candidates, votes that rank them in this order, and one goal."""
    ids = [store.candidates.add(workshop.id, catalog_id) for catalog_id in CATALOG_IDS]
    anna = store.participants.join(workshop.join_code, "Anna", "marketing")
    ben = store.participants.join(workshop.join_code, "Ben", "sales")
    for person, points in ((anna, (3, 1)), (ben, (2, 1, 1, 1))):
        for candidate_id, value in zip(ids, points):
            store.votes.set_points(person.id, candidate_id, value)
    store.goals.add(workshop.id, "Mehr Neukunden")
    return ids


def _click(app, label: str):
    next(button for button in app.button if button.label == label).click()
    return app.run()


def _editor_key(store, workshop) -> str:
    history = store.shortlist.history(workshop.id)
    return f"shortlist_editor_{history[0].id if history else 0}"


def _edit(app, store, workshop, edited_rows: dict[int, dict]):
    """Submit the editor as if these cells (row number → column → value) had been typed."""
    app.session_state[_editor_key(store, workshop)] = {
        "edited_rows": edited_rows, "added_rows": [], "deleted_rows": []
    }
    return _click(app, t("en", "words.save_changes"))


@pytest.fixture
def picked(store, workshop, voted):
    """The facilitator's page after saving the prefilled top four."""
    app = page_app(PAGE, workshop_id=workshop.id).run()
    return _click(app, t("en", "shortlist.pick.save"))


def test_top_four_are_prefilled_and_saved_as_the_shortlist(store, workshop, voted, picked):
    assert not picked.exception
    assert [entry.candidate_id for entry in store.shortlist.list(workshop.id)] == voted[:4]
    assert t("en", "saved") in [message.value for message in picked.toast]


def _reasons(app) -> list[str]:
    return [markdown.value for expander in app.expander for markdown in expander.markdown]


def test_shortlist_of_four_shows_one_checklist_row_per_kpi(picked):
    assert picked.markdown[0].value.startswith("**4 KPIs · 1 error · ")
    table = next(frame.value for frame in picked.dataframe if "Meaningful" in frame.value.columns)
    assert len(table) == 4
    assert "✗" in set(table["Meaningful"])  # social media followers
    assert any("vanity metric" in reason for reason in _reasons(picked))
    assert any("has no owner" in reason for reason in _reasons(picked))
    assert len(picked.error) + len(picked.warning) <= 3  # only the shortlist-wide findings as boxes


def test_checks_follow_the_german_language(store, workshop, voted):
    store.shortlist.set(workshop.id, voted[:4], actor="Moderation")
    app = page_app(PAGE, workshop_id=workshop.id, language="de").run()
    assert app.markdown[0].value.startswith("**4 KPIs · 1 Fehler · ")
    assert any("Vanity Metric" in reason for reason in _reasons(app))


def test_top_n_control_shows_the_size_of_the_saved_shortlist(store, workshop, voted):
    store.shortlist.set(workshop.id, voted[:3], actor="Moderation")
    app = page_app(PAGE, workshop_id=workshop.id).run()
    assert app.segmented_control[0].value == 3


def test_a_tie_at_the_top_n_cut_is_shown_and_left_to_the_facilitator(store, workshop):
    ids = [store.candidates.add(workshop.id, catalog_id) for catalog_id in CATALOG_IDS]
    for name, team, candidate_id in (("Anna", "marketing", ids[0]), ("Ben", "sales", ids[1]),
                                     ("Cleo", "sales", ids[2]), ("Dan", "marketing", ids[3]),
                                     ("Eva", "sales", ids[4])):
        store.votes.set_points(store.participants.join(workshop.join_code, name, team).id, candidate_id, 2)
    app = page_app(PAGE, workshop_id=workshop.id).run()
    assert not app.exception
    assert app.multiselect[0].value == []  # all five tie: none is settled by name
    assert any("Tie at the top-4 cut" in info.value for info in app.info)


def test_details_edited_in_the_table_are_stored(store, workshop, picked):
    goal = store.goals.list(workshop.id)[0]
    app = _edit(picked, store, workshop, {0: {
        "owner": "Eva Muster", "target": 25, "cadence": "monthly", "target_date": "2027-06-30",
        "goal_ids": [str(goal.id)]}})
    assert not app.exception
    entry = store.shortlist.list(workshop.id)[0]
    assert (entry.owner, entry.target, entry.cadence, entry.target_date, entry.goal_ids) == (
        "Eva Muster", 25.0, "monthly", date(2027, 6, 30), (goal.id,)
    )
    assert t("en", "shortlist.edit.saved", count=1) in [message.value for message in app.toast]


@pytest.mark.parametrize(
    "cells,column",
    [
        ({"owner": "x" * 10_000}, "owner"),
        ({"data_source": "<script>" * 2_000}, "data_source"),
        ({"target": math.inf}, "target"),
        ({"baseline": -math.inf}, "baseline"),
        ({"target_date": "1900-01-01"}, "target_date"),
        ({"target_date": "2999-12-31"}, "target_date"),
    ],
)
def test_bad_cell_gives_a_clear_message_and_stores_nothing(store, workshop, picked, cells, column):
    before = store.shortlist.list(workshop.id)
    # A good change in the first row must not be stored either.
    app = _edit(picked, store, workshop, {0: {"owner": "Eva"}, 1: cells})
    assert not app.exception
    messages = [error.value for error in app.error]
    assert any(
        message.startswith("Nothing saved") and t("en", f"shortlist.col.{column}") in message
        for message in messages
    )
    assert store.shortlist.list(workshop.id) == before


def test_undo_restores_the_previous_state(store, workshop, picked):
    app = _edit(picked, store, workshop, {0: {"owner": "Eva"}})
    assert store.shortlist.list(workshop.id)[0].owner == "Eva"
    app = _click(app, t("en", "shortlist.undo"))
    assert not app.exception
    assert store.shortlist.list(workshop.id)[0].owner == ""
    assert any(message.value.startswith("Undone:") for message in app.toast)
    history = app.dataframe[-1].value
    assert history[t("en", "shortlist.history.actor")].tolist()[:2] == ["Facilitator", "Facilitator"]
    # Undone changes say so in words, not with a checkbox that looks clickable.
    assert t("en", "shortlist.history.undone_mark") in history[t("en", "shortlist.history.undone")].tolist()


def test_history_shows_a_change_made_elsewhere_on_the_next_run(store, workshop, picked):
    """The history table is kept per newest change: a change from another device, and its undo, show at once."""
    def actors(app) -> list[str]:
        return app.dataframe[-1].value[t("en", "shortlist.history.actor")].tolist()

    assert actors(picked) == ["Facilitator"]
    kept = [entry.candidate_id for entry in store.shortlist.list(workshop.id)][:3]
    store.shortlist.set(workshop.id, kept, actor="Other laptop")
    assert actors(picked.run()) == ["Other laptop", "Facilitator"]
    store.shortlist.undo(workshop.id, actor="Other laptop")
    marks = picked.run().dataframe[-1].value[t("en", "shortlist.history.undone")].tolist()
    assert marks == ["", t("en", "shortlist.history.undone_mark"), ""]


def test_participant_sees_the_shortlist_read_only(store, workshop, voted):
    store.shortlist.set(workshop.id, voted[:4], actor="Moderation")
    anna = store.participants.list(workshop.id)[0]
    app = page_app(PAGE, workshop_id=workshop.id, role=session.PARTICIPANT, participant_id=anna.id).run()
    assert not app.exception
    assert not app.data_editor and not app.multiselect
    labels = [button.label for button in app.button]
    assert t("en", "shortlist.undo") not in labels and t("en", "shortlist.pick.save") not in labels
    assert app.dataframe[0].value["name"].tolist()[0] == "Win rate"


def test_user_text_is_shown_as_text(store, workshop):
    markup = "[x](javascript:alert(1)) <b>x</b>"
    candidate = store.candidates.add(workshop.id, name=markup, stage="sql", team="joint")
    store.shortlist.set(workshop.id, [candidate], actor="Moderation")
    app = page_app(PAGE, workshop_id=workshop.id).run()
    shown = " ".join(alert.value for alert in [*app.error, *app.warning])
    assert "[x](javascript" not in shown and "\\[x\\]" in shown


def test_without_a_role_the_page_shows_no_data_and_nothing_that_writes(store, workshop, voted):
    store.shortlist.set(workshop.id, voted[:4], actor="Moderation")
    app = page_app(PAGE).run()
    assert not app.exception
    assert not app.dataframe and not app.data_editor and not app.multiselect
    assert [button.label for button in app.button] == []
