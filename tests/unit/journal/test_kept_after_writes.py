"""What the journal keeps between screens stays true after the writes that do not go through a
plain save: a version restored from history, a delete into Recently deleted and its restore, and
another copy merged in. After each, a view kept before is gone and every entry read is what a
journal opened afresh reads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from mentorjournal.domain import ActionStep, Meeting, Reflection, Relationship
from mentorjournal.journal.journal import Journal
from tests.conftest import Sample, make_sample
from tests.unit.sync_support import Clock, edited

KINDS = (Relationship, Meeting, Reflection, ActionStep)


def read_all(journal: Journal) -> dict[type, list[object]]:
    return {kind: sorted(journal.all(kind), key=lambda e: e.id) for kind in KINDS}  # type: ignore[attr-defined]


def keep_a_view(journal: Journal) -> None:
    """A view of the titles of the actions, kept as a screen would keep it."""
    journal.work_out("titles", lambda: sorted(a.title for a in journal.actions()), journal.now())
    assert journal.kept_view("titles") is not None


def assert_fresh(journal: Journal, passphrase: str) -> None:
    assert journal.kept_view("titles") is None, "a view kept before the write is still shown"
    fresh = Journal.open_locked(journal.path)
    fresh.clock = journal.clock  # (a real clock would purge a bin this test's clock filled)
    fresh.unlock(passphrase)
    try:
        assert read_all(journal) == read_all(fresh)
    finally:
        fresh.close()


@pytest.fixture
def kept(journal: Journal) -> Sample:
    journal.clock = Clock(step_seconds=11 * 60)  # each save a version of its own
    sample = make_sample(journal)
    read_all(journal)  # everything decrypted, as screens would have it
    keep_a_view(journal)
    return sample


def test_a_version_restored_from_history(journal: Journal, passphrase: str, kept: Sample) -> None:
    meeting = journal.get(Meeting, kept.held.id)
    first = meeting.notes
    journal.save(replace(meeting, notes="Rewritten notes"))
    keep_a_view(journal)
    old = next(v for v in journal.versions(meeting.id, "notes") if v.text == first)
    journal.restore_version(Meeting, meeting.id, old.id)
    assert journal.get(Meeting, meeting.id).notes == first
    assert_fresh(journal, passphrase)


def test_a_delete_into_the_bin_and_its_restore(
    journal: Journal, passphrase: str, kept: Sample
) -> None:
    journal.delete(journal.get(Meeting, kept.held.id))
    assert_fresh(journal, passphrase)
    keep_a_view(journal)
    (item,) = journal.bin_items()
    journal.restore_from_bin(item.id)
    assert kept.held.id in {m.id for m in journal.meetings()}
    assert_fresh(journal, passphrase)


def test_another_copy_merged_in(
    journal: Journal, passphrase: str, kept: Sample, tmp_path: Path
) -> None:
    copy_path = tmp_path / "copy.db"
    journal.backup(copy_path)
    later = Clock(step_seconds=24 * 3600)

    def change(other: Journal) -> None:
        other.save(replace(other.get(ActionStep, kept.open_action.id), title="Renamed there"))
        other.save(ActionStep(relationship_id=kept.rel.id, title="Added there"))
        other.delete(other.get(Reflection, kept.reflection.id))

    edited(copy_path, passphrase, change, later)
    copy = journal.open_other(copy_path)
    try:
        journal.merge_copies([copy])
    finally:
        copy.close()
    titles = {a.title for a in journal.actions()}
    assert {"Renamed there", "Added there"} <= titles
    assert kept.reflection.id not in {r.id for r in journal.reflections()}
    assert_fresh(journal, passphrase)


@pytest.mark.parametrize(
    "write",
    [
        lambda j, s: j.save(replace(j.get(Meeting, s.held.id), notes="Saved here")),
        lambda j, s: j.delete(j.get(ActionStep, s.other_action.id), to_bin=False),
    ],
    ids=["save", "delete-for-good"],
)
def test_the_plain_writes_too(
    journal: Journal, passphrase: str, kept: Sample, write: Callable[[Journal, Sample], object]
) -> None:
    write(journal, kept)
    assert_fresh(journal, passphrase)
