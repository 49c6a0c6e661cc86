"""Rules of the workshop store, method by method, on a temporary database file."""

from __future__ import annotations

import copy
import json
import math
import sqlite3
from datetime import date

import pytest

from kpi_logic.errors import (
    InvalidImport,
    InvalidInput,
    KpiWorkshopError,
    NotFound,
    PinLocked,
    VotingClosed,
    WrongWorkshop,
)
from kpi_logic.errors import VoteBudgetExceeded
from kpi_logic.store import WorkshopStore

PIN = "4711"
TOO_LONG = "x" * 81


@pytest.fixture
def store(tmp_path) -> WorkshopStore:
    return WorkshopStore(tmp_path / "workshop.db")


@pytest.fixture
def ws(store):
    return store.workshops.create("Frühjahr 2027", facilitator_pin=PIN, vote_budget=5, per_kpi_cap=3)


@pytest.fixture
def other_ws(store):
    return store.workshops.create("Herbst 2027", facilitator_pin=PIN)


@pytest.fixture
def anna(store, ws):
    return store.participants.join(ws.join_code, "Anna", "marketing")


@pytest.fixture
def ben(store, ws):
    return store.participants.join(ws.join_code, "Ben", "sales")


@pytest.fixture
def kpis(store, ws) -> dict[str, int]:
    """Three approved candidates: two from the catalogue, one custom."""
    return {
        "win_rate": store.candidates.add(ws.id, catalog_id="win_rate"),
        "cac": store.candidates.add(ws.id, catalog_id="cac"),
        "custom": store.candidates.add(ws.id, name="Demo-Termine pro Woche", stage="opportunity"),
    }


def row_counts(store) -> dict[str, int]:
    tables = [row["name"] for row in store.db.query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )]
    return {table: store.db.execute(f"SELECT COUNT(*) FROM [{table}]").fetchone()[0] for table in tables}


# ------------------------------------------------------------------ workshops


def test_new_workshop_has_defaults_codes_and_no_pin_in_it(store, ws):
    assert (ws.vote_budget, ws.per_kpi_cap, ws.language, ws.round) == (5, 3, "de", 1)
    assert ws.voting_open and not ws.results_hidden and not ws.finalised
    assert len(ws.join_code) == 6 and len(ws.share_token) >= 20
    assert not hasattr(ws, "pin_hash")
    stored = store.db.execute("SELECT pin_hash FROM workshops").fetchone()[0]
    assert PIN not in stored and stored.startswith("scrypt$")


def test_join_codes_and_share_tokens_differ_between_workshops(store, ws, other_ws):
    assert ws.join_code != other_ws.join_code
    assert ws.share_token != other_ws.share_token


@pytest.mark.parametrize("typed", ["{code}", "{lower}", "  {lower} ", "{first} {rest}"])
def test_join_code_is_found_whatever_the_case_and_spaces(store, ws, typed):
    code = typed.format(code=ws.join_code, lower=ws.join_code.lower(),
                        first=ws.join_code[:3], rest=ws.join_code[3:])
    assert store.workshops.by_join_code(code).id == ws.id


@pytest.mark.parametrize("code", ["", "ZZZZZZ", "'; DROP TABLE workshops; --"])
def test_wrong_join_code_is_not_found(store, ws, code):
    with pytest.raises(NotFound):
        store.workshops.by_join_code(code)
    with pytest.raises(NotFound):
        store.participants.join(code, "Anna", "marketing")


def test_share_token_finds_its_workshop_only(store, ws):
    assert store.workshops.by_share_token(ws.share_token).id == ws.id
    with pytest.raises(NotFound):
        store.workshops.by_share_token(ws.share_token + "x")


@pytest.mark.parametrize(
    "changes",
    [
        {"name": ""},
        {"name": "   "},
        {"name": TOO_LONG},
        {"name": "Work\x00shop"},
        {"vote_budget": 0},
        {"vote_budget": 21},
        {"vote_budget": 2, "per_kpi_cap": 3},
        {"per_kpi_cap": 0},
        {"language": "fr"},
        {"facilitator_pin": "12"},
        {"workshop_date": "1999-12-31"},
        {"workshop_date": date(2101, 1, 1)},
        {"workshop_date": "next week"},
    ],
)
def test_bad_workshop_settings_are_refused_and_nothing_is_written(store, changes):
    arguments = {"name": "Workshop", "facilitator_pin": PIN, **changes}
    with pytest.raises(InvalidInput):
        store.workshops.create(**arguments)
    assert store.workshops.list() == []


def test_name_is_stored_stripped(store):
    assert store.workshops.create("  Kick-off  ", facilitator_pin=PIN).name == "Kick-off"


def test_unknown_workshop_is_not_found(store):
    with pytest.raises(NotFound):
        store.workshops.get(999)


# ------------------------------------------------------------------ PIN


def test_right_pin_unlocks_and_wrong_pin_does_not(store, ws):
    assert store.workshops.check_pin(ws.id, PIN) is True
    assert store.workshops.check_pin(ws.id, "0000") is False


@pytest.fixture
def now() -> list[float]:
    """A clock the test moves by hand."""
    return [1_000_000.0]


