"""The SQLite file: checks before opening, permissions, pragmas, the schema and its migrations,
foreign files, backups."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import stat
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlmodel import SQLModel

from mentorjournal.codec import to_plain
from mentorjournal.domain import ActionStep, Meeting, MeetingStatus, Relationship
from mentorjournal.errors import (
    JournalError,
    JournalExists,
    JournalMissing,
    JournalTooNew,
    NotAJournal,
)
from mentorjournal.journal import TABLE_OF, Journal
from mentorjournal.store import db as db_module
from mentorjournal.store import migrations, records, vault
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS, FieldCipher
from mentorjournal.store.db import Database

PLAIN = {"id", "created_at", "updated_at", "relationship_id", "meeting_id"}


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


# --- the file and its folder -------------------------------------------------------------------


def test_new_journal_file_is_0600_and_created_folders_0700(tmp_path: Path) -> None:
    path = tmp_path / "made" / "deeper" / "j.db"
    old_umask = os.umask(0o022)
    try:
        j, _ = Journal.create(path, "pass phrase words", kdf=FAST_KDF_FOR_TESTS)
    finally:
        os.umask(old_umask)
    j.close()
    assert mode(path) == 0o600
    assert mode(tmp_path / "made") == 0o700
    assert mode(tmp_path / "made" / "deeper") == 0o700
    assert sorted(p.name for p in (tmp_path / "made" / "deeper").iterdir()) == ["j.db"]


def test_an_existing_folder_keeps_its_mode(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    Journal.create(folder / "j.db", "pass phrase words", kdf=FAST_KDF_FOR_TESTS)[0].close()
    assert mode(folder) == 0o755
    assert mode(folder / "j.db") == 0o600


def test_create_refuses_an_existing_file(journal: Journal) -> None:
    journal.close()
    before = journal.path.read_bytes()
    with pytest.raises(JournalExists) as err:
        Journal.create(journal.path, "other words here", kdf=FAST_KDF_FOR_TESTS)
    assert str(err.value) == (f"A journal already exists at {journal.path}; it was left as it is.")
    assert journal.path.read_bytes() == before


def test_pragmas_on_every_connection(journal: Journal) -> None:
    journal.close()
    db = Database.open(journal.path)
    try:
        with db.read() as conn:
            got = {
                name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("secure_delete", "temp_store", "foreign_keys", "busy_timeout")
            }
    finally:
        db.dispose()
    assert got == {"secure_delete": 1, "temp_store": 2, "foreign_keys": 1, "busy_timeout": 5000}


def test_only_plaintext_links_are_indexed_and_there_is_no_fts(journal: Journal) -> None:
    journal.close()
    conn = sqlite3.connect(journal.path)
    try:
        rows = conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('index', 'table')"
        ).fetchall()
        indexed = {
            (name, tuple(r[2] for r in conn.execute(f"PRAGMA index_info({name})")))
            for kind, name, _t, sql in rows
            if kind == "index" and sql is not None
        }
    finally:
        conn.close()
    assert indexed == {
        ("ix_meeting_rel", ("relationship_id",)),
        ("ix_reflection_links", ("relationship_id", "meeting_id", "created_at")),
        ("ix_action_rel", ("relationship_id",)),
    }
    assert not [r for r in rows if r[3] and "VIRTUAL" in r[3].upper()]


def test_reflection_links_are_read_from_the_index_alone(journal: Journal) -> None:
    """Home asks which meetings have a reflection; the answer must not read the encrypted rows
    (10,000 reflections are a 40 MB table)."""
    sql = str(records.link_groups_query("reflection").compile(dialect=sqlite_dialect.dialect()))
    journal.close()
    conn = sqlite3.connect(journal.path)
    try:
        plan = " ".join(row[-1] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
    finally:
        conn.close()
    assert "USING COVERING INDEX ix_reflection_links" in plan, plan


def test_every_stored_value_but_plain_columns_is_a_blob(journal: Journal, sample) -> None:
    journal.close()
    conn = sqlite3.connect(journal.path)
    try:
        for name in records.TABLES:
            for col in records.cipher_columns(name):
                kinds = {r[0] for r in conn.execute(f"SELECT DISTINCT typeof({col}) FROM {name}")}
                assert kinds <= {"blob", "null"}, (name, col, kinds)
            blobs = conn.execute(
                f"SELECT COUNT(*) FROM {name} WHERE typeof({records.cipher_columns(name)[0]})"
                " = 'blob'"
            ).fetchone()[0]
            total = conn.execute(f"SELECT COUNT(*) FROM {name}").fetchone()[0]
            assert blobs == total > 0, name
    finally:
        conn.close()


def test_a_write_is_one_transaction(journal: Journal, row_counts) -> None:
    """save_many validates first and stores everything or nothing."""
    rel = Relationship(title="Fine")
    bad = ActionStep(relationship_id=rel.id, title="   ")
    with pytest.raises(JournalError, match="A title is needed"):
        journal.save_many([rel, bad])
    assert row_counts(journal.path)["relationship"] == 0
    orphan = ActionStep(relationship_id="00000000-0000-4000-8000-000000000000", title="x")
    with pytest.raises(JournalError):
        journal.save_many([Relationship(title="Also fine"), orphan])
    assert row_counts(journal.path) == dict.fromkeys(row_counts(journal.path), 0)


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
    assert len(TABLE_OF) == 7
    for cls, name in TABLE_OF.items():
        fields = {f.name for f in dataclasses.fields(cls)}
        columns = set(records.table(name).columns.keys())
        assert fields == columns, (cls.__name__, fields ^ columns)
        assert {"id", "created_at", "updated_at"} <= fields
    assert records.cipher_columns("setting") == ["value"]


def test_new_journal_is_at_the_latest_schema(journal: Journal) -> None:
    journal.close()
    conn = sqlite3.connect(journal.path)
    try:
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY 1")]
    finally:
        conn.close()
    assert migrations.LATEST == 3
    assert versions == [1, 2, 3]
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
    v2_only = {"carried_forward", "review_summary", "used_prompts"}
    try:
        with db.write() as conn:
            assert migrations.migrate(conn, upto=1) == 1
            data_key, _recovery = vault.create(conn, passphrase, FAST_KDF_FOR_TESTS)
            cipher = FieldCipher(data_key)
            for obj in (rel, meeting, action):
                values = {k: v for k, v in to_plain(obj).items() if k not in v2_only}
                values["created_at"] = values["updated_at"] = "2025-06-03T12:00:00+00:00"
                records.insert_rows(conn, cipher, TABLE_OF[type(obj)], [values])
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
        j.review_action(got_action, got_action.status, None, "kept")
        assert j.get(ActionStep, action.id).carried_forward == 1
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


# --- damaged and foreign files ----------------------------------------------------------------


def _foreign(kind: str, path: Path, journal: Journal) -> None:
    if kind == "zero bytes":
        path.write_bytes(b"")
    elif kind == "random bytes":
        path.write_bytes(os.urandom(8192))
    elif kind == "header then garbage":
        path.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    elif kind == "other database":
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO notes (body) VALUES ('hello')")
        conn.commit()
        conn.close()
    elif kind == "too new":
        journal.close()
        conn = sqlite3.connect(journal.path)
        conn.execute("INSERT INTO schema_version (version) VALUES (?)", (migrations.LATEST + 1,))
        conn.commit()
        conn.close()
        os.replace(journal.path, path)


FOREIGN = {
    "zero bytes": (NotAJournal, "is empty (0 bytes), so it is not a readable journal."),
    "random bytes": (NotAJournal, "is not a MentorJournal journal (it is not a database file)."),
    "header then garbage": (
        NotAJournal,
        "The journal file is damaged and cannot be read; it was left as it is.",
    ),
    "other database": (NotAJournal, "is a database, but not a MentorJournal journal."),
    "too new": (
        JournalTooNew,
        "This journal was written by a newer version of MentorJournal; please upgrade.",
    ),
}


@pytest.mark.parametrize("kind", list(FOREIGN))
def test_foreign_or_damaged_files_are_refused_and_left_as_they_are(
    tmp_path: Path, journal: Journal, passphrase: str, kind: str
) -> None:
    path = tmp_path / "foreign.db"
    _foreign(kind, path, journal)
    before = path.read_bytes()
    error, sentence = FOREIGN[kind]
    with pytest.raises(error) as err:
        Journal.open(path, passphrase)
    assert isinstance(err.value, JournalError)
    assert str(err.value).endswith(sentence)
    assert "\n" not in str(err.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("foreign")) == [
        "foreign.db"
    ]


def test_missing_journal_and_folder(tmp_path: Path, passphrase: str) -> None:
    with pytest.raises(JournalMissing) as err:
        Journal.open(tmp_path / "nope.db", passphrase)
    assert str(err.value) == (
        f"There is no journal at {tmp_path / 'nope.db'}; create one with “mentorjournal init”."
    )
    assert not (tmp_path / "nope.db").exists()
    with pytest.raises(NotAJournal, match="is a folder, not a journal file"):
        Journal.open(tmp_path, passphrase)


# --- info and backup ---------------------------------------------------------------------------


def test_info_needs_no_passphrase(journal: Journal) -> None:
    journal.close()
    info = Journal.info(journal.path)
    assert info["path"] == str(journal.path.resolve())
    assert info["schema_version"] == migrations.LATEST
    assert info["cipher"] == "AES-256-GCM"
    assert info["kdf"] == {"name": "argon2id", "memory_kib": 64, "iterations": 1, "lanes": 1}


def test_backup_is_a_consistent_0600_copy(
    journal: Journal, sample, tmp_path: Path, passphrase: str
) -> None:
    target = tmp_path / "copy.db"
    journal.backup(target)
    assert mode(target) == 0o600
    assert not (tmp_path / "copy.db.part").exists()
    copy = Journal.open(target, passphrase)
    try:
        assert copy.get(Relationship, sample.rel.id).title == sample.rel.title
        assert len(copy.all(ActionStep)) == 4
    finally:
        copy.close()
    with pytest.raises(JournalExists):
        journal.backup(target)
