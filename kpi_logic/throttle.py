"""Slowing down guessing: failed attempts per key (e.g. a network address) in a sliding window."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable


class AttemptLimiter:
    """Allows `limit` failed attempts per key within `window_s` seconds, then refuses until the
    oldest failure has left the window. Thread-safe: every Streamlit session runs on its own thread."""

    def __init__(self, limit: int, window_s: float, clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.window_s = window_s
        self._clock = clock
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def blocked_for(self, key: str) -> float:
        """Seconds until `key` may try again; 0 when it may try now."""
        with self._lock:
            failures = self._recent(key)
            if len(failures) < self.limit:
                return 0.0
            return failures[0] + self.window_s - self._clock()

    def failed(self, key: str) -> None:
        """Count one failed attempt of `key`."""
        with self._lock:
            self._recent(key).append(self._clock())

    def _recent(self, key: str) -> deque[float]:
        failures = self._failures[key]
        while failures and failures[0] <= self._clock() - self.window_s:
            failures.popleft()
        return failures
