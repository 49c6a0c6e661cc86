"""Facilitation page: every control writes the workshop; wrong settings and outsiders are refused."""

from __future__ import annotations

import pytest

from kpi_logic.i18n import t
from tests.support import page_app
from ui import session

PAGE = "pages/facilitate.py"


def _open(workshop, role: str = session.FACILITATOR, participant_id: int | None = None,
          language: str = "en"):
    return page_app(PAGE, workshop_id=workshop.id, role=role, participant_id=participant_id,
                    language=language).run()


def _widget(app, kind: str, label_key: str):
    return next(widget for widget in getattr(app, kind) if widget.label == t("en", label_key))


def _click(app, label_key: str, **values):
    next(button for button in app.button if button.label == t("en", label_key, **values)).click()
    return app.run()


def _save_settings(app, **toggles):
    for key, value in toggles.items():
        _widget(app, "toggle", f"facilitate.settings.{key}").set_value(value)
    return _click(app, "facilitate.settings.submit")


def _errors(app) -> list[str]:
    return [error.value for error in app.error]


@pytest.mark.parametrize("language", ["de", "en"])
def test_facilitator_sees_the_controls_and_the_join_code_for_the_projector(workshop, language):
    app = _open(workshop, language=language)
    assert not app.exception
    assert t(language, "facilitate.settings.title") in [header.value for header in app.subheader]
    assert any(metric.value == workshop.join_code for metric in app.metric)


@pytest.mark.parametrize(
    "toggle,field,value",
    [
        ("voting_open", "voting_open", False),
        ("blind", "results_hidden", True),
        ("anonymous", "anonymous", True),
        ("facilitator_votes", "facilitator_votes", True),
    ],
)
def test_each_voting_switch_changes_the_stored_workshop(store, workshop, toggle, field, value):
    app = _save_settings(_open(workshop), **{toggle: value})
    assert not app.exception
    assert getattr(store.workshops.get(workshop.id), field) is value


def test_phase_budget_and_cap_change_during_the_session(store, workshop):
    app = _open(workshop)
    _widget(app, "selectbox", "facilitate.settings.phase").set_value("voting")
    _widget(app, "number_input", "facilitate.settings.budget").set_value(8)
    _widget(app, "number_input", "facilitate.settings.cap").set_value(4)
    app = _click(app, "facilitate.settings.submit")
    saved = store.workshops.get(workshop.id)
    assert (saved.phase, saved.vote_budget, saved.per_kpi_cap) == ("voting", 8, 4)


def test_opening_voting_without_a_goal_is_refused_with_a_link_to_goals(store, workshop):
    store.workshops.update_settings(workshop.id, voting_open=False)
    app = _save_settings(_open(workshop), voting_open=True)
    assert t("en", "facilitate.settings.no_goal") in _errors(app)
    assert any("](/goals)" in text.value for text in app.markdown)
    assert not store.workshops.get(workshop.id).voting_open


def test_opening_voting_with_a_goal_is_saved(store, workshop):
    store.workshops.update_settings(workshop.id, voting_open=False)
    store.goals.add(workshop.id, "Neukundenumsatz +20 %")
    _save_settings(_open(workshop), voting_open=True)
    assert store.workshops.get(workshop.id).voting_open


@pytest.mark.parametrize("budget,cap", [(3, 4), (1, 2), (5, 20)])
def test_cap_above_budget_is_refused_with_a_clear_message(store, workshop, budget, cap):
    app = _open(workshop)
    _widget(app, "number_input", "facilitate.settings.budget").set_value(budget)
    _widget(app, "number_input", "facilitate.settings.cap").set_value(cap)
    app = _click(app, "facilitate.settings.submit")
    assert t("en", "start.create.cap_too_high", cap=cap, budget=budget) in _errors(app)
    saved = store.workshops.get(workshop.id)
    assert (saved.vote_budget, saved.per_kpi_cap) == (workshop.vote_budget, workshop.per_kpi_cap)


def test_lowering_the_budget_names_who_is_now_over_it(store, workshop):
    anna = store.participants.join(workshop.join_code, "Anna", "marketing")
    first, second = (store.candidates.add(workshop.id, kpi) for kpi in ("win_rate", "cac"))
    store.votes.set_points(anna.id, first, 3)
    store.votes.set_points(anna.id, second, 2)
    app = _open(workshop)
    _widget(app, "number_input", "facilitate.settings.budget").set_value(3)
    app = _click(app, "facilitate.settings.submit")
    assert store.workshops.get(workshop.id).vote_budget == 3
    assert any("Anna" in warning.value for warning in app.warning)


@pytest.mark.parametrize("button,status", [("approve", "approved"), ("reject", "rejected")])
def test_pending_custom_kpi_is_approved_or_rejected_after_its_vanity_check(store, workshop, button, status):
    luca = store.participants.join(workshop.join_code, "Luca", "marketing")
    store.candidates.add(workshop.id, name="Instagram-Follower", proposed_by=luca.id, status="pending")
    app = _open(workshop)
    assert any(warning.value.startswith(t("en", "facilitate.approvals.vanity", text=""))
               and "Follower" in warning.value for warning in app.warning)
    app = _click(app, f"facilitate.approvals.{button}")
    assert not app.exception
    assert [c.name for c in store.candidates.list(workshop.id, statuses=(status,))] == ["Instagram-Follower"]
    assert store.candidates.list(workshop.id, statuses=("pending",)) == []


def test_runoff_starts_a_new_round_between_the_top_n(store, workshop):
    for kpi in ("win_rate", "cac", "clv", "churn_rate"):
        store.candidates.add(workshop.id, kpi)
    app = _open(workshop)
    _widget(app, "number_input", "facilitate.runoff.top_n").set_value(2)
    app = _click(app, "facilitate.runoff.submit")
    assert not app.exception
    saved = store.workshops.get(workshop.id)
    assert saved.round == 2 and saved.voting_open
    assert sum(c.in_runoff for c in store.candidates.list(workshop.id)) == 2


def test_finalising_needs_a_shortlist_and_then_closes_voting(store, workshop):
    app = _click(_open(workshop), "facilitate.finalise.submit")
    assert t("en", "facilitate.finalise.empty") in _errors(app)
    assert not store.workshops.get(workshop.id).finalised
    ids = [store.candidates.add(workshop.id, kpi) for kpi in ("win_rate", "cac", "mql_to_sql_rate")]
    store.shortlist.set(workshop.id, ids, "Moderation")
    _click(_open(workshop), "facilitate.finalise.submit")
    saved = store.workshops.get(workshop.id)
    assert saved.finalised and not saved.voting_open


@pytest.mark.parametrize("role", [session.PARTICIPANT, session.VIEWER, None])
def test_only_the_facilitator_sees_the_page(store, workshop, role):
    anna = store.participants.join(workshop.join_code, "Anna", "marketing")
    if role is None:
        app = page_app(PAGE).run()
    else:
        app = _open(workshop, role=role, participant_id=anna.id if role == session.PARTICIPANT else None)
    assert not app.exception
    page_buttons = [button for button in app.button if button.key != "leave_workshop"]
    assert not app.toggle and not page_buttons and not app.number_input and not app.metric
