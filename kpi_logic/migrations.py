"""The workshop schema as named, append-only sqlite-utils migrations: never edit one, add one."""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from kpi_logic.db import write

migrations = Migrations("kpi_workshop")

# Every table below hangs off a workshop, so deleting a workshop deletes all of its data.
INITIAL_SCHEMA = """
CREATE TABLE workshops (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    company TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL,
    vote_budget INTEGER NOT NULL DEFAULT 5 CHECK (vote_budget BETWEEN 1 AND 20),
    per_kpi_cap INTEGER NOT NULL DEFAULT 3
        CHECK (per_kpi_cap BETWEEN 1 AND 20 AND per_kpi_cap <= vote_budget),
    phase TEXT NOT NULL,
    voting_open INTEGER NOT NULL DEFAULT 1,
    results_hidden INTEGER NOT NULL DEFAULT 0,
    anonymous INTEGER NOT NULL DEFAULT 0,
    facilitator_votes INTEGER NOT NULL DEFAULT 0,
    round INTEGER NOT NULL DEFAULT 1 CHECK (round >= 1),
    finalised INTEGER NOT NULL DEFAULT 0,
    pin_hash TEXT NOT NULL,
    join_code TEXT NOT NULL UNIQUE,
    share_token TEXT NOT NULL UNIQUE,
    workshop_date TEXT,
    is_demo INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE TABLE participants (
    id INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    team TEXT NOT NULL,
    is_facilitator INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    UNIQUE (workshop_id, name_key)
);
CREATE TABLE goals (
    id INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    metric TEXT NOT NULL DEFAULT '',
    baseline REAL,
    target REAL,
    deadline TEXT,
    position INTEGER NOT NULL
);
CREATE INDEX idx_goals_workshop ON goals (workshop_id);
CREATE TABLE status_kpis (
    id INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    current_value TEXT NOT NULL DEFAULT '',
    verdict TEXT CHECK (verdict IN ('keep', 'drop', 'vanity'))
);
CREATE INDEX idx_status_kpis_workshop ON status_kpis (workshop_id);
CREATE TABLE candidates (
    id INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    catalog_id TEXT,
    name TEXT,
    definition TEXT NOT NULL DEFAULT '',
    stage TEXT,
    team TEXT,
    proposed_by INTEGER REFERENCES participants(id) ON DELETE SET NULL,
    status TEXT NOT NULL DEFAULT 'approved' CHECK (status IN ('approved', 'pending', 'rejected')),
    in_runoff INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    CHECK ((catalog_id IS NULL) <> (name IS NULL)),
    UNIQUE (workshop_id, catalog_id)
);
CREATE TABLE votes (
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    candidate_id INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    round INTEGER NOT NULL,
    points INTEGER NOT NULL CHECK (points > 0),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (participant_id, candidate_id, round)
);
CREATE INDEX idx_votes_workshop ON votes (workshop_id, round, candidate_id);
CREATE INDEX idx_votes_participant ON votes (participant_id, round);
CREATE INDEX idx_votes_candidate ON votes (candidate_id);
CREATE TABLE shortlist (
    id INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    candidate_id INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    baseline REAL,
    target REAL,
    target_date TEXT,
    cadence TEXT,
    data_source TEXT NOT NULL DEFAULT '',
    UNIQUE (workshop_id, candidate_id)
);
CREATE TABLE shortlist_goals (
    entry_id INTEGER NOT NULL REFERENCES shortlist(id) ON DELETE CASCADE,
    goal_id INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    PRIMARY KEY (entry_id, goal_id)
);
CREATE INDEX idx_shortlist_goals_goal ON shortlist_goals (goal_id);
CREATE TABLE shortlist_history (
    id INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    actor TEXT NOT NULL,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    summary TEXT NOT NULL,
    snapshot TEXT NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX idx_shortlist_history_workshop ON shortlist_history (workshop_id, id);
CREATE TABLE funnel (
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    stage TEXT NOT NULL,
    baseline_volume REAL,
    target_volume REAL,
    spend REAL,
    PRIMARY KEY (workshop_id, stage)
);
CREATE TABLE measurements (
    id INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    candidate_id INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    value REAL NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (candidate_id, period)
);
CREATE INDEX idx_measurements_workshop ON measurements (workshop_id);
CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    step INTEGER NOT NULL CHECK (step BETWEEN 1 AND 5),
    title TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    due TEXT,
    done INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX idx_tasks_workshop ON tasks (workshop_id);
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    participants TEXT NOT NULL DEFAULT '',
    decision TEXT NOT NULL CHECK (decision IN ('keep', 'change_target', 'replace')),
    candidate_id INTEGER REFERENCES candidates(id) ON DELETE SET NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX idx_reviews_workshop ON reviews (workshop_id);
CREATE TABLE pin_attempts (
    workshop_id INTEGER PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
    failed_count INTEGER NOT NULL DEFAULT 0,
    first_failed_at REAL,
    locked_until REAL
);
"""


@migrations()
def m001_initial_schema(db: Database) -> None:
    """Every table of the first release."""
    db.executescript(INITIAL_SCHEMA)


@migrations()
def m002_shortlist_history_changes(db: Database) -> None:
    """What each shortlist change changed, as JSON (NULL in older rows), worded in the reader's language."""
    db.execute("ALTER TABLE shortlist_history ADD COLUMN changes TEXT")


