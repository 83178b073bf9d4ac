"""Every kind of entry through the Journal: saved and read back after reopening, listed,
edited, deleted (with cascades and unlinking), refused when invalid; settings; and ``get``
handing out copies, so an edit is seen elsewhere only once saved."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from mentorjournal.domain import (
    ActionStep,
    Meeting,
    Reflection,
    Relationship,
    Review,
    Role,
    SupportContact,
    WellbeingCheckin,
)
from mentorjournal.errors import InvalidEntry, NotFound
from mentorjournal.journal.journal import Journal
from tests.unit.journal_helpers import reopen

# --- every kind: save, list, edit, delete ---------------------------------------------------


def test_every_kind_reads_back_equal_after_reopening(journal: Journal, sample, passphrase) -> None:
    again = reopen(journal, passphrase)
    try:
        for obj in sample.entries():
            got = again.get(type(obj), obj.id)
            assert got == obj
            assert got is not obj
        assert again.settings() == {"lock_minutes": 10, "theme": "ansi-dark", "welcome_seen": True}
    finally:
        again.close()


def test_listings_are_filtered_and_sorted(journal: Journal, sample) -> None:
    s = sample
    assert [r.title for r in journal.relationships()] == [
        "Board mentoring",
        "Reverse mentoring with Amara",
    ]
    assert [m.id for m in journal.meetings(s.rel.id)] == [s.cancelled.id, s.held.id, s.planned.id]
    assert journal.meetings(s.other_rel.id) == []
    assert [r.id for r in journal.reflections()] == [s.reflection.id]
    assert [a.id for a in journal.actions(s.rel.id)] == [
        s.open_action.id,
        s.done_action.id,
        s.dropped_action.id,
    ]
    assert [a.id for a in journal.actions()] == [
        s.open_action.id,
        s.other_action.id,
        s.done_action.id,
        s.dropped_action.id,
    ]
    assert [w.id for w in journal.wellbeing(s.rel.id)] == [s.checkin.id]
    assert journal.wellbeing(s.other_rel.id) == []
    assert [c.name for c in journal.support_contacts()] == ["Employee assistance"]
    # Saved in one transaction, so created at the same moment: the id breaks the tie.
    assert [p.id for p in journal.own_prompts()] == sorted([s.prompt.id, s.theme.id])
    links = [(rel, meeting) for rel, meeting, _newest in journal.reflection_link_groups()]
    assert links == [(s.rel.id, s.held.id)]


def test_edit_keeps_created_at_and_moves_updated_at(
    journal: Journal, sample, passphrase: str
) -> None:
    rel = sample.rel
    created, updated = rel.created_at, rel.updated_at
    assert created is not None and created == updated
    rel.title = "Reverse mentoring (year two)"
    rel.my_role = Role.MENTOR
    rel.ended_on = date(2026, 12, 31)
    journal.save(rel)
    again = reopen(journal, passphrase)
    try:
        got = again.get(Relationship, rel.id)
        assert (got.title, got.my_role, got.ended_on) == (
            "Reverse mentoring (year two)",
            Role.MENTOR,
            date(2026, 12, 31),
        )
        assert got.created_at == created
        assert got.updated_at is not None and got.updated_at >= updated
        assert len(again.relationships()) == 2
    finally:
        again.close()


@pytest.mark.parametrize(
    "field_name",
    ["other_rel", "held", "reflection", "open_action", "checkin", "contact", "prompt"],
)
def test_delete_each_kind(journal: Journal, sample, passphrase: str, field_name: str) -> None:
    obj = getattr(sample, field_name)
    kind = type(obj)
    before = len(journal.all(kind))
    journal.delete(obj)
    with pytest.raises(NotFound) as err:
        journal.get(kind, obj.id)
    assert str(err.value) == "That entry no longer exists."
    with pytest.raises(NotFound):
        journal.delete(obj)
    again = reopen(journal, passphrase)
    try:
        assert len(again.all(kind)) == before - 1
        assert obj.id not in {o.id for o in again.all(kind)}
    finally:
        again.close()


def test_deleting_a_relationship_cascades_to_its_entries_only(
    journal: Journal, sample, passphrase: str, row_counts
) -> None:
    assert row_counts(journal.path)["review"] == 1
    journal.delete(sample.rel)
    assert row_counts(journal.path) == {
        "relationship": 1,
        "meeting": 0,
        "reflection": 0,
        "action": 1,
        "review": 0,
        "wellbeing": 0,
        "support_contact": 1,
        "own_prompt": 2,
        "setting": 3,
    }
    again = reopen(journal, passphrase)
    try:
        assert [a.id for a in again.actions()] == [sample.other_action.id]
        assert again.meetings() == [] and again.reflections() == [] and again.wellbeing() == []
        assert again.reviews() == []
    finally:
        again.close()


def test_a_review_goes_with_its_action_and_outlives_its_meeting(
    journal: Journal, sample, passphrase: str, row_counts
) -> None:
    journal.delete(sample.held)  # the meeting it was reviewed in: the record stays, unlinked
    again = reopen(journal, passphrase)
    try:
        (kept,) = again.all(Review)
        assert (kept.id, kept.meeting_id, kept.learning) == (
            sample.review.id,
            None,
            sample.review.learning,
        )
        again.delete(again.get(ActionStep, sample.done_action.id))
        assert row_counts(again.path)["review"] == 0
    finally:
        again.close()


def test_deleting_a_meeting_unlinks_but_keeps_reflections_and_actions(
    journal: Journal, sample, passphrase: str
) -> None:
    journal.delete(sample.held)
    again = reopen(journal, passphrase)
    try:
        assert again.get(Reflection, sample.reflection.id).meeting_id is None
        assert again.get(ActionStep, sample.open_action.id).meeting_id is None
        assert again.get(WellbeingCheckin, sample.checkin.id).meeting_id is None
        assert again.get(Reflection, sample.reflection.id).feelings == (
            "Uncomfortable, then grateful."
        )
    finally:
        again.close()


INVALID = {
    "blank relationship title": lambda rid: Relationship(title="  \n"),
    "blank action title": lambda rid: ActionStep(relationship_id=rid, title=""),
    "blank contact name": lambda rid: SupportContact(name=" "),
    "score 0": lambda rid: WellbeingCheckin(at=datetime(2026, 1, 1, tzinfo=UTC), score=0),
    "score 6": lambda rid: WellbeingCheckin(at=datetime(2026, 1, 1, tzinfo=UTC), score=6),
    "zero-minute meeting": lambda rid: Meeting(
        relationship_id=rid, starts_at=datetime(2026, 1, 1, tzinfo=UTC), duration_minutes=0
    ),
    "naive datetime": lambda rid: Meeting(relationship_id=rid, starts_at=datetime(2026, 1, 1)),
    "role not an enum": lambda rid: Relationship(title="x", my_role="boss"),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("case", list(INVALID))
def test_invalid_entries_are_refused_with_a_sentence(
    journal: Journal, sample, case: str, row_counts
) -> None:
    before = row_counts(journal.path)
    with pytest.raises(InvalidEntry) as err:
        journal.save(INVALID[case](sample.rel.id))
    message = str(err.value)
    assert len(message) > 15 and message.endswith(".") and "\n" not in message
    assert row_counts(journal.path) == before


def test_settings_round_trip_and_overwrite(journal: Journal, passphrase: str) -> None:
    assert journal.setting("lock_minutes", 5) == 5
    journal.set_setting("lock_minutes", 15)
    journal.set_setting("lock_minutes", 20)
    journal.set_setting("nested", {"a": [1, "b", None]})
    again = reopen(journal, passphrase)
    try:
        assert again.settings() == {"lock_minutes": 20, "nested": {"a": [1, "b", None]}}
        assert again.setting("missing") is None
    finally:
        again.close()


def test_an_edit_is_seen_elsewhere_only_once_saved(journal: Journal, sample) -> None:
    """Each ``get`` hands out a copy: a form that is given up leaves nothing behind, and an
    object keeps being the caller's after it is saved."""
    draft = journal.get(Meeting, sample.held.id)
    draft.notes = "typed, then the form was closed without saving"
    draft.themes.append("unsaved-theme")
    again = journal.get(Meeting, sample.held.id)
    assert again.notes == sample.held.notes
    assert "unsaved-theme" not in again.themes
    assert "unsaved-theme" not in journal.meetings(sample.rel.id)[0].themes

    again.notes = "saved words"
    journal.save(again)
    again.notes = "typed after saving"
    assert journal.get(Meeting, sample.held.id).notes == "saved words"
    assert {m.id: m.notes for m in journal.meetings()}[sample.held.id] == "saved words"
