"""The votes table: points per participant and candidate in each round, results and run-offs."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping

import pandas as pd

from kpi_logic import voting
from kpi_logic.domain import APPROVED, PARTICIPANT_TEAMS
from kpi_logic.errors import NotFound, VotingClosed, WrongWorkshop
from kpi_logic.store.base import Part, kpi_texts, now
from kpi_logic.validation import integer, row_id


class Votes(Part):
    """Give points within budget and cap; read a ballot, the results and the vote table."""

    def set_points(self, participant_id: int, candidate_id: int, points: int) -> None:
        """Set this participant's points on a candidate (0 removes them), within budget and cap."""
        # Negative points and the budget are voting.check_allocation's to judge.
        points = integer()(points, "points")
        participant_key = row_id(participant_id, "participant id")
        candidate_key = row_id(candidate_id, "candidate id")
        with self.write() as db:
            # Straight on the connection: the write lock is held (no retry needed) and write()
            # turns a storage failure into StorageError. One read instead of four is what keeps a
            # vote near the speed of a bare insert (benchmarks, section 3).
            cursor = db.conn.execute(
                _BALLOT_SQL, {"participant": participant_key, "candidate": candidate_key}
            )
            cursor.row_factory = sqlite3.Row
            ballot = cursor.fetchone()
            if ballot is None:
                raise NotFound(f"No participant {participant_id}.")
            if ballot["candidate_workshop_id"] is None:
                raise NotFound(f"No candidate {candidate_id}.")
            if ballot["candidate_workshop_id"] != ballot["workshop_id"]:
                raise WrongWorkshop(f"Candidate {candidate_id} belongs to another workshop.")
            _check_voting_allowed(ballot, self.store.clock())
            current = {int(key): given for key, given in json.loads(ballot["given"]).items()}
            voting.check_allocation(
                current, candidate_key, points, ballot["vote_budget"], ballot["per_kpi_cap"]
            )
            if points == 0:
                db.conn.execute(
                    "DELETE FROM votes WHERE participant_id = ? AND candidate_id = ? AND round = ?",
                    [participant_key, candidate_key, ballot["round"]],
                )
            else:
                db.conn.execute(
                    "INSERT INTO votes (workshop_id, participant_id, candidate_id, round, points, "
                    "updated_at) VALUES (:w, :p, :c, :r, :points, :at) "
                    "ON CONFLICT (participant_id, candidate_id, round) DO UPDATE SET "
                    "points = :points, updated_at = :at",
                    {"w": ballot["workshop_id"], "p": participant_key, "c": candidate_key,
                     "r": ballot["round"], "points": points, "at": now()},
                )

    def check_open(self, participant_id: int) -> None:
        """VotingClosed unless this participant's workshop takes votes right now."""
        participant = self.store.participants.get(participant_id)
        workshop = self.store.workshops.get(participant.workshop_id)
        if not voting.is_open(workshop.voting_open, workshop.finalised, workshop.timer_ends_at, self.store.clock()):
            raise VotingClosed("Voting is closed in this workshop.")

    def _given(self, participant_id: int, round_: int) -> dict[int, int]:
        rows = self.rows(
            "SELECT candidate_id, points FROM votes WHERE participant_id = ? AND round = ?",
            [participant_id, round_],
        )
        return {row["candidate_id"]: row["points"] for row in rows}

    def points_of(self, participant_id: int) -> dict[int, int]:
        """The participant's points per candidate in the current round."""
        participant = self.store.participants.get(participant_id)
        return self._given(participant.id, self.store.workshops.get(participant.workshop_id).round)

    def points_left(self, participant_id: int) -> int:
        """How many points the participant can still give (0 when over a lowered budget)."""
        participant = self.store.participants.get(participant_id)
        workshop = self.store.workshops.get(participant.workshop_id)
        return voting.points_left(sum(self._given(participant.id, workshop.round).values()), workshop.vote_budget)

    def points_used(self, workshop_id: int) -> dict[int, int]:
        """Points each participant has given in the current round; who has not voted is absent."""
        workshop = self.store.workshops.get(workshop_id)
        rows = self.rows(
            "SELECT participant_id, SUM(points) AS used FROM votes "
            "WHERE workshop_id = ? AND round = ? GROUP BY participant_id",
            [workshop_id, workshop.round],
        )
        return {row["participant_id"]: row["used"] for row in rows}

    def results(self, workshop_id: int) -> pd.DataFrame:
        """Points per approved candidate of the current round, by team, best first (see voting.rank)."""
        workshop = self.store.workshops.get(workshop_id)
        team_sums = ", ".join(
            f"COALESCE(SUM(CASE p.team WHEN '{team}' THEN v.points END), 0) AS points_{team}"
            for team in PARTICIPANT_TEAMS
        )
        rows = self.rows(
            "SELECT c.id AS candidate_id, c.catalog_id, c.name, c.definition, "
            f"COALESCE(SUM(v.points), 0) AS points, {team_sums}, "
            "COUNT(v.participant_id) AS voters "
            "FROM candidates c "
            "LEFT JOIN votes v ON v.candidate_id = c.id AND v.round = :round "
            "LEFT JOIN participants p ON p.id = v.participant_id "
            "WHERE c.workshop_id = :w AND c.status = :approved AND (:round = 1 OR c.in_runoff = 1) "
            "GROUP BY c.id",
            {"w": workshop_id, "round": workshop.round, "approved": APPROVED},
        )
        catalog = self.store.candidates.catalog_for(rows)
        for row in rows:
            row["name"] = kpi_texts(row, catalog, workshop.language)[0]
        frame = pd.DataFrame(rows, columns=[*voting.RESULT_COLUMNS])
        # None rather than NaN for custom KPIs: NaN is truthy and would pass `if row.catalog_id`.
        frame["catalog_id"] = frame["catalog_id"].astype(object).where(frame["catalog_id"].notna(), None)
        frame = frame.astype({column: "int64" for column in voting.RESULT_COLUMNS
                              if column.startswith("points") or column in ("voters", "candidate_id")})
        return voting.rank(frame).drop(columns="rank")

    def table(self, workshop_id: int) -> pd.DataFrame:
        """Every vote of the current round: who (name, team) gave how many points to which candidate."""
        workshop = self.store.workshops.get(workshop_id)
        rows = self.rows(
            "SELECT v.participant_id, p.name AS participant, p.team, v.candidate_id, v.points "
            "FROM votes v JOIN participants p ON p.id = v.participant_id "
            "WHERE v.workshop_id = ? AND v.round = ? ORDER BY v.participant_id, v.candidate_id",
            [workshop_id, workshop.round],
        )
        return pd.DataFrame(
            rows, columns=["participant_id", "participant", "team", "candidate_id", "points"]
        )

    def start_runoff(self, workshop_id: int, top_n: int) -> None:
        """Start a new round between the current top N candidates, with voting open again."""
        top_n = integer(low=1)(top_n, "top_n")
        with self.write():
            workshop = self.store.workshops.get(workshop_id)
            finalists = voting.top_n(self.results(workshop_id), top_n)
            self.db.execute(
                "UPDATE candidates SET in_runoff = (id IN (SELECT value FROM json_each(?))) "
                "WHERE workshop_id = ?",
                [json.dumps(finalists), workshop_id],
            )
            self.update_row("workshops", workshop_id, {"round": workshop.round + 1, "voting_open": True})

    # -- shortlist


