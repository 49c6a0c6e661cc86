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
from kpi_logic.charts import arrow_datasets, vega_spec
from kpi_logic.charts.results import agreement_chart, kpi_labels, ranking_chart
from kpi_logic.records import Candidate, Participant, Workshop
from kpi_logic.store import WorkshopStore
from kpi_logic.vanity import vanity_note

# The projector shows the best N; a longer list no longer reads from the back of the room.
RANKING_LIMIT = 15


@dataclass(frozen=True)
class LiveResults:
    """Everything the live results screen shows at one moment; totals are absent in blind mode and before a vote."""

    workshop: Workshop
    participation: pd.DataFrame  # participant_id, participant, team, points_used, points_left, has_voted, done
    progress: voting.Progress  # who said "I'm done"
    blind: bool
    candidate_count: int = 0
    ranked: pd.DataFrame | None = None  # voting.rank columns, names in the screen's language; None before a vote
    vanity_names: tuple[str, ...] = ()
    agreement_index: float | None = None
    # Vega-Lite specs with Arrow datasets, converted once here (unvalidated, see charts.vega_spec and
    # charts.arrow_datasets) and shared by every screen.
    ranking: dict | None = None
    agreement: dict | None = None


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


@dataclass(frozen=True)
class Ranked:
    """The round's results best first, names in one language, and which candidates are vanity metrics."""

    ranked: pd.DataFrame
    vanity_ids: frozenset[int]


def ranked_results(store: WorkshopStore, workshop_id: int, language: str) -> Ranked:
    """The current round's results as the screens rank them (the store sorts as voting.rank does)."""
    catalog = catalog_by_id()
    return Ranked(
        localise_names(store.votes.results(workshop_id), catalog, language),
        vanity_candidate_ids(store.candidates.list(workshop_id), catalog),
    )


def live_results(
    store: WorkshopStore, workshop_id: int, language: str, for_facilitator: bool = False, limit: int = RANKING_LIMIT
) -> LiveResults:
    """The live results of a workshop's current round; blind (only progress) until the reveal, except
    for the facilitator; no ranking before the first point."""
    workshop = store.workshops.get(workshop_id)
    people = voters(store, workshop)
    participation = voting.participation_from_points(
        people, store.votes.points_used(workshop.id), workshop.vote_budget
    ).assign(done=[person.done for person in people])
    progress = voting.progress(people)
    if not voting.totals_visible(workshop.results_hidden, workshop.revealed, for_facilitator):
        return LiveResults(workshop, participation, progress, blind=True)
    results = ranked_results(store, workshop.id, language)
    ranked, vanity_ids = results.ranked, results.vanity_ids
    if not voting.has_votes(ranked):
        return LiveResults(workshop, participation, progress, blind=False, candidate_count=len(ranked))
    top = ranked.head(limit)
    # Shares are taken over all candidates, then cut to the same top N as the ranking.
    agreement = voting.agreement(ranked).head(limit).assign(name=kpi_labels(top, vanity_ids))
    return LiveResults(
        workshop,
        participation,
        progress,
        blind=False,
        candidate_count=len(ranked),
        ranked=ranked,
        vanity_names=tuple(ranked.loc[ranked["candidate_id"].isin(vanity_ids), "name"]),
        agreement_index=voting.agreement_index(ranked),
        ranking=arrow_datasets(vega_spec(ranking_chart(top, language, vanity_ids))),
        agreement=arrow_datasets(vega_spec(agreement_chart(agreement, language))),
    )
