"""Altair chart builders, one module per area; they return charts and never call Streamlit.

Shared here: one colour per team across every chart (Okabe–Ito, readable for colour-blind people)
and sizes that read on a projector at 1280 px.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import pyarrow as pa

from kpi_logic.domain import TEAM_LABELS, label
from kpi_logic.formatting import vega_locale

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
# One spec serves a 1280 px projector and a 390 px phone: Vega expressions on the width the chart
# is given (its container, so the sizes do not feed back into the layout they change).
CHART_WIDTH = "containerSize()[0]"
NARROW = f"{CHART_WIDTH} < 500"
PHONE_FONT_SIZE = 13
PHONE_TITLE_SIZE = 17
# Axis labels (KPI names) may take at most 45 % of the width, so the bars keep the rest.
LABEL_LIMIT = alt.expr(f"min(320, {CHART_WIDTH} * 0.45)")
# Two team names a row fit beside each other on a phone.
LEGEND_COLUMNS = 2
# The room screen is read from the back of a room: large, near-black KPI names on white (about
# 17:1, far above WCAG's 4.5:1), whatever theme the projecting browser uses.
ROOM_FONT_SIZE = 26
ROOM_TITLE_SIZE = 28
ROOM_TEXT_COLOR = "#111111"
ROOM_BACKGROUND = "#FFFFFF"
ROOM_LABEL_LIMIT = 520
# The page's own typeface, so the chart reads as part of the screen.
ROOM_FONT = "Source Sans Pro, Source Sans 3, sans-serif"


def by_width(phone: float, projector: float) -> alt.ExprRef:
    """A size that is `phone` on a narrow screen and `projector` otherwise."""
    return alt.expr(f"{NARROW} ? {phone} : {projector}")


def team_scale(teams: tuple[str, ...], language: str) -> alt.Scale:
    """A colour scale mapping each team's label in `language` to that team's fixed colour."""
    return alt.Scale(
        domain=[label(TEAM_LABELS, team, language) for team in teams],
        range=[TEAM_COLORS[team] for team in teams],
    )


def projector_style(
    chart: alt.Chart | alt.LayerChart, title: str | list[str], language: str
) -> alt.Chart | alt.LayerChart:
    """Title and font sizes that stay readable on a projector and fit a phone; width follows the container.

    The chart's numbers and dates follow `language`'s CLDR locale, as on the page around it.
    """
    font_size = by_width(PHONE_FONT_SIZE, FONT_SIZE)
    return _styled(chart, alt.TitleParams(title, fontSize=by_width(PHONE_TITLE_SIZE, TITLE_SIZE), anchor="start"),
                   language, font_size, LABEL_LIMIT)


def room_style(chart: alt.Chart, title: str, language: str) -> alt.Chart:
    """Sizes and colours for the room screen: KPI names readable from the back of the room."""
    colours = {"labelColor": ROOM_TEXT_COLOR, "titleColor": ROOM_TEXT_COLOR}
    return _styled(
        chart, alt.TitleParams(title, fontSize=ROOM_TITLE_SIZE, anchor="start", color=ROOM_TEXT_COLOR),
        language, ROOM_FONT_SIZE, ROOM_LABEL_LIMIT, {"background": ROOM_BACKGROUND, "font": ROOM_FONT}, **colours,
    )


def _styled(
    chart: alt.Chart | alt.LayerChart, title: alt.TitleParams, language: str, font_size: alt.ExprRef | int,
    label_limit: alt.ExprRef | int, frame: dict | None = None, **colours: str,
) -> alt.Chart | alt.LayerChart:
    """The chart with `title`, `language`'s locale, fonts and `colours` on axes and legend; `frame`
    adds top-level settings (background, font)."""
    # configure() goes first: it starts the config afresh.
    configured = chart.properties(title=title).configure(locale=vega_locale(language), **(frame or {}))
    return (
        configured.configure_axis(labelFontSize=font_size, titleFontSize=font_size, labelLimit=label_limit, **colours)
        .configure_legend(
            labelFontSize=font_size, titleFontSize=font_size, orient="top", labelLimit=label_limit, **colours,
            # A fixed count: Vega lays the legend out once, so a count that followed the width would
            # leave a legend clipped after the window is resized.
            columns=LEGEND_COLUMNS,
            # Right-aligned with the bars, so a wide legend reaches over the free space above the axis
            # labels instead of past the chart's right edge.
            layout=alt.expr("{top: {anchor: 'end'}}"),
        )
        .configure_text(fontSize=font_size)
    )


def vega_spec(chart: alt.TopLevelMixin) -> dict:
    """The chart as a Vega-Lite spec with its data inline, for `st.vega_lite_chart`.

    `st.altair_chart` validates the chart against the Vega-Lite schema and converts its data to
    Arrow on every run, together about as costly as building the chart (the benchmarks found it
    in most of the review page's time). The chart tests validate every builder, so pages skip both.
    """
    return chart.to_dict(validate=False)


def arrow_datasets(spec: dict) -> dict:
    """`spec` with its named datasets as Arrow IPC bytes, the form `st.vega_lite_chart` sends them in.

    Streamlit converts a dataset given as rows to Arrow on every call, most of what a chart element
    costs (the review page's five charts: about 20 ms a run). A spec that is kept converts once here.
    """
    datasets = spec.get("datasets")
    if not datasets:
        return spec
    return {**spec, "datasets": {name: _arrow_bytes(rows) for name, rows in datasets.items()}}


def _arrow_bytes(rows: list[dict]) -> bytes:
    """Rows as Streamlit serialises a data frame: a pandas frame, then an Arrow IPC stream."""
    table = pa.Table.from_pandas(pd.DataFrame(rows))
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()
