"""The rules of a merge, one at a time: a field changed on one side takes that change; changed
on both, the newer is current, the other in its history, and the entry is marked "changed on
two computers" until seen; deletions are respected unless the entry was changed after them
(then it stays, or comes back, and the report says so); a parent stays with a child written
after its deletion; settings, own prompts and support contacts merge too; the report says it
all, naming at most ten entries a line."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    OwnPrompt,
    Reflection,
    Relationship,
    SupportContact,
)
from mentorjournal.journal.journal import Journal
from mentorjournal.journal.merge_report import MergeReport
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.unit.sync_support import Clock

PASS = "pass phrase words"


class Pair:
    """A journal here and a copy of it "there", edited apart by one clock."""

    def __init__(self, folder: Path) -> None:
        self.clock = Clock(step_seconds=11 * 60)
        self.here_path, self.there_path = folder / "here.db", folder / "there.db"
        journal, _ = Journal.create(self.here_path, PASS, kdf=FAST_KDF_FOR_TESTS)
        journal.clock = self.clock
        self.rel = Relationship(title="Reverse mentoring", purpose="Learn")
        self.ref = Reflection(self.rel.id, self.clock(), description="base", feelings="calm")
        self.action = ActionStep(self.rel.id, "Ask HR")
        self.contact = SupportContact(name="Helpline", note="24 hours")
        journal.save_many([self.rel, self.ref, self.action, self.contact])
        journal.close()
        shutil.copy(self.here_path, self.there_path)

    def edit(self, where: str, change: Callable[[Journal], object]) -> None:
        journal = self.open(where)
        try:
            change(journal)
        finally:
            journal.close()

    def open(self, where: str) -> Journal:
        journal = Journal.open(self.here_path if where == "here" else self.there_path, PASS)
        journal.clock = self.clock
        return journal

    def merge(self) -> tuple[MergeReport, Journal]:
        """The copy merged into the journal here; returns the report and the journal (open)."""
        journal = self.open("here")
        copy = journal.open_other(self.there_path)
        try:
            return journal.merge_copies([copy])[0], journal
        finally:
            copy.close()


@pytest.fixture
def pair(tmp_path: Path) -> Pair:
    return Pair(tmp_path)


def test_a_field_changed_on_one_side_takes_that_change(pair: Pair) -> None:
    pair.edit("there", lambda j: j.save_fields(Reflection, pair.ref.id, {"feelings": "glad"}))
    pair.edit("here", lambda j: j.save_fields(Reflection, pair.ref.id, {"description": "mine"}))
    pair.edit("there", lambda j: j.save_fields(ActionStep, pair.action.id, {"status": "done"}))
    report, journal = pair.merge()
    try:
        ref = journal.get(Reflection, pair.ref.id)
        assert (ref.description, ref.feelings) == ("mine", "glad")
        assert journal.get(ActionStep, pair.action.id).status is ActionStatus.DONE
        assert journal.changed_on_two_computers() == {}
        assert report.lines() == ["From there.db: changes to 1 reflection and 1 action."]
    finally:
        journal.close()


def test_changed_on_both_the_newer_is_current_the_other_in_history(pair: Pair) -> None:
    pair.edit("here", lambda j: j.save_fields(Reflection, pair.ref.id, {"description": "A"}))
    pair.edit("there", lambda j: j.save_fields(Reflection, pair.ref.id, {"description": "B"}))
    report, journal = pair.merge()
    try:
        assert journal.get(Reflection, pair.ref.id).description == "B"  # the newer
        older = [v.text for v in journal.versions(pair.ref.id, "description")]
        assert sorted(older) == ["A", "base"]
        assert set(journal.changed_on_two_computers()[pair.ref.id]) == {"description"}
        assert report.lines()[1] == (
            "Changed on two computers (the newer is kept, the other is in its history): "
            "reflection of 1 March 2026."
        )
        journal.seen_two_computers(pair.ref.id)
        assert journal.changed_on_two_computers() == {}
    finally:
        journal.close()


def test_the_newer_here_stays_and_is_marked_too(pair: Pair) -> None:
    pair.edit("there", lambda j: j.save_fields(Reflection, pair.ref.id, {"description": "B"}))
    pair.edit("here", lambda j: j.save_fields(Reflection, pair.ref.id, {"description": "A"}))
    _report, journal = pair.merge()
    try:
        assert journal.get(Reflection, pair.ref.id).description == "A"
        assert "B" in [v.text for v in journal.versions(pair.ref.id, "description")]
        assert set(journal.changed_on_two_computers()[pair.ref.id]) == {"description"}
    finally:
        journal.close()


def test_an_entry_deleted_there_goes_unless_changed_here_after(pair: Pair) -> None:
    pair.edit(
        "there",
        lambda j: (
            j.delete(j.get(Reflection, pair.ref.id)),
            j.delete(j.get(ActionStep, pair.action.id)),
        ),
    )
    pair.edit("here", lambda j: j.save_fields(ActionStep, pair.action.id, {"detail": "later"}))
    report, journal = pair.merge()
    try:
        assert journal.reflections() == []
        assert [i.entry.id for i in journal.bin_items()] == [pair.ref.id]
        assert journal.get(ActionStep, pair.action.id).detail == "later"
        assert "1 reflection deleted there (now in Recently deleted)" in report.lines()[0]
        assert report.lines()[1] == (
            "Kept (deleted on the other computer, edited here after): action “Ask HR”."
        )
    finally:
        journal.close()
    _again, journal = pair.merge()  # said once
    journal.close()
    assert _again.kept == []


def test_an_entry_deleted_here_comes_back_only_when_changed_there_after(pair: Pair) -> None:
    pair.edit(
        "here",
        lambda j: (
            j.delete(j.get(Reflection, pair.ref.id)),
            j.delete(j.get(SupportContact, pair.contact.id)),
        ),
    )
    pair.edit("there", lambda j: j.save_fields(Reflection, pair.ref.id, {"analysis": "more"}))
    report, journal = pair.merge()
    try:
        assert journal.get(Reflection, pair.ref.id).analysis == "more"
        assert journal.support_contacts() == []  # not changed there after: stays deleted
        assert report.lines()[1] == (
            "Back from Recently deleted (edited after it was deleted): reflection of 1 March 2026."
        )
    finally:
        journal.close()


def test_a_relationship_deleted_there_stays_for_a_reflection_written_here_after(
    pair: Pair,
) -> None:
    pair.edit("there", lambda j: j.delete(j.get(Relationship, pair.rel.id)))
    new = Reflection(pair.rel.id, pair.clock(), description="written after")
    pair.edit("here", lambda j: j.save(new))
    report, journal = pair.merge()
    try:
        assert [r.title for r in journal.relationships()] == ["Reverse mentoring"]
        assert {r.description for r in journal.reflections()} == {"written after"}
        assert "Kept (deleted on the other computer, edited here after): relationship" in (
            " ".join(report.lines())
        )
    finally:
        journal.close()


def test_settings_own_prompts_and_support_contacts_merge(pair: Pair) -> None:
    prompt = OwnPrompt(theme="belonging", text="Where do I belong?")
    pair.edit("here", lambda j: j.set_setting("theme", "ansi-dark"))
    pair.edit(
        "there",
        lambda j: (
            j.save(prompt),
            j.set_setting("theme", "nord"),
            j.set_setting("auto_lock_minutes", 9),
            j.save_fields(SupportContact, pair.contact.id, {"how": "call"}),
        ),
    )
    report, journal = pair.merge()
    try:
        assert [p.text for p in journal.own_prompts()] == ["Where do I belong?"]
        assert journal.setting("theme") == "nord"  # changed there after here
        assert journal.setting("auto_lock_minutes") == 9
        assert journal.get(SupportContact, pair.contact.id).how == "call"
        assert report.lines() == [
            "From there.db: 1 prompt or theme of your own new; changes to 1 support contact "
            "and 2 settings."
        ]
    finally:
        journal.close()


def test_the_report_names_ten_entries_a_line_and_counts_the_rest() -> None:
    report = MergeReport("x.db", conflicts=[f"reflection {i}" for i in range(12)])
    (line,) = report.lines()[1:]
    assert line.endswith("reflection 8; reflection 9; and 2 more.")
    assert MergeReport("x.db").lines() == [
        "From x.db: nothing new (everything in it is here already)."
    ]
