"""Damaged, read-only and full journals through ``Journal``: each refusal is one clear sentence
and the file is never overwritten or "repaired".

``test_store``, ``test_tampering`` and ``test_cli_errors_and_usage`` cover opening a zero-byte,
random, header-then-garbage, foreign-SQLite or too-new file and a damaged key record through
``Journal`` (and some through the command line). This file adds truncated files, read-only files and
folders, and a full disk.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from mentorjournal.domain import Relationship, SupportContact
from mentorjournal.errors import NotAJournal, StorageError
from mentorjournal.exchange import interchange
from mentorjournal.journal.journal import Journal
from mentorjournal.store import db as db_module
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.fixtures.make_fixtures import PASSPHRASE as V1_PASSPHRASE
from tests.unit.damaged_files.damage_makers import damaged
from tests.unit.damaged_files.support import (
    FULL,
    NEW_ENTRY_DOC,
    NEW_PASS,
    PASS,
    READ_ONLY,
    UPGRADE_FAILED,
    files_in,
    modes_apply,
    v1_journal,
)

# --- through Journal: what test_store and test_tampering do not cover yet ------------------------


@pytest.mark.parametrize(
    "kind", ["truncated at half", "truncated to the first page", "one byte short"]
)
def test_a_truncated_journal_is_refused_and_left_as_it_is(filled: Path, folder: Path, kind: str):
    path, sentence = damaged(filled, kind)
    before = files_in(folder)
    with pytest.raises(NotAJournal) as err:
        Journal.open(path, PASS)
    assert str(err.value) == sentence
    with pytest.raises(NotAJournal):
        Journal.info(path)
    assert files_in(folder) == before


@pytest.mark.parametrize("where", ["file", "folder"])
def test_a_read_only_journal_opens_reads_and_refuses_every_write(
    filled: Path, folder: Path, where: str, tmp_path: Path
) -> None:
    os.chmod(filled if where == "file" else folder, 0o400 if where == "file" else 0o500)
    before = files_in(folder)
    with modes_apply():
        journal = Journal.open(filled, PASS)
        try:
            exported = interchange.export_json(journal)
            assert len(journal.relationships()) == 2
            # A copy (the journal's own objects are its cache), as every screen edits one.
            contact = dataclasses.replace(journal.all(SupportContact)[0], note="changed")
            attempts: list[Callable[[], object]] = [
                lambda: journal.save(Relationship(title="new")),
                lambda: journal.save(contact),
                lambda: journal.save_many([Relationship(title="a"), Relationship(title="b")]),
                lambda: journal.set_setting("theme", "nord"),
                lambda: journal.delete(journal.relationships()[0]),
                lambda: journal.change_passphrase(NEW_PASS),
                lambda: interchange.import_text(journal, NEW_ENTRY_DOC),
            ]
            for attempt in attempts:
                with pytest.raises(StorageError) as err:
                    attempt()
                assert str(err.value) == READ_ONLY
            # Nothing half-done is shown either: the entries read back as they are on disk.
            assert journal.get(SupportContact, contact.id).note == "24 hours"
            assert interchange.export_json(journal) == exported
            # A backup to somewhere writable still works (it only reads the journal).
            journal.backup(tmp_path / "copy.db")
        finally:
            journal.close()
        assert files_in(folder) == before
    copy = Journal.open(tmp_path / "copy.db", PASS)
    try:
        assert interchange.export_json(copy) == exported
    finally:
        copy.close()


@pytest.mark.parametrize("where", ["file", "folder"])
def test_a_read_only_journal_that_needs_an_upgrade_is_left_as_it_is(
    folder: Path, where: str
) -> None:
    path = v1_journal(folder)
    original = path.read_bytes()
    os.chmod(path if where == "file" else folder, 0o400 if where == "file" else 0o500)
    with modes_apply(), pytest.raises(StorageError) as err:
        Journal.open(path, V1_PASSPHRASE)
    assert str(err.value) == UPGRADE_FAILED
    assert path.read_bytes() == original
    left = set(files_in(folder)) - {"j.db"}
    # A copy made before the upgrade failed may stay beside it (it is the same journal).
    assert left <= {"j.db.v1.bak"}
    assert not (where == "folder" and left)
    assert Journal.info(path)["schema_version"] == 1


def test_full_disk_refuses_every_write_and_changes_nothing(
    filled: Path, folder: Path, full_disk, tmp_path: Path
) -> None:
    journal = Journal.open(filled, PASS)
    try:
        exported = interchange.export_json(journal)
        before = files_in(folder)
        contact = dataclasses.replace(journal.all(SupportContact)[0], note="changed")
        attempts: list[Callable[[], object]] = [
            lambda: journal.save(Relationship(title="new", purpose="x" * 100_000)),
            lambda: journal.save(contact),
            lambda: journal.set_setting("theme", "nord"),
            lambda: journal.delete(journal.relationships()[0]),
            lambda: journal.change_passphrase(NEW_PASS),
            lambda: interchange.import_text(journal, NEW_ENTRY_DOC),
        ]
        for attempt in attempts:
            with pytest.raises(StorageError) as err:
                attempt()
            assert str(err.value) == FULL
        with pytest.raises(StorageError) as err:
            journal.backup(tmp_path / "copy.db")
        assert str(err.value).startswith(f"The backup could not be written to {tmp_path}/copy.db")
        assert not list(tmp_path.glob("copy.db*"))
        assert journal.get(SupportContact, contact.id).note == "24 hours"
        assert interchange.export_json(journal) == exported
        assert files_in(folder) == before
        full_disk()  # space is freed: the same journal saves again
        journal.save(contact)
        assert journal.get(SupportContact, contact.id).note == "changed"
    finally:
        journal.close()


def test_full_disk_when_creating_leaves_no_file(folder: Path, full_disk) -> None:
    with pytest.raises(StorageError) as err:
        Journal.create(folder / "new.db", PASS, kdf=FAST_KDF_FOR_TESTS)
    assert str(err.value) == FULL
    assert files_in(folder) == {}


def test_full_disk_when_an_upgrade_is_needed(folder: Path, full_disk) -> None:
    path = v1_journal(folder)
    original = path.read_bytes()
    with pytest.raises(StorageError) as err:
        Journal.open(path, V1_PASSPHRASE)
    assert str(err.value) == UPGRADE_FAILED
    assert files_in(folder) == {"j.db": original}  # no half-made copy (.bak or .part) left


def test_sqlite_running_out_of_pages_is_a_full_disk(
    filled: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's own SQLITE_FULL, not a simulated one: the file may not grow by a single page."""
    on_connect = db_module._on_connect

    def no_room(dbapi_conn, record):  # type: ignore[no-untyped-def]
        on_connect(dbapi_conn, record)
        dbapi_conn.execute("PRAGMA max_page_count = 1")  # i.e. as many pages as it has now

    monkeypatch.setattr(db_module, "_on_connect", no_room)
    before = files_in(folder)
    journal = Journal.open(filled, PASS)
    try:
        with pytest.raises(StorageError) as err:
            journal.save(Relationship(title="big", purpose="words " * 100_000))
        assert str(err.value) == FULL
        assert len(journal.relationships()) == 2
    finally:
        journal.close()
    assert files_in(folder) == before
