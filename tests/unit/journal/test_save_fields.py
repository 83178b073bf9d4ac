"""Journal.save_fields with two journals open on one file, as two windows have them: a save
writes only the fields it names, onto the row as stored now, and a field changed in both is
merged so that nothing either typed is lost."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from mentorjournal.domain import ActionStatus, ActionStep, Meeting, Relationship
from mentorjournal.errors import DeletedElsewhere, InvalidEntry
from mentorjournal.journal.field_saves import FieldEdit
from mentorjournal.journal.journal import Journal
from mentorjournal.journal.merging import OTHER_WINDOW
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.conftest import PASSPHRASE

MEETING_AT = datetime(2026, 11, 10, 10, 0, tzinfo=UTC)
SAVED_AT = datetime(2026, 11, 10, 10, 20, tzinfo=UTC)


@pytest.fixture
def two(tmp_path: Path) -> Iterator[tuple[Journal, Journal, Meeting]]:
    """Window A and window B on one journal holding a relationship and its meeting."""
    path = tmp_path / "j.db"
    a, _key = Journal.create(path, PASSPHRASE, kdf=FAST_KDF_FOR_TESTS)
    rel = Relationship(title="Reverse mentoring with Amara")
    meeting = Meeting(relationship_id=rel.id, starts_at=MEETING_AT, notes="Opening words")
    a.save_many([rel, meeting])
    b = Journal.open(path, PASSPHRASE)
    a.clock = b.clock = lambda: SAVED_AT
    yield a, b, meeting
    a.close()
    b.close()


def test_only_the_named_fields_are_written_onto_the_stored_row(two) -> None:
    a, b, meeting = two
    loaded = a.get(Meeting, meeting.id)  # window A opens the meeting
    in_b = b.get(Meeting, meeting.id)
    in_b.preparation, in_b.points = "Agenda: pay gap", "Ask about panels"
    b.save(in_b)  # window B prepares meanwhile

    stored = a.save_fields(
        Meeting, meeting.id, {"notes": "Opening words\nPanels"}, {"notes": loaded.notes}
    )
    assert not stored.changed_elsewhere
    for journal in (a, b):
        kept = journal.get(Meeting, meeting.id)
        assert (kept.notes, kept.preparation, kept.points) == (
            "Opening words\nPanels",
            "Agenda: pay gap",
            "Ask about panels",
        )
    assert stored.entry.points == "Ask about panels"  # what is stored now, whole
    assert stored.entry.updated_at == SAVED_AT


def test_a_text_changed_in_both_keeps_both(two) -> None:
    a, b, meeting = two
    base = a.get(Meeting, meeting.id).notes
    b.save_fields(Meeting, meeting.id, {"notes": "Opening words\nFrom B"}, {"notes": base})
    stored = a.save_fields(Meeting, meeting.id, {"notes": "Opening words\nFrom A"}, {"notes": base})
    expected = f"Opening words\nFrom A\n\n{OTHER_WINDOW}\nFrom B"
    assert (stored.merged, stored.marked) == (["notes"], ["notes"])
    assert stored.entry.notes == expected
    assert b.get(Meeting, meeting.id).notes == expected


def test_changes_to_other_lines_merge_without_a_marker(two) -> None:
    a, b, meeting = two
    base = "one\ntwo\nthree"
    a.save_fields(Meeting, meeting.id, {"notes": base})
    b.save_fields(Meeting, meeting.id, {"notes": "one\ntwo\nthree, said B"}, {"notes": base})
    stored = a.save_fields(
        Meeting, meeting.id, {"notes": "one, said A\ntwo\nthree"}, {"notes": base}
    )
    assert (stored.merged, stored.marked) == (["notes"], [])
    assert b.get(Meeting, meeting.id).notes == "one, said A\ntwo\nthree, said B"


def test_a_choice_changed_in_both_takes_this_one_and_says_which_it_replaced(two) -> None:
    a, b, meeting = two
    action = ActionStep(relationship_id=meeting.relationship_id, title="Ask HR for data")
    a.save(action)
    b.save_fields(ActionStep, action.id, {"status": ActionStatus.DROPPED})
    stored = a.save_fields(
        ActionStep,
        action.id,
        {"status": ActionStatus.DONE, "due_on": date(2026, 12, 1)},
        {"status": ActionStatus.OPEN, "due_on": None},
    )
    assert stored.replaced == {"status": ActionStatus.DROPPED}
    kept = b.get(ActionStep, action.id)
    assert (kept.status, kept.due_on) == (ActionStatus.DONE, date(2026, 12, 1))


def test_computed_fields_are_written_as_given(two) -> None:
    a, b, meeting = two
    b.save_fields(Meeting, meeting.id, {"preparation": "B's agenda"})
    stored = a.save_fields(
        Meeting,
        meeting.id,
        {"preparation": "A's agenda"},
        {"preparation": ""},
        computed={"preparation"},
    )
    assert stored.entry.preparation == "A's agenda" and not stored.changed_elsewhere


def test_nothing_to_change_writes_nothing(two) -> None:
    a, _b, meeting = two
    before = a.get(Meeting, meeting.id).updated_at
    a.clock = lambda: datetime(2030, 1, 1, tzinfo=UTC)
    stored = a.save_fields(Meeting, meeting.id, {"notes": "Opening words"}, {"notes": "x"})
    assert stored.entry.updated_at == before


def test_edits_are_stored_all_or_none(two) -> None:
    a, b, meeting = two
    action = ActionStep(relationship_id=meeting.relationship_id, title="Ask HR")
    a.save(action)
    edits = [
        FieldEdit(Meeting, meeting.id, {"notes": "kept?"}),
        FieldEdit(ActionStep, action.id, {"title": ""}),  # refused: an action needs a title
    ]
    with pytest.raises(InvalidEntry):
        a.save_edits(edits)
    assert b.get(Meeting, meeting.id).notes == "Opening words"


def test_an_entry_deleted_elsewhere_is_not_brought_back(two) -> None:
    a, b, meeting = two
    a.get(Meeting, meeting.id)
    b.delete(b.get(Meeting, meeting.id))
    with pytest.raises(DeletedElsewhere):
        a.save_fields(Meeting, meeting.id, {"notes": "typed in A"}, {"notes": "Opening words"})
    assert a.meetings() == []


def test_only_fields_of_the_entry_can_be_named(two) -> None:
    a, _b, meeting = two
    for wrong in ({"id": "x"}, {"nonsense": 1}):
        with pytest.raises(ValueError):
            a.save_fields(Meeting, meeting.id, wrong)


def test_the_row_is_read_inside_the_write_lock(two) -> None:
    """Two windows saving at once: each one's field ends up stored (no read-then-write gap)."""
    a, b, meeting = two
    start = threading.Barrier(2)

    def save(journal: Journal, name: str, value: str) -> None:
        start.wait()
        for n in range(20):
            journal.save_fields(Meeting, meeting.id, {name: f"{value} {n}"})

    threads = [
        threading.Thread(target=save, args=(a, "framing", "A")),
        threading.Thread(target=save, args=(b, "points", "B")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    kept = a.get(Meeting, meeting.id)
    assert (kept.framing, kept.points) == ("A 19", "B 19")
