"""The ledger of rows (issue 14, point 6): a row deleted, added, re-linked, changed in its
plaintext or put back to an older copy outside MentorJournal is reported at unlock with one
sentence, the file left exactly as it was; every write of the app itself keeps the ledger right
(deleting a meeting unlinks what pointed at it, deleting a relationship takes its entries)."""

from __future__ import annotations

import re
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from mentorjournal import cli
from mentorjournal.domain import ActionStep, Meeting, Reflection, Relationship, Review
from mentorjournal.errors import JournalAltered, TamperedData
from mentorjournal.journal.journal import Journal
from mentorjournal.store import seen
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.conftest import Sample
from tests.unit.store import ledger_support as tamper
from tests.unit.store.ledger_support import MOVED, refused
from tests.unit.store.test_tampering import TAMPERED_SENTENCE

NEW_ID = "00000000-0000-4000-8000-00000000beef"


def older_copy_of_held_meeting(journal: Journal, sample: Sample) -> Callable[[Path], None]:
    """Keep the held meeting's row as it is now, change the meeting in the app; the returned
    tampering puts the kept row back."""
    kept = tamper.row(journal.path, "meeting", sample.held.id)
    meeting = journal.get(Meeting, sample.held.id)
    meeting.notes = "Written later: the panel agreed to publish its data."
    journal.save(meeting)
    return lambda path: tamper.put_row(path, "meeting", kept)


def older_ledger(journal: Journal, sample: Sample) -> Callable[[Path], None]:
    """Keep the vault's sealed ledger as it is now, add an entry in the app; the returned
    tampering puts the old ledger back (the new row is still there)."""
    kept = tamper.row(journal.path, "vault", 1)["ledger"]  # type: ignore[arg-type]
    journal.save(Relationship(title="Added after the ledger was copied"))
    return lambda path: tamper.sql(path, "UPDATE vault SET ledger = ?", kept)


# Each tampering: (what it does to the closed file, given the journal and sample, the sentence).
TAMPERINGS: dict[str, tuple[Callable[[Journal, Sample], Callable[[Path], None]], str]] = {
    "a meeting deleted": (
        lambda j, s: lambda p: tamper.delete_row(p, "meeting", s.held.id),
        refused("1 entry was deleted outside MentorJournal"),
    ),
    "a relationship deleted alone (foreign keys off)": (
        lambda j, s: lambda p: tamper.delete_row(p, "relationship", s.other_rel.id),
        refused("1 entry was deleted outside MentorJournal"),
    ),
    "two settings deleted": (
        lambda j, s: lambda p: tamper.sql(p, "DELETE FROM setting WHERE id != 'theme'"),
        refused("2 entries were deleted outside MentorJournal"),
    ),
    "a reflection copied under a new id": (
        lambda j, s: lambda p: tamper.copy_row(p, "reflection", s.reflection.id, NEW_ID),
        refused("1 entry was added outside MentorJournal"),
    ),
    "one deleted and one added": (
        lambda j, s: (
            lambda p: (
                tamper.copy_row(p, "action", s.open_action.id, NEW_ID),
                tamper.delete_row(p, "wellbeing", s.checkin.id),
            )
        ),
        refused("1 entry was deleted and 1 entry was added outside MentorJournal"),
    ),
    "a reflection moved to another relationship": (
        lambda j, s: (
            lambda p: tamper.relink(
                p, "reflection", s.reflection.id, "relationship_id", s.other_rel.id
            )
        ),
        refused(MOVED),
    ),
    "an action moved to another meeting": (
        lambda j, s: (
            lambda p: tamper.relink(p, "action", s.open_action.id, "meeting_id", s.planned.id)
        ),
        refused(MOVED),
    ),
    "a review moved to another action": (
        lambda j, s: (
            lambda p: tamper.relink(p, "review", s.review.id, "action_id", s.dropped_action.id)
        ),
        refused(MOVED),
    ),
    "a check-in unlinked from its meeting": (
        lambda j, s: lambda p: tamper.relink(p, "wellbeing", s.checkin.id, "meeting_id", None),
        refused(MOVED),
    ),
    "a meeting put back to an older copy": (older_copy_of_held_meeting, refused(MOVED)),
    "a row version changed": (
        lambda j, s: (
            lambda p: tamper.sql(
                p, "UPDATE meeting SET row_version = row_version + 1 WHERE id = ?", s.planned.id
            )
        ),
        refused(MOVED),
    ),
    "when an entry was written changed": (
        lambda j, s: (
            lambda p: tamper.sql(
                p,
                "UPDATE reflection SET created_at = '2020-01-01T00:00:00+00:00' WHERE id = ?",
                s.reflection.id,
            )
        ),
        refused(MOVED),
    ),
    "the ledger put back to an older copy": (
        older_ledger,
        refused("1 entry was added outside MentorJournal"),
    ),
}


