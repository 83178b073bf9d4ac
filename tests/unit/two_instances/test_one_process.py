"""Two journals open in one process: each sees what the other wrote, both ways, a write here does
not hide one made there just before, an entry deleted elsewhere is never brought back by a stale
copy, and checking for changes keeps this process's locks. Never a damaged file.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mentorjournal.domain import Meeting, Relationship
from mentorjournal.errors import NotFound
from mentorjournal.journal.journal import Journal
from tests.unit.two_instances.checks import integrity, titles
from tests.unit.two_instances.processes import LOCK_PROBE, PASS

DELETED_SENTENCE = (
    "That entry was deleted, perhaps in another MentorJournal window, so this change was not saved."
)


def test_each_sees_what_the_other_wrote_both_ways(path: Path) -> None:
    a = Journal.open(path, PASS)
    b = Journal.open(path, PASS)
    try:
        assert titles(a) == titles(b) == set()
        assert a.settings() == b.settings() == {}
        a.save(Relationship(title="written by A"))
        assert titles(b) == {"written by A"}
        rel = b.relationships()[0]
        rel.purpose = "changed by B"
        b.save(rel)
        b.save(Relationship(title="written by B"))
        b.set_setting("auto_lock_minutes", 9)
        assert titles(a) == {"written by A", "written by B"}
        assert a.get(Relationship, rel.id).purpose == "changed by B"
        assert a.setting("auto_lock_minutes") == 9
        a.delete(a.get(Relationship, rel.id))
        assert titles(b) == {"written by B"}
    finally:
        a.close()
        b.close()


def test_a_write_here_does_not_hide_a_write_made_there_just_before(path: Path) -> None:
    """A's own commit moves the change counter too; B's commit before it must still be seen."""
    a = Journal.open(path, PASS)
    b = Journal.open(path, PASS)
    try:
        assert titles(a) == set()  # A has read (and cached) the relationships
        assert a.settings() == {}
        b.save(Relationship(title="from B"))
        b.set_setting("theme", "ansi-dark")
        a.save(Relationship(title="from A"))  # no read in between
        assert titles(a) == {"from A", "from B"}
        assert a.setting("theme") == "ansi-dark"
        a.set_setting("theme", "nord")
        b.save(Relationship(title="from B again"))
        a.set_setting("auto_lock_minutes", 3)
        assert a.settings() == {"theme": "nord", "auto_lock_minutes": 3}
        assert titles(a) == {"from A", "from B", "from B again"}
    finally:
        a.close()
        b.close()


def test_an_entry_deleted_elsewhere_is_not_brought_back(path: Path) -> None:
    a = Journal.open(path, PASS)
    rel = Relationship(title="Shared relationship")
    meeting = Meeting(relationship_id=rel.id, starts_at=datetime(2026, 3, 1, 10, tzinfo=UTC))
    a.save_many([rel, meeting])
    b = Journal.open(path, PASS)
    try:
        stale_rel = a.get(Relationship, rel.id)
        stale_meeting = a.get(Meeting, meeting.id)
        b.delete(b.get(Relationship, rel.id))  # the meeting goes with it

        stale_rel.purpose = "typed in A after B deleted it"
        with pytest.raises(NotFound) as err:
            a.save(stale_rel)
        assert str(err.value) == DELETED_SENTENCE
        stale_meeting.notes = "notes typed in A"
        with pytest.raises(NotFound):
            a.save(stale_meeting)
        # All or nothing: a new entry in the same batch is not stored either.
        with pytest.raises(NotFound):
            a.save_many([Relationship(title="new in the same batch"), stale_rel])

        assert titles(a) == titles(b) == set()
        assert a.meetings() == b.meetings() == []
        a.save(Relationship(title="A new one still saves"))
        assert titles(b) == {"A new one still saves"}
    finally:
        a.close()
        b.close()
    assert integrity(path) == [("ok",)]


def test_an_entry_deleted_here_can_be_written_again_here(journal: Journal) -> None:
    """Only a row that vanished behind this journal's back is refused."""
    rel = Relationship(title="Kept")
    journal.save(rel)
    journal.delete(rel)
    journal.save(rel)
    assert [r.id for r in journal.relationships()] == [rel.id]


def test_checking_for_changes_keeps_this_process_locks(path: Path) -> None:
    """Reading the change counter must not close a descriptor of the file: closing one drops
    every lock the process holds on it (POSIX), and another process could write mid-commit."""
    a = Journal.open(path, PASS)
    b = Journal.open(path, PASS)
    try:
        with a._db.write() as conn:
            conn.exec_driver_sql("SELECT COUNT(*) FROM relationship").all()
            b.relationships()  # B looks for changes while A holds the write lock
            b.settings()
            probe = subprocess.run(
                [sys.executable, "-c", LOCK_PROBE, str(path)],
                capture_output=True,
                text=True,
                timeout=30,
            )
        assert probe.stdout.strip() == "database is locked", probe.stderr
    finally:
        a.close()
        b.close()