@migrations()
def m003_drop_redundant_votes_index(db: Database) -> None:
    """Drop idx_votes_participant: the primary key (participant_id, candidate_id, round) already leads
    with the participant, and the extra index cost about a fifth of every vote's commit."""
    db.execute("DROP INDEX IF EXISTS idx_votes_participant")


LIVE_ROOM_SCHEMA = """
ALTER TABLE participants ADD COLUMN secret_hash TEXT;
CREATE UNIQUE INDEX idx_participants_secret ON participants (secret_hash);
ALTER TABLE participants ADD COLUMN done INTEGER NOT NULL DEFAULT 0;
ALTER TABLE participants ADD COLUMN language TEXT;
UPDATE participants SET name_key = char(31) || 'facilitator' WHERE is_facilitator = 1;
ALTER TABLE workshops ADD COLUMN joins_open INTEGER NOT NULL DEFAULT 1;
ALTER TABLE workshops ADD COLUMN timer_ends_at REAL;
ALTER TABLE workshops ADD COLUMN revealed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE workshops ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE workshops ADD COLUMN state_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE workshops ADD COLUMN room_token TEXT;
UPDATE workshops SET room_token = lower(hex(randomblob(18)));
CREATE UNIQUE INDEX idx_workshops_room_token ON workshops (room_token);
CREATE TABLE facilitator_devices (
    secret_hash TEXT PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL
);
CREATE INDEX idx_facilitator_devices_workshop ON facilitator_devices (workshop_id);
CREATE TRIGGER votes_version_insert AFTER INSERT ON votes BEGIN
    UPDATE workshops SET version = version + 1 WHERE id = NEW.workshop_id;
END;
CREATE TRIGGER votes_version_update AFTER UPDATE ON votes BEGIN
    UPDATE workshops SET version = version + 1 WHERE id = NEW.workshop_id;
END;
CREATE TRIGGER votes_version_delete AFTER DELETE ON votes BEGIN
    UPDATE workshops SET version = version + 1 WHERE id = OLD.workshop_id;
END;
CREATE TRIGGER participants_version_insert AFTER INSERT ON participants BEGIN
    UPDATE workshops SET version = version + 1 WHERE id = NEW.workshop_id;
END;
CREATE TRIGGER participants_version_update AFTER UPDATE ON participants BEGIN
    UPDATE workshops SET version = version + 1 WHERE id = NEW.workshop_id;
END;
CREATE TRIGGER participants_version_delete AFTER DELETE ON participants BEGIN
    UPDATE workshops SET version = version + 1 WHERE id = OLD.workshop_id;
END;
CREATE TRIGGER candidates_version_insert AFTER INSERT ON candidates BEGIN
    UPDATE workshops SET version = version + 1, state_version = state_version + 1 WHERE id = NEW.workshop_id;
END;
CREATE TRIGGER candidates_version_update AFTER UPDATE ON candidates BEGIN
    UPDATE workshops SET version = version + 1, state_version = state_version + 1 WHERE id = NEW.workshop_id;
END;
CREATE TRIGGER candidates_version_delete AFTER DELETE ON candidates BEGIN
    UPDATE workshops SET version = version + 1, state_version = state_version + 1 WHERE id = OLD.workshop_id;
END;
CREATE TRIGGER workshops_version_update AFTER UPDATE ON workshops WHEN NEW.version = OLD.version BEGIN
    UPDATE workshops SET version = version + 1, state_version = state_version + 1 WHERE id = NEW.id;
END;
"""


@migrations()
def m004_live_room(db: Database) -> None:
    """The live room: re-join secrets, "I'm done", a participant's own language, joins on/off, a
    countdown, the reveal, a room-screen token, facilitator devices, and change counters per
    workshop that triggers bump in the same transaction as the writes: `version` for everything a
    screen shows (the projector), `state_version` for what a phone must follow (settings, phase,
    countdown, reveal, candidates) but not every vote in the room."""
    for statement in _statements(LIVE_ROOM_SCHEMA):
        db.execute(statement)


def _statements(script: str) -> list[str]:
    """The statements of a script (triggers included), to run inside the migration's transaction:
    executescript() would commit it first."""
    statements, current = [], ""
    for line in script.strip().splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return statements


@migrations()
def m010_security_throttles(db: Database) -> None:
    """Attempts per bucket and key (PIN checks, join codes, creation) shared by all server processes.

    Replaces pin_attempts, whose read-then-write could be raced: a PIN check now reserves its
    attempt in the same transaction that counts the earlier ones.
    """
    # One statement at a time: executescript would commit apply_migrations' transaction midway.
    db.execute(
        "CREATE TABLE throttle_events (id INTEGER PRIMARY KEY, bucket TEXT NOT NULL, "
        "key TEXT NOT NULL, at REAL NOT NULL)"
    )
    db.execute("CREATE INDEX idx_throttle_events_key ON throttle_events (bucket, key, at)")
    db.execute("CREATE INDEX idx_throttle_events_at ON throttle_events (at)")
    db.execute("DROP TABLE pin_attempts")


def apply_migrations(db: Database, migration_set: Migrations = migrations) -> None:
    """Apply pending migrations in one write transaction, so two starting processes cannot race.

    BEGIN IMMEDIATE makes the second process wait, then find nothing pending; a failing migration
    rolls back the whole transaction and leaves the file as it was.
    """
    with write(db):
        migration_set.apply(db)
