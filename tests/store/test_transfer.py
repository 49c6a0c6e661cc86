"""Rules of `store.transfer`: a workshop out as JSON and back in, whole or not at all."""

from __future__ import annotations

import json
import sqlite3

import pytest

from kpi_logic.errors import InvalidImport, KpiWorkshopError
from tests.store.support import row_counts, without_ids


def test_export_holds_no_secrets_and_is_json(store, full_workshop):
    data = store.transfer.export_workshop(full_workshop.id)
    text = json.dumps(data)
    assert (data["format"], data["version"]) == ("kpi-workshop", 1)
    for secret in (full_workshop.join_code, full_workshop.share_token, "scrypt", "pin_hash"):
        assert secret not in text


def test_export_then_import_gives_an_equal_new_workshop(store, full_workshop):
    data = store.transfer.export_workshop(full_workshop.id)
    copy_ = store.transfer.import_workshop(json.loads(json.dumps(data)), facilitator_pin="999999")
    assert copy_.id != full_workshop.id and copy_.join_code != full_workshop.join_code
    assert without_ids(store.transfer.export_workshop(copy_.id)) == without_ids(data)
    assert store.workshops.check_pin(copy_.id, "999999")
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
        store.transfer.import_workshop(data, facilitator_pin="999999")
    assert named in str(refused.value)
    assert row_counts(store) == before


def test_import_that_fails_while_writing_leaves_nothing_behind(store, full_workshop, monkeypatch):
    data = store.transfer.export_workshop(full_workshop.id)
    before = row_counts(store)

    def fail(*args):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store.measurements, "upsert", fail)
    with pytest.raises(KpiWorkshopError):
        store.transfer.import_workshop(data, facilitator_pin="999999")
    assert row_counts(store) == before
