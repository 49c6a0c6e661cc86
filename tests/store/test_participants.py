"""Rules of `store.participants`: joining by name and team, coming back by a device's secret, the
facilitator's roster actions, and the facilitator as voter."""

from __future__ import annotations

import pytest

from kpi_logic.errors import InvalidInput, JoinsClosed, NameTaken, NotFound, VotingClosed
from kpi_logic.security import new_secret
from tests.store.support import TOO_LONG


@pytest.mark.parametrize("name", ["Anna", " anna ", "ANNA"])
def test_a_taken_name_is_refused_whatever_its_case_or_team(store, ws, anna, name):
    with pytest.raises(NameTaken):
        store.participants.join(ws.join_code, name, "sales")
    assert [p.name for p in store.participants.list(ws.id)] == ["Anna"]


def test_a_device_comes_back_as_its_participant_by_its_secret(store, ws):
    secret = new_secret()
    joined = store.participants.join(ws.join_code, "Carla", "sales", language="en", secret=secret)
    assert store.participants.by_secret(secret) == joined
    assert joined.language == "en"
    with pytest.raises(NotFound):
        store.participants.by_secret(new_secret())


def test_readmitting_on_a_new_device_voids_the_old_secret(store, ws):
    old = new_secret()
    joined = store.participants.join(ws.join_code, "Carla", "sales", secret=old)
    new = store.participants.readmit(ws.id, joined.id)
    assert store.participants.by_secret(new).id == joined.id
    with pytest.raises(NotFound):
        store.participants.by_secret(old)


def test_removing_a_participant_takes_their_votes_with_them(store, ws, anna, kpis):
    store.goals.add(ws.id, "Umsatz")
    store.votes.set_points(anna.id, kpis["cac"], 2)
    store.participants.remove(ws.id, anna.id)
    assert store.participants.list(ws.id) == []
    assert store.votes.results(ws.id)["points"].sum() == 0


def test_nobody_joins_once_the_facilitator_stopped_joins(store, ws):
    store.workshops.update_settings(ws.id, joins_open=False)
    with pytest.raises(JoinsClosed):
        store.participants.join(ws.join_code, "Dora", "sales")


def test_a_participant_named_like_the_facilitator_gets_their_own_ballot(store, ws):
    namesake = store.participants.join(ws.join_code, "Moderation", "sales")
    moderator = store.participants.facilitator(ws.id)
    assert moderator.is_facilitator and moderator.id != namesake.id
    assert not namesake.is_facilitator


def test_done_can_be_said_and_taken_back_only_while_voting_is_open(store, ws, anna):
    assert store.participants.set_done(anna.id, True).done
    assert not store.participants.set_done(anna.id, False).done
    store.workshops.close_voting(ws.id)
    with pytest.raises(VotingClosed):
        store.participants.set_done(anna.id, True)


@pytest.mark.parametrize(
    "name, team",
    [("", "marketing"), ("   ", "sales"), (TOO_LONG, "sales"), ("An\nna", "sales"),
     ("Anna", "finance"), ("Anna", None), (42, "sales")],
)
def test_bad_participant_is_refused(store, ws, name, team):
    with pytest.raises(InvalidInput):
        store.participants.join(ws.join_code, name, team)
    assert store.participants.list(ws.id) == []


def test_facilitator_votes_only_when_the_workshop_allows_it(store, ws, kpis):
    moderator = store.participants.facilitator(ws.id)
    assert moderator.is_facilitator and store.participants.facilitator(ws.id) == moderator
    with pytest.raises(VotingClosed):
        store.votes.set_points(moderator.id, kpis["cac"], 1)
    store.workshops.update_settings(ws.id, facilitator_votes=True)
    store.votes.set_points(moderator.id, kpis["cac"], 1)
    assert store.votes.points_of(moderator.id) == {kpis["cac"]: 1}
