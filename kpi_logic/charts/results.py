"""Charts of the live results screen: points per KPI by team and the two teams' agreement."""

from __future__ import annotations

from collections.abc import Collection

import altair as alt
import pandas as pd

from kpi_logic import voting
from kpi_logic.charts import projector_style, room_style, team_scale
from kpi_logic.domain import PARTICIPANT_TEAMS, TEAM_LABELS, label
from kpi_logic.i18n import t

VANITY_MARK = "⚠"
ROW_HEIGHT = 34
ROOM_ROW_HEIGHT = 42  # room-screen names are 26 px
MIN_HEIGHT = 120
# Room for title, legend and x axis around the bars. Streamlit 1.67 collapses a chart with a
# discrete y axis to its frame when left at height="content", so pages pass an explicit height.
FRAME_HEIGHT = 150
PERCENT_FORMAT = ".0%"  # whole percents on the agreement axis; the locale sets the sign
AGREEMENT_TEAMS: tuple[str, ...] = ("marketing", "sales")


def kpi_labels(results_ranked: pd.DataFrame, vanity_ids: Collection[int]) -> list[str]:
    """Axis labels "1. name" (a tie "2 = name"), with the vanity mark."""
    return [
        f"{rank} {VANITY_MARK + ' ' if candidate_id in vanity_ids else ''}{name}"
        for rank, candidate_id, name in zip(
            voting.rank_labels(results_ranked["points"]), results_ranked["candidate_id"], results_ranked["name"]
        )
    ]


def _team_bars(
    long: pd.DataFrame, x: alt.X, value: alt.Tooltip, labels: list[str], teams: tuple[str, ...], language: str,
    row_height: int = ROW_HEIGHT,
) -> alt.Chart:
    """Horizontal bars per KPI (`kpi` column, in `labels` order) coloured by team (`team` column)."""
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=x,
            # No axis or legend titles: the numbered KPI names and the team names speak for
            # themselves, and on a phone every line and pixel of width goes to the bars. The channel
            # titles stay: screen readers (and the browser tests) read them in each bar's label.
            y=alt.Y("kpi:N", sort=labels, title=t(language, "results.chart.kpi"), axis=alt.Axis(title=None)),
            color=alt.Color(
                "team:N", scale=team_scale(teams, language), title=t(language, "results.chart.team"),
                legend=alt.Legend(title=None),
            ),
            tooltip=[
                alt.Tooltip("kpi:N", title=t(language, "results.chart.kpi")),
                alt.Tooltip("team:N", title=t(language, "results.chart.team")),
                value,
            ],
        )
        .properties(height=max(MIN_HEIGHT, row_height * len(labels)))
    )


def ranking_chart(
    results_ranked: pd.DataFrame, language: str, vanity_ids: Collection[int], room: bool = False
) -> alt.Chart:
    """Horizontal bars of points per KPI, best first, stacked by the voters' teams; vanity KPIs marked ⚠.

    `room` sizes it for the room screen's projector.
    """
    labels = kpi_labels(results_ranked, vanity_ids)
    team_names = {f"points_{team}": label(TEAM_LABELS, team, language) for team in PARTICIPANT_TEAMS}
    long = (
        results_ranked.assign(kpi=labels)[["kpi", *team_names]]
        .melt(id_vars="kpi", var_name="team", value_name="points")
        .assign(team_order=lambda frame: frame["team"].map(list(team_names).index))
    )
    long["team"] = long["team"].map(team_names)
    points = t(language, "results.chart.points")
    # On the room screen the bars' length speaks for itself: its height goes to the KPI names.
    axis_title = {"title": None} if room else {}
    x = alt.X("sum(points):Q", title=points, axis=alt.Axis(format="d", tickMinStep=1, **axis_title))
    chart = _team_bars(
        long, x, alt.Tooltip("points:Q", title=points), labels, PARTICIPANT_TEAMS, language,
        ROOM_ROW_HEIGHT if room else ROW_HEIGHT,
    ).encode(order=alt.Order("team_order:Q"))
    style = room_style if room else projector_style
    return style(chart, t(language, "results.chart.ranking"), language)


def agreement_chart(agreement_frame: pd.DataFrame, language: str) -> alt.Chart:
    """Diverging bars: marketing's share of its own points to the left, sales' to the right, per KPI.

    Shares, not points, so a bigger team does not look more convinced; bars of equal length on
    both sides mean both teams care equally about that KPI.
    """
    voted = agreement_frame[agreement_frame["label"] != voting.NEITHER]
    names = list(voted["name"])
    sides = {"marketing": -1.0, "sales": 1.0}
    long = pd.DataFrame(
        {
            "kpi": names * len(AGREEMENT_TEAMS),
            "team": [label(TEAM_LABELS, team, language) for team in AGREEMENT_TEAMS for _ in names],
            "share": [
                sides[team] * share
                for team in AGREEMENT_TEAMS
                for share in voted[f"share_{team}"].fillna(0.0)
            ],
        }
    )
    share = t(language, "results.chart.share")
    x = alt.X("share:Q", title=share, axis=alt.Axis(labelExpr=f"format(abs(datum.value), '{PERCENT_FORMAT}')"))
    chart = _team_bars(
        long, x, alt.Tooltip("share:Q", title=share, format=PERCENT_FORMAT), names, AGREEMENT_TEAMS, language
    )
    return projector_style(chart, t(language, "results.chart.agreement"), language)


def element_height(spec: dict) -> int:
    """The height in pixels a page gives the Streamlit element showing this chart spec."""
    return int(spec["height"]) + FRAME_HEIGHT
