"""Debian's Chromium for a hardening test, on a thread of its own.

The browser tests share one session-wide sync Playwright, which keeps an event loop on the main
thread for the rest of the run; a second sync Playwright cannot start on that thread. A test that
needs its own browser runs its browser part here instead, on a fresh thread.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TypeVar

import pytest

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.support import on_own_thread

T = TypeVar("T")


def run_with_chromium(body: Callable[..., T]) -> T:
    """`body(browser)` with a headless Chromium, run on its own thread; its exception is re-raised here."""
    if not CHROMIUM.exists():
        message = "Debian's Chromium is missing: install it with `sudo apt-get install chromium`."
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)

    def run() -> T:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                return body(browser)
            finally:
                browser.close()

    return on_own_thread(run)