@pytest.fixture
def clocked_ws(tmp_path, now):
    store = WorkshopStore(tmp_path / "w.db", clock=lambda: now[0])
    return store, store.workshops.create("W", facilitator_pin=PIN)


def test_five_wrong_pins_lock_checking_for_five_minutes(clocked_ws, now):
    store, ws = clocked_ws
    for _ in range(5):
        assert store.workshops.check_pin(ws.id, "0000") is False
    with pytest.raises(PinLocked) as locked:
        store.workshops.check_pin(ws.id, PIN)
    assert locked.value.seconds_left == 300
    now[0] += 301
    assert store.workshops.check_pin(ws.id, PIN) is True


def test_wrong_pins_spread_over_more_than_ten_minutes_do_not_lock(clocked_ws, now):
    store, ws = clocked_ws
    for _ in range(8):
        assert store.workshops.check_pin(ws.id, "0000") is False
        now[0] += 200
    assert store.workshops.check_pin(ws.id, PIN) is True


# ------------------------------------------------------------------ settings


def test_settings_change_and_come_back(store, ws):
    changed = store.workshops.update_settings(ws.id, name="Neu", phase="voting", results_hidden=True,
                                    vote_budget=8, per_kpi_cap=8, language="en")
    assert (changed.name, changed.phase, changed.results_hidden) == ("Neu", "voting", True)
    assert store.workshops.get(ws.id) == changed


@pytest.mark.parametrize(
    "changes, error",
    [
        ({"pin_hash": "x"}, InvalidInput),
        ({"round": 3}, InvalidInput),
        ({"per_kpi_cap": 6}, InvalidInput),
        ({"vote_budget": 2}, InvalidInput),  # below the cap of 3
        ({"phase": "party"}, InvalidInput),
        ({"voting_open": "yes"}, InvalidInput),
    ],
)
def test_unknown_or_bad_settings_are_refused(store, ws, changes, error):
    with pytest.raises(error):
        store.workshops.update_settings(ws.id, **changes)
    assert store.workshops.get(ws.id) == ws


def test_lowered_budget_lets_over_budget_voters_only_step_down(store, ws, anna, kpis):
    store.votes.set_points(anna.id, kpis["win_rate"], 3)
    store.votes.set_points(anna.id, kpis["cac"], 2)
    store.workshops.update_settings(ws.id, vote_budget=3)
    assert store.votes.points_left(anna.id) == 0
    with pytest.raises(VoteBudgetExceeded):
        store.votes.set_points(anna.id, kpis["custom"], 1)
    store.votes.set_points(anna.id, kpis["win_rate"], 2)
    assert store.votes.points_of(anna.id) == {kpis["win_rate"]: 2, kpis["cac"]: 2}


# ------------------------------------------------------------------ participants


def test_same_name_joins_as_the_same_participant(store, ws, anna):
    again = store.participants.join(ws.join_code, " anna ", "sales")
    assert again == anna
    assert [p.name for p in store.participants.list(ws.id)] == ["Anna"]


@pytest.mark.parametrize(
    "name, team",
    [("", "marketing"), ("   ", "sales"), (TOO_LONG, "sales"), ("An\nna", "sales"),
     ("Anna", "finance"), ("Anna", None), (42, "sales")],
)
def test_bad_participant_is_refused(store, ws, name, team):
    with pytest.raises(InvalidInput):
        store.participants.join(ws.join_code, name, team)
    assert store.participants.list(ws.id) == []


def test_facilitator_votes_only_when_the_workshop_allows_it(store, ws, kpis):
    moderator = store.participants.facilitator(ws.id)
    assert moderator.is_facilitator and store.participants.facilitator(ws.id) == moderator
    with pytest.raises(VotingClosed):
        store.votes.set_points(moderator.id, kpis["cac"], 1)
    store.workshops.update_settings(ws.id, facilitator_votes=True)
    store.votes.set_points(moderator.id, kpis["cac"], 1)
    assert store.votes.points_of(moderator.id) == {kpis["cac"]: 1}


# ------------------------------------------------------------------ goals and status quo


def test_a_workshop_has_at_most_three_goals(store, ws):
    for title in ("Umsatz", "Marge", "Neukunden"):
        store.goals.add(ws.id, title, metric="CHF", baseline=1.0, target=2.0, deadline="2027-12-31")
    with pytest.raises(InvalidInput, match="at most 3"):
        store.goals.add(ws.id, "Vierte")
    assert [g.title for g in store.goals.list(ws.id)] == ["Umsatz", "Marge", "Neukunden"]
    assert store.goals.list(ws.id)[0].deadline == date(2027, 12, 31)


@pytest.mark.parametrize(
    "fields",
    [{"title": ""}, {"baseline": math.nan}, {"target": math.inf}, {"target": "viel"},
     {"deadline": "2101-01-01"}, {"colour": "red"}],
)
def test_bad_goal_change_is_refused(store, ws, fields):
    goal = store.goals.add(ws.id, "Umsatz")
    with pytest.raises(InvalidInput):
        store.goals.update(ws.id, goal.id, **fields)
    assert store.goals.list(ws.id) == [goal]


