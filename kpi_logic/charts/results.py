"""The live results screen: what it shows (ranking, agreement, vanity flags, participation) and its charts.

`live_results` reads the store once and builds everything the projector screen renders, so a page
can cache it for a second and many screens share one query.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache


import altair as alt
import pandas as pd

from kpi_logic import voting
from kpi_logic.catalog import CatalogKpi, catalog_by_id
from kpi_logic.charts import projector_style, team_scale
from kpi_logic.domain import PARTICIPANT_TEAMS, TEAM_LABELS, label
from kpi_logic.i18n import t
from kpi_logic.store import Candidate, Workshop, WorkshopStore
from kpi_logic.vanity import Assessment, assess

VANITY_MARK = "⚠"
# The projector shows the best N; a longer list no longer reads from the back of the room.
RANKING_LIMIT = 15
ROW_HEIGHT = 34
MIN_HEIGHT = 120
# Room for title, legend and x axis around the bars. Streamlit 1.67 collapses a chart with a
# discrete y axis to its frame when left at height="content", so pages pass an explicit height.
FRAME_HEIGHT = 150
AGREEMENT_TEAMS: tuple[str, ...] = ("marketing", "sales")


@dataclass(frozen=True)
class VanityNote:
    """Why a KPI is a vanity metric and what to track instead, in one language."""

    reason: str
    alternative: str | None


def vanity_note(
    catalog_id: str | None,
    name: str,
    definition: str,
    catalog: Mapping[str, CatalogKpi],
    language: str,
) -> VanityNote | None:
    """The vanity warning of a candidate: the catalogue's own flag, else the engine's verdict on the text."""
    kpi = catalog.get(catalog_id) if catalog_id else None
    if kpi is not None:
        if not kpi.is_vanity:
            return None
        alternative = catalog.get(kpi.alternative or "")
        return VanityNote(
            kpi.vanity_reason.get(language) if kpi.vanity_reason else "",
            alternative.name.get(language) if alternative else None,
        )
    assessment = _assess(name, definition)
    if not assessment.is_vanity:
        return None
    alternative_name = assessment.alternative_name
    return VanityNote(
        assessment.explain(language), alternative_name.get(language) if alternative_name else None
    )


@lru_cache(maxsize=4096)
def _assess(name: str, definition: str) -> Assessment:
    # Custom KPI texts do not change once proposed; the live screen asks again every second.
    return assess(name, definition)


def vanity_candidate_ids(candidates: Iterable[Candidate], catalog: Mapping[str, CatalogKpi]) -> frozenset[int]:
    """Ids of the candidates that are vanity metrics."""
    return frozenset(
        candidate.id
        for candidate in candidates
        if vanity_note(candidate.catalog_id, candidate.name, candidate.definition, catalog, "en")
    )


def localise_names(results: pd.DataFrame, catalog: Mapping[str, CatalogKpi], language: str) -> pd.DataFrame:
    """The results with catalogue KPI names in `language` (the store names them in the workshop's)."""
    names = [
        catalog[catalog_id].name.get(language) if catalog_id in catalog else name
        for catalog_id, name in zip(results["catalog_id"], results["name"])
    ]
    return results.assign(name=names)


def kpi_labels(results_ranked: pd.DataFrame, vanity_ids: Collection[int]) -> list[str]:
    """Axis labels "1. name", with the vanity mark; the rank number keeps equal names apart."""
    return [
        f"{position}. {VANITY_MARK + ' ' if candidate_id in vanity_ids else ''}{name}"
        for position, (candidate_id, name) in enumerate(
            zip(results_ranked["candidate_id"], results_ranked["name"]), start=1
        )
    ]


def _team_bars(
    long: pd.DataFrame, x: alt.X, value: alt.Tooltip, labels: list[str], teams: tuple[str, ...], language: str
) -> alt.Chart:
    """Horizontal bars per KPI (`kpi` column, in `labels` order) coloured by team (`team` column)."""
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=x,
            y=alt.Y("kpi:N", sort=labels, title=t(language, "results.chart.kpi")),
            color=alt.Color(
                "team:N", scale=team_scale(teams, language), title=t(language, "results.chart.team")
            ),
            tooltip=[
                alt.Tooltip("kpi:N", title=t(language, "results.chart.kpi")),
                alt.Tooltip("team:N", title=t(language, "results.chart.team")),
                value,
            ],
        )
        .properties(height=max(MIN_HEIGHT, ROW_HEIGHT * len(labels)))
    )


