"""What the room screen shows at one moment: how to join, the phase, the countdown, who is done and,
once the room may see it, the ranking.

The projector is a room's screen, never the facilitator's: blind totals stay hidden on it until
the reveal, even when the facilitator opens it.
"""

from __future__ import annotations

from dataclasses import dataclass

from kpi_logic import voting
from kpi_logic.charts import vega_spec
from kpi_logic.charts.results import kpi_labels, ranking_chart
from kpi_logic.links import AppAddress, join_url, phone_notice, qr_png
from kpi_logic.records import Workshop
from kpi_logic.results_view import ranked_results
from kpi_logic.store import WorkshopStore

# What the ranking area shows.
RANKING = "ranking"
BLIND = "blind"  # blind voting, not yet revealed: only the progress
NO_VOTES = "no_votes"  # candidates, but no point given yet: no ranking at all
NO_CANDIDATES = "no_candidates"
# Rows that still read from the back of a room beside the join panel at 1280×720.
ROOM_RANKING_LIMIT = 8
SECONDS_PER_MINUTE = 60
QR_SCALE = 10


@dataclass(frozen=True)
class RoomView:
    """Everything the room screen renders; `ranking` (a Vega-Lite spec) only in the RANKING state."""

    workshop: Workshop
    join_url: str
    short_link: str  # the join link without its scheme, short enough to type from the wall
    qr: bytes  # PNG of join_url
    phone_notice: str | None  # the link is not the browser's address: what phones must open
    progress: voting.Progress
    voting_open: bool  # votes are taken right now
    seconds_left: int | None  # a countdown runs (0 once it ran out and the vote is not yet settled)
    state: str
    ranking: dict | None = None
    labels: tuple[str, ...] = ()  # the ranking's rows as shown: "1. Win rate", "2 = CAC"
    ties: bool = False  # two or more ranked KPIs share a rank
    candidate_count: int = 0


def countdown_text(seconds: int) -> str:
    """Seconds as mm:ss, as a countdown reads in any language."""
    minutes, rest = divmod(max(0, seconds), SECONDS_PER_MINUTE)
    return f"{minutes:02d}:{rest:02d}"


def room_view(
    store: WorkshopStore, workshop_id: int, language: str, address: AppAddress, moment: float | None = None
) -> RoomView:
    """The room screen's content for `language`, with join links at `address`, at `moment` (now)."""
    workshop = store.workshops.get(workshop_id)
    moment = store.clock() if moment is None else moment
    url = join_url(address.url, workshop.join_code)
    base = {
        "workshop": workshop,
        "join_url": url,
        "short_link": url.split("://", 1)[-1],
        "qr": qr_png(url, scale=QR_SCALE),
        "phone_notice": phone_notice(address, language),
        "progress": voting.progress(store.participants.list(workshop.id)),
        "voting_open": voting.is_open(workshop.voting_open, workshop.finalised, workshop.timer_ends_at, moment),
        "seconds_left": voting.seconds_left(workshop.timer_ends_at, moment) if workshop.voting_open else None,
    }
    if not voting.totals_visible(workshop.results_hidden, workshop.revealed, is_facilitator=False):
        return RoomView(**base, state=BLIND)
    results = ranked_results(store, workshop.id, language)
    ranked = results.ranked
    if ranked.empty:
        return RoomView(**base, state=NO_CANDIDATES)
    if not voting.has_votes(ranked):
        return RoomView(**base, state=NO_VOTES, candidate_count=len(ranked))
    # KPIs nobody gave a point are not ranked on the wall: a long "9 =" tail would push the top out.
    top = ranked[ranked["points"] > 0].head(ROOM_RANKING_LIMIT)
    return RoomView(
        **base,
        state=RANKING,
        ranking=vega_spec(ranking_chart(top, language, results.vanity_ids, room=True)),
        labels=tuple(kpi_labels(top, results.vanity_ids)),
        ties=bool(top["points"].duplicated().any()),
        candidate_count=len(ranked),
    )
