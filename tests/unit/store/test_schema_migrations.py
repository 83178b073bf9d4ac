"""The schema and its migrations: the migrated tables match the model and the domain classes,
a new journal is at the latest version, and a version 1 journal is upgraded with a backup
beside it."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import datetime
from pathlib import Path

from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlmodel import SQLModel

from mentorjournal.domain import ActionStep, Meeting, MeetingStatus, Relationship, Review
from mentorjournal.journal.codec import to_plain
from mentorjournal.journal.journal import TABLE_OF, Journal
from mentorjournal.store import db as db_module
from mentorjournal.store import migrations, records, vault
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from mentorjournal.store.db import Database
from tests.fixtures.make_fixtures import legacy_insert
from tests.unit.store_helpers import mode

# --- schema and migrations --------------------------------------------------------------------


def _affinity(declared: str) -> str:
    declared = declared.upper()
    if "INT" in declared:
        return "INTEGER"
    if any(word in declared for word in ("CHAR", "TEXT", "CLOB")):
        return "TEXT"
    if "BLOB" in declared or not declared:
        return "BLOB"
    return "NUMERIC"


def _migrated_schema(path: Path) -> dict[str, dict[str, tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        schema: dict[str, dict[str, tuple[object, ...]]] = {}
        for t in tables:
            fks = {r[3]: (r[2], r[4], r[6]) for r in conn.execute(f"PRAGMA foreign_key_list({t})")}
            schema[t] = {
                name: (_affinity(decl), bool(notnull or pk), bool(pk), fks.get(name))
                for _cid, name, decl, notnull, _default, pk in conn.execute(
                    f"PRAGMA table_info({t})"
                )
            }
        return schema
    finally:
        conn.close()


def _model_schema() -> dict[str, dict[str, tuple[object, ...]]]:
    schema: dict[str, dict[str, tuple[object, ...]]] = {}
    for name, table in SQLModel.metadata.tables.items():
        cols = {}
        for c in table.columns:
            fk = next(iter(c.foreign_keys), None)
            link = (fk.column.table.name, fk.column.name, fk.ondelete) if fk else None
            declared = str(c.type.compile(dialect=sqlite_dialect.dialect()))
            cols[c.name] = (_affinity(declared), not c.nullable, bool(c.primary_key), link)
        schema[name] = cols
    return schema


def test_migrations_build_exactly_the_tables_of_the_model(journal: Journal) -> None:
    journal.close()
    migrated = _migrated_schema(journal.path)
    model = {k: v for k, v in _model_schema().items() if k in migrated or k in records.TABLES}
    assert sorted(migrated) == sorted(model)
    for table in migrated:
        assert migrated[table] == model[table], table
    assert migrated["action"]["carried_forward"] == ("BLOB", False, False, None)
    assert migrated["reflection"]["meeting_id"] == (
        "TEXT",
        False,
        False,
        ("meeting", "id", "SET NULL"),
    )


def test_every_domain_field_has_a_column_and_every_column_a_field() -> None:
    assert len(TABLE_OF) == 8
    for cls, name in TABLE_OF.items():
        fields = {f.name for f in dataclasses.fields(cls)}
        columns = set(records.table(name).columns.keys()) - {"row_version"}  # the store's own
        assert fields == columns, (cls.__name__, fields ^ columns)
        assert {"id", "created_at", "updated_at"} <= fields
    assert records.cipher_columns("setting") == ("value",)


def test_new_journal_is_at_the_latest_schema(journal: Journal) -> None:
    journal.close()
    conn = sqlite3.connect(journal.path)
    try:
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY 1")]
    finally:
        conn.close()
    assert migrations.LATEST == 6
    assert versions == [1, 2, 3, 4, 5, 6]
    assert Journal.info(journal.path)["schema_version"] == migrations.LATEST


def make_v1_journal(path: Path, passphrase: str) -> tuple[Relationship, Meeting, ActionStep]:
    """A journal as version 1 of the schema wrote it, with one relationship, meeting, action."""
    db_module._prepare_new_file(path)
    db = Database(path, Database._engine(path))
    rel = Relationship(title="From version one", partner="Ola")
    meeting = Meeting(
        relationship_id=rel.id,
        starts_at=datetime.fromisoformat("2025-06-03T10:00:00+01:00"),
        status=MeetingStatus.HELD,
        notes="old notes",
        themes=["purpose"],
    )
    action = ActionStep(relationship_id=rel.id, meeting_id=meeting.id, title="Old action")
    later = {"carried_forward", "review_summary", "used_prompts"}  # version 2
    later |= {"meeting_time", "meeting_minutes", "time_zone", "cadence_from", "earlier_cadences"}
    later |= {"slot_at", "started_at", "ended_at", "cancel_reason"}  # version 4
    try:
        with db.write() as conn:
            assert migrations.migrate(conn, upto=1) == 1
            data_key, _recovery = vault.create(conn, passphrase, FAST_KDF_FOR_TESTS)
            for obj in (rel, meeting, action):
                values = {k: v for k, v in to_plain(obj).items() if k not in later}
                values["created_at"] = values["updated_at"] = "2025-06-03T12:00:00+00:00"
                legacy_insert(conn, data_key, TABLE_OF[type(obj)], [values])
    finally:
        db.dispose()
    return rel, meeting, action


def test_a_version_1_journal_is_migrated_with_a_backup_beside_it(
    tmp_path: Path, passphrase: str
) -> None:
    path = tmp_path / "old.db"
    rel, meeting, action = make_v1_journal(path, passphrase)
    assert Journal.info(path)["schema_version"] == 1  # info never migrates
    assert not (tmp_path / "old.db.v1.bak").exists()

    j = Journal.open(path, passphrase)
    try:
        assert j.get(Relationship, rel.id).title == "From version one"
        got_action = j.get(ActionStep, action.id)
        assert got_action.title == "Old action"
        assert got_action.carried_forward == 0
        got_meeting = j.get(Meeting, meeting.id)
        assert (got_meeting.notes, got_meeting.themes) == ("old notes", ["purpose"])
        assert (got_meeting.review_summary, got_meeting.used_prompts) == ("", [])
        # Version 4: the cadence's defaults; a meeting with no slot, real start or end.
        got_rel = j.get(Relationship, rel.id)
        assert (got_rel.meeting_time, got_rel.meeting_minutes, got_rel.time_zone) == (
            "10:00",
            60,
            "",
        )
        assert (got_rel.cadence_from, got_rel.earlier_cadences) == (None, [])
        assert (got_meeting.slot_at, got_meeting.started_at, got_meeting.ended_at) == (
            None,
            None,
            None,
        )
        assert got_meeting.cancel_reason == ""
        assert j.reviews() == []
        record = j.review_action(got_action, got_action.status, None, "kept")
        assert [r.id for r in j.all(Review)] == [record.id]
        # Made at the only meeting held: carried forward by none.
        assert j.get(ActionStep, action.id).carried_forward == 0
    finally:
        j.close()

    backup = tmp_path / "old.db.v1.bak"
    assert backup.exists()
    assert mode(backup) == 0o600
    conn = sqlite3.connect(backup)
    try:
        assert conn.execute("SELECT id FROM action").fetchall() == [(action.id,)]
    finally:
        conn.close()
    assert Journal.info(backup)["schema_version"] == 1
    assert Journal.info(path)["schema_version"] == migrations.LATEST
    assert "carried_forward" in _migrated_schema(path)["action"]
    assert "carried_forward" not in _migrated_schema(backup)["action"]
    # Opening again migrates nothing and leaves the backup alone.
    stamp = backup.stat().st_mtime_ns
    Journal.open(path, passphrase).close()
    assert backup.stat().st_mtime_ns == stamp
