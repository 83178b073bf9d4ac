"""Every save that changes a text keeps the version it replaces (journal.history): editing
sessions, restores, the covered kinds, retention, field marks, and the batch a merge writes with."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mentorjournal.domain import ActionStep, Meeting, Reflection, Relationship, WellbeingCheckin
from mentorjournal.errors import InvalidEntry, NotFound
from mentorjournal.journal.bin import Tombstone
from mentorjournal.journal.history import BIG_CUT, HISTORY_FIELDS, PRUNE_AFTER, SESSION
from mentorjournal.journal.history_chain import KEEP_LAST, Mark, Version, first_id
from mentorjournal.journal.journal import Journal
from tests.unit.history_support import Clock
from tests.unit.journal_helpers import reopen


@pytest.fixture
def clock(journal: Journal) -> Clock:
    journal.clock = clock = Clock()
    return clock


@pytest.fixture
def reflection(journal: Journal, clock: Clock) -> Reflection:
    rel = journal.save(Relationship(title="Amara"))
    return journal.save(Reflection(relationship_id=rel.id, written_at=clock(), description="a"))


def texts(journal: Journal, entry_id: str, field: str = "description") -> list[str]:
    return [v.text for v in journal.versions(entry_id, field)]


def edit(journal: Journal, clock: Clock, entry: Reflection, text: str, minutes: float = 1) -> None:
    clock.advance(minutes=minutes)
    journal.save_fields(Reflection, entry.id, {"description": text})


def test_the_autosaves_of_one_session_are_one_version(
    journal: Journal, clock: Clock, reflection: Reflection
) -> None:
    for text in ("ab", "abc", "abcd"):  # the session the entry was made in
        edit(journal, clock, reflection, text)
    assert texts(journal, reflection.id) == []
    edit(journal, clock, reflection, "abcd, later", minutes=SESSION.total_seconds() / 60)
    edit(journal, clock, reflection, "abcd, later on")
    assert texts(journal, reflection.id) == ["abcd"]
    journal.end_edit_sessions(reflection.id)  # a screen closed
    edit(journal, clock, reflection, "third")
    assert texts(journal, reflection.id) == ["abcd, later on", "abcd"]
    journal.lock()  # ends every session
    journal.unlock("pass phrase words")
    edit(journal, clock, reflection, "fourth")
    assert texts(journal, reflection.id) == ["third", "abcd, later on", "abcd"]
    versions = journal.versions(reflection.id)
    assert versions[0].written_at < versions[0].replaced_at == clock()


def test_a_big_cut_keeps_the_version_before_it_even_inside_a_session(
    journal: Journal, clock: Clock, reflection: Reflection
) -> None:
    paragraph = "A paragraph written with care. " * 8
    edit(journal, clock, reflection, "start. " + paragraph)
    edit(journal, clock, reflection, "start. " + paragraph[: -BIG_CUT + 1])  # not quite
    assert texts(journal, reflection.id) == []
    edit(journal, clock, reflection, "start. ")  # the paragraph deleted by mistake
    assert texts(journal, reflection.id) == ["start. " + paragraph[: -BIG_CUT + 1]]


def test_another_window_writing_between_ends_the_session(
    journal: Journal, clock: Clock, reflection: Reflection, passphrase: str
) -> None:
    other = Journal.open(journal.path, passphrase)
    other.clock = clock
    try:
        edit(journal, clock, reflection, "mine")
        edit(other, clock, reflection, "theirs")
        edit(journal, clock, reflection, "mine again")
    finally:
        other.close()
    assert texts(journal, reflection.id) == ["theirs", "mine"]


def test_restoring_a_version_is_a_version_of_its_own(
    journal: Journal, clock: Clock, reflection: Reflection
) -> None:
    edit(journal, clock, reflection, "first", minutes=30)
    edit(journal, clock, reflection, "second", minutes=30)
    first = journal.versions(reflection.id)[0]
    assert first.text == "first"
    clock.advance(minutes=1)
    restored = journal.restore_version(Reflection, reflection.id, first.id)
    assert restored.description == journal.get(Reflection, reflection.id).description == "first"
    assert texts(journal, reflection.id) == ["second", "first", "a"]
    marks = journal.entry_fields(Reflection)[0].marks
    assert marks["description"].how == "restore"
    edit(journal, clock, reflection, "first, then more")  # right after: still a new version
    assert texts(journal, reflection.id)[0] == "first"
    assert journal.versions(reflection.id)[0].how == "restore"
    with pytest.raises(NotFound):
        journal.restore_version(Reflection, reflection.id, "no such version")


def test_a_whole_save_keeps_history_too_and_other_fields_only_their_marks(
    journal: Journal, clock: Clock, reflection: Reflection
) -> None:
    clock.advance(hours=1)
    entry = journal.get(Reflection, reflection.id)
    entry.description, entry.feelings = "new", "calm"
    before = {f: m.id for f, m in journal.entry_fields(Reflection)[0].marks.items()}
    journal.save(entry)
    assert texts(journal, reflection.id) == ["a"]
    assert texts(journal, reflection.id, "feelings") == [""]
    marks = journal.entry_fields(Reflection)[0].marks
    assert {f for f in marks if marks[f].id != before[f]} == {"description", "feelings"}
    assert marks["description"].at == clock()
    assert marks["analysis"].at == reflection.created_at  # never changed
    checkin = journal.save(WellbeingCheckin(at=clock(), score=2, note="tired"))
    clock.advance(hours=1)
    journal.save_fields(WellbeingCheckin, checkin.id, {"note": "better", "score": 4})
    assert journal.versions(checkin.id) == []  # check-ins have no history …
    marks = journal.entry_fields(WellbeingCheckin)[0].marks
    assert marks["note"].at == marks["score"].at == clock()  # … but their fields' times


@pytest.mark.parametrize("kind", list(HISTORY_FIELDS), ids=lambda k: k.__name__)
def test_every_covered_text_keeps_its_versions(journal: Journal, clock: Clock, kind: type) -> None:
    rel = journal.save(Relationship(title="first title"))
    entries = {
        Relationship: rel,
        Meeting: Meeting(relationship_id=rel.id, starts_at=clock()),
        Reflection: Reflection(relationship_id=rel.id, written_at=clock()),
        ActionStep: ActionStep(relationship_id=rel.id, title="first title"),
    }
    entry = journal.save(entries[kind])
    journal.end_edit_sessions()
    clock.advance(hours=1)
    fields = HISTORY_FIELDS[kind]
    journal.save_fields(kind, entry.id, {f: f"new {f}" for f in fields})
    versions = journal.versions(entry.id)
    assert {v.field for v in versions} == set(fields)
    for v in versions:
        assert v.text == (getattr(entries[kind], v.field) if kind is not Relationship else
                          getattr(rel, v.field))  # fmt: skip


def test_history_keeps_the_last_fifty_and_one_a_day(
    journal: Journal, clock: Clock, reflection: Reflection
) -> None:
    pruned = 0
    count = 0
    for n in range(KEEP_LAST + 25):  # a session an hour
        edit(journal, clock, reflection, f"version {n}", minutes=60)
        kept = journal.versions(reflection.id)
        assert len(kept) <= KEEP_LAST + PRUNE_AFTER
        assert [v.text for v in kept[: min(n, KEEP_LAST)]] == [
            f"version {k}" for k in range(n - 1, max(n - 1 - KEEP_LAST, -1), -1)
        ]  # the newest fifty, always
        if len(kept) < count:  # just let go: beyond fifty, one a day
            pruned += 1
            older = kept[KEEP_LAST:]
            assert len({v.written_at.date() for v in older}) == len(older) >= 1
        count = len(kept)
    assert pruned >= 2


def test_history_survives_closing_and_a_new_passphrase(
    journal: Journal, clock: Clock, reflection: Reflection, passphrase: str
) -> None:
    edit(journal, clock, reflection, "kept", minutes=30)
    edit(journal, clock, reflection, "now", minutes=30)
    journal.change_passphrase("another pass phrase")
    journal.rekey("another pass phrase")
    again = reopen(journal, "another pass phrase")
    try:
        assert texts(again, reflection.id) == ["kept", "a"]
    finally:
        again.close()


# --- the field marks and the batch a merge writes with ----------------------------------------


def test_untouched_values_have_the_same_id_on_two_copies(
    journal: Journal, clock: Clock, reflection: Reflection, tmp_path, passphrase: str
) -> None:
    journal.backup(tmp_path / "copy.db")
    copy = Journal.open(tmp_path / "copy.db", passphrase)
    try:
        mine, theirs = journal.entry_fields(Reflection)[0], copy.entry_fields(Reflection)[0]
        assert mine.marks == theirs.marks
        assert mine.marks["description"].id == first_id(reflection.id, "description", "a")
        copy.clock = clock
        edit(copy, clock, reflection, "theirs", minutes=30)
        changed = copy.entry_fields(Reflection)[0].marks
        assert changed["description"].id != mine.marks["description"].id
        assert copy.versions(reflection.id)[0].id == mine.marks["description"].id
    finally:
        copy.close()


def test_a_merge_batch_sets_fields_keeps_what_they_replace_and_marks_two_computers(
    journal: Journal, clock: Clock, reflection: Reflection
) -> None:
    clock.advance(hours=1)
    theirs = Mark("their-id", clock() - timedelta(minutes=5), "edit", ("their-earlier",))
    other = Version("old-id", reflection.id, "feelings", "felt", clock() - timedelta(days=2),
                    clock() - timedelta(days=1))  # fmt: skip
    rel = journal.get(Relationship, reflection.relationship_id)
    new_action = ActionStep(relationship_id=rel.id, title="from the other computer")
    new_action.created_at = new_action.updated_at = clock() - timedelta(days=3)
    with journal.merge_batch() as batch:
        got = batch.set_fields(Reflection, reflection.id, {"description": "merged"},
                               {"description": theirs}, two_computers=["description"])  # fmt: skip
        assert got.description == "merged"
        assert batch.add_versions(Reflection, reflection.id, [other, other]) == 1
        batch.add_entry(new_action, {"title": Mark("t-id", clock())})
        batch.add_tombstone(Tombstone("gone-id", ActionStep, clock() - timedelta(days=1)))
    assert journal.get(Reflection, reflection.id).description == "merged"
    assert texts(journal, reflection.id) == ["a"]
    assert texts(journal, reflection.id, "feelings") == ["felt"]
    fields = journal.entry_fields(Reflection)[0]
    assert fields.marks["description"] == theirs
    assert set(fields.two_computers) == {"description"}
    assert journal.changed_on_two_computers() == {reflection.id: fields.two_computers}
    journal.seen_two_computers(reflection.id)
    assert journal.changed_on_two_computers() == {}
    added = journal.get(ActionStep, new_action.id)
    assert added.updated_at == new_action.updated_at  # as it was on the other copy
    assert journal.entry_fields(ActionStep)[0].marks["title"].id == "t-id"
    assert [t.entry_id for t in journal.tombstones()] == ["gone-id"]


def test_a_merge_batch_is_all_or_nothing(
    journal: Journal, clock: Clock, reflection: Reflection, row_counts
) -> None:
    before = row_counts(journal.path)
    with pytest.raises(InvalidEntry), journal.merge_batch() as batch:
        batch.set_fields(Reflection, reflection.id, {"description": "merged"})
        batch.delete(Relationship, reflection.relationship_id, datetime(2026, 1, 1, tzinfo=UTC))
        raise InvalidEntry("stop")
    assert row_counts(journal.path) == before
    assert journal.get(Reflection, reflection.id).description == "a"
    assert journal.bin_items() == [] and journal.tombstones() == []
