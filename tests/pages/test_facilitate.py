"""Facilitation page: every switch acts at once; final steps ask first; wrong settings and outsiders are refused."""

from __future__ import annotations

import time

import pytest

from kpi_logic.errors import NotFound
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


def _flip(app, key: str, value: bool):
    """Flip one switch: it acts at once, no save button."""
    _widget(app, "toggle", f"facilitate.settings.{key}").set_value(value)
    return app.run()


def _toasts(app) -> list[str]:
    return [toast.value for toast in app.toast]


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
        ("joins_open", "joins_open", False),
    ],
)
def test_each_switch_acts_when_flipped_with_a_toast(store, workshop, toggle, field, value):
    app = _flip(_open(workshop), toggle, value)
    assert not app.exception
    assert getattr(store.workshops.get(workshop.id), field) is value
    assert t("en", f"facilitate.live.{toggle}.{'on' if value else 'off'}") in _toasts(app)
    assert not [button for button in app.button if button.label == "Save settings"]


def test_a_switch_follows_the_store_when_the_vote_closed_elsewhere(store, workshop):
    app = _open(workshop)
    store.workshops.close_voting(workshop.id)  # e.g. the countdown ran out
    app = app.run()
    assert _widget(app, "toggle", "facilitate.settings.voting_open").value is False
    assert not store.workshops.get(workshop.id).voting_open  # the stale switch did not reopen it


def test_the_phase_changes_when_chosen(store, workshop):
    app = _open(workshop)
    _widget(app, "selectbox", "facilitate.settings.phase").set_value("goals")
    app = app.run()
    assert store.workshops.get(workshop.id).phase == "goals"
    assert t("en", "facilitate.live.phase", phase=t("en", "start.phase.goals")) in _toasts(app)


def test_budget_and_cap_change_during_the_session(store, workshop):
    app = _open(workshop)
    _widget(app, "number_input", "facilitate.settings.budget").set_value(8)
    _widget(app, "number_input", "facilitate.settings.cap").set_value(4)
    app = _click(app, "facilitate.settings.submit")
    saved = store.workshops.get(workshop.id)
    assert (saved.vote_budget, saved.per_kpi_cap) == (8, 4)


def test_opening_voting_without_a_goal_is_refused_with_a_link_to_goals(store, workshop):
    store.workshops.update_settings(workshop.id, voting_open=False)
    app = _flip(_open(workshop), "voting_open", True)
    assert t("en", "facilitate.settings.no_goal") in _errors(app)
    assert any("](/goals)" in text.value for text in app.markdown)
    assert not store.workshops.get(workshop.id).voting_open
    assert _widget(app, "toggle", "facilitate.settings.voting_open").value is False  # springs back


def test_opening_voting_moves_the_phase_to_the_vote(store, workshop):
    store.workshops.update_settings(workshop.id, voting_open=False)
    store.goals.add(workshop.id, "Neukundenumsatz +20 %")
    _flip(_open(workshop), "voting_open", True)
    saved = store.workshops.get(workshop.id)
    assert saved.voting_open and saved.phase == "voting"


@pytest.mark.parametrize("minutes", [2, 3, 5])
def test_a_countdown_preset_opens_the_vote_with_a_timer(store, workshop, minutes):
    store.goals.add(workshop.id, "Neukundenumsatz +20 %")
    store.workshops.close_voting(workshop.id)
    before = time.time()
    app = _click(_open(workshop), "facilitate.countdown.preset", minutes=minutes)
    saved = store.workshops.get(workshop.id)
    assert saved.voting_open and before + minutes * 60 <= saved.timer_ends_at <= time.time() + minutes * 60
    assert t("en", "facilitate.countdown.left") in [metric.label for metric in app.metric]


def test_a_typed_countdown_and_one_more_minute(store, workshop):
    store.goals.add(workshop.id, "Neukundenumsatz +20 %")
    app = _open(workshop)
    _widget(app, "number_input", "facilitate.countdown.typed").set_value(7)
    app = _click(app, "facilitate.countdown.start")
    ends = store.workshops.get(workshop.id).timer_ends_at
    assert ends >= time.time() + 6 * 60
    _click(app, "facilitate.countdown.extend")
    assert store.workshops.get(workshop.id).timer_ends_at == pytest.approx(ends + 60)


def test_reveal_closes_the_vote_and_moves_to_the_shortlist(store, workshop):
    store.workshops.update_settings(workshop.id, results_hidden=True, phase="voting")
    app = _click(_open(workshop), "facilitate.reveal.button")
    saved = store.workshops.get(workshop.id)
    assert (saved.voting_open, saved.revealed, saved.phase) == (False, True, "shortlist")
    assert t("en", "facilitate.reveal.done") in _toasts(app)


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
    assert store.workshops.get(workshop.id).round == 1  # the first click only explains
    assert t("en", "facilitate.runoff.explain", round=2, count=2) in [w.value for w in app.warning]
    app = _click(app, "facilitate.runoff.yes")
    assert not app.exception
    saved = store.workshops.get(workshop.id)
    assert saved.round == 2 and saved.voting_open
    assert sum(c.in_runoff for c in store.candidates.list(workshop.id)) == 2


