"""Altair chart builders, one module per area; they return charts and never call Streamlit.

Shared here: one colour per team across every chart (Okabe–Ito, readable for colour-blind people)
and sizes that read on a projector at 1280 px.
"""

from __future__ import annotations

import altair as alt

from kpi_logic.domain import TEAM_LABELS, label

TEAM_COLORS: dict[str, str] = {
    "marketing": "#0072B2",
    "sales": "#E69F00",
    "leadership": "#009E73",
    "other": "#999999",
    "joint": "#CC79A7",
}
VANITY_COLOR = "#D55E00"
NEUTRAL_COLOR = "#56B4E9"
FONT_SIZE = 16
TITLE_SIZE = 20


def team_scale(teams: tuple[str, ...], language: str) -> alt.Scale:
    """A colour scale mapping each team's label in `language` to that team's fixed colour."""
    return alt.Scale(
        domain=[label(TEAM_LABELS, team, language) for team in teams],
        range=[TEAM_COLORS[team] for team in teams],
    )


def projector_style(chart: alt.Chart | alt.LayerChart, title: str) -> alt.Chart | alt.LayerChart:
    """Title and font sizes that stay readable on a projector; width follows the container."""
    return (
        chart.properties(title=alt.TitleParams(title, fontSize=TITLE_SIZE, anchor="start"))
        .configure_axis(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE, labelLimit=320)
        .configure_legend(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE, orient="top")
        .configure_text(fontSize=FONT_SIZE)
    )


def vega_spec(chart: alt.TopLevelMixin) -> dict:
    """The chart as a Vega-Lite spec with its data inline, for `st.vega_lite_chart`.

    `st.altair_chart` validates the chart against the Vega-Lite schema and converts its data to
    Arrow on every run, together about as costly as building the chart (the benchmarks found it
    in most of the review page's time). The chart tests validate every builder, so pages skip both.
    """
    return chart.to_dict(validate=False)
