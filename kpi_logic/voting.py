"""Dot-voting rules and aggregation: budget and cap checks, ranking, team agreement, participation."""

from __future__ import annotations

import math
import numbers
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from kpi_logic.errors import InvalidInput, VoteBudgetExceeded
from kpi_logic.records import Candidate, Participant

DEFAULT_BUDGET = 5
DEFAULT_CAP = 3
MIN_POINTS_SETTING = 1
MAX_POINTS_SETTING = 20

# Agreement labels: which of the two teams put any points on a candidate.
BOTH = "both"
MARKETING_ONLY = "marketing_only"
SALES_ONLY = "sales_only"
NEITHER = "neither"
TIE_MARK = "="  # beside a rank number two or more candidates share
AGREEMENT_LABELS: tuple[str, ...] = (BOTH, MARKETING_ONLY, SALES_ONLY, NEITHER)

RESULT_COLUMNS: tuple[str, ...] = (
    "candidate_id",
    "catalog_id",
    "name",
    "points",
    "points_marketing",
    "points_sales",
    "points_leadership",
    "points_other",
    "voters",
)
PARTICIPANT_COLUMNS: tuple[str, ...] = ("participant_id", "participant", "team")
VOTE_COLUMNS: tuple[str, ...] = ("participant_id", "candidate_id", "points")