def test_goal_of_another_workshop_cannot_be_changed(store, ws, other_ws):
    goal = store.goals.add(other_ws.id, "Umsatz")
    with pytest.raises(WrongWorkshop):
        store.goals.update(ws.id, goal.id, title="Gekapert")
    with pytest.raises(WrongWorkshop):
        store.goals.delete(ws.id, goal.id)


def test_status_kpis_with_one_bad_row_leave_nothing_behind(store, ws):
    rows = [{"name": "Follower", "current_value": "12 000"},
            {"name": "Leads", "verdict": "maybe"},
            {"name": "Umsatz"}]
    with pytest.raises(InvalidInput, match=r"rows\[1\]\.verdict"):
        store.status_quo.add_many(ws.id, rows)
    assert store.status_quo.list(ws.id) == []


def test_status_kpi_verdicts_can_be_set_and_cleared(store, ws):
    kpi = store.status_quo.add(ws.id, "Follower", description="Instagram")
    assert store.status_quo.set_verdict(ws.id, kpi.id, "vanity").verdict == "vanity"
    assert store.status_quo.set_verdict(ws.id, kpi.id, None).verdict is None
    store.status_quo.delete(ws.id, kpi.id)
    assert store.status_quo.list(ws.id) == []


def test_status_verdicts_and_removals_are_saved_together(store, ws):
    rows = [{"name": "Follower"}, {"name": "Leads"}, {"name": "Umsatz"}]
    follower, leads, revenue = store.status_quo.add_many(ws.id, rows)
    store.status_quo.set_verdicts(ws.id, {follower.id: "vanity", leads.id: "keep"}, remove=[revenue.id])
    judged = [(kpi.name, kpi.verdict) for kpi in store.status_quo.list(ws.id)]
    assert judged == [("Follower", "vanity"), ("Leads", "keep")]


@pytest.mark.parametrize(
    "verdicts,remove",
    [({0: "maybe"}, []), ({0: "keep", 999: "drop"}, []), ({0: "keep"}, [999]), ({0: "keep"}, ["zwei"])],
    ids=["unknown-verdict", "unknown-kpi", "unknown-removal", "text-id"],
)
def test_a_verdict_batch_with_one_bad_entry_stores_nothing(store, ws, verdicts, remove):
    follower, leads = store.status_quo.add_many(ws.id, [{"name": "Follower"}, {"name": "Leads"}])
    verdicts = {follower.id if key == 0 else key: verdict for key, verdict in verdicts.items()}
    with pytest.raises(KpiWorkshopError):
        store.status_quo.set_verdicts(ws.id, {leads.id: "drop", **verdicts}, remove=[leads.id, *remove])
    assert store.status_quo.list(ws.id) == [follower, leads]


def test_a_verdict_batch_cannot_touch_another_workshops_kpis(store, ws, other_ws):
    mine = store.status_quo.add(ws.id, "Follower")
    theirs = store.status_quo.add(other_ws.id, "Leads")
    with pytest.raises(WrongWorkshop):
        store.status_quo.set_verdicts(ws.id, {mine.id: "keep"}, remove=[theirs.id])
    assert store.status_quo.list(ws.id) == [mine] and store.status_quo.list(other_ws.id) == [theirs]


# ------------------------------------------------------------------ candidates


def test_a_catalogue_kpi_is_a_candidate_only_once(store, ws, kpis):
    assert store.candidates.add(ws.id, catalog_id="win_rate") == kpis["win_rate"]
    assert len(store.candidates.list(ws.id)) == 3


def test_candidates_carry_catalogue_names_in_the_workshop_language(store, ws, kpis):
    names = {c.catalog_id: c.name for c in store.candidates.list(ws.id)}
    assert names["win_rate"] == "Gewinnquote (Win Rate)"
    store.workshops.update_settings(ws.id, language="en")
    assert {c.catalog_id: c.name for c in store.candidates.list(ws.id)}["win_rate"] == "Win rate"


@pytest.mark.parametrize(
    "arguments",
    [
        {"catalog_id": "no_such_kpi"},
        {},
        {"catalog_id": "win_rate", "name": "Both"},
        {"name": ""},
        {"name": "   "},
        {"name": "k" * 121},
        {"name": "Custom", "stage": "moon"},
        {"name": "Custom", "team": "leadership"},
        {"name": "Custom", "definition": "d" * 2001},
        {"name": "Custom", "status": "rejected"},
    ],
)
def test_bad_candidate_is_refused(store, ws, arguments):
    with pytest.raises(InvalidInput):
        store.candidates.add(ws.id, **arguments)
    assert store.candidates.list(ws.id, statuses=("approved", "pending", "rejected")) == []


def test_proposer_from_another_workshop_is_refused(store, ws, other_ws):
    stranger = store.participants.join(other_ws.join_code, "Eve", "other")
    with pytest.raises(WrongWorkshop):
        store.candidates.add(ws.id, name="Custom", proposed_by=stranger.id)


def test_proposed_kpis_wait_for_approval(store, ws, anna):
    proposal = store.candidates.add(ws.id, name="Angebote pro Monat", proposed_by=anna.id,
                                   status="pending")
    assert store.candidates.list(ws.id) == []
    assert [c.proposed_by for c in store.candidates.list(ws.id, statuses=("pending",))] == [anna.id]
    store.candidates.set_status(ws.id, proposal, "approved")
    assert [c.id for c in store.candidates.list(ws.id)] == [proposal]


