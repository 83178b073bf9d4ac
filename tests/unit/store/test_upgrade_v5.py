"""The upgrade to schema 5: its columns are added as the file is opened (after a copy is put
aside), every value is re-encrypted once — padded, bound to its row — as soon as the key is
known, in one transaction that also seals the first ledger. Stopped half way, nothing of it is
kept and the next unlock does it again; a file in that in-between state that was altered is
refused, never sealed."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from mentorjournal.domain import Meeting, Relationship
from mentorjournal.errors import TamperedData
from mentorjournal.journal.journal import Journal
from mentorjournal.store.fields import FieldCipher
from mentorjournal.store.migrations import LATEST
from tests.fixtures.make_fixtures import PASSPHRASE, fixture_path, uid
from tests.unit.store import ledger_support as tamper
from tests.unit.store.test_tampering import TAMPERED_SENTENCE


def state(path: Path) -> dict[str, object]:
    """The format byte of every value, the row versions, and whether the ledger is sealed."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        blobs = conn.execute("SELECT notes, status, slot_at FROM meeting").fetchall()
        return {
            "formats": {b[0] for row in blobs for b in row if b is not None},
            "versions": {r[0] for r in conn.execute("SELECT row_version FROM meeting")},
            "sealed": conn.execute("SELECT ledger FROM vault").fetchone()[0] is not None,
            "schema": conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0],
        }
    finally:
        conn.close()


@pytest.fixture
def v4(tmp_path: Path) -> Path:
    path = tmp_path / "journal.db"
    shutil.copyfile(fixture_path(4), path)
    return path


def test_columns_at_open_then_every_value_sealed_at_unlock(v4: Path) -> None:
    journal = Journal.open_locked(v4)
    try:
        assert state(v4) == {"formats": {1}, "versions": {None}, "sealed": False, "schema": LATEST}
        assert v4.with_name("journal.db.v4.bak").exists()
        journal.unlock(PASSPHRASE)
        assert state(v4) == {"formats": {2}, "versions": {1}, "sealed": True, "schema": LATEST}
        assert journal.get(Meeting, uid(11)).cancel_reason == "Ayşe was ill — 🤒 rest first."
    finally:
        journal.close()
    again = Journal.open(v4, PASSPHRASE)
    try:
        assert again.warnings == [] and again.altered is None
        assert again.get(Relationship, uid(1)).time_zone == "Asia/Kolkata"
    finally:
        again.close()


def test_stopped_half_way_nothing_is_kept_and_it_is_done_next_time(
    v4: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Journal.open_locked(v4).close()  # the columns are there; the values wait for the key
    before = v4.read_bytes()
    sealed = 0
    original = FieldCipher.encrypt

    def failing(self: FieldCipher, *args: object) -> bytes:
        nonlocal sealed
        sealed += 1
        if sealed > 40:
            raise OSError("the process stops here")
        return original(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(FieldCipher, "encrypt", failing)
    with pytest.raises(OSError):
        Journal.open(v4, PASSPHRASE)
    assert sealed > 40
    assert v4.read_bytes() == before
    assert state(v4)["sealed"] is False

    monkeypatch.setattr(FieldCipher, "encrypt", original)
    journal = Journal.open(v4, PASSPHRASE)
    try:
        assert len(journal.all(Meeting)) == 3
    finally:
        journal.close()
    assert state(v4)["formats"] == {2}


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE meeting SET row_version = 3",
        "UPDATE meeting SET notes = NULL",
        "UPDATE meeting SET notes = (SELECT notes FROM meeting LIMIT 1) WHERE status IS NOT NULL",
    ],
    ids=["a row version set", "a value of version 1 emptied", "a value moved to another row"],
)
def test_an_altered_file_waiting_for_its_upgrade_is_refused(v4: Path, damage: str) -> None:
    Journal.open_locked(v4).close()
    tamper.sql(v4, damage)
    before = v4.read_bytes()
    with pytest.raises(TamperedData) as err:
        Journal.open(v4, PASSPHRASE)
    assert str(err.value) == TAMPERED_SENTENCE
    assert v4.read_bytes() == before
