"""The room screen's read model: blind until the reveal even for the facilitator, ties as ties,
no ranking before a vote, the countdown, and done counted without the facilitator's own ballot."""

from __future__ import annotations

import pytest

from kpi_logic.links import AppAddress
from kpi_logic.room_view import BLIND, NO_CANDIDATES, NO_VOTES, RANKING, countdown_text, room_view

ADDRESS = AppAddress("http://192.168.1.20:8501", "192.168.1.20", False, False)
LOCALHOST_ADDRESS = AppAddress("http://192.168.1.20:8501", "localhost", True, False)


def test_the_join_link_and_its_qr_use_the_address_phones_reach(store, voting_room):
    workshop, _, _ = voting_room
    view = room_view(store, workshop.id, "en", ADDRESS)
    assert view.join_url == f"http://192.168.1.20:8501/?join={workshop.join_code}"
    assert view.short_link == f"192.168.1.20:8501/?join={workshop.join_code}"
    assert view.qr.startswith(b"\x89PNG") and view.phone_notice is None


def test_a_localhost_link_comes_with_the_phone_notice(store, voting_room):
    workshop, _, _ = voting_room
    assert "192.168.1.20" in room_view(store, workshop.id, "en", LOCALHOST_ADDRESS).phone_notice


def test_blind_shows_only_progress_until_the_reveal(store, voting_room):
    workshop, (first, _), (anna, _, _) = voting_room
    store.workshops.update_settings(workshop.id, results_hidden=True)
    store.votes.set_points(anna.id, first, 2)
    store.participants.set_done(anna.id, True)
    view = room_view(store, workshop.id, "en", ADDRESS)
    assert (view.state, view.ranking, view.progress.done, view.progress.total) == (BLIND, None, 1, 3)
    store.workshops.close_voting(workshop.id)
    assert room_view(store, workshop.id, "en", ADDRESS).state == BLIND
    store.workshops.reveal(workshop.id)
    revealed = room_view(store, workshop.id, "en", ADDRESS)
    assert revealed.state == RANKING and revealed.labels == ("1. Win rate",) and not revealed.ties


def test_before_any_vote_there_is_no_ranking(store, voting_room):
    workshop, _, _ = voting_room
    view = room_view(store, workshop.id, "en", ADDRESS)
    assert (view.state, view.ranking, view.labels, view.candidate_count) == (NO_VOTES, None, (), 2)


def test_without_candidates_there_is_nothing_to_rank(store, workshop):
    assert room_view(store, workshop.id, "en", ADDRESS).state == NO_CANDIDATES


def test_ties_share_a_rank_and_unvoted_kpis_are_left_out(store, voting_room):
    workshop, (first, second), (anna, luca, _) = voting_room
    store.candidates.add(workshop.id, catalog_id="cac")
    store.votes.set_points(anna.id, first, 2)
    store.votes.set_points(luca.id, second, 2)
    view = room_view(store, workshop.id, "en", ADDRESS)
    assert sorted(view.labels) == ["1 = Churn rate", "1 = Win rate"] and view.ties


def test_the_facilitators_ballot_is_not_counted_in_done(store, voting_room):
    workshop, _, _ = voting_room
    store.workshops.update_settings(workshop.id, facilitator_votes=True)
    me = store.participants.facilitator(workshop.id)
    store.participants.set_done(me.id, True)
    progress = room_view(store, workshop.id, "en", ADDRESS).progress
    assert (progress.done, progress.total) == (0, 3)


def test_a_running_countdown_counts_down_and_none_runs_once_voting_closed(store, voting_room):
    workshop, _, _ = voting_room
    started = store.workshops.start_countdown(workshop.id, 90)
    view = room_view(store, workshop.id, "en", ADDRESS, moment=started.timer_ends_at - 61.5)
    assert view.seconds_left == 62 and view.voting_open
    ran_out = room_view(store, workshop.id, "en", ADDRESS, moment=started.timer_ends_at + 1)
    assert ran_out.seconds_left == 0 and not ran_out.voting_open
    store.workshops.close_voting(workshop.id)
    assert room_view(store, workshop.id, "en", ADDRESS).seconds_left is None


@pytest.mark.parametrize("seconds,text", [(0, "00:00"), (9, "00:09"), (62, "01:02"), (300, "05:00"), (3600, "60:00"), (-3, "00:00")])
def test_countdown_reads_as_minutes_and_seconds(seconds, text):
    assert countdown_text(seconds) == text
