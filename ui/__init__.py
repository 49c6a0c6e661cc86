"""Streamlit-side helpers shared by the pages: session state, access guard, language, navigation."""
