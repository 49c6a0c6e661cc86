"""Shortlist glue: stored entries become check items and an editor table; edits come back checked."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from kpi_logic.catalog import catalog_by_id
from kpi_logic.shortlist_view import (
    DEFAULT_TOP_N,
    TOP_N_OPTIONS,
    InvalidCell,
    cell_rule,
    count_findings,
    editor_frame,
    entry_changes,
    findings_for_display,
    goal_refs,
    shortlist_items,
    shortlist_pick,
)


@pytest.fixture
def shortlisted(store, workshop):
    """A workshop with one goal and a shortlist of win rate, CAC and a custom KPI."""
    goal = store.goals.add(workshop.id, "Mehr Neukunden")
    ids = [store.candidates.add(workshop.id, "win_rate"), store.candidates.add(workshop.id, "cac")]
    ids.append(
        store.candidates.add(workshop.id, name="Instagram-Follower", stage="reach", team="marketing")
    )
    store.shortlist.set(workshop.id, ids, actor="Moderation")
    return store.shortlist.list(workshop.id), store.candidates.list(workshop.id), goal


def _items(store, workshop, entries, language="en"):
    from kpi_logic.catalog import catalog_by_id

    return shortlist_items(entries, store.candidates.list(workshop.id), catalog_by_id(), language)


def test_items_take_stage_team_and_vanity_from_catalogue_and_engine(store, workshop, shortlisted):
    entries, _, _ = shortlisted
    items = _items(store, workshop, entries)
    assert [(item.catalog_id, item.is_vanity) for item in items] == [
        ("win_rate", False),
        ("cac", False),
        (None, True),  # a custom KPI is judged by the vanity engine
    ]
    assert items[2].stage == "reach" and items[2].team == "marketing"


@pytest.mark.parametrize("language,name", [("en", "Win rate"), ("de", "Gewinnquote (Win Rate)")])
def test_item_names_follow_the_reader_language(store, workshop, shortlisted, language, name):
    entries, _, _ = shortlisted
    assert _items(store, workshop, entries, language)[0].name == name


def test_summary_counts_errors_and_warnings(store, workshop, shortlisted):
    entries, _, goal = shortlisted
    findings = findings_for_display(_items(store, workshop, entries), goal_refs([goal]))
    counts = count_findings(findings)
    assert counts.errors == 1  # the vanity follower count
    assert counts.warnings == len([f for f in findings if f.severity == "warning"]) > 0


def test_displayed_findings_escape_user_text():
    from kpi_logic.shortlist import ShortlistItem

    item = ShortlistItem("1", "[x](javascript:alert(1))", None, "sales", "lead", True)
    messages = [f.message.en for f in findings_for_display([item], [])]
    assert any("\\[x\\]" in message for message in messages)
    assert not any("[x](javascript" in message for message in messages)


def _edited(entries, **cells):
    """The editor table with `cells` (column → value) changed in the first row."""
    frame = editor_frame(entries, {entry.id: entry.name for entry in entries})
    for column, value in cells.items():
        frame.at[entries[0].id, column] = value
    return frame


def test_unchanged_table_gives_no_changes(shortlisted):
    entries, _, goal = shortlisted
    assert entry_changes(entries, _edited(entries), [goal.id]) == {}


def test_only_changed_cells_are_returned(shortlisted):
    entries, _, goal = shortlisted
    frame = _edited(entries, owner=" Eva ", target=12.5, cadence="monthly",
                    target_date=pd.Timestamp("2027-06-30"))
    frame.at[entries[0].id, "goal_ids"] = [str(goal.id)]
    assert entry_changes(entries, frame, [goal.id]) == {
        entries[0].id: {"owner": "Eva", "target": 12.5, "cadence": "monthly",
                        "target_date": date(2027, 6, 30), "goal_ids": (goal.id,)}
    }


def test_cleared_number_cell_clears_the_value(store, workshop, shortlisted):
    entries, _, goal = shortlisted
    store.shortlist.update_entry(workshop.id, entries[0].id, "Moderation", target=10)
    entries = store.shortlist.list(workshop.id)
    assert entry_changes(entries, _edited(entries, target=math.nan), [goal.id]) == {
        entries[0].id: {"target": None}
    }


@pytest.mark.parametrize(
    "column,value",
    [
        ("owner", "x" * 10_000),
        ("owner", "Eva\x07"),
        ("data_source", "y" * 10_000),
        ("target", math.inf),
        ("baseline", -math.inf),
        ("target", "zwölf"),
        ("target_date", date(1900, 1, 1)),
        ("target_date", date(2999, 12, 31)),
        ("cadence", "daily"),
        ("goal_ids", ["999"]),
    ],
)
def test_bad_cell_is_refused_with_kpi_and_column(shortlisted, column, value):
    entries, _, goal = shortlisted
    frame = _edited(entries)
    frame[column] = frame[column].astype(object)
    frame.at[entries[0].id, column] = value
    with pytest.raises(InvalidCell) as refused:
        entry_changes(entries, frame, [goal.id])
    assert refused.value.column == column
    assert refused.value.kpi == entries[0].name


def test_one_bad_row_refuses_the_good_rows_too(shortlisted):
    entries, _, goal = shortlisted
    frame = _edited(entries, owner="Eva")
    frame["target"] = frame["target"].astype(object)
    frame.at[entries[1].id, "target"] = math.inf
    with pytest.raises(InvalidCell):
        entry_changes(entries, frame, [goal.id])


def test_editor_rows_show_each_entry_with_its_own_figures(store, workshop, shortlisted):
    entries, _, goal = shortlisted
    for number, entry in enumerate(entries, start=1):
        store.shortlist.update_entry(workshop.id, entry.id, "Moderation", owner=f"Owner {number}",
                                     baseline=number * 10, target=number * 100)
    entries = store.shortlist.list(workshop.id)
    frame = editor_frame(entries, {entry.id: entry.name for entry in entries})
    assert frame[["owner", "baseline", "target"]].values.tolist() == [
        [f"Owner {n}", n * 10.0, n * 100.0] for n in (1, 2, 3)
    ]
    assert entry_changes(entries, frame, [goal.id]) == {}


def test_pick_offers_the_ranking_and_starts_at_the_saved_size(store, workshop, shortlisted):
    entries, _, _ = shortlisted
    pick = shortlist_pick(store.votes.results(workshop.id), entries, catalog_by_id(), "en")
    assert [option.rank for option in pick.options] == [1, 2, 3]
    assert set(pick.saved) == {option.candidate_id for option in pick.options}
    assert pick.top_n == len(entries) == TOP_N_OPTIONS[0]


def test_shortlisted_kpi_outside_the_ranking_stays_pickable(store, workshop, shortlisted):
    entries, _, _ = shortlisted
    pick = shortlist_pick(store.votes.results(workshop.id).iloc[0:0], entries[:2], catalog_by_id(), "de")
    assert [(option.name, option.rank) for option in pick.options] == [
        ("Gewinnquote (Win Rate)", None), ("Kundengewinnungskosten (CAC)", None)]
    assert pick.top_n == DEFAULT_TOP_N


def test_level_candidates_at_the_cut_are_a_tie_to_settle(store, workshop, shortlisted):
    entries, _, _ = shortlisted
    pick = shortlist_pick(store.votes.results(workshop.id), entries, catalog_by_id(), "en")
    tie = pick.tie(2)
    assert tie is not None and tie.points == 0 and len(tie.candidate_ids) == 3
    assert pick.chosen(2) == []


@pytest.mark.parametrize("column,key", [("owner", "shortlist.rule.text"), ("baseline", "shortlist.rule.number"),
                                        ("target_date", "shortlist.rule.date"), ("cadence", "shortlist.rule.cadence")])
def test_a_refused_cell_is_explained_by_its_column_rule(column, key):
    assert cell_rule(column)[0] == key
