"""Recently deleted (journal.bin): a deletion takes its children and history into the bin, out
of every listing, search and export; restore puts all of it back with its links; after 30 days
(by the journal's clock, at unlock) or when emptied it goes for good; tombstones stay."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from mentorjournal.domain import (
    ActionStep,
    Meeting,
    Reflection,
    Relationship,
    Review,
    SupportContact,
    WellbeingCheckin,
)
from mentorjournal.errors import InvalidEntry, JournalBusy
from mentorjournal.exchange import interchange
from mentorjournal.journal.bin import BIN_DAYS, PARENT_GONE, RecycleBin
from mentorjournal.journal.journal import Journal
from tests.unit.cli_runner import PASS, fill_journal, start_cli
from tests.unit.history_support import Clock


@pytest.fixture
def clock(journal: Journal) -> Clock:
    journal.clock = clock = Clock()
    return clock


def everything(journal: Journal) -> dict[str, set[str]]:
    kinds = (Relationship, Meeting, Reflection, ActionStep, Review, WellbeingCheckin)
    return {k.__name__: {e.id for e in journal.all(k)} for k in kinds}


def test_a_deleted_relationship_goes_to_the_bin_whole_and_comes_back(
    journal: Journal, clock: Clock, sample
) -> None:
    before = everything(journal)
    journal.end_edit_sessions()
    clock.advance(hours=1)
    journal.save_fields(Reflection, sample.reflection.id, {"description": "rewritten"})
    journal.delete(journal.get(Relationship, sample.rel.id))
    gone = everything(journal)
    assert sample.rel.id not in gone["Relationship"] and sample.other_rel.id in gone["Relationship"]
    assert not gone["Meeting"] and not gone["Reflection"] and not gone["Review"]
    assert gone["ActionStep"] == {sample.other_action.id}
    assert journal.search("promotion") == [] and journal.search("Amara") == []
    exported = interchange.export_data(journal)
    assert [r["id"] for r in exported["relationships"]] == [sample.other_rel.id]
    assert "recently_deleted" not in exported

    [item] = journal.bin_items()
    assert item.entry.title == "Reverse mentoring with Amara"
    assert item.deleted_at == clock() and item.purge_on == clock() + timedelta(days=BIN_DAYS)
    assert {k.__name__: n for k, n in item.with_it.items()} == {
        "Meeting": 3, "Reflection": 1, "ActionStep": 3, "Review": 1, "WellbeingCheckin": 1,
    }  # fmt: skip
    assert [v.text for v in journal.versions(sample.reflection.id)] == [
        sample.reflection.description
    ]  # its history stays with it
    deleted = {t.entry_id for t in journal.tombstones() if t.deleted}
    assert deleted == {i for ids in before.values() for i in ids} - {
        i for ids in gone.values() for i in ids
    }

    clock.advance(days=3)
    restored = journal.restore_from_bin(item.id)
    assert restored.id == sample.rel.id
    assert everything(journal) == before
    assert journal.get(Reflection, sample.reflection.id).description == "rewritten"
    assert journal.get(WellbeingCheckin, sample.checkin.id).meeting_id == sample.held.id
    assert journal.bin_items() == []
    assert not any(t.deleted for t in journal.tombstones())
    assert [v.text for v in journal.versions(sample.reflection.id)] == [
        sample.reflection.description
    ]


def test_restoring_a_meeting_links_its_reflection_and_check_in_again(
    journal: Journal, clock: Clock, sample
) -> None:
    journal.delete(journal.get(Meeting, sample.held.id))
    assert journal.get(Reflection, sample.reflection.id).meeting_id is None
    assert journal.get(WellbeingCheckin, sample.checkin.id).meeting_id is None
    journal.restore_from_bin(journal.bin_items()[0].id)
    assert journal.get(Reflection, sample.reflection.id).meeting_id == sample.held.id
    assert journal.get(WellbeingCheckin, sample.checkin.id).meeting_id == sample.held.id


def test_a_child_waits_for_its_relationship(
    journal: Journal, clock: Clock, sample, row_counts
) -> None:
    journal.delete(journal.get(Reflection, sample.reflection.id))
    clock.advance(minutes=1)
    journal.delete(journal.get(Relationship, sample.rel.id))
    reflection_item = next(i for i in journal.bin_items() if isinstance(i.entry, Reflection))
    counts = row_counts(journal.path)
    with pytest.raises(InvalidEntry) as err:
        journal.restore_from_bin(reflection_item.id)
    assert str(err.value) == PARENT_GONE
    assert row_counts(journal.path) == counts
    assert len(journal.bin_items()) == 2
    rel_item = next(i for i in journal.bin_items() if isinstance(i.entry, Relationship))
    journal.restore_from_bin(rel_item.id)
    journal.restore_from_bin(reflection_item.id)
    assert journal.get(Reflection, sample.reflection.id).meeting_id == sample.held.id


def test_the_bin_is_emptied_after_thirty_days_at_unlock(
    journal: Journal, clock: Clock, sample, passphrase: str
) -> None:
    journal.end_edit_sessions()
    clock.advance(hours=1)
    journal.save_fields(ActionStep, sample.other_action.id, {"detail": "more"})
    journal.delete(journal.get(Relationship, sample.other_rel.id))
    journal.delete(journal.get(SupportContact, sample.contact.id))
    assert journal.versions(sample.other_action.id)
    clock.advance(days=BIN_DAYS, seconds=-1)
    journal.lock()
    journal.unlock(passphrase)
    assert len(journal.bin_items()) == 2  # not yet
    clock.advance(seconds=1)
    journal.lock()
    journal.unlock(passphrase)
    assert journal.bin_items() == []
    assert journal.versions(sample.other_action.id) == []  # its history went with it
    stones = {t.entry_id for t in journal.tombstones()}
    assert {sample.other_rel.id, sample.other_action.id, sample.contact.id} <= stones


def test_emptying_the_bin(journal: Journal, clock: Clock, sample) -> None:
    journal.delete(journal.get(SupportContact, sample.contact.id))
    journal.delete(journal.get(Relationship, sample.other_rel.id))
    assert journal.empty_bin() == 2
    assert journal.bin_items() == [] and journal.empty_bin() == 0
    assert len(journal.tombstones()) == 3


def test_an_empty_planned_meeting_let_go_goes_for_good(journal: Journal, clock: Clock) -> None:
    rel = journal.save(Relationship(title="R"))
    meeting = journal.save(Meeting(relationship_id=rel.id, starts_at=clock()))
    journal.delete(meeting, to_bin=False)
    assert journal.bin_items() == []
    assert [t.entry_id for t in journal.tombstones()] == [meeting.id]


def test_export_leaves_the_bin_out_unless_asked(
    tmp_path: Path, capsys, monkeypatch, make_sample
) -> None:
    sample, _key = fill_journal(tmp_path, make_sample)
    journal = Journal.open(tmp_path / "j.db", PASS)
    journal.delete(journal.get(Relationship, sample.other_rel.id))
    journal.close()
    cli = start_cli(capsys, monkeypatch, tmp_path)
    code, out, _err = cli("export")
    assert code == 0 and "recently_deleted" not in json.loads(out)
    assert sample.other_action.title not in out
    code, out, _err = cli("export", "--include-deleted")
    [deleted] = json.loads(out)["recently_deleted"]
    assert deleted["entry_id"] == sample.other_rel.id
    assert [a["title"] for a in deleted["actions"]] == [sample.other_action.title]
    with pytest.raises(SystemExit) as usage:
        cli("export", "--include-deleted", "--format", "markdown")
    assert usage.value.code == 2


def test_a_journal_that_cannot_be_written_now_still_opens_and_purges_later(
    journal: Journal, clock: Clock, sample, passphrase: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal.delete(journal.get(SupportContact, sample.contact.id))
    clock.advance(days=BIN_DAYS)
    journal.lock()

    def busy(*_args: object) -> int:
        raise JournalBusy()

    with monkeypatch.context() as patch:
        patch.setattr(RecycleBin, "_purge", busy)
        journal.unlock(passphrase)  # opens all the same
    assert len(journal.bin_items()) == 1
    journal.lock()
    journal.unlock(passphrase)
    assert journal.bin_items() == []
