"""The rows schema 6 added (history, field marks, the bin, tombstones) are guarded like every
other row: one deleted, added or put back to an older copy outside MentorJournal is refused at
unlock with a sentence; a changed value does not open. The version 6 fixture reads back."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mentorjournal.domain import ActionStep, Reflection, Relationship
from mentorjournal.errors import JournalAltered, TamperedData
from mentorjournal.journal.journal import Journal
from tests.conftest import Sample
from tests.fixtures import make_fixtures
from tests.fixtures.make_fixtures import PASSPHRASE, fixture_path, uid
from tests.unit.history_support import Clock
from tests.unit.store import ledger_support as tamper
from tests.unit.store.ledger_support import MOVED, refused
from tests.unit.store.test_tampering import TAMPERED_SENTENCE

NEW_ID = "00000000-0000-4000-8000-00000000beef"


def with_history(journal: Journal, sample: Sample) -> None:
    """A version of the reflection kept, and the other relationship in the bin."""
    journal.clock = clock = Clock()
    journal.end_edit_sessions()
    journal.save_fields(Reflection, sample.reflection.id, {"description": "second"})
    clock.advance(hours=1)
    journal.delete(journal.get(Relationship, sample.other_rel.id))


def older_history(journal: Journal, sample: Sample) -> Callable[[Path], None]:
    kept = tamper.row(journal.path, "history", sample.reflection.id)
    journal.clock.advance(hours=1)  # type: ignore[attr-defined]
    journal.save_fields(Reflection, sample.reflection.id, {"description": "third"})
    return lambda path: tamper.put_row(path, "history", kept)


TAMPERINGS: dict[str, tuple[Callable[[Journal, Sample], Callable[[Path], None]], str]] = {
    "a history row deleted": (
        lambda j, s: lambda p: tamper.delete_row(p, "history", s.reflection.id),
        refused("1 entry was deleted outside MentorJournal"),
    ),
    "a history row put back to an older copy": (older_history, refused(MOVED)),
    "field marks copied to another entry": (
        lambda j, s: lambda p: tamper.copy_row(p, "entry_state", s.reflection.id, NEW_ID),
        refused("1 entry was added outside MentorJournal"),
    ),
    "the bin emptied outside": (
        lambda j, s: lambda p: tamper.sql(p, "DELETE FROM bin"),
        refused("1 entry was deleted outside MentorJournal"),
    ),
    "a tombstone deleted": (
        lambda j, s: lambda p: tamper.delete_row(p, "tombstone", s.other_action.id),
        refused("1 entry was deleted outside MentorJournal"),
    ),
    "when a deletion was made changed": (
        lambda j, s: (
            lambda p: tamper.sql(p, "UPDATE bin SET created_at = '2020-01-01T00:00:00+00:00'")
        ),
        refused(MOVED),
    ),
}


@pytest.mark.parametrize("what", list(TAMPERINGS))
def test_tampering_with_history_or_the_bin_is_refused_at_unlock(
    journal: Journal, sample: Sample, passphrase: str, what: str
) -> None:
    with_history(journal, sample)
    make, sentence = TAMPERINGS[what]
    tampering = make(journal, sample)
    journal.close()
    tampering(journal.path)
    before = journal.path.read_bytes()
    with pytest.raises(JournalAltered) as err:
        Journal.open(journal.path, passphrase)
    assert str(err.value) == sentence
    assert journal.path.read_bytes() == before


def test_a_changed_history_value_does_not_open(
    journal: Journal, sample: Sample, passphrase: str
) -> None:
    with_history(journal, sample)
    journal.close()
    blob = bytearray(tamper.row(journal.path, "history", sample.reflection.id)["versions"])
    blob[30] ^= 0x01
    tamper.sql(journal.path, "UPDATE history SET versions = ? WHERE id = ?", bytes(blob),
               sample.reflection.id)  # fmt: skip
    opened = Journal.open(journal.path, passphrase)
    try:
        with pytest.raises(TamperedData) as err:
            opened.versions(sample.reflection.id)
        assert str(err.value) == TAMPERED_SENTENCE
    finally:
        opened.close()


def test_the_version_6_fixture_reads_back_its_history_bin_and_tombstones(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    shutil.copyfile(fixture_path(6), path)
    journal = Journal.open_locked(path)
    stamp = datetime.fromisoformat(make_fixtures.STAMP)
    journal.clock = Clock(stamp + timedelta(days=1))  # the bin is not 30 days old yet
    journal.unlock(PASSPHRASE)
    try:
        versions = journal.versions(uid(4))
        assert [v.text for v in versions] == list(make_fixtures.DESCRIPTION_VERSIONS[::-1])
        assert [v.id for v in versions] == [uid(102), uid(101)]
        assert versions[1].written_at == datetime(2025, 2, 11, 13, tzinfo=UTC)
        fields = next(f for f in journal.entry_fields(Reflection) if f.entry.id == uid(4))
        assert (fields.marks["description"].id, fields.marks["description"].also) == (
            uid(103),
            (uid(104),),
        )
        assert fields.two_computers == {"feelings": stamp}
        [item] = journal.bin_items()
        assert item.entry == make_fixtures.BINNED_ACTION.__class__(
            **{**vars(make_fixtures.BINNED_ACTION), "created_at": stamp, "updated_at": stamp}
        )
        [stone] = journal.tombstones()
        assert (stone.entry_id, stone.kind, stone.deleted) == (uid(13), ActionStep, True)
        journal.restore_from_bin(item.id)
        assert journal.get(ActionStep, uid(13)).title == make_fixtures.BINNED_ACTION.title
    finally:
        journal.close()