def test_removed_candidate_takes_its_votes_along(store, ws, anna, kpis):
    store.votes.set_points(anna.id, kpis["cac"], 2)
    store.candidates.remove(ws.id, kpis["cac"])
    assert store.votes.points_of(anna.id) == {}
    assert kpis["cac"] not in set(store.votes.results(ws.id)["candidate_id"])


# ------------------------------------------------------------------ votes


def test_points_are_set_changed_and_removed(store, anna, kpis):
    store.votes.set_points(anna.id, kpis["win_rate"], 2)
    store.votes.set_points(anna.id, kpis["win_rate"], 3)
    store.votes.set_points(anna.id, kpis["cac"], 1)
    assert store.votes.points_of(anna.id) == {kpis["win_rate"]: 3, kpis["cac"]: 1}
    assert store.votes.points_left(anna.id) == 1
    store.votes.set_points(anna.id, kpis["win_rate"], 0)
    assert store.votes.points_of(anna.id) == {kpis["cac"]: 1}


def test_vote_beyond_budget_is_refused(store, anna, kpis):
    store.votes.set_points(anna.id, kpis["win_rate"], 3)
    with pytest.raises(VoteBudgetExceeded):
        store.votes.set_points(anna.id, kpis["cac"], 3)
    assert store.votes.points_of(anna.id) == {kpis["win_rate"]: 3}


@pytest.mark.parametrize("points, error", [(4, VoteBudgetExceeded), (-1, VoteBudgetExceeded),
                                           (1.5, InvalidInput), (True, InvalidInput),
                                           ("2", InvalidInput)])
def test_points_past_the_cap_or_not_whole_are_refused(store, anna, kpis, points, error):
    with pytest.raises(error):
        store.votes.set_points(anna.id, kpis["win_rate"], points)
    assert store.votes.points_of(anna.id) == {}


def test_vote_on_a_candidate_of_another_workshop_is_refused(store, anna, other_ws):
    foreign = store.candidates.add(other_ws.id, catalog_id="win_rate")
    with pytest.raises(WrongWorkshop):
        store.votes.set_points(anna.id, foreign, 1)


def test_vote_while_voting_is_closed_is_refused(store, ws, anna, kpis):
    store.workshops.update_settings(ws.id, voting_open=False)
    with pytest.raises(VotingClosed):
        store.votes.set_points(anna.id, kpis["cac"], 1)


def test_vote_on_a_pending_proposal_is_refused(store, ws, anna):
    proposal = store.candidates.add(ws.id, name="Idee", status="pending")
    with pytest.raises(VotingClosed):
        store.votes.set_points(anna.id, proposal, 1)


def test_every_refusal_is_a_value_error_with_a_message(store, anna, kpis):
    with pytest.raises(ValueError, match="budget"):
        store.votes.set_points(anna.id, kpis["win_rate"], 3)
        store.votes.set_points(anna.id, kpis["cac"], 3)
    assert issubclass(VoteBudgetExceeded, KpiWorkshopError)


# ------------------------------------------------------------------ results


def test_results_sum_points_per_team_and_count_voters(store, ws, anna, ben, kpis):
    lea = store.participants.join(ws.join_code, "Lea", "leadership")
    store.votes.set_points(anna.id, kpis["win_rate"], 2)
    store.votes.set_points(ben.id, kpis["win_rate"], 3)
    store.votes.set_points(lea.id, kpis["cac"], 1)
    store.votes.set_points(ben.id, kpis["cac"], 1)
    table = store.votes.results(ws.id).set_index("catalog_id")
    expected = {
        # catalog_id: points, marketing, sales, leadership, other, voters
        "win_rate": (5, 2, 3, 0, 0, 2),
        "cac": (2, 0, 1, 1, 0, 2),
    }
    columns = ["points", "points_marketing", "points_sales", "points_leadership",
               "points_other", "voters"]
    for catalog_id, numbers in expected.items():
        assert tuple(int(table.loc[catalog_id, column]) for column in columns) == numbers


def test_results_list_zero_point_candidates_best_first(store, ws, anna, kpis):
    store.votes.set_points(anna.id, kpis["cac"], 1)
    results = store.votes.results(ws.id)
    assert list(results["candidate_id"]) == [kpis["cac"], kpis["custom"], kpis["win_rate"]]
    assert list(results["points"]) == [1, 0, 0]


def test_results_break_ties_by_voters_then_name(store, ws, anna, ben, kpis):
    store.votes.set_points(anna.id, kpis["custom"], 2)
    store.votes.set_points(anna.id, kpis["cac"], 1)
    store.votes.set_points(ben.id, kpis["cac"], 1)
    assert list(store.votes.results(ws.id)["candidate_id"][:2]) == [kpis["cac"], kpis["custom"]]


