"""Styles every page shares. Streamlit has no API for them, so they go in as one <style> element,
built from constants only (never from user text), on every page through the guard (and again with
the ballot's own styles, whose fragment runs reuse the places the page's styles had)."""

from __future__ import annotations

import streamlit as st

BACKGROUNDS: dict[str, str] = {"light": "#ffffff", "dark": "#0e1117"}  # Streamlit's theme backgrounds
# Streamlit's red for the chosen option of a segmented control or pills, on its pale tint, reads at
# 4.47:1 in the light theme; this one at 5.96:1 (WCAG AA asks 4.5:1).
CHOSEN_TEXT: dict[str, str] = {"light": "#a8293a", "dark": "inherit"}
CHOSEN_OPTION = "[data-testid='stButtonGroup'] button[aria-checked='true'] p"
# Streamlit pads its bottom bar for a chat input (16/16/56 px); a phone's countdown there needs one line.
BOTTOM_BAR = "[data-testid='stBottomBlockContainer']"


def theme() -> str:
    """The browser's Streamlit theme, "light" or "dark" (light when the browser has not said)."""
    return st.context.theme.type if st.context.theme.type in BACKGROUNDS else "light"


def shared_css(theme_type: str) -> str:
    return (f"<style>{CHOSEN_OPTION} {{color: {CHOSEN_TEXT[theme_type]};}}"
            f" {BOTTOM_BAR} {{padding: 0.25rem 1rem;}}</style>")


def apply_shared_style() -> None:
    st.html(shared_css(theme()))
