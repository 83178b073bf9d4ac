"""Home's standings read outlines: only the fields the rules look at are decrypted, the answer is
the same as from the full entries, and an outline can never be saved over a full entry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mentorjournal.domain import ActionStatus, ActionStep, Meeting, MeetingStatus
from mentorjournal.journal.cycle import ACTION_OUTLINE, MEETING_OUTLINE, REVIEW_OUTLINE
from mentorjournal.journal.journal import Journal
from mentorjournal.mentoring import agenda
from mentorjournal.store.crypto import FieldCipher
from tests.conftest import make_sample

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def reopen(path: Path, passphrase: str) -> Journal:
    return Journal.open(path, passphrase)


def decrypted_columns(monkeypatch: pytest.MonkeyPatch) -> set[tuple[str, str]]:
    """(table, column) of every value decrypted from now on."""
    seen: set[tuple[str, str]] = set()
    original = FieldCipher.decrypt_values

    def spy(
        self: FieldCipher, table: str, row_id: str, columns: list[str], blobs: list[bytes | None]
    ) -> list[bytes | None]:
        seen.update((table, c) for c, b in zip(columns, blobs, strict=True) if b is not None)
        return original(self, table, row_id, columns, blobs)

    monkeypatch.setattr(FieldCipher, "decrypt_values", spy)
    return seen


def full_standings(journal: Journal) -> list[agenda.Standing]:
    marks = journal.reflection_marks()
    cycle = [
        agenda.standing(
            rel,
            journal.meetings(rel.id),
            journal.actions(rel.id),
            journal.reviews(rel.id),
            marks.get(rel.id, []),
            NOW,
        )
        for rel in journal.relationships()
    ]
    return journal.add_arc(cycle, NOW)  # the programme, the opening and the close (issue 18)


def summary(standings: list[agenda.Standing]) -> list[tuple[object, ...]]:
    return [
        (
            st.relationship.id,
            st.next_meeting,
            st.open_count,
            st.overdue_count,
            st.review_count,
            st.needs_reflection,
            st.planned.id if st.planned else None,
            st.what_now,
            st.next_step,
        )
        for st in standings
    ]


def by_relationship(journal: Journal) -> dict[str, agenda.Standing]:
    return {st.relationship.id: st for st in journal.standings(NOW)}


def plan(journal: Journal, relationship_id: str, days: int) -> None:
    """Save a meeting planned ``days`` after NOW."""
    journal.save(
        Meeting(
            relationship_id=relationship_id,
            starts_at=NOW + timedelta(days=days),
            status=MeetingStatus.PLANNED,
        )
    )


def test_standings_decrypt_no_notes_and_no_reflection(
    journal: Journal, passphrase: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_sample(journal)
    journal.close()
    fresh = reopen(journal.path, passphrase)
    seen = decrypted_columns(monkeypatch)
    try:
        fresh.standings(NOW)
    finally:
        fresh.close()
    assert {c for t, c in seen if t == "meeting"} == set(MEETING_OUTLINE)
    assert {c for t, c in seen if t == "action"} == set(ACTION_OUTLINE)
    assert {c for t, c in seen if t == "review"} == set(REVIEW_OUTLINE)  # no learning
    assert not [t for t, _c in seen if t == "reflection"]


def test_standings_from_outlines_equal_those_from_full_entries(
    journal: Journal, passphrase: str
) -> None:
    sample = make_sample(journal)
    overdue = ActionStep(
        relationship_id=sample.rel.id, title="Late one", due_on=NOW.date() - timedelta(days=3)
    )
    journal.save(overdue)
    journal.close()
    fresh = reopen(journal.path, passphrase)
    try:
        from_outlines = summary(fresh.standings(NOW))
        assert from_outlines == summary(full_standings(fresh))
        # Once the full entries are in memory, standings use them: same answer.
        assert summary(fresh.standings(NOW)) == from_outlines
    finally:
        fresh.close()
    counts = {row[0]: row[2:5] for row in from_outlines}
    assert counts[sample.rel.id][1] >= 1  # the overdue action is counted


def test_an_outline_is_never_saved(journal: Journal, passphrase: str) -> None:
    sample = make_sample(journal)
    journal.close()
    fresh = reopen(journal.path, passphrase)
    try:
        outline = next(
            m for m in fresh.outlines(Meeting, MEETING_OUTLINE) if m.id == sample.held.id
        )
        assert outline.notes == ""  # not read
        assert outline.starts_at == sample.held.starts_at
        assert outline.status is MeetingStatus.HELD
        with pytest.raises(RuntimeError, match="outline"):
            fresh.save(outline)
    finally:
        fresh.close()
    again = reopen(journal.path, passphrase)
    try:
        assert again.get(Meeting, sample.held.id).notes == sample.held.notes
    finally:
        again.close()


def test_standings_follow_a_change_made_after_the_first_look(
    journal: Journal, passphrase: str
) -> None:
    sample = make_sample(journal)
    journal.close()
    fresh = reopen(journal.path, passphrase)
    try:
        before = by_relationship(fresh)[sample.rel.id]
        action = fresh.get(ActionStep, sample.open_action.id)
        action.status = ActionStatus.DONE
        fresh.save(action)
        plan(fresh, sample.other_rel.id, 2)
        after = by_relationship(fresh)
    finally:
        fresh.close()
    assert after[sample.rel.id].open_count == before.open_count - 1
    assert after[sample.other_rel.id].next_meeting == NOW + timedelta(days=2)


def test_standings_follow_a_change_made_in_another_window(
    journal: Journal, passphrase: str
) -> None:
    sample = make_sample(journal)
    journal.close()
    first = reopen(journal.path, passphrase)
    second = reopen(journal.path, passphrase)
    try:
        assert by_relationship(first)[sample.other_rel.id].next_meeting is None
        plan(second, sample.other_rel.id, 5)
        after = by_relationship(first)
    finally:
        first.close()
        second.close()
    assert after[sample.other_rel.id].next_meeting == NOW + timedelta(days=5)
