"""Guessing join codes is slowed down: after the limit, a key waits until its oldest failure expires."""

from kpi_logic.throttle import AttemptLimiter


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_attempts_under_the_limit_are_allowed():
    limiter = AttemptLimiter(limit=3, window_s=60, clock=Clock())
    for _ in range(2):
        limiter.failed("10.0.0.1")
    assert limiter.blocked_for("10.0.0.1") == 0


def test_the_limit_blocks_until_the_oldest_failure_leaves_the_window():
    clock = Clock()
    limiter = AttemptLimiter(limit=3, window_s=60, clock=clock)
    for second in (0, 10, 20):
        clock.now = 1000 + second
        limiter.failed("10.0.0.1")
    assert limiter.blocked_for("10.0.0.1") == 40
    clock.now = 1060
    assert limiter.blocked_for("10.0.0.1") == 0


def test_one_address_guessing_does_not_block_another():
    limiter = AttemptLimiter(limit=1, window_s=60, clock=Clock())
    limiter.failed("10.0.0.1")
    assert limiter.blocked_for("10.0.0.1") > 0
    assert limiter.blocked_for("10.0.0.2") == 0
