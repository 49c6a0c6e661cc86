"""KPI Workshop: the start page, and the frame around every page (navigation, language, workshop)."""

import sys

import streamlit as st

from ui.guard import current_context, guard
from ui.nav import navigation
from ui.start import render
from ui.uploads import install_upload_guard


def start_page() -> None:
    """Create a workshop, join one, unlock facilitation, or open the demo."""
    render(guard("start"))


# Python hands the GIL to a waiting thread every 5 ms by default. Every rerun runs on a thread of its
# own, so a busy room means dozens of threads handing it over: at 400 phones one process served
# 26 taps/s at 5 ms, 35 at 20 ms (benchmarks/RESULTS.md). Process-wide and idempotent.
GIL_SWITCH_SECONDS = 0.02
sys.setswitchinterval(GIL_SWITCH_SECONDS)
st.set_page_config(page_title="KPI Workshop", page_icon="🎯", layout="wide")
install_upload_guard()
context, _ = current_context()
navigation(context.language, context.role, start_page).run()
