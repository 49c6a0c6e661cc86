"""The throttle_events table: attempts per bucket and key in a sliding window, shared by all processes.

Counting in SQLite rather than in process memory makes two `streamlit run` processes behind one
proxy count the same attempts, and a check-and-count in one BEGIN IMMEDIATE transaction holds at
any concurrency: no two requests can both see "one attempt left".
"""

from __future__ import annotations

import math

from kpi_logic.errors import Throttled
from kpi_logic.store.base import Part
from kpi_logic.throttle import LONGEST_WINDOW_S, Limit


class Throttles(Part):
    """Count attempts and refuse those beyond a limit."""

    def wait(self, limit: Limit, key: str) -> float:
        """Seconds until `key` may make another attempt under `limit`; 0 when it may now."""
        moment = self.store.clock()
        rows = self.rows(
            "SELECT at FROM throttle_events WHERE bucket = ? AND key = ? AND at > ? "
            "ORDER BY at DESC LIMIT ?",
            [limit.bucket, key, moment - limit.window_s, limit.count],
        )
        if len(rows) < limit.count:
            return 0.0
        # The count-th newest event must leave the window before one more fits.
        return max(0.0, rows[-1]["at"] + limit.window_s - moment)

    def refuse_if_full(self, *checks: tuple[Limit, str]) -> None:
        """Throttled (for the longest wait) if any (limit, key) has no attempt left."""
        waits = [(self.wait(limit, key), limit) for limit, key in checks]
        seconds, limit = max(waits, key=lambda pair: pair[0], default=(0.0, None))
        if seconds > 0:
            raise Throttled(limit.bucket, math.ceil(seconds))

    def add(self, limit: Limit, key: str) -> int:
        """Count one attempt of `key`; its event id (to take a reservation back)."""
        moment = self.store.clock()
        with self.write():
            # Old events only ever matter for the longest window; pruning here keeps the table small.
            self.db.execute("DELETE FROM throttle_events WHERE at < ?", [moment - LONGEST_WINDOW_S])
            return self.insert_row("throttle_events", {"bucket": limit.bucket, "key": key, "at": moment})

    def take(self, *checks: tuple[Limit, str]) -> list[int]:
        """Refuse (Throttled) or count one attempt against every (limit, key), in one transaction."""
        with self.write():
            self.refuse_if_full(*checks)
            return [self.add(limit, key) for limit, key in checks]

    def remove(self, event_ids: list[int]) -> None:
        """Take counted attempts back (an attempt reserved in advance that succeeded)."""
        with self.write():
            self.db.execute(
                f"DELETE FROM throttle_events WHERE id IN ({', '.join('?' * len(event_ids))})",
                list(event_ids),
            )

    def clear(self, limit: Limit, key: str) -> None:
        """Forget every attempt of `key` under `limit` (after a success)."""
        with self.write():
            self.db.execute(
                "DELETE FROM throttle_events WHERE bucket = ? AND key = ?", [limit.bucket, key]
            )