def ranking_chart(results_ranked: pd.DataFrame, language: str, vanity_ids: Collection[int]) -> alt.Chart:
    """Horizontal bars of points per KPI, best first, stacked by the voters' teams; vanity KPIs marked ⚠."""
    labels = kpi_labels(results_ranked, vanity_ids)
    team_names = {f"points_{team}": label(TEAM_LABELS, team, language) for team in PARTICIPANT_TEAMS}
    long = (
        results_ranked.assign(kpi=labels)[["kpi", *team_names]]
        .melt(id_vars="kpi", var_name="team", value_name="points")
        .assign(team_order=lambda frame: frame["team"].map(list(team_names).index))
    )
    long["team"] = long["team"].map(team_names)
    points = t(language, "results.chart.points")
    x = alt.X("sum(points):Q", title=points, axis=alt.Axis(format="d", tickMinStep=1))
    chart = _team_bars(
        long, x, alt.Tooltip("points:Q", title=points), labels, PARTICIPANT_TEAMS, language
    ).encode(order=alt.Order("team_order:Q"))
    return projector_style(chart, t(language, "results.chart.ranking"))


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
    x = alt.X("share:Q", title=share, axis=alt.Axis(labelExpr="format(abs(datum.value), '.0%')"))
    chart = _team_bars(
        long, x, alt.Tooltip("share:Q", title=share, format=".0%"), names, AGREEMENT_TEAMS, language
    )
    return projector_style(chart, t(language, "results.chart.agreement"))


def element_height(spec: dict) -> int:
    """The height in pixels a page gives the Streamlit element showing this chart spec."""
    return int(spec["height"]) + FRAME_HEIGHT


@dataclass(frozen=True)
class LiveResults:
    """Everything the live results screen shows at one moment; totals are absent in blind mode."""

    workshop: Workshop
    participation: pd.DataFrame  # participant_id, participant, team, points_used, points_left, has_voted
    blind: bool
    candidate_count: int = 0
    ranked: pd.DataFrame | None = None  # voting.rank columns, names in the screen's language
    vanity_names: tuple[str, ...] = ()
    agreement_index: float | None = None
    # Vega-Lite specs, converted once here: validating an Altair chart costs ~10 ms per screen and tick.
    ranking: dict | None = None
    agreement: dict | None = None

    @property
    def voted_count(self) -> int:
        return int(self.participation["has_voted"].sum())


def voters(store: WorkshopStore, workshop: Workshop) -> list:
    """Who may vote: every participant, and the facilitator only when taking part."""
    return [
        person
        for person in store.participants(workshop.id)
        if not person.is_facilitator or workshop.facilitator_votes
    ]


def live_results(store: WorkshopStore, workshop_id: int, language: str, limit: int = RANKING_LIMIT) -> LiveResults:
    """The live results of a workshop's current round; in blind mode only who has voted."""
    workshop = store.get_workshop(workshop_id)
    participation = voting.participation(
        voters(store, workshop), store.vote_table(workshop.id), workshop.vote_budget
    )
    if workshop.results_hidden and workshop.voting_open:
        return LiveResults(workshop, participation, blind=True)
    catalog = catalog_by_id()
    # Already in voting.rank's order (the store sorts the same way).
    ranked = localise_names(store.results(workshop.id), catalog, language)
    vanity_ids = vanity_candidate_ids(store.candidates(workshop.id), catalog)
    top = ranked.head(limit)
    # Shares are taken over all candidates, then cut to the same top N as the ranking.
    agreement = voting.agreement(ranked).head(limit).assign(name=kpi_labels(top, vanity_ids))
    return LiveResults(
        workshop,
        participation,
        blind=False,
        candidate_count=len(ranked),
        ranked=ranked,
        vanity_names=tuple(ranked.loc[ranked["candidate_id"].isin(vanity_ids), "name"]),
        agreement_index=voting.agreement_index(ranked),
        ranking=ranking_chart(top, language, vanity_ids).to_dict(),
        agreement=agreement_chart(agreement, language).to_dict(),
    )