def test_results_equal_the_votes_in_the_file(store, ws, anna, ben, kpis):
    store.votes.set_points(anna.id, kpis["cac"], 3)
    store.votes.set_points(ben.id, kpis["cac"], 2)
    direct = dict(store.db.execute(
        "SELECT candidate_id, SUM(points) FROM votes WHERE workshop_id = ? GROUP BY candidate_id",
        [ws.id],
    ).fetchall())
    shown = store.votes.results(ws.id).set_index("candidate_id")["points"]
    assert {cid: int(points) for cid, points in shown.items() if points} == direct


def test_vote_table_lists_who_gave_what(store, ws, anna, kpis):
    store.votes.set_points(anna.id, kpis["cac"], 2)
    table = store.votes.table(ws.id)
    assert table.to_dict("records") == [
        {"participant_id": anna.id, "participant": "Anna", "team": "marketing",
         "candidate_id": kpis["cac"], "points": 2}
    ]


def test_points_used_counts_each_voter_in_the_current_round_only(store, ws, other_ws, anna, ben, kpis):
    store.votes.set_points(anna.id, kpis["cac"], 2)
    store.votes.set_points(anna.id, kpis["win_rate"], 1)
    store.votes.set_points(ben.id, kpis["cac"], 1)
    stranger = store.participants.join(other_ws.join_code, "Cleo", "sales")
    store.votes.set_points(stranger.id, store.candidates.add(other_ws.id, catalog_id="cac"), 3)
    assert store.votes.points_used(ws.id) == {anna.id: 3, ben.id: 1}
    store.votes.start_runoff(ws.id, 2)
    store.votes.set_points(ben.id, kpis["cac"], 2)
    assert store.votes.points_used(ws.id) == {ben.id: 2}


def test_runoff_votes_only_on_the_top_candidates(store, ws, anna, ben, kpis):
    store.votes.set_points(anna.id, kpis["cac"], 3)
    store.votes.set_points(ben.id, kpis["win_rate"], 2)
    store.votes.start_runoff(ws.id, 2)
    assert store.workshops.get(ws.id).round == 2
    assert set(store.votes.results(ws.id)["candidate_id"]) == {kpis["cac"], kpis["win_rate"]}
    assert store.votes.points_of(anna.id) == {} and store.votes.points_left(anna.id) == 5
    with pytest.raises(VotingClosed):
        store.votes.set_points(anna.id, kpis["custom"], 1)
    store.votes.set_points(anna.id, kpis["win_rate"], 1)
    assert int(store.votes.results(ws.id).set_index("candidate_id").loc[kpis["win_rate"], "points"]) == 1


# ------------------------------------------------------------------ shortlist and history


def test_shortlist_keeps_the_data_of_entries_that_stay(store, ws, kpis):
    store.shortlist.set(ws.id, [kpis["win_rate"], kpis["cac"]], "Anna")
    entry = store.shortlist.list(ws.id)[0]
    store.shortlist.update_entry(ws.id, entry.id, "Anna", owner="Ben", target=30, cadence="monthly")
    store.shortlist.set(ws.id, [kpis["custom"], kpis["win_rate"]], "Anna")
    entries = store.shortlist.list(ws.id)
    assert [e.candidate_id for e in entries] == [kpis["custom"], kpis["win_rate"]]
    assert (entries[1].id, entries[1].owner, entries[1].target, entries[1].cadence) == (
        entry.id, "Ben", 30.0, "monthly")


def test_history_tells_who_changed_what_from_old_to_new(store, ws, kpis):
    store.shortlist.set(ws.id, [kpis["win_rate"]], "Anna")
    entry = store.shortlist.list(ws.id)[0]
    store.shortlist.update_entry(ws.id, entry.id, "Anna", target=10)
    store.shortlist.update_entry(ws.id, entry.id, "Ben", target=12)
    latest = store.shortlist.history(ws.id)[0]
    assert latest.actor == "Ben" and "target: 10 → 12" in latest.summary


def test_one_undo_takes_back_a_whole_batch_of_entry_changes(store, ws, kpis):
    store.shortlist.set(ws.id, [kpis["win_rate"], kpis["cac"]], "Anna")
    before = store.shortlist.list(ws.id)
    changed = store.shortlist.update_entries(
        ws.id, {before[0].id: {"owner": "Eva", "target": 30}, before[1].id: {"cadence": "monthly"}}, "Anna"
    )
    assert [(e.owner, e.target, e.cadence) for e in changed] == [("Eva", 30.0, None), ("", None, "monthly")]
    assert [h.action for h in store.shortlist.history(ws.id)] == ["update", "set"]
    store.shortlist.undo(ws.id, "Anna")
    assert store.shortlist.list(ws.id) == before


@pytest.mark.parametrize(
    "bad",
    [{"target": "viel"}, {"cadence": "daily"}, {"goal_ids": [999]}, {"colour": "red"}],
    ids=["text-target", "unknown-cadence", "unknown-goal", "unknown-field"],
)
def test_a_batch_with_one_bad_entry_stores_nothing(store, ws, kpis, bad):
    store.shortlist.set(ws.id, [kpis["win_rate"], kpis["cac"]], "Anna")
    before = store.shortlist.list(ws.id)
    history = store.shortlist.history(ws.id)
    with pytest.raises(KpiWorkshopError):
        store.shortlist.update_entries(ws.id, {before[0].id: {"owner": "Eva"}, before[1].id: bad}, "Anna")
    assert store.shortlist.list(ws.id) == before and store.shortlist.history(ws.id) == history