def _whole_number(value: object, what: str, field: str) -> int:
    """`value` as an int; bools and floats are refused so a typo never becomes a vote."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise InvalidInput(
            f"{what} must be a whole number, got {value!r}.", key="errors.not_whole", field=field
        )
    return int(value)


def _in_setting_range(value: object, what: str, field: str) -> int:
    number = _whole_number(value, what, field)
    if not MIN_POINTS_SETTING <= number <= MAX_POINTS_SETTING:
        raise InvalidInput(
            f"{what} must be between {MIN_POINTS_SETTING} and {MAX_POINTS_SETTING}, got {number}.",
            key="errors.out_of_range", field=field, low=MIN_POINTS_SETTING, high=MAX_POINTS_SETTING,
        )
    return number


def validate_budget(budget: object) -> int:
    """The points each participant may spend (1–20), or InvalidInput."""
    return _in_setting_range(budget, "Vote budget", "vote_budget")


def validate_cap(cap: object, budget: object) -> int:
    """The most points one participant may put on one KPI (1–20, at most the budget), or InvalidInput."""
    checked_budget = validate_budget(budget)
    checked_cap = _in_setting_range(cap, "Per-KPI cap", "per_kpi_cap")
    if checked_cap > checked_budget:
        raise InvalidInput(
            f"Per-KPI cap ({checked_cap}) must not exceed the vote budget ({checked_budget}).",
            key="errors.cap_over_budget", cap=checked_cap, budget=checked_budget,
        )
    return checked_cap


def points_left(used: int, budget: int) -> int:
    """Points a participant can still give: never below 0, even over a budget lowered since."""
    return max(0, budget - used)


def is_open(voting_open: bool, finalised: bool, timer_ends_at: float | None, moment: float) -> bool:
    """Whether votes are taken now: open, not finalised, and any countdown not yet run out."""
    return bool(voting_open) and not finalised and (timer_ends_at is None or moment < timer_ends_at)


def seconds_left(timer_ends_at: float | None, moment: float) -> int | None:
    """Whole seconds until the countdown closes the vote (None without one, 0 once it ran out)."""
    if timer_ends_at is None:
        return None
    return max(0, math.ceil(timer_ends_at - moment))


def may_open(goal_count: int) -> bool:
    """Voting opens only once the workshop has a business goal: KPIs serve goals (the article's step 2)."""
    return goal_count > 0


def in_round(candidate: Candidate, round_number: int) -> bool:
    """Whether an approved candidate is on this round's ballot: every one in round 1, a run-off's only after."""
    return round_number == 1 or candidate.in_runoff


def check_allocation(
    current: Mapping[int, int], candidate_id: int, points: int, budget: int, cap: int
) -> None:
    """Refuse (VoteBudgetExceeded) setting `points` on a candidate past the cap or the budget.

    `current` is the participant's points per candidate before the change. A change that does not
    raise an already over-budget total passes, so participants can still step down after the
    facilitator lowered the budget.
    """
    points = _whole_number(points, "Points", "points")
    if points < 0:
        raise VoteBudgetExceeded(
            f"Points must not be negative, got {points}.", key="errors.points_negative"
        )
    if points > cap:
        raise VoteBudgetExceeded(
            f"The per-KPI cap is {cap}, got {points}.", key="errors.points_cap", count=cap
        )
    old_total = sum(current.values())
    new_total = old_total - current.get(candidate_id, 0) + points
    if new_total > budget and new_total > old_total:
        raise VoteBudgetExceeded(
            f"This would use {new_total} points; the budget is {budget}.",
            key="errors.points_budget", total=new_total, budget=budget,
        )


def allowed_points(points: int, left: int, cap: int) -> tuple[int, ...]:
    """The values `check_allocation` accepts on a candidate holding `points`, with `left` points to
    give: up to the cap and what is left, and the points it already holds (past a lowered cap)."""
    return tuple(sorted({*range(min(cap, points + left) + 1), points}))


def _require_columns(frame: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise InvalidInput(f"{what} is missing column(s): {', '.join(missing)}.")


def rank(results: pd.DataFrame) -> pd.DataFrame:
    """The results sorted best first with a `rank` column 1, 2, 3, …

    Ties are broken by points, then voters (broad support wins), then name (case-insensitive),
    then candidate id, so every candidate gets its own rank number and the order never flickers
    between reruns; rank numbers are never shared.
    """
    _require_columns(results, ("candidate_id", "name", "points", "voters"), "Results")
    ordered = (
        results.assign(_name_key=results["name"].astype(str).str.casefold())
        .sort_values(
            ["points", "voters", "_name_key", "candidate_id"],
            ascending=[False, False, True, True],
        )
        .drop(columns="_name_key")
        .reset_index(drop=True)
    )
    ordered["rank"] = range(1, len(ordered) + 1)
    return ordered


def top_n(results: pd.DataFrame, n: int) -> list[int]:
    """The ids of the `n` best-ranked candidates, best first."""
    n = _whole_number(n, "n", "n")
    if n < 0:
        raise InvalidInput(f"n must not be negative, got {n}.")
    return [int(candidate_id) for candidate_id in rank(results)["candidate_id"].head(n)]


@dataclass(frozen=True)
class TopNCut:
    """The candidates clearly inside the top N, and those tied at the cut for the facilitator to settle."""

    chosen: tuple[int, ...]
    tied: tuple[int, ...]


def top_n_cut(results: pd.DataFrame, n: int) -> TopNCut:
    """The top N without settling a tie at the cut: candidates with the same points and voters as
    the N-th and the first one after it are left out of `chosen` and listed in `tied`.

    `rank` breaks such ties by name, which differs between languages; a shortlist must not.
    """
    ids = top_n(results, len(results))
    n = min(_whole_number(n, "n", "n"), len(ids))
    if n <= 0 or n == len(ids):
        return TopNCut(tuple(ids[:n]), ())
    ranked = rank(results)
    edge, after = ranked.iloc[n - 1], ranked.iloc[n]
    if (edge["points"], edge["voters"]) != (after["points"], after["voters"]):
        return TopNCut(tuple(ids[:n]), ())
    same = (ranked["points"] == edge["points"]) & (ranked["voters"] == edge["voters"])
    tied = tuple(int(cid) for cid in ranked.loc[same, "candidate_id"])
    return TopNCut(tuple(cid for cid in ids[:n] if cid not in tied), tied)


def _team_shares(results: pd.DataFrame, column: str) -> pd.Series:
    """Each candidate's share of the team's own points (NaN for all when the team gave none)."""
    total = results[column].sum()
    if total == 0:
        return pd.Series(math.nan, index=results.index, dtype="float64")
    return results[column].astype("float64") / total


def _agreement_label(marketing_points: float, sales_points: float) -> str:
    if marketing_points > 0 and sales_points > 0:
        return BOTH
    if marketing_points > 0:
        return MARKETING_ONLY
    if sales_points > 0:
        return SALES_ONLY
    return NEITHER


def agreement(results: pd.DataFrame) -> pd.DataFrame:
    """Per candidate: marketing's and sales' share of their own points, the gap and a label.

    Shares rather than raw points, so a larger team does not drown out a smaller one; a positive
    `gap` means marketing cares more about the KPI than sales does. Shares are NaN for a team
    that has not voted yet.
    """
    _require_columns(
        results, ("candidate_id", "name", "points_marketing", "points_sales"), "Results"
    )
    frame = results[["candidate_id", "name", "points_marketing", "points_sales"]].copy()
    frame["share_marketing"] = _team_shares(results, "points_marketing")
    frame["share_sales"] = _team_shares(results, "points_sales")
    frame["gap"] = frame["share_marketing"] - frame["share_sales"]
    frame["label"] = [
        _agreement_label(marketing, sales)
        for marketing, sales in zip(frame["points_marketing"], frame["points_sales"])
    ]
    return frame.reset_index(drop=True)


def agreement_index(results: pd.DataFrame) -> float | None:
    """How far marketing and sales put their points on the same KPIs: 1 = identical, 0 = disjoint.

    It is 1 − ½·Σ|gap|, the overlap of the two teams' point distributions (one minus their total
    variation distance): it reads as "the share of points both teams agree on", does not depend on
    team size, and is None while either team has no points, since there is nothing to compare.
    """
    frame = agreement(results)
    if frame["share_marketing"].isna().all() or frame["share_sales"].isna().all():
        return None
    return float(1 - frame["gap"].abs().sum() / 2)


def _participant_frame(participants: pd.DataFrame | Iterable[object]) -> pd.DataFrame:
    """Participants as a frame with participant_id, participant, team.

    Accepts the store's frame as it is, or objects with `.id`, `.name` and `.team` (the store's
    participant records), so callers need not convert.
    """
    if isinstance(participants, pd.DataFrame):
        _require_columns(participants, PARTICIPANT_COLUMNS, "Participants")
        return participants[list(PARTICIPANT_COLUMNS)].reset_index(drop=True)
    rows = [(person.id, person.name, person.team) for person in participants]
    return pd.DataFrame(rows, columns=list(PARTICIPANT_COLUMNS))


def participation(
    participants: pd.DataFrame | Iterable[object], vote_table: pd.DataFrame, budget: int
) -> pd.DataFrame:
    """Per participant: points used, points left (never below 0) and whether they have voted.

    Points left is floored at 0 because a lowered budget can leave someone over it; they still
    have nothing more to give.
    """
    _require_columns(vote_table, VOTE_COLUMNS, "Vote table")
    used = vote_table.groupby("participant_id")["points"].sum()
    return participation_from_points(participants, used.to_dict(), budget)


def participation_from_points(
    participants: pd.DataFrame | Iterable[object], points_used: Mapping[int, int], budget: int
) -> pd.DataFrame:
    """Like `participation`, from each participant's total points (the store's `points_used`)."""
    budget = validate_budget(budget)
    frame = _participant_frame(participants).copy()
    frame["points_used"] = frame["participant_id"].map(points_used).fillna(0).astype("int64")
    frame["points_left"] = [points_left(used, budget) for used in frame["points_used"]]
    frame["has_voted"] = frame["points_used"] > 0
    return frame


def tied_ranks(points: Iterable[int]) -> list[int]:
    """Rank numbers for points sorted best first, equal points sharing one (1, 2, 2, 4).

    `rank` orders ties so the list never flickers; on screen a tie stays a tie.
    """
    values = list(points)
    ranks: list[int] = []
    for position, value in enumerate(values):
        ranks.append(ranks[-1] if position and value == values[position - 1] else position + 1)
    return ranks


def rank_labels(points: Iterable[int]) -> list[str]:
    """"1.", "2 =", "2 =", "4." for points sorted best first: a shared rank is marked as a tie."""
    ranks = tied_ranks(points)
    shared = Counter(ranks)
    return [f"{rank} {TIE_MARK}" if shared[rank] > 1 else f"{rank}." for rank in ranks]


def has_votes(results: pd.DataFrame) -> bool:
    """Whether anyone has given a point: before that there is no ranking, only a list of candidates."""
    return bool(len(results)) and int(results["points"].sum()) > 0


def totals_visible(results_hidden: bool, revealed: bool, is_facilitator: bool) -> bool:
    """Whether totals show: always in live mode, in blind mode to the facilitator only until the reveal."""
    return not results_hidden or revealed or is_facilitator


@dataclass(frozen=True)
class Progress:
    """How many participants said "I'm done", of how many."""

    done: int
    total: int


def progress(participants: Iterable[Participant]) -> Progress:
    """Who said "I'm done": the facilitator's own ballot is not one of the room's."""
    people = [person for person in participants if not person.is_facilitator]
    return Progress(sum(person.done for person in people), len(people))
