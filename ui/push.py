"""Screens redraw when their workshop changed, pushed by the server: no screen asks "anything new?".

Every write a screen shows bumps the workshop's `version` in the same transaction (migration m004's
triggers), and what a phone follows (settings, phase, countdown, reveal, candidates) also bumps
`state_version`. One watcher per server process reads the counters of the workshops its sessions
show, four times a second, in one query; a session whose page was built from an older counter is
rerun by the server, as Streamlit reruns a session whose source file changed. An idle phone costs
the server nothing: with a tick per screen (a fragment rerun every 0.5 s, 2–3 ms each) 200 idle phones
took more than the process's one core of Python (benchmarks/RESULTS.md).

Each run tells the watcher the counter it was built from (`Watcher.watch`), so a write during the run
is never taken as seen. Phones watch `state_version`, so a tap in the room does not redraw every
phone; the projector and the facilitator watch `version`. Several server processes on one database
each watch their own sessions. A countdown that ran out is settled by the watcher (the vote closes),
whoever's screen is open.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass

import streamlit as st
from streamlit.runtime import Runtime

from kpi_logic.records import Counters
from ui import session

# How often a server process reads the counters of the workshops its sessions show.
POLL_SECONDS = 0.25
# A rerun asked for but not yet run (the session was busy) is asked again after this long.
ASK_AGAIN_SECONDS = 0.5

_LOG = logging.getLogger(__name__)


@dataclass
class _Watch:
    workshop_id: int
    every_vote: bool
    seen: int
    asked_at: float | None = None


class Watcher:
    """Which sessions to rerun and which countdowns to settle: bookkeeping only, so it is tested
    without a server. `counters` reads the workshops' counters, `rerun` asks for a session's rerun
    (False once the session is gone), `settle` closes a workshop's vote whose countdown ran out."""

    def __init__(self, counters: Callable[[Collection[int]], dict[int, Counters]],
                 rerun: Callable[[str], bool], settle: Callable[[int], None],
                 clock: Callable[[], float] = time.monotonic, wall_clock: Callable[[], float] = time.time):
        self._counters, self._rerun, self._settle = counters, rerun, settle
        self._clock, self._wall_clock = clock, wall_clock
        self._watches: dict[str, _Watch] = {}
        self._lock = threading.Lock()

    def watch(self, session_id: str, workshop_id: int, seen: int, every_vote: bool) -> None:
        """The session's page shows workshop `workshop_id` as of counter `seen`."""
        with self._lock:
            self._watches[session_id] = _Watch(workshop_id, every_vote, seen)

    def forget(self, session_id: str) -> None:
        """The session's page does not redraw by itself (an editing page, no workshop)."""
        with self._lock:
            self._watches.pop(session_id, None)

    def _drop(self, session_id: str, watch: _Watch) -> None:
        """Forget `watch`, unless the session's newer run (a reconnect) watches anew meanwhile."""
        with self._lock:
            if self._watches.get(session_id) is watch:
                del self._watches[session_id]

    def poll(self) -> None:
        """Settle countdowns that ran out, then rerun every session that showed an older counter."""
        with self._lock:
            watches = dict(self._watches)
        if not watches:
            return
        counters = self._counters({watch.workshop_id for watch in watches.values()})
        now = self._wall_clock()
        for workshop_id, counter in counters.items():
            if counter.countdown_ends_at is not None and counter.countdown_ends_at <= now:
                self._settle(workshop_id)  # its write moves the counters: the next poll redraws
        moment = self._clock()
        for session_id, watch in watches.items():
            counter = counters.get(watch.workshop_id)
            current = None if counter is None else counter.version if watch.every_vote else counter.state_version
            if current is None:
                self._drop(session_id, watch)  # the workshop is gone
            elif current != watch.seen and (watch.asked_at is None or moment - watch.asked_at >= ASK_AGAIN_SECONDS):
                if self._rerun(session_id):
                    watch.asked_at = moment
                else:
                    self._drop(session_id, watch)  # the browser left; a reconnect's first run watches again

    def run_forever(self) -> None:
        """Poll until the process ends; a failed poll (the database busy or briefly gone) is tried again."""
        while True:
            time.sleep(POLL_SECONDS)
            try:
                self.poll()
            except Exception:  # noqa: BLE001 - the watcher must outlive any one failure
                _LOG.exception("Watching the workshops failed; trying again.")


def _rerun_if_idle(app_session) -> None:
    """Rerun the session's page with its last state, as Streamlit does when a source file changed;
    never in the middle of a run (that would stop a tap's run). Runs on the server's event loop,
    where the browser's own requests are handled, so none can slip in between the check and the rerun."""
    if app_session._scriptrunner is None:
        app_session.request_rerun(app_session._client_state)


def rerun_session(session_id: str) -> bool:
    """Ask for a rerun of the session's page; False when the session is no longer connected.

    Streamlit has no public API for rerunning another session; this uses its runtime's session
    manager and the session's event loop (the app pins Streamlit's version, requirements.txt).
    """
    info = Runtime.instance()._session_mgr.get_active_session_info(session_id) if _server_runs() else None
    if info is None:
        return False
    app_session = info.session
    app_session._event_loop.call_soon_threadsafe(_rerun_if_idle, app_session)
    return True


@st.cache_resource(show_spinner=False)
def _watcher_for(path: str) -> Watcher:
    """One watcher per database file and server process (`path` is the cache's key)."""
    store = session.get_store()
    watcher = Watcher(store.workshops.counters, rerun_session, store.workshops.settle_countdown,
                      wall_clock=store.clock)
    threading.Thread(target=watcher.run_forever, name="kpi-workshop-watcher", daemon=True).start()
    return watcher


def _server_runs() -> bool:
    """Whether a Streamlit server runs this process (AppTest stands in a mock runtime for its runs)."""
    return Runtime.exists() and type(Runtime.instance()) is Runtime


def watcher() -> Watcher | None:
    """The process's watcher of the app's database, started on first use; None where no server runs
    (AppTest), since then there is no session to rerun."""
    return _watcher_for(str(session.get_store().path)) if _server_runs() else None