def test_a_batch_naming_another_workshops_entry_stores_nothing(store, ws, other_ws, kpis):
    store.shortlist.set(ws.id, [kpis["win_rate"]], "Anna")
    foreign = store.candidates.add(other_ws.id, catalog_id="cac")
    store.shortlist.set(other_ws.id, [foreign], "Ben")
    mine, theirs = store.shortlist.list(ws.id)[0], store.shortlist.list(other_ws.id)[0]
    with pytest.raises(WrongWorkshop):
        store.shortlist.update_entries(ws.id, {mine.id: {"owner": "Eva"}, theirs.id: {"owner": "Eva"}}, "Anna")
    assert store.shortlist.list(ws.id)[0].owner == "" and store.shortlist.list(other_ws.id)[0].owner == ""


def test_undo_restores_the_shortlist_step_by_step(store, ws, kpis):
    goal = store.goals.add(ws.id, "Umsatz")
    store.shortlist.set(ws.id, [kpis["win_rate"], kpis["cac"]], "Anna")
    first = store.shortlist.list(ws.id)
    store.shortlist.update_entry(ws.id, first[0].id, "Anna", target=10, goal_ids=[goal.id])
    second = store.shortlist.list(ws.id)
    store.shortlist.set(ws.id, [kpis["custom"]], "Ben")
    assert store.shortlist.undo(ws.id, "Anna").actor == "Ben"
    assert store.shortlist.list(ws.id) == second
    store.shortlist.undo(ws.id, "Anna")
    assert store.shortlist.list(ws.id) == first
    store.shortlist.undo(ws.id, "Anna")
    assert store.shortlist.list(ws.id) == []
    assert store.shortlist.undo(ws.id, "Anna") is None
    assert [h.undone for h in store.shortlist.history(ws.id) if h.action != "undo"] == [True] * 3


@pytest.mark.parametrize(
    "fields", [{"target": math.nan}, {"cadence": "daily"}, {"target_date": "2100-13-01"},
               {"owner": TOO_LONG}, {"goal_ids": [999]}, {"colour": "blue"}],
)
def test_bad_shortlist_change_is_refused_and_not_recorded(store, ws, kpis, fields):
    store.shortlist.set(ws.id, [kpis["win_rate"]], "Anna")
    before = store.shortlist.list(ws.id)
    with pytest.raises(KpiWorkshopError):
        store.shortlist.update_entry(ws.id, before[0].id, "Anna", **fields)
    assert store.shortlist.list(ws.id) == before
    assert len(store.shortlist.history(ws.id)) == 1


def test_shortlist_refuses_foreign_or_repeated_candidates(store, ws, other_ws, kpis):
    foreign = store.candidates.add(other_ws.id, catalog_id="cac")
    with pytest.raises(WrongWorkshop):
        store.shortlist.set(ws.id, [kpis["win_rate"], foreign], "Anna")
    with pytest.raises(InvalidInput):
        store.shortlist.set(ws.id, [kpis["win_rate"], kpis["win_rate"]], "Anna")
    assert store.shortlist.list(ws.id) == []


def test_deleted_goal_is_unlinked_from_the_shortlist(store, ws, kpis):
    goal = store.goals.add(ws.id, "Umsatz")
    store.shortlist.set(ws.id, [kpis["win_rate"]], "Anna")
    entry = store.shortlist.list(ws.id)[0]
    store.shortlist.update_entry(ws.id, entry.id, "Anna", goal_ids=[goal.id])
    store.goals.delete(ws.id, goal.id)
    assert store.shortlist.list(ws.id)[0].goal_ids == ()


# ------------------------------------------------------------------ funnel


def test_funnel_figures_are_replaced_and_read_in_stage_order(store, ws):
    store.funnel.set(ws.id, [{"stage": "sql", "baseline_volume": 40},
                             {"stage": "lead", "baseline_volume": 400, "spend": 2000}])
    store.funnel.set(ws.id, [{"stage": "customer", "baseline_volume": 8},
                             {"stage": "lead", "baseline_volume": 500, "target_volume": 600}])
    figures = store.funnel.list(ws.id)
    assert [(f.stage, f.baseline_volume, f.spend) for f in figures] == [
        ("lead", 500.0, None), ("customer", 8.0, None)]


@pytest.mark.parametrize(
    "rows",
    [[{"stage": "moon"}], [{"stage": "lead", "baseline_volume": -1}],
     [{"stage": "lead", "spend": math.inf}], [{"stage": "lead"}, {"stage": "lead"}]],
)
def test_bad_funnel_rows_are_refused(store, ws, rows):
    store.funnel.set(ws.id, [{"stage": "lead", "baseline_volume": 100}])
    with pytest.raises(InvalidInput):
        store.funnel.set(ws.id, rows)
    assert [f.baseline_volume for f in store.funnel.list(ws.id)] == [100.0]


# ------------------------------------------------------------------ after the workshop


@pytest.fixture
def entry(store, ws, kpis):
    store.shortlist.set(ws.id, [kpis["win_rate"], kpis["cac"]], "Anna")
    return store.shortlist.list(ws.id)[0]


