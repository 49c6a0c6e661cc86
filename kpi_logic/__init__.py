"""KPI Workshop core: plain Python, no Streamlit, usable from pages, tests, CLI and benchmarks."""
