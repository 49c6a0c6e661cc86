"""Rules of `store.participants`: joining by name and team, the facilitator as voter."""

from __future__ import annotations

import pytest

from kpi_logic.errors import InvalidInput, VotingClosed
from tests.store.support import TOO_LONG


def test_same_name_joins_as_the_same_participant(store, ws, anna):
    again = store.participants.join(ws.join_code, " anna ", "sales")
    assert again == anna
    assert [p.name for p in store.participants.list(ws.id)] == ["Anna"]


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
