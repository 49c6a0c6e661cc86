"""Guessing is slowed down: attempts per key in a sliding window, counted in SQLite for every process."""

import pytest

from kpi_logic.errors import Throttled
from kpi_logic.store import WorkshopStore
from kpi_logic.throttle import Limit

LIMIT = Limit("test", 3, 60)


@pytest.fixture
def clocked(tmp_path):
    now = [1000.0]
    return WorkshopStore(tmp_path / "t.db", clock=lambda: now[0]), now


def test_attempts_under_the_limit_are_allowed(clocked):
    store, _ = clocked
    for _ in range(2):
        store.throttles.add(LIMIT, "ip:10.0.0.1")
    assert store.throttles.wait(LIMIT, "ip:10.0.0.1") == 0


def test_the_limit_blocks_until_the_oldest_attempt_leaves_the_window(clocked):
    store, now = clocked
    for second in (0, 10, 20):
        now[0] = 1000 + second
        store.throttles.take((LIMIT, "ip:10.0.0.1"))
    assert store.throttles.wait(LIMIT, "ip:10.0.0.1") == 40
    with pytest.raises(Throttled) as refused:
        store.throttles.take((LIMIT, "ip:10.0.0.1"))
    assert refused.value.seconds_left == 40
    now[0] = 1060
    assert store.throttles.wait(LIMIT, "ip:10.0.0.1") == 0


def test_one_address_guessing_does_not_block_another(clocked):
    store, _ = clocked
    for _ in range(3):
        store.throttles.add(LIMIT, "ip:10.0.0.1")
    assert store.throttles.wait(LIMIT, "ip:10.0.0.1") > 0
    assert store.throttles.wait(LIMIT, "ip:10.0.0.2") == 0


def test_a_second_process_on_the_same_file_sees_the_same_count(tmp_path):
    first, second = WorkshopStore(tmp_path / "t.db"), WorkshopStore(tmp_path / "t.db")
    for _ in range(3):
        first.throttles.take((LIMIT, "ip:10.0.0.1"))
    with pytest.raises(Throttled):
        second.throttles.take((LIMIT, "ip:10.0.0.1"))


def test_a_reservation_taken_back_frees_its_place(clocked):
    store, _ = clocked
    ids = [store.throttles.take((LIMIT, "k"))[0] for _ in range(3)]
    store.throttles.remove(ids[:1])
    assert store.throttles.wait(LIMIT, "k") == 0