def test_finalising_needs_a_shortlist_and_a_confirmation_then_closes_voting(store, workshop):
    app = _open(workshop)
    assert t("en", "facilitate.finalise.empty") in [info.value for info in app.info]
    assert not [button for button in app.button if button.label == t("en", "facilitate.finalise.submit")]
    store.goals.add(workshop.id, "Neukundenumsatz +20 %")
    ids = [store.candidates.add(workshop.id, kpi) for kpi in ("win_rate", "cac", "mql_to_sql_rate")]
    store.shortlist.set(workshop.id, ids, "Moderation")
    app = _click(_open(workshop), "facilitate.finalise.submit")
    assert not store.workshops.get(workshop.id).finalised
    _click(app, "facilitate.finalise.yes")
    saved = store.workshops.get(workshop.id)
    assert saved.finalised and not saved.voting_open


def test_finalising_with_a_vanity_metric_names_it_and_needs_a_second_confirmation(store, workshop):
    ids = [store.candidates.add(workshop.id, kpi) for kpi in ("win_rate", "cac", "page_views")]
    store.shortlist.set(workshop.id, ids, "Moderation")
    app = _click(_open(workshop), "facilitate.finalise.submit")
    assert any("Page views" in warning.value for warning in app.warning)
    yes = next(button for button in app.button if button.label == t("en", "facilitate.finalise.yes"))
    assert yes.disabled
    despite = next(box for box in app.checkbox if box.label.startswith("I finalise despite"))
    app = despite.check().run()
    _click(app, "facilitate.finalise.yes")
    assert store.workshops.get(workshop.id).finalised


def test_roster_lists_who_is_done_and_the_points_used(store, workshop):
    store.goals.add(workshop.id, "Neukundenumsatz +20 %")
    candidate = store.candidates.add(workshop.id, "win_rate")
    anna = store.participants.join(workshop.join_code, "Anna", "marketing")
    store.participants.join(workshop.join_code, "Luca", "sales")
    store.votes.set_points(anna.id, candidate, 1)
    store.participants.set_done(anna.id, True)
    rows = " ".join(text.value for text in _open(workshop).markdown)
    assert "**Anna** · Marketing · ✅ done · 1 point given" in rows
    assert "**Luca** · Sales · not done yet · 0 points given" in rows


def test_letting_someone_re_join_shows_a_new_seat_link_once_and_voids_the_old(store, workshop):
    old_secret = "old-device-secret-of-anna-0123456789"
    anna = store.participants.join(workshop.join_code, "Anna", "marketing", secret=old_secret)
    app = _click(_open(workshop), "facilitate.roster.readmit")
    assert not app.exception
    link = next(code.value for code in app.code if "?seat=" in code.value)
    assert store.participants.by_secret(link.split("?seat=")[1]).id == anna.id
    with pytest.raises(NotFound):
        store.participants.by_secret(old_secret)
    assert app.get("image")
    assert not any("?seat=" in code.value for code in app.run().code)  # shown once


def test_removing_someone_asks_first_and_takes_their_votes(store, workshop):
    candidate = store.candidates.add(workshop.id, "win_rate")
    anna = store.participants.join(workshop.join_code, "Anna", "marketing")
    store.votes.set_points(anna.id, candidate, 2)
    app = _click(_open(workshop), "facilitate.roster.remove")
    assert [p.name for p in store.participants.list(workshop.id)] == ["Anna"]
    assert any("2 points go with them" in warning.value for warning in app.warning)
    _click(app, "facilitate.roster.remove_yes", name="Anna")
    assert store.participants.list(workshop.id) == []
    assert store.votes.points_used(workshop.id) == {}


def test_a_new_join_code_asks_first_and_the_old_code_stops(store, workshop):
    app = _click(_open(workshop), "facilitate.code.renew")
    assert store.workshops.get(workshop.id).join_code == workshop.join_code
    _click(app, "facilitate.code.yes")
    assert store.workshops.get(workshop.id).join_code != workshop.join_code
    with pytest.raises(NotFound):
        store.workshops.by_join_code(workshop.join_code)


def test_the_room_screen_opens_by_its_own_link(workshop):
    app = _open(workshop)
    button = next(button for button in app.get("link_button"))
    assert f"/room?room={workshop.room_token}" in button.proto.url


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


def test_the_roster_acts_on_the_person_picked(store, workshop):
    """One list and one picker: removing acts on the picked person only, and the picker then starts afresh."""
    anna = store.participants.join(workshop.join_code, "Anna", "marketing")
    luca = store.participants.join(workshop.join_code, "Luca", "sales")
    app = _open(workshop)
    app.selectbox(key="roster_person").select(luca.id).run()
    app = _click(app, "facilitate.roster.remove")
    app = _click(app, "facilitate.roster.remove_yes", name="Luca")
    assert [person.id for person in store.participants.list(workshop.id)] == [anna.id]
    assert not app.exception and app.selectbox(key="roster_person").value == anna.id
