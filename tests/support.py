"""Helpers shared by tests: pages under AppTest in a given role."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from streamlit.testing.v1 import AppTest

from ui import session

PROJECT_ROOT = Path(__file__).resolve().parent.parent
APP_TIMEOUT_S = 30
FACILITATOR_PIN = "471100"
T = TypeVar("T")


def page_app(
    page: str,
    *,
    workshop_id: int | None = None,
    role: str | None = None,
    participant_id: int | None = None,
    language: str = "en",
) -> AppTest:
    """An AppTest of one page file (e.g. "pages/goals.py") for a session in `role`; call .run()."""
    app = AppTest.from_file(str(PROJECT_ROOT / page), default_timeout=APP_TIMEOUT_S)
    app.session_state[session.LANGUAGE] = language
    if workshop_id is not None:
        app.session_state[session.WORKSHOP_ID] = workshop_id
        app.session_state[session.ROLE] = role or session.FACILITATOR
        app.session_state[session.PARTICIPANT_ID] = participant_id
    return app


def on_own_thread(action: Callable[[], T]) -> T:
    """`action()` on a fresh thread, its exception re-raised here.

    The browser tests share one session-wide sync Playwright that keeps an event loop on the main
    thread for the rest of the run; code that starts a Playwright of its own must run elsewhere.
    """
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = action()
        except BaseException as error:  # noqa: BLE001 - handed back to the caller's thread
            outcome["error"] = error

    thread = threading.Thread(target=run, name="own-thread")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