@pytest.mark.parametrize("what", list(TAMPERINGS))
def test_a_tampered_set_of_rows_is_refused_at_unlock_with_a_sentence(
    journal: Journal, sample: Sample, passphrase: str, what: str
) -> None:
    make, sentence = TAMPERINGS[what]
    tampering = make(journal, sample)
    journal.close()
    tampering(journal.path)
    before = journal.path.read_bytes()
    with pytest.raises(JournalAltered) as err:
        Journal.open(journal.path, passphrase)
    assert str(err.value) == sentence
    assert journal.path.read_bytes() == before
    assert sorted(p.name for p in journal.path.parent.iterdir()) == [journal.path.name]


def test_the_ledger_removed_is_tampering(journal: Journal, sample: Sample, passphrase: str) -> None:
    """Without its ledger a journal of schema 5 would look like one whose upgrade is still to
    finish; its values are not as schema 4 stored them, so it is refused, not sealed again."""
    journal.close()
    tamper.sql(journal.path, "UPDATE vault SET ledger = NULL")
    before = journal.path.read_bytes()
    with pytest.raises(TamperedData) as err:
        Journal.open(journal.path, passphrase)
    assert str(err.value) == TAMPERED_SENTENCE
    assert journal.path.read_bytes() == before


def test_every_write_of_the_app_keeps_the_ledger(
    journal: Journal, sample: Sample, passphrase: str
) -> None:
    reflection = journal.get(Reflection, sample.reflection.id)
    reflection.feelings = "Calmer now."
    journal.save(reflection)
    journal.set_setting("theme", "nord")
    journal.insert_new([Relationship(title="Imported one")])
    # Deleting a meeting unlinks its reflection, actions, reviews and check-ins (each sealed
    # again at its next version); deleting an action takes its reviews; a relationship, all.
    journal.delete(journal.get(Meeting, sample.held.id))
    journal.delete(journal.get(ActionStep, sample.dropped_action.id))
    journal.delete(journal.get(Relationship, sample.other_rel.id))
    journal.close()

    reopened = Journal.open(journal.path, passphrase)
    try:
        assert reopened.warnings == [] and reopened.altered is None
        moved = reopened.get(Reflection, sample.reflection.id)
        assert (moved.meeting_id, moved.feelings) == (None, "Calmer now.")
        assert reopened.get(ActionStep, sample.open_action.id).meeting_id is None
        assert [r.meeting_id for r in reopened.all(Review)] == [None]
        assert {r.title for r in reopened.relationships()} == {
            "Reverse mentoring with Amara",
            "Imported one",
        }
        assert [a.id for a in reopened.all(ActionStep) if a.relationship_id == sample.rel.id]
        assert not [a for a in reopened.all(ActionStep) if a.id == sample.other_action.id]
        assert reopened.setting("theme") == "nord"
        reopened.delete(reopened.get(Relationship, sample.rel.id))  # everything of it goes
    finally:
        reopened.close()
    again = Journal.open(journal.path, passphrase)
    try:
        assert [r.title for r in again.relationships()] == ["Imported one"]
        assert again.all(Meeting) == [] and again.all(Review) == []
    finally:
        again.close()


