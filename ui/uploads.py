"""Uploads bounded by what the app accepts: only a facilitator's session may store a file, two at most.

Streamlit's upload endpoint takes files for any live session under any file id and keeps them in
memory until the session ends, whether or not a page shows an uploader. Only a facilitator's
pages have one (status quo, review and share imports), so the endpoint refuses every other session
and keeps only the newest files of a facilitator's; `server.maxUploadSize` bounds each file.
"""

from __future__ import annotations

import logging

from streamlit.runtime import Runtime

from ui import session

LOGGER = logging.getLogger(__name__)
MAX_FILES_PER_SESSION = 2


def _may_upload(runtime: Runtime, session_id: str) -> bool:
    # No public API gives a session's state by id.
    info = runtime._session_mgr.get_session_info(session_id)
    if info is None:
        return False
    state = info.session.session_state
    try:
        return session.ROLE in state and state[session.ROLE] == session.FACILITATOR
    except Exception:  # the state is being written by the session's own thread: refuse, it can retry
        return False


def _refuse() -> Exception:
    try:
        from starlette.exceptions import HTTPException

        return HTTPException(status_code=403, detail="Uploads need a facilitator session")
    except ImportError:  # pragma: no cover - the Tornado server of older Streamlit versions
        return PermissionError("Uploads need a facilitator session")


def guard(manager, may_upload) -> None:
    """Make `manager.add_file` refuse sessions `may_upload(session_id)` denies and keep the newest files."""
    if getattr(manager, "_kpi_workshop_guarded", False):
        return
    original_add = manager.add_file

    def add_file(session_id, file):
        if not may_upload(session_id):
            LOGGER.warning("Upload refused: the session holds no role that may upload")
            raise _refuse()
        original_add(session_id, file)
        stored = list(getattr(manager, "file_storage", {}).get(session_id, {}))
        for file_id in stored[:-MAX_FILES_PER_SESSION]:
            manager.remove_file(session_id, file_id)

    manager.add_file = add_file
    manager._kpi_workshop_guarded = True


def install_upload_guard() -> None:
    """Guard this server's upload manager once (idempotent; nothing to do without a runtime, e.g. AppTest)."""
    if not Runtime.exists():
        return
    runtime = Runtime.instance()
    guard(runtime.uploaded_file_mgr, lambda session_id: _may_upload(runtime, session_id))
