"""Helpers shared by tests: pages under AppTest in a given role."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from ui import session

PROJECT_ROOT = Path(__file__).resolve().parent.parent
APP_TIMEOUT_S = 30
FACILITATOR_PIN = "4711"


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
