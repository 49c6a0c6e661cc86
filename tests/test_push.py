"""The watcher that redraws screens when their workshop moved: who is rerun, when, and how often.

The rerun itself is Streamlit's (played in tests/browser/test_room.py); here the decisions are."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kpi_logic.records import Counters
from ui.push import ASK_AGAIN_SECONDS, Watcher

WORKSHOP, OTHER = 1, 2


class Room:
    """The counters of two workshops, the sessions still connected, and a clock that only moves when told."""

    def __init__(self):
        self.counters = {WORKSHOP: Counters(10, 5), OTHER: Counters(3, 3)}
        self.connected = {"phone", "projector", "other"}
        self.reruns: list[str] = []
        self.settled: list[int] = []
        self.reads: list[set[int]] = []
        self.while_asked: dict[str, Callable[[], None]] = {}  # what happens meanwhile on the server
        self.now = 100.0
        self.watcher = Watcher(self.read, self.rerun, self.settled.append,
                               clock=lambda: self.now, wall_clock=lambda: self.now)

    def read(self, ids):
        self.reads.append(set(ids))
        return {key: value for key, value in self.counters.items() if key in ids}

    def rerun(self, session_id: str) -> bool:
        self.while_asked.pop(session_id, lambda: None)()
        if session_id not in self.connected:
            return False
        self.reruns.append(session_id)
        return True

    def poll(self) -> list[str]:
        self.reruns.clear()
        self.watcher.poll()
        return sorted(self.reruns)


@pytest.fixture
def room() -> Room:
    room = Room()
    room.watcher.watch("phone", WORKSHOP, seen=5, every_vote=False)
    room.watcher.watch("projector", WORKSHOP, seen=10, every_vote=True)
    room.watcher.watch("other", OTHER, seen=3, every_vote=True)
    return room


def test_nothing_changed_costs_one_read_and_no_rerun(room):
    assert room.poll() == []
    assert room.reads == [{WORKSHOP, OTHER}]


def test_nobody_watching_reads_nothing():
    lonely = Room()
    assert lonely.poll() == []
    assert lonely.reads == []


def test_a_vote_redraws_the_projector_but_no_phone(room):
    room.counters[WORKSHOP] = Counters(11, 5)
    assert room.poll() == ["projector"]


def test_a_phase_change_redraws_the_phones_and_the_projector_of_that_workshop_only(room):
    room.counters[WORKSHOP] = Counters(11, 6)
    assert room.poll() == ["phone", "projector"]


def test_a_session_asked_is_not_asked_again_at_once_but_is_if_its_rerun_did_not_come(room):
    room.counters[WORKSHOP] = Counters(11, 6)
    room.poll()
    room.now += ASK_AGAIN_SECONDS / 2
    assert room.poll() == []  # its rerun is on its way (or it is busy)
    room.now += ASK_AGAIN_SECONDS
    assert room.poll() == ["phone", "projector"]


def test_a_rerun_that_showed_the_change_ends_the_asking(room):
    room.counters[WORKSHOP] = Counters(11, 6)
    room.poll()
    room.watcher.watch("phone", WORKSHOP, seen=6, every_vote=False)  # its run was built from the new row
    room.now += 2 * ASK_AGAIN_SECONDS
    assert room.poll() == ["projector"]


def test_a_session_that_left_or_stopped_following_is_forgotten(room):
    room.counters[WORKSHOP] = Counters(11, 6)
    room.connected.discard("phone")
    room.watcher.forget("projector")
    assert room.poll() == []
    room.connected.add("phone")
    room.now += 2 * ASK_AGAIN_SECONDS
    assert room.poll() == []  # until its next run watches again
    assert room.reads[-1] == {OTHER}  # nobody watches the first workshop any more


def test_a_deleted_workshop_ends_its_watches(room):
    del room.counters[OTHER]
    room.poll()
    room.counters[WORKSHOP] = Counters(11, 6)
    room.poll()
    assert room.reads[-1] == {WORKSHOP}


def test_a_countdown_that_ran_out_is_settled_whoever_looks(room):
    room.counters[WORKSHOP] = Counters(10, 5, countdown_ends_at=room.now + 1)
    room.poll()
    assert room.settled == []
    room.now += 1
    room.poll()
    assert room.settled == [WORKSHOP]


def test_a_phone_that_came_back_while_its_old_watch_was_dropped_stays_watched(room):
    room.counters[WORKSHOP] = Counters(11, 6)
    room.connected.discard("phone")
    # Its new connection's first run watches just as the watcher finds the old connection gone.
    room.while_asked["phone"] = lambda: room.watcher.watch("phone", WORKSHOP, seen=6, every_vote=False)
    room.poll()
    room.counters[WORKSHOP] = Counters(12, 7)
    room.connected.add("phone")
    room.now += 2 * ASK_AGAIN_SECONDS
    assert "phone" in room.poll()
