"""The demo workshop holds a whole workshop's worth of sample data and passes the shortlist checks."""

from __future__ import annotations

from datetime import date

import pytest

from kpi_logic import funnel, review, shortlist, voting
from kpi_logic.catalog import catalog_by_id
from kpi_logic.demo import DEMO_PIN, create_demo
from kpi_logic.domain import STAGES

TODAY = date(2027, 3, 15)
# Six measured months before TODAY's month, the first of them the workshop's.
WORKSHOP_DATE = date(2026, 9, 1)


@pytest.fixture
def demo(store):
    return create_demo(store, "de", today=TODAY)


def test_demo_is_marked_as_sample_data_of_a_swiss_sme(demo):
    assert demo.is_demo
    assert "AG" in demo.company
    assert demo.workshop_date == WORKSHOP_DATE


def test_demo_opens_with_the_documented_pin(store, demo):
    assert store.workshops.check_pin(demo.id, DEMO_PIN)


@pytest.mark.parametrize("language,word", [("de", "Neukundenumsatz"), ("en", "new-customer revenue")])
def test_demo_speaks_the_chosen_language(store, language, word):
    workshop = create_demo(store, language, today=TODAY)
    assert workshop.language == language
    assert any(word.casefold() in goal.title.casefold() for goal in store.goals.list(workshop.id))


def test_demo_has_three_complete_goals(store, demo):
    goals = store.goals.list(demo.id)
    assert len(goals) == 3
    assert all(goal.metric and goal.baseline is not None and goal.target is not None
               and goal.deadline > TODAY for goal in goals)


def test_demo_status_quo_judges_vanity_metrics(store, demo):
    status = store.status_quo.list(demo.id)
    assert len(status) >= 8
    vanity = {kpi.name for kpi in status if kpi.verdict == "vanity"}
    assert {"Instagram-Follower", "Seitenaufrufe Website"} <= vanity
    assert all(kpi.verdict for kpi in status)


def test_demo_has_catalogue_and_custom_candidates_one_awaiting_approval(store, demo):
    approved = store.candidates.list(demo.id)
    pending = store.candidates.list(demo.id, statuses=("pending",))
    assert sum(1 for c in approved if c.catalog_id) >= 15
    assert sum(1 for c in approved if c.catalog_id is None) == 1
    assert len(pending) == 1 and pending[0].catalog_id is None and pending[0].proposed_by


def test_demo_participants_come_from_both_teams(store, demo):
    teams = [p.team for p in store.participants.list(demo.id)]
    assert (teams.count("marketing"), teams.count("sales"), teams.count("leadership")) == (4, 3, 1)


def test_demo_votes_stay_within_budget_and_cap_and_voting_is_closed(store, demo):
    votes = store.votes.table(demo.id)
    per_person = votes.groupby("participant_id")["points"].sum()
    assert len(per_person) == 8
    assert (per_person <= demo.vote_budget).all()
    assert (votes["points"] <= demo.per_kpi_cap).all()
    assert not demo.voting_open and not demo.results_hidden


def test_demo_results_put_the_shortlisted_kpis_on_top(store, demo):
    top = set(voting.top_n(store.votes.results(demo.id), 4))
    assert top == {entry.candidate_id for entry in store.shortlist.list(demo.id)}


def test_demo_shortlist_passes_the_checks_without_errors(store, demo):
    catalog = catalog_by_id()
    entries = store.shortlist.list(demo.id)
    items = [
        shortlist.ShortlistItem(
            key=str(entry.id), name=entry.name, catalog_id=entry.catalog_id,
            team=catalog[entry.catalog_id].team, stage=catalog[entry.catalog_id].stage,
            is_vanity=catalog[entry.catalog_id].is_vanity, owner=entry.owner, target=entry.target,
            cadence=entry.cadence, goal_ids=entry.goal_ids,
        )
        for entry in entries
    ]
    findings = shortlist.check(items, [(goal.id, goal.title) for goal in store.goals.list(demo.id)])
    assert len(entries) == 4
    assert [f.message.en for f in findings if f.severity == shortlist.ERROR] == []
    assert all(entry.owner and entry.data_source and entry.baseline is not None
               and entry.target_date for entry in entries)
    assert len(store.shortlist.history(demo.id)) >= 3


def test_demo_funnel_has_every_stage_with_targets_and_spend(store, demo):
    figures = store.funnel.list(demo.id)
    assert [figure.stage for figure in figures] == list(STAGES)
    assert all(f.baseline_volume and f.target_volume and f.spend for f in figures)


@pytest.mark.parametrize("column", ["baseline_volume", "target_volume"])
def test_demo_funnel_shows_no_anomaly_on_the_projector(store, demo, column):
    report = funnel.compute({figure.stage: getattr(figure, column) for figure in store.funnel.list(demo.id)})
    assert report.anomalies == ()
    assert all(step.conversion_to_next is None or step.conversion_to_next <= 1 for step in report.steps)


def test_demo_measures_each_shortlisted_kpi_monthly_from_the_workshop_until_last_month(store, demo):
    measurements = store.measurements.list(demo.id)
    counts = measurements.groupby("entry_id")["period"].nunique()
    assert len(counts) == 4 and (counts == 6).all()
    assert measurements["period"].min() == WORKSHOP_DATE and measurements["period"].max() < TODAY


@pytest.mark.parametrize("today", [TODAY, date(2027, 1, 31), date(2026, 12, 1)])
def test_demo_review_shows_two_kpis_on_track_one_at_risk_and_one_off_track(store, today):
    demo = create_demo(store, "en", today=today)
    catalog, measurements = catalog_by_id(), store.measurements.list(demo.id)
    codes = {
        entry.catalog_id: review.status(
            entry,
            [review.Point(row.period, row.value)
             for row in measurements[measurements["entry_id"] == entry.id].itertuples()],
            catalog[entry.catalog_id].direction, today, demo.workshop_date,
        ).code
        for entry in store.shortlist.list(demo.id)
    }
    assert codes == {"mql_to_sql_rate": review.ON_TRACK, "cac": review.AT_RISK,
                     "win_rate": review.OFF_TRACK, "clv": review.ON_TRACK}


def test_demo_has_one_kpi_at_risk_and_the_others_moving_toward_target(store, demo):
    measurements = store.measurements.list(demo.id)
    progressing = []
    for entry in store.shortlist.list(demo.id):
        values = measurements[measurements["entry_id"] == entry.id].sort_values("period")["value"]
        gap_before = abs(entry.target - values.iloc[0])
        progressing.append(abs(entry.target - values.iloc[-1]) < gap_before)
    assert sorted(progressing) == [False, True, True, True]


def test_demo_has_no_review_overdue_on_the_day_it_is_opened(store, demo):
    due = review.due_overview(store.shortlist.list(demo.id), store.reviews.list(demo.id), catalog_by_id(), "de",
                              demo.workshop_date, TODAY)
    assert len(due) == 4 and not any(item.overdue for item in due)


def test_demo_action_plan_covers_the_five_steps_with_some_done(store, demo):
    tasks = store.tasks.list(demo.id)
    assert {task.step for task in tasks} == {1, 2, 3, 4, 5}
    assert 0 < sum(task.done for task in tasks) < len(tasks)
    assert len(store.reviews.list(demo.id)) == 1


def test_two_demos_are_independent_workshops(store):
    first, second = create_demo(store), create_demo(store)
    assert first.id != second.id and first.join_code != second.join_code
    store.workshops.delete(first.id)
    assert len(store.participants.list(second.id)) == 8