def test_another_window_writing_keeps_the_ledger(
    journal: Journal, sample: Sample, passphrase: str
) -> None:
    """Two journals open on one file: each write reads the ledger inside its own transaction."""
    other = Journal.open(journal.path, passphrase)
    try:
        other.save(Relationship(title="From the other window"))
        meeting = journal.get(Meeting, sample.planned.id)
        meeting.preparation = "Written here after the other window wrote."
        journal.save(meeting)
        other.delete(other.get(Reflection, sample.reflection.id))
    finally:
        other.close()
    journal.close()
    Journal.open(journal.path, passphrase).close()


def test_a_whole_file_put_back_is_told_and_adopted_once_written_to(
    journal: Journal, sample: Sample, passphrase: str, tmp_path: Path
) -> None:
    journal.close()
    old = tmp_path / "older-copy.db"
    shutil.copyfile(journal.path, old)
    newer = Journal.open(journal.path, passphrase)
    newer.save(Relationship(title="Written after the copy"))
    newer.save(Relationship(title="And once more"))
    newer.close()
    shutil.copyfile(old, journal.path)

    opened = Journal.open(journal.path, passphrase)
    try:
        assert opened.warnings == [
            "This journal file is older than one already opened on this computer (it is at "
            "change 4, where change 6 was seen here), so an older copy may have been put in its "
            "place and recent entries may be missing; saving anything makes this copy the "
            "current one."
        ]
        assert "Written after the copy" not in {r.title for r in opened.relationships()}
        opened.save(Relationship(title="Written to the older copy"))
    finally:
        opened.close()
    adopted = Journal.open(journal.path, passphrase)
    try:
        assert adopted.warnings == []
    finally:
        adopted.close()


def test_the_command_line_tells_of_an_older_copy_and_goes_on(
    journal: Journal, sample: Sample, passphrase: str, tmp_path: Path, capsys, monkeypatch
) -> None:
    journal.close()
    old = tmp_path / "older-copy.db"
    shutil.copyfile(journal.path, old)
    newer = Journal.open(journal.path, passphrase)
    newer.save(Relationship(title="Written after the copy"))
    newer.close()
    shutil.copyfile(old, journal.path)
    monkeypatch.setenv("MENTORJOURNAL_PASSPHRASE", passphrase)
    capsys.readouterr()
    code = cli.main(["--journal", str(journal.path), "search", "panel"], kdf=FAST_KDF_FOR_TESTS)
    out, err = capsys.readouterr()
    assert code == 0 and "panel" in out
    assert err == (
        "mentorjournal: This journal file is older than one already opened on this computer "
        "(it is at change 4, where change 5 was seen here), so an older copy may have been put "
        "in its place and recent entries may be missing; saving anything makes this copy the "
        "current one.\n"
    )


def test_what_is_remembered_outside_the_journal_tells_nothing(
    journal: Journal, sample: Sample, passphrase: str, tmp_path: Path, monkeypatch
) -> None:
    """One file per journal in the state folder: a name that is a keyed hash, a counter and
    its MAC; an edited file is ignored (nothing is then known of this journal)."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    journal.close()
    mine = list(seen.folder().iterdir())
    assert seen.folder() == tmp_path / "state" / "mentorjournal" / "seen"
    assert len(mine) == 1
    name, content = mine[0].name, mine[0].read_text()
    assert re.fullmatch(r"[0-9a-f]{40}", name)
    assert re.fullmatch(r"4 [0-9a-f]{64}\n", content)
    for secret in (str(journal.path), journal.path.name, sample.rel.id, sample.rel.title):
        assert secret not in name and secret not in content
    assert stat.S_IMODE(mine[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(seen.folder().stat().st_mode) == 0o700

    mine[0].write_text("1000 " + content.split()[1] + "\n")  # a bigger counter, the old MAC
    reopened = Journal.open(journal.path, passphrase)
    try:
        assert reopened.warnings == []  # ignored: not a reason to call the file older
    finally:
        reopened.close()
    assert mine[0].read_text() == content  # and written again, right
