"""KPI Workshop: the start page, and the frame around every page (navigation, language, workshop)."""

import streamlit as st

from ui.guard import current_context, guard
from ui.nav import navigation
from ui.start import render
from ui.uploads import install_upload_guard


def start_page() -> None:
    """Create a workshop, join one, unlock facilitation, or open the demo."""
    render(guard("start"))


st.set_page_config(page_title="KPI Workshop", page_icon="🎯", layout="wide")
install_upload_guard()
context, _ = current_context()
navigation(context.language, context.role, start_page).run()