def test_measurement_of_a_period_is_replaced_not_doubled(store, ws, entry):
    store.measurements.add(ws.id, entry.id, date(2027, 1, 31), 0.21)
    store.measurements.add(ws.id, entry.id, "2027-01-31", 0.25, note="korrigiert")
    store.measurements.add(ws.id, entry.id, date(2027, 2, 28), 0.3)
    table = store.measurements.list(ws.id)
    assert list(zip(table["period"], table["value"], table["note"])) == [
        (date(2027, 1, 31), 0.25, "korrigiert"), (date(2027, 2, 28), 0.3, "")]
    assert set(table["entry_id"]) == {entry.id}


def test_measurements_with_one_bad_row_leave_nothing_behind(store, ws, entry):
    rows = [{"entry_id": entry.id, "period": "2027-01-31", "value": 1.0},
            {"entry_id": entry.id, "period": "2027-02-28", "value": math.nan}]
    with pytest.raises(InvalidInput, match=r"rows\[1\]\.value"):
        store.measurements.add_many(ws.id, rows)
    assert store.measurements.list(ws.id).empty


def test_measurements_survive_leaving_the_shortlist(store, ws, kpis, entry):
    store.measurements.add(ws.id, entry.id, "2027-01-31", 1.0)
    store.shortlist.set(ws.id, [kpis["cac"]], "Anna")
    assert list(store.measurements.list(ws.id)["value"]) == [1.0]


def test_measurement_for_an_entry_of_another_workshop_is_refused(store, ws, other_ws, entry):
    with pytest.raises(WrongWorkshop):
        store.measurements.add(other_ws.id, entry.id, "2027-01-31", 1.0)


def test_tasks_are_planned_done_and_deleted(store, ws):
    late = store.tasks.add(ws.id, 2, "Datenquelle klären", owner="Ben", due="2027-05-01")
    early = store.tasks.add(ws.id, 2, "Dashboard bauen", due="2027-04-01")
    first = store.tasks.add(ws.id, 1, "Ziele festhalten")
    assert [t.id for t in store.tasks.list(ws.id)] == [first.id, early.id, late.id]
    assert store.tasks.update(ws.id, late.id, done=True).done is True
    store.tasks.delete(ws.id, early.id)
    assert [t.id for t in store.tasks.list(ws.id)] == [first.id, late.id]


@pytest.mark.parametrize("step, title", [(0, "x"), (6, "x"), (1, ""), (1, "t" * 121)])
def test_bad_task_is_refused(store, ws, step, title):
    with pytest.raises(InvalidInput):
        store.tasks.add(ws.id, step, title)
    assert store.tasks.list(ws.id) == []


def test_reviews_record_the_decision_newest_first(store, ws, kpis):
    store.reviews.add(ws.id, "2027-03-31", "keep", participants="Anna, Ben", candidate_id=kpis["cac"])
    store.reviews.add(ws.id, date(2027, 6, 30), "change_target", note="Ziel zu tief")
    assert [(r.date, r.decision) for r in store.reviews.list(ws.id)] == [
        (date(2027, 6, 30), "change_target"), (date(2027, 3, 31), "keep")]
    with pytest.raises(InvalidInput):
        store.reviews.add(ws.id, "2027-09-30", "shrug")


# ------------------------------------------------------------------ whole workshop


@pytest.fixture
def full_workshop(store, ws, anna, ben, kpis):
    """A workshop with something in every table."""
    goal = store.goals.add(ws.id, "Umsatz +10 %", metric="CHF", baseline=1e6, target=1.1e6,
                          deadline="2027-12-31")
    store.status_quo.add(ws.id, "Follower", description="Instagram", current_value="12k",
                         verdict="vanity")
    store.candidates.add(ws.id, name="Idee", proposed_by=anna.id, status="pending")
    store.votes.set_points(anna.id, kpis["win_rate"], 3)
    store.votes.set_points(ben.id, kpis["cac"], 2)
    store.shortlist.set(ws.id, [kpis["win_rate"], kpis["custom"]], "Anna")
    entry = store.shortlist.list(ws.id)[0]
    store.shortlist.update_entry(ws.id, entry.id, "Ben", owner="Ben", baseline=0.2, target=0.25,
                                 target_date="2027-12-31", cadence="monthly",
                                 data_source="CRM", goal_ids=[goal.id])
    store.funnel.set(ws.id, [{"stage": "lead", "baseline_volume": 400, "target_volume": 500,
                              "spend": 8000.5}])
    store.measurements.add(ws.id, entry.id, "2027-01-31", 0.21, note="Start")
    store.tasks.add(ws.id, 3, "Dashboard", owner="Anna", due="2027-02-01")
    store.reviews.add(ws.id, "2027-03-31", "keep", candidate_id=kpis["win_rate"])
    store.workshops.update_settings(ws.id, phase="shortlist", anonymous=True, company="Muster AG")
    return ws


