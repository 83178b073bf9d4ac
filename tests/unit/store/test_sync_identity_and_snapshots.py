"""Which journal a file holds (the same id for every copy of it, another for another journal),
which computer this is (kept in its own state folder), and snapshots in a sync folder: named
``<journal id>.<computer id>.mjsnap``, replaced whole, 0600, encrypted, the journal itself."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest

from mentorjournal.domain import Reflection, Relationship
from mentorjournal.journal.journal import Journal
from mentorjournal.store import identity, snapshots
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.conftest import PASSPHRASE
from tests.unit.sync_support import MARKER, computer, leaks


def test_every_copy_of_a_journal_has_its_id_and_another_journal_another(
    journal: Journal, tmp_path: Path
) -> None:
    own = journal.journal_id()
    journal.backup(tmp_path / "backup.db")
    shutil.copy(journal.path, tmp_path / "copied.db")
    journal.change_passphrase("another pass phrase here", kdf=FAST_KDF_FOR_TESTS)
    journal.rekey("another pass phrase here", kdf=FAST_KDF_FOR_TESTS)
    assert journal.journal_id() == own  # a new passphrase or data key: the same journal
    assert identity.peek_journal_id(tmp_path / "backup.db") == own
    assert identity.peek_journal_id(tmp_path / "copied.db") == own
    other, _ = Journal.create(tmp_path / "other.db", PASSPHRASE, kdf=FAST_KDF_FOR_TESTS)
    assert other.journal_id() != own
    other.close()


def test_the_journal_id_is_read_without_the_key_and_never_writes(journal: Journal) -> None:
    before = journal.path.read_bytes(), journal.path.stat().st_mtime_ns
    journal.lock()
    assert identity.peek_journal_id(journal.path) is not None
    assert (journal.path.read_bytes(), journal.path.stat().st_mtime_ns) == before


@pytest.mark.parametrize("content", [b"", b"not a journal", b"SQLite format 3\x00" + b"\0" * 84])
def test_no_journal_no_id(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.db"
    path.write_bytes(content)
    assert identity.peek_journal_id(path) is None
    assert identity.peek_journal_id(tmp_path / "missing.db") is None


def test_each_computer_keeps_its_own_id(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with computer(monkeypatch, tmp_path / "a"):
        first = identity.computer_id()
        assert identity.computer_id() == first  # kept
        (kept,) = (tmp_path / "a" / "mentorjournal").glob("computer-id.*")
        assert kept.read_text().strip() == first
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    with computer(monkeypatch, tmp_path / "b"):
        assert identity.computer_id() != first
    with computer(monkeypatch, tmp_path / "a"):  # the same state folder, another home folder
        monkeypatch.setenv("HOME", str(tmp_path / "other-home"))
        assert identity.computer_id() != first
    assert len(first) == identity.COMPUTER_ID_CHARS and int(first, 16) >= 0


def test_a_snapshot_is_the_encrypted_journal_named_for_journal_and_computer(
    journal: Journal, tmp_path: Path
) -> None:
    rel = Relationship(title=f"{MARKER} title")
    journal.save_many([rel, Reflection(rel.id, journal.now(), description=MARKER)])
    folder = tmp_path / "shared"
    folder.mkdir()
    me = identity.computer_id()
    written = snapshots.write(journal.path, folder, journal.journal_id(), me)
    assert written.name == f"{journal.journal_id()}.{me}.mjsnap"
    assert snapshots.parse(written.name) == (journal.journal_id(), me)
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert leaks(MARKER, folder) == []
    copy = Journal.open(written, PASSPHRASE)  # the journal itself, whole
    assert [r.title for r in copy.relationships()] == [f"{MARKER} title"]
    copy.close()


def test_a_snapshot_is_replaced_whole_and_nothing_else_is_left(
    journal: Journal, tmp_path: Path
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    me = identity.computer_id()
    snapshots.write(journal.path, folder, journal.journal_id(), me)
    journal.save(Relationship(title="later"))
    written = snapshots.write(journal.path, folder, journal.journal_id(), me)
    assert sorted(p.name for p in folder.iterdir()) == [written.name]
    copy = Journal.open(written, PASSPHRASE)
    assert [r.title for r in copy.relationships()] == ["later"]
    copy.close()


def test_other_computers_snapshots_are_found_by_name_only(tmp_path: Path) -> None:
    jid, me, them = "a" * 24, "1" * 16, "2" * 16
    for name in (
        snapshots.name(jid, me),
        snapshots.name(jid, them),
        snapshots.name("b" * 24, them),  # another journal
        f"{jid}.{them}.mjsnap.tmp",
        "notes.txt",
    ):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / snapshots.name(jid, "3" * 16)).symlink_to(tmp_path / "notes.txt")
    assert snapshots.others(tmp_path, jid, me) == [tmp_path / snapshots.name(jid, them)]


def test_a_missing_sync_folder_is_said(journal: Journal, tmp_path: Path) -> None:
    from mentorjournal.errors import StorageError

    with pytest.raises(StorageError, match="is not there"):
        snapshots.write(journal.path, tmp_path / "gone", journal.journal_id(), "1" * 16)
