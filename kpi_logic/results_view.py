"""The live results screen's data: ranking, agreement, vanity flags and participation at one moment.

`live_results` reads the store once and builds everything the projector screen renders, so a page
can cache it for a second and many screens share one query.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from kpi_logic import voting
from kpi_logic.catalog import CatalogKpi, catalog_by_id
from kpi_logic.charts import vega_spec
from kpi_logic.charts.results import agreement_chart, kpi_labels, ranking_chart
from kpi_logic.records import Candidate, Participant, Workshop
from kpi_logic.store import WorkshopStore
from kpi_logic.vanity import vanity_note

# The projector shows the best N; a longer list no longer reads from the back of the room.
RANKING_LIMIT = 15


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
    # Vega-Lite specs, converted once here (unvalidated, see charts.vega_spec) and shared by every screen.
    ranking: dict | None = None
    agreement: dict | None = None

    @property
    def voted_count(self) -> int:
        return int(self.participation["has_voted"].sum())


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


def voters(store: WorkshopStore, workshop: Workshop) -> list[Participant]:
    """Who may vote: every participant, and the facilitator only when taking part."""
    return [
        person
        for person in store.participants.list(workshop.id)
        if not person.is_facilitator or workshop.facilitator_votes
    ]


def live_results(store: WorkshopStore, workshop_id: int, language: str, limit: int = RANKING_LIMIT) -> LiveResults:
    """The live results of a workshop's current round; in blind mode only who has voted."""
    workshop = store.workshops.get(workshop_id)
    participation = voting.participation_from_points(
        voters(store, workshop), store.votes.points_used(workshop.id), workshop.vote_budget
    )
    if workshop.results_hidden and workshop.voting_open:
        return LiveResults(workshop, participation, blind=True)
    catalog = catalog_by_id()
    # Already in voting.rank's order (the store sorts the same way).
    ranked = localise_names(store.votes.results(workshop.id), catalog, language)
    vanity_ids = vanity_candidate_ids(store.candidates.list(workshop.id), catalog)
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
        ranking=vega_spec(ranking_chart(top, language, vanity_ids)),
        agreement=vega_spec(agreement_chart(agreement, language)),
    )