def without_ids(data: dict) -> dict:
    """An export with every id replaced by the position of what it names, to compare two exports."""
    data = copy.deepcopy(data)
    maps = {key: {row["id"]: i for i, row in enumerate(data[key])}
            for key in ("participants", "goals", "candidates")}
    refs = {"participant_id": "participants", "proposed_by": "participants",
            "candidate_id": "candidates"}

    def strip(row: dict) -> dict:
        row.pop("id", None)
        for field, section in refs.items():
            if row.get(field) is not None:
                row[field] = maps[section][row[field]]
        if "goal_ids" in row:
            row["goal_ids"] = sorted(maps["goals"][goal] for goal in row["goal_ids"])
        return row

    for key, rows in data.items():
        if isinstance(rows, list):
            data[key] = [strip(row) for row in rows]
    for change in data["shortlist_history"]:
        change["snapshot"] = [strip(item) for item in change["snapshot"]]
    return data


def test_export_holds_no_secrets_and_is_json(store, full_workshop):
    data = store.transfer.export_workshop(full_workshop.id)
    text = json.dumps(data)
    assert (data["format"], data["version"]) == ("kpi-workshop", 1)
    for secret in (full_workshop.join_code, full_workshop.share_token, "scrypt", "pin_hash"):
        assert secret not in text


def test_export_then_import_gives_an_equal_new_workshop(store, full_workshop):
    data = store.transfer.export_workshop(full_workshop.id)
    copy_ = store.transfer.import_workshop(json.loads(json.dumps(data)), facilitator_pin="9999")
    assert copy_.id != full_workshop.id and copy_.join_code != full_workshop.join_code
    assert without_ids(store.transfer.export_workshop(copy_.id)) == without_ids(data)
    assert store.workshops.check_pin(copy_.id, "9999")
    assert store.votes.results(copy_.id)["points"].tolist() == store.votes.results(full_workshop.id)["points"].tolist()


def corrupt(path: str, value):
    """An edit of an export: set the field at a dotted path ("candidates.0.catalog_id")."""

    def apply(data: dict) -> None:
        *parents, last = path.split(".")
        target = data
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value

    return apply


@pytest.mark.parametrize(
    "edit, named",
    [
        (corrupt("format", "zip"), "format"),
        (corrupt("version", 2), "version"),
        (corrupt("workshop.vote_budget", 0), "workshop.vote_budget"),
        (corrupt("workshop.per_kpi_cap", 9), "workshop.per_kpi_cap"),
        (corrupt("participants.1.team", "finance"), "participants[1].team"),
        (corrupt("participants.1.name", "ANNA"), "participants[1]"),
        (corrupt("goals.0.target", "hoch"), "goals[0].target"),
        (corrupt("candidates.0.catalog_id", "no_such_kpi"), "candidates[0].catalog_id"),
        (corrupt("candidates.2.name", ""), "candidates[2].name"),
        (corrupt("votes.0.candidate_id", 999), "votes[0].candidate_id"),
        (corrupt("votes.0.points", 0), "votes[0].points"),
        (corrupt("shortlist.0.goal_ids", [999]), "shortlist[0].goal_ids[0]"),
        (corrupt("funnel.0.spend", -5), "funnel[0].spend"),
        (corrupt("measurements.0.period", "1999-01-01"), "measurements[0].period"),
        (corrupt("tasks.0.step", 9), "tasks[0].step"),
        (corrupt("reviews.0.decision", "shrug"), "reviews[0].decision"),
        (corrupt("shortlist_history.0.snapshot", "x"), "shortlist_history[0].snapshot"),
        (corrupt("extra", []), "extra"),
    ],
)
def test_bad_import_names_the_field_and_leaves_nothing_behind(store, full_workshop, edit, named):
    data = store.transfer.export_workshop(full_workshop.id)
    edit(data)
    before = row_counts(store)
    with pytest.raises(InvalidImport) as refused:
        store.transfer.import_workshop(data, facilitator_pin="9999")
    assert named in str(refused.value)
    assert row_counts(store) == before


def test_import_that_fails_while_writing_leaves_nothing_behind(store, full_workshop, monkeypatch):
    data = store.transfer.export_workshop(full_workshop.id)
    before = row_counts(store)

    def fail(*args):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store.measurements, "upsert", fail)
    with pytest.raises(KpiWorkshopError):
        store.transfer.import_workshop(data, facilitator_pin="9999")
    assert row_counts(store) == before


def test_deleting_a_workshop_deletes_all_of_its_data(store, full_workshop, other_ws):
    store.workshops.delete(full_workshop.id)
    counts = row_counts(store)
    assert counts["workshops"] == 1
    assert all(count == 0 for table, count in counts.items()
               if table not in ("workshops", "_sqlite_migrations"))
    with pytest.raises(NotFound):
        store.workshops.get(full_workshop.id)


def test_backup_is_a_working_copy_of_the_whole_file(store, tmp_path, full_workshop):
    store.backup(tmp_path / "backups" / "copy.db")
    copy_store = WorkshopStore(tmp_path / "backups" / "copy.db")
    assert copy_store.transfer.export_workshop(full_workshop.id) == store.transfer.export_workshop(full_workshop.id)


def test_custom_kpis_have_no_catalogue_id_in_the_results(store, ws, kpis):
    ids = store.votes.results(ws.id).set_index("candidate_id")["catalog_id"]
    assert ids[kpis["custom"]] is None and ids[kpis["cac"]] == "cac"
