"""Another copy of this journal, opened to be merged: read into memory, never written (an older
copy is even upgraded there); refused in one sentence, naming the file, when it is another
journal, not a journal, damaged, altered or from a newer version; its key taken from this
journal's own, or from the passphrase or recovery key the person gives."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from mentorjournal.domain import Relationship
from mentorjournal.errors import JournalError, JournalTooNew, NotAJournal, TamperedData
from mentorjournal.journal.journal import Journal
from mentorjournal.journal.other_copy import CopySecretNeeded, NotThisJournal
from mentorjournal.store import migrations
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.conftest import PASSPHRASE
from tests.fixtures.make_fixtures import PASSPHRASE as FIXTURE_PASSPHRASE
from tests.fixtures.make_fixtures import fixture_path
from tests.unit.sync_support import fingerprint

NEW_PASSPHRASE = "quartz lantern meadow harbour"


@pytest.fixture
def copy_path(journal: Journal, tmp_path: Path) -> Path:
    journal.save(Relationship(title="In both"))
    path = tmp_path / "copy.db"
    journal.backup(path)
    return path


def test_a_copy_sharing_the_key_opens_and_is_never_written(
    journal: Journal, copy_path: Path
) -> None:
    before = fingerprint(copy_path)
    other = journal.open_other(copy_path)
    other.close()
    assert fingerprint(copy_path) == before


def test_an_older_copy_is_upgraded_in_memory_only(tmp_path: Path) -> None:
    older = tmp_path / "v4.db"
    shutil.copy(fixture_path(4), older)
    before = fingerprint(older)
    here = tmp_path / "here.db"
    shutil.copy(fixture_path(4), here)  # this computer's, upgraded when it is opened
    journal = Journal.open(here, FIXTURE_PASSPHRASE)
    try:
        other = journal.open_other(older, [FIXTURE_PASSPHRASE])
        other.close()
    finally:
        journal.close()
    assert fingerprint(older) == before
    assert not list(tmp_path.glob("v4.db?*"))  # no journal, backup or temporary file beside it


def test_another_passphrase_is_asked_for_and_a_recovery_key_works_too(
    journal: Journal, tmp_path: Path
) -> None:
    path = tmp_path / "rekeyed.db"
    journal.backup(path)
    other = Journal.open(path, PASSPHRASE)
    other.change_passphrase(NEW_PASSPHRASE, kdf=FAST_KDF_FOR_TESTS)
    recovery = other.rekey(NEW_PASSPHRASE, kdf=FAST_KDF_FOR_TESTS)
    other.close()
    with pytest.raises(CopySecretNeeded, match="rekeyed.db has another passphrase"):
        journal.open_other(path, [PASSPHRASE, "wrong words entirely"])
    journal.open_other(path, [PASSPHRASE, NEW_PASSPHRASE]).close()
    journal.open_other(path, [recovery.lower()]).close()


def test_a_new_passphrase_alone_needs_nothing_more(journal: Journal, tmp_path: Path) -> None:
    path = tmp_path / "passwd.db"
    journal.backup(path)
    other = Journal.open(path, PASSPHRASE)
    other.change_passphrase(NEW_PASSPHRASE, kdf=FAST_KDF_FOR_TESTS)
    other.close()
    journal.open_other(path).close()  # the data key is the same


def _another_journal(tmp_path: Path) -> Path:
    path = tmp_path / "another.db"
    Journal.create(path, PASSPHRASE, kdf=FAST_KDF_FOR_TESTS)[0].close()
    return path


def _cut(tmp_path: Path, copy_path: Path) -> Path:
    path = tmp_path / "cut.db"
    path.write_bytes(copy_path.read_bytes()[:-700])
    return path


def _foreign(tmp_path: Path, _copy: Path) -> Path:
    path = tmp_path / "foreign.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    return path


def _newer(tmp_path: Path, copy_path: Path) -> Path:
    conn = sqlite3.connect(copy_path)
    conn.execute("INSERT INTO schema_version VALUES (?)", (migrations.LATEST + 1,))
    conn.commit()
    conn.close()
    return copy_path


def _trigger(tmp_path: Path, copy_path: Path) -> Path:
    conn = sqlite3.connect(copy_path)
    conn.execute("CREATE TRIGGER t AFTER INSERT ON relationship BEGIN SELECT 1; END")
    conn.commit()
    conn.close()
    return copy_path


def _row_deleted(tmp_path: Path, copy_path: Path) -> Path:
    conn = sqlite3.connect(copy_path)
    conn.execute("DELETE FROM relationship")
    conn.commit()
    conn.close()
    return copy_path


def _text(tmp_path: Path, _copy: Path) -> Path:
    path = tmp_path / "text.db"
    path.write_text("hello")
    return path


REFUSALS = [
    (lambda tmp, cp: _another_journal(tmp), NotThisJournal, "another.db is another journal"),
    (_cut, NotAJournal, "cut.db is damaged"),
    (_foreign, NotAJournal, "foreign.db is not a MentorJournal journal"),
    (_text, NotAJournal, "text.db is not a MentorJournal journal"),
    (_newer, JournalTooNew, "newer version of MentorJournal"),
    (_trigger, TamperedData, "copy.db holds something MentorJournal never puts there"),
    (_row_deleted, TamperedData, "copy.db was changed outside MentorJournal (1 entry was"),
]


@pytest.mark.parametrize(("make", "kind", "said"), REFUSALS)
def test_what_is_no_copy_of_this_journal_is_refused_in_a_sentence(
    journal: Journal, copy_path: Path, tmp_path: Path, make, kind: type, said: str
) -> None:
    path = make(tmp_path, copy_path)
    before = fingerprint(path)
    with pytest.raises(kind) as caught:
        journal.open_other(path, [PASSPHRASE])
    assert isinstance(caught.value, JournalError)
    assert said in str(caught.value)
    assert "\n" not in str(caught.value)
    assert fingerprint(path) == before


def test_this_journal_itself_is_no_copy_to_merge(journal: Journal) -> None:
    with pytest.raises(JournalError, match="is this journal itself"):
        journal.open_other(journal.path)