# Everything a vote is judged on in one row: the voter and their workshop's settings, the
# candidate (NULL columns when it does not exist) and the voter's current-round points as a JSON
# object {candidate id: points} (one row, not one per vote: half the read time with a full ballot).
_BALLOT_SQL = """
SELECT p.workshop_id, p.is_facilitator,
       w.voting_open, w.finalised, w.timer_ends_at, w.facilitator_votes, w.round, w.vote_budget, w.per_kpi_cap,
       c.id AS candidate_id, c.workshop_id AS candidate_workshop_id, c.status, c.in_runoff,
       (SELECT json_group_object(v.candidate_id, v.points) FROM votes v
        WHERE v.participant_id = p.id AND v.round = w.round) AS given
FROM participants p
JOIN workshops w ON w.id = p.workshop_id
LEFT JOIN candidates c ON c.id = :candidate
WHERE p.id = :participant
"""


def _check_voting_allowed(ballot: Mapping, moment: float) -> None:
    """VotingClosed unless this participant may vote on this candidate right now (a _BALLOT_SQL row)."""
    if not voting.is_open(ballot["voting_open"], ballot["finalised"], ballot["timer_ends_at"], moment):
        raise VotingClosed("Voting is closed in this workshop.")
    if ballot["is_facilitator"] and not ballot["facilitator_votes"]:
        raise VotingClosed("The facilitator does not vote in this workshop.")
    if ballot["status"] != APPROVED:
        raise VotingClosed(f"Candidate {ballot['candidate_id']} is not approved for the vote.")
    if ballot["round"] > 1 and not ballot["in_runoff"]:
        raise VotingClosed(f"Candidate {ballot['candidate_id']} is not in the run-off.")

