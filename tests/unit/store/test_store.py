"""The SQLite file: checks before opening, permissions, pragmas, indexes and encrypted columns,
one-transaction writes, foreign and damaged files, info and backups. The schema and its
migrations are in ``test_schema_migrations.py``."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.dialects import sqlite as sqlite_dialect

from mentorjournal.domain import ActionStep, Reflection, Relationship
from mentorjournal.errors import (
    JournalError,
    JournalExists,
    JournalMissing,
    JournalTooNew,
    NotAJournal,
)
from mentorjournal.journal.journal import Journal
from mentorjournal.store import migrations, records
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from mentorjournal.store.db import Database
from tests.unit.store_helpers import mode

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


def test_an_existing_shared_folder_keeps_its_mode(tmp_path: Path) -> None:
    """A folder holding other files keeps its mode (issue 14: one holding only the journal's
    own files is made 0700, see test_journal_folder)."""
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    (folder / "someone-elses.txt").write_text("x")
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
    # Each table's ledger index (issue 14): exactly the plaintext bound into its values.
    ledger_indexes = {(f"ix_{t}_rows", records.bound_columns(t)) for t in records.TABLES}
    assert indexed == {
        ("ix_meeting_rel", ("relationship_id",)),
        ("ix_reflection_links", ("relationship_id", "meeting_id", "created_at")),
        ("ix_action_rel", ("relationship_id",)),
        ("ix_review_action_id", ("action_id",)),  # the review table's plaintext link
        *ledger_indexes,
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
    # Schema 6's tables too: a text changed in two editing sessions, an entry deleted.
    journal.save_fields(Reflection, sample.reflection.id, {"feelings": "changed"})
    journal.end_edit_sessions()
    journal.save_fields(Reflection, sample.reflection.id, {"feelings": "changed again"})
    journal.delete(sample.other_action)
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
