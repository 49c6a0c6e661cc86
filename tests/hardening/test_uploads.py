"""Finding 3: a client with no role cannot fill the server's memory through Streamlit's upload endpoint.

A real `streamlit run` server on a free port; a script opens sessions over the app's websocket as a
browser tab would, takes the XSRF cookie from the health check and PUTs 5 MB files under made-up
file ids, in waves, from parallel threads. Before the fix, three waves took the server from 54 MB
to 1.6 GB; now every upload of a session without the facilitator role is refused (403) and the
server's resident memory stays within RSS_BOUND_MB of where it started.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from kpi_logic.domain import MAX_UPLOAD_MB
from tests.browser.conftest import start_server, stop_server
from tests.hardening.attacker import open_session


WAVES = 3
SESSIONS_PER_WAVE = 4
FILES_PER_SESSION = 10  # 3 × 4 × 10 × 5 MB = 600 MB offered
PARALLEL = 4
RSS_BOUND_MB = 150


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


@pytest.fixture
def server(tmp_path):
    running = start_server(tmp_path / "workshop.db")
    yield running
    stop_server(running)


def test_only_a_session_that_may_upload_stores_files_and_only_its_newest_two():
    from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
    from streamlit.runtime.uploaded_file_manager import UploadedFileRec

    from ui.uploads import MAX_FILES_PER_SESSION, guard

    manager = MemoryUploadedFileManager("/_stcore/upload_file")
    guard(manager, lambda session_id: session_id == "facilitator")
    with pytest.raises(Exception) as refused:
        manager.add_file("participant", UploadedFileRec("f0", "x.json", "application/json", b"{}"))
    assert getattr(refused.value, "status_code", 403) == 403
    for n in range(5):
        manager.add_file("facilitator", UploadedFileRec(f"f{n}", "x.json", "application/json", b"{}"))
    assert list(manager.file_storage["facilitator"]) == ["f3", "f4"][-MAX_FILES_PER_SESSION:]
    assert "participant" not in manager.file_storage or not manager.file_storage["participant"]


@pytest.mark.browser
def test_an_upload_flood_from_sessions_without_a_role_leaves_server_memory_bounded(server):
    warm_up = open_session(server.url)  # the first run loads the app and sets up the upload guard
    warm_up.close()
    time.sleep(1)
    baseline = _rss_mb(server.process.pid)
    peak = [baseline]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _rss_mb(server.process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    payload = b"{" + b" " * (MAX_UPLOAD_MB * 1024 * 1024 - 200) + b"}"
    statuses: list[int] = []
    try:
        for _ in range(WAVES):
            sessions = [open_session(server.url) for _ in range(SESSIONS_PER_WAVE)]
            with ThreadPoolExecutor(PARALLEL) as pool:
                jobs = [pool.submit(s.upload, payload) for s in sessions for _ in range(FILES_PER_SESSION)]
                statuses += [job.result() for job in jobs]
            for s in sessions:
                s.close()
    finally:
        done.set()
        sampler.join()
    time.sleep(1)
    after = _rss_mb(server.process.pid)
    print(f"RSS baseline {baseline:.0f} MB, peak {peak[0]:.0f} MB, after {after:.0f} MB, "
          f"{len(statuses)} uploads of {MAX_UPLOAD_MB} MB: {sorted(set(statuses))}")
    assert set(statuses) == {403}
    assert peak[0] - baseline < RSS_BOUND_MB
    assert after - baseline < RSS_BOUND_MB


@pytest.mark.browser
def test_a_file_larger_than_the_largest_import_is_refused_before_it_is_stored(server):
    session = open_session(server.url)
    try:
        assert session.upload(b"x" * (MAX_UPLOAD_MB * 1024 * 1024 + 1)) in {0, 413}
    finally:
        session.close()
