"""Schema versions, one step each, applied in order inside one transaction.

Version 1 is the first released schema. Version 2 adds what the meeting cycle needs: how often
an action was carried forward, the summary of a next-meeting review and the prompts used.
Version 3 replaces the reflection table's relationship index by one over its three plaintext
link columns, so that the home screen learns which meetings have a reflection (and when the
newest was written) from the index alone, without reading the encrypted rows.
Version 4 models a meeting's time once: a relationship's cadence gets its time of day, length,
time zone, the day it applies from and the cadences used before; a meeting gets the cadence
slot it stands for, its real start and end and a reason when cancelled; and each review of an
action at a meeting becomes a record of its own (the ``review`` table).
Version 5 binds each value to its row's version, times and links, pads it, and adds the sealed
ledger of rows.
Version 6 adds what keeps every word: the earlier versions of each entry's texts
(``history``), when each field last changed (``entry_state``), "Recently deleted"
(``bin``) and a record of every deletion (``tombstone``) — each keyed by an entry id, with
its values encrypted, and in the ledger of rows.
Never edit a released step: add a new one, a fixture journal for it, and bump nothing else.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # annotations only: the launch check reads LATEST without SQLAlchemy
    from sqlalchemy import Connection

_ROW = "id TEXT PRIMARY KEY NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL"
_REL_FK = "relationship_id TEXT NOT NULL REFERENCES relationship(id) ON DELETE CASCADE"
_MEETING_FK = "meeting_id TEXT REFERENCES meeting(id) ON DELETE SET NULL"


def _blobs(*names: str) -> str:
    return ", ".join(f"{name} BLOB" for name in names)


V1 = [
    "CREATE TABLE schema_version (version INTEGER PRIMARY KEY NOT NULL)",
    "CREATE TABLE vault (id INTEGER PRIMARY KEY NOT NULL, cipher TEXT NOT NULL, kdf TEXT NOT NULL,"
    " pass_salt BLOB NOT NULL, pass_wrap BLOB NOT NULL, recovery_salt BLOB NOT NULL,"
    " recovery_wrap BLOB NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
    f"CREATE TABLE relationship ({_ROW}, "
    + _blobs(
        "title",
        "my_role",
        "partner",
        "purpose",
        "ground_rules",
        "styles",
        "cadence",
        "started_on",
        "ended_on",
    )
    + ")",
    f"CREATE TABLE meeting ({_ROW}, {_REL_FK}, "
    + _blobs(
        "starts_at",
        "duration_minutes",
        "status",
        "preparation",
        "notes",
        "themes",
        "points",
        "framing",
    )
    + ")",
    f"CREATE TABLE reflection ({_ROW}, {_REL_FK}, {_MEETING_FK}, "
    + _blobs(
        "written_at",
        "model",
        "description",
        "feelings",
        "evaluation",
        "analysis",
        "conclusion",
        "action_plan",
    )
    + ")",
    f"CREATE TABLE action ({_ROW}, {_REL_FK}, {_MEETING_FK}, "
    + _blobs(
        "title",
        "detail",
        "owner",
        "due_on",
        "resources",
        "obstacles",
        "status",
        "outcome",
        "learning",
        "reviewed_at",
    )
    + ")",
    f"CREATE TABLE wellbeing ({_ROW}, relationship_id TEXT REFERENCES relationship(id)"
    f" ON DELETE CASCADE, {_MEETING_FK}, " + _blobs("at", "score", "note", "moment") + ")",
    f"CREATE TABLE support_contact ({_ROW}, " + _blobs("name", "how", "note") + ")",
    f"CREATE TABLE own_prompt ({_ROW}, "
    + _blobs("theme", "text", "theme_title", "hidden", "hides")
    + ")",
    "CREATE TABLE setting (id TEXT PRIMARY KEY NOT NULL, value BLOB, updated_at TEXT NOT NULL)",
    "CREATE INDEX ix_meeting_rel ON meeting (relationship_id)",
    "CREATE INDEX ix_reflection_rel ON reflection (relationship_id)",
    "CREATE INDEX ix_action_rel ON action (relationship_id)",
]

V2 = [
    "ALTER TABLE action ADD COLUMN carried_forward BLOB",
    "ALTER TABLE meeting ADD COLUMN review_summary BLOB",
    "ALTER TABLE meeting ADD COLUMN used_prompts BLOB",
]

V3 = [
    "DROP INDEX ix_reflection_rel",
    "CREATE INDEX ix_reflection_links ON reflection (relationship_id, meeting_id, created_at)",
]

V4 = [
    *(
        f"ALTER TABLE relationship ADD COLUMN {name} BLOB"
        for name in ("meeting_time", "meeting_minutes", "time_zone", "cadence_from")
    ),
    "ALTER TABLE relationship ADD COLUMN earlier_cadences BLOB",
    *(
        f"ALTER TABLE meeting ADD COLUMN {name} BLOB"
        for name in ("slot_at", "started_at", "ended_at", "cancel_reason")
    ),
    f"CREATE TABLE review ({_ROW}, {_REL_FK},"
    " action_id TEXT NOT NULL REFERENCES action(id) ON DELETE CASCADE,"
    f" {_MEETING_FK}, " + _blobs("status", "reviewed_at", "outcome", "learning") + ")",
    "CREATE INDEX ix_review_action_id ON review (action_id)",
]

# Every table of entries, parents first (``store.records.TABLES`` lists them the same way).
ENTRY_TABLES = (
    "relationship",
    "meeting",
    "reflection",
    "action",
    "review",
    "wellbeing",
    "support_contact",
    "own_prompt",
    "setting",
)

_BOUND = "id, row_version, created_at, updated_at"  # the plaintext bound into each value
_ROWS_INDEX = {  # the columns of each table's ledger index, in the order they are bound
    "relationship": _BOUND,
    "meeting": f"{_BOUND}, relationship_id",
    "reflection": f"{_BOUND}, relationship_id, meeting_id",
    "action": f"{_BOUND}, relationship_id, meeting_id",
    "review": f"{_BOUND}, relationship_id, meeting_id, action_id",
    "wellbeing": f"{_BOUND}, relationship_id, meeting_id",
    "support_contact": _BOUND,
    "own_prompt": _BOUND,
    "setting": "id, row_version, updated_at",
}

V5 = [
    *(f"ALTER TABLE {name} ADD COLUMN row_version INTEGER" for name in ENTRY_TABLES),
    "ALTER TABLE vault ADD COLUMN ledger BLOB",
    # The ledger is checked at unlock from these plaintext columns alone: an index holding
    # them answers that without reading the rows (nor their overflow pages).
    *(f"CREATE INDEX ix_{name}_rows ON {name} ({_ROWS_INDEX[name]})" for name in ENTRY_TABLES),
]

# Tables added in version 6, each keyed by an entry's id (the bin by its own), no links.
TABLES_6 = {
    "history": ("kind", "versions"),
    "entry_state": ("kind", "fields", "two_computers"),
    "bin": ("kind", "root", "rows", "unlinked"),
    "tombstone": ("kind", "deleted_at", "restored_at"),
}

V6 = [
    *(
        f"CREATE TABLE {name} ({_ROW}, row_version INTEGER, {_blobs(*blobs)})"
        for name, blobs in TABLES_6.items()
    ),
    *(f"CREATE INDEX ix_{name}_rows ON {name} ({_BOUND})" for name in TABLES_6),
]

STEPS: list[list[str]] = [V1, V2, V3, V4, V5, V6]
LATEST = len(STEPS)


SchemaObject = tuple[str, str, str, str]  # type, name, table, SQL (spaces folded)


def _fold(sql: str | None) -> str:
    return " ".join((sql or "").split())


def schema_objects(rows: Iterable[Sequence[Any]]) -> frozenset[SchemaObject]:
    """``sqlite_master`` rows (type, name, tbl_name, sql) as comparable objects."""
    return frozenset((str(r[0]), str(r[1]), str(r[2]), _fold(r[3])) for r in rows)


@functools.cache
def expected_schema(version: int) -> frozenset[SchemaObject]:
    """Every object (table, index, and nothing else) a journal of ``version`` holds: the steps
    applied to an empty database in memory, so the answer is the one this code makes."""
    conn = sqlite3.Connection(":memory:")  # in memory only: never the journal's disk
    try:
        for step in STEPS[:version]:
            for statement in step:
                conn.execute(statement)
        return schema_objects(conn.execute(MASTER_QUERY))
    finally:
        conn.close()


MASTER_QUERY = "SELECT type, name, tbl_name, sql FROM sqlite_master"


@functools.cache
def columns_added_later() -> dict[str, frozenset[str]]:
    """The encrypted columns each table gained after it was made (``ALTER TABLE … ADD
    COLUMN``): a row written before holds no value there — the only nulls a written row of an
    upgraded journal may hold."""
    added: dict[str, set[str]] = {}
    for step in STEPS[1:]:
        for statement in step:
            words = statement.split()
            if words[:2] == ["ALTER", "TABLE"] and words[3:5] == ["ADD", "COLUMN"]:
                added.setdefault(words[2], set()).add(words[5])
    return {name: frozenset(columns) for name, columns in added.items()}


def current_version(conn: Connection) -> int:
    exists = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_version'"
    ).first()
    if exists is None:
        return 0
    row = conn.exec_driver_sql("SELECT MAX(version) FROM schema_version").first()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(
    conn: Connection, upto: int = LATEST, before: Callable[[int], None] | None = None
) -> int:
    """Apply every step above the journal's version up to ``upto``; returns the new version.

    ``before(version)`` is called once before the first step when the journal already has a
    schema (so the caller can copy the file aside first).
    """
    version = current_version(conn)
    if version >= upto:
        return version
    if version > 0 and before is not None:
        before(version)
    for number in range(version + 1, upto + 1):
        for statement in STEPS[number - 1]:
            conn.exec_driver_sql(statement)
        conn.exec_driver_sql("INSERT INTO schema_version (version) VALUES (?)", (number,))
    return upto
