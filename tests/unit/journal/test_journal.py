"""The Journal's questions about the meeting cycle with fixed clocks, search through the
journal, Unicode round trips through every text field, and the layering rule. Saving, listing,
editing and deleting each kind of entry are in ``test_entries.py``."""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings

from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    Outcome,
    Relationship,
    Review,
)
from mentorjournal.journal.journal import TABLE_OF, Journal
from mentorjournal.mentoring.schedule import State
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.unit.journal_helpers import reopen
from tests.unit.unicode_entries import FAST_DIR, TEXT, entries_strategy, text_fields

CET = timezone(timedelta(hours=1))
LONDON = ZoneInfo("Europe/London")


# --- the meeting cycle with fixed clocks -----------------------------------------------------


def test_next_meeting_is_the_planned_one_then_the_cadence(journal: Journal, sample) -> None:
    rel_id = sample.rel.id
    # Kept in this computer's zone (the tests run in UTC), filled in when first saved.
    assert journal.get(Relationship, rel_id).time_zone == "UTC"
    now = datetime(2026, 2, 20, 12, 0, tzinfo=UTC)
    assert journal.next_meeting(rel_id, now) == datetime(2026, 3, 10, 10, 0, tzinfo=CET)
    # Its time has passed but it was not held: today's meeting until the day ends …
    after_planned = datetime(2026, 3, 10, 11, 30, tzinfo=CET)
    assert journal.next_meeting(rel_id, after_planned) == datetime(2026, 3, 10, 10, 0, tzinfo=CET)
    late_that_day = datetime(2026, 3, 10, 23, 59, tzinfo=UTC)
    assert journal.next_meeting(rel_id, late_that_day) == datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    # … then missed, and the next is the cadence's, at its own time of day (10:00 UTC).
    next_day = datetime(2026, 3, 11, 0, 1, tzinfo=UTC)
    assert journal.next_meeting(rel_id, next_day) == datetime(2026, 4, 14, 10, 0, tzinfo=UTC)
    states = {s.when: s.state for s in journal.timeline(rel_id, now=next_day)}
    assert states[sample.planned.starts_at] is State.MISSED
    assert states[sample.cancelled.starts_at] is State.CANCELLED
    assert states[sample.held.starts_at] is State.HELD
    assert len(states) == 3  # the cadence dates are those meetings' own
    assert journal.next_meeting(sample.other_rel.id, now) is None
    sample.rel.ended_on = date(2026, 2, 1)
    journal.save(sample.rel)
    assert journal.next_meeting(rel_id, now) is None
    assert journal.last_held_meeting(rel_id).id == sample.held.id  # type: ignore[union-attr]


def test_open_and_overdue_actions(journal: Journal, sample) -> None:
    s = sample
    assert [a.id for a in journal.open_actions()] == [s.open_action.id, s.other_action.id]
    assert [a.id for a in journal.open_actions(s.rel.id)] == [s.open_action.id]
    on_due_day = datetime(2026, 2, 28, 12, 0, tzinfo=UTC)
    day_after = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    assert journal.overdue_actions(now=on_due_day) == []
    assert [a.id for a in journal.overdue_actions(now=day_after)] == [s.open_action.id]
    assert journal.overdue_actions(s.other_rel.id, now=day_after) == []
    s.open_action.status = ActionStatus.DONE
    journal.save(s.open_action)
    assert journal.overdue_actions(now=day_after) == []


def test_awaiting_review_and_reviews_of_an_older_journal(journal: Journal, sample) -> None:
    s = sample
    # Open actions, and a closed one never reviewed (the done one has its review record).
    assert [a.id for a in journal.awaiting_review(s.rel.id)] == [
        s.open_action.id,
        s.dropped_action.id,
    ]
    # An action reviewed before review records were kept shows that review as a record of its
    # own, tied to no meeting and not stored.
    older = journal.save(
        ActionStep(
            s.rel.id,
            "Read the staff survey",
            status=ActionStatus.DONE,
            outcome=Outcome.SIDEWAYS,
            learning="Mixed.",
            reviewed_at=datetime(2026, 1, 20, tzinfo=UTC),
        )
    )
    got = [
        (r.id, r.action_id, r.status, r.outcome, r.meeting_id) for r in journal.reviews(s.rel.id)
    ]
    assert got == [
        (f"legacy-{older.id}", older.id, ActionStatus.DONE, Outcome.SIDEWAYS, None),
        (s.review.id, s.done_action.id, ActionStatus.DONE, Outcome.FORWARDS, s.held.id),
    ]
    assert [r.id for r in journal.all(Review)] == [s.review.id]
    assert journal.reviews(s.other_rel.id) == []


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_reviews_are_records_per_meeting_and_open_actions_stay(
    journal: Journal, passphrase: str
) -> None:
    clock = Clock(datetime(2026, 1, 13, 9, 0, tzinfo=LONDON))
    journal.clock = clock
    rel = journal.save(
        Relationship(
            title="Reverse mentoring",
            cadence="FREQ=MONTHLY;BYDAY=+2TU",
            time_zone="Europe/London",
            started_on=date(2026, 1, 13),
        )
    )
    january = journal.upcoming_meeting(rel.id)
    assert january is not None and january.starts_at == datetime(2026, 1, 13, 10, tzinfo=LONDON)
    clock.now = datetime(2026, 1, 13, 10, 5, tzinfo=LONDON)
    january = journal.end_meeting(journal.start_meeting(january))
    ask = journal.save(ActionStep(rel.id, "Ask HR for panel data", meeting_id=january.id))
    club = journal.save(ActionStep(rel.id, "Start a book club"))

    # Reviewed a few days before February's meeting: the record is that meeting's.
    clock.now = datetime(2026, 2, 5, 18, 0, tzinfo=LONDON)
    february = journal.review_meeting(rel.id)
    assert february is not None and february.starts_at == datetime(2026, 2, 10, 10, tzinfo=LONDON)
    assert [a.id for a in journal.awaiting_review(rel.id, february.id)] == [ask.id, club.id]
    first = journal.review_action(ask, ActionStatus.OPEN, Outcome.SIDEWAYS, "HR is slow")
    assert (first.meeting_id, first.reviewed_at) == (february.id, clock.now)
    assert ask.carried_forward == 0  # made at January's meeting: none held since

    # In the meeting: reviewing it again edits that record; the other is dropped.
    clock.now = datetime(2026, 2, 10, 10, 0, tzinfo=LONDON)
    february = journal.start_meeting(february)
    clock.now = datetime(2026, 2, 10, 10, 20, tzinfo=LONDON)
    again = journal.review_action(ask, ActionStatus.OPEN, Outcome.BACKWARDS, "Still slow")
    assert again.id == first.id and again.meeting_id == february.id
    journal.review_action(club, ActionStatus.DROPPED, Outcome.SIDEWAYS, "Nobody had time")
    assert journal.awaiting_review(rel.id, february.id) == []
    clock.now = datetime(2026, 2, 10, 11, 0, tzinfo=LONDON)
    journal.end_meeting(february)

    # Still open: on March's agenda, carried forward once; the dropped one is not.
    march = journal.upcoming_meeting(rel.id)
    assert march is not None and march.starts_at == datetime(2026, 3, 10, 10, tzinfo=LONDON)
    assert [a.id for a in journal.awaiting_review(rel.id, march.id)] == [ask.id]
    assert journal.carried_forward(journal.get(ActionStep, ask.id)) == 1
    clock.now = datetime(2026, 3, 10, 10, 30, tzinfo=LONDON)
    journal.start_meeting(march)
    done = journal.review_action(ask, ActionStatus.DONE, Outcome.FORWARDS, "They said yes")
    assert done.meeting_id == march.id and ask.carried_forward == 1

    reopened = reopen(journal, passphrase)
    try:
        history = reopened.reviews(rel.id, ask.id)
        assert [(r.meeting_id, r.status, r.outcome, r.learning) for r in history] == [
            (february.id, ActionStatus.OPEN, Outcome.BACKWARDS, "Still slow"),
            (march.id, ActionStatus.DONE, Outcome.FORWARDS, "They said yes"),
        ]
        got = reopened.get(ActionStep, ask.id)
        assert (got.status, got.outcome, got.learning, got.carried_forward) == (
            ActionStatus.DONE,
            Outcome.FORWARDS,
            "They said yes",
            1,
        )
        assert len(reopened.all(Review)) == 3
    finally:
        reopened.close()


def test_the_journal_stamps_and_decides_by_its_own_clock(journal: Journal) -> None:
    """A clock a year and more from the computer's: what is stored and what is decided follow
    it, never the computer's date."""
    clock = Clock(datetime(2028, 5, 2, 8, 30, tzinfo=UTC))
    journal.clock = clock
    assert journal.now() == clock.now
    rel = journal.save(Relationship("Later", cadence="FREQ=MONTHLY;BYDAY=+2TU"))
    assert (rel.created_at, rel.updated_at) == (clock.now, clock.now)
    clock.now += timedelta(days=3)
    rel.purpose = "edited"
    journal.save(rel)
    assert (rel.created_at, rel.updated_at) == (clock.now - timedelta(days=3), clock.now)
    # No start day: the cadence begins the day it was written down, by that clock.
    assert journal.next_meeting(rel.id) == datetime(2028, 5, 9, 10, 0, tzinfo=UTC)
    assert journal.review_meeting(rel.id).starts_at == datetime(2028, 5, 9, 10, tzinfo=UTC)  # type: ignore[union-attr]


def test_search_is_reachable_from_the_journal(journal: Journal, sample) -> None:
    hits = journal.search("PANEL DATA")
    assert {(h.kind, h.entry_id) for h in hits} == {
        ("meeting", sample.planned.id),
        ("reflection", sample.reflection.id),
        ("action", sample.open_action.id),
    }


# --- arbitrary Unicode through every text field of every kind --------------------------------


def test_text_fields_cover_what_the_person_writes() -> None:
    assert set(text_fields(Meeting)) == {
        "preparation",
        "notes",
        "themes",
        "points",
        "framing",
        "review_summary",
        "used_prompts",
        "cancel_reason",
    }
    assert set(text_fields(Relationship)) == {
        "title",
        "partner",
        "purpose",
        "ground_rules",
        "styles",
        "cadence",
    }
    assert set(text_fields(Review)) == {"learning"}
    assert sum(len(text_fields(cls)) for cls in TABLE_OF) == 35


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=entries_strategy(), setting_value=TEXT)
def test_any_unicode_survives_save_close_reopen(entries: list[object], setting_value: str) -> None:
    with tempfile.TemporaryDirectory(dir=FAST_DIR) as folder:
        path = Path(folder) / "h.db"
        j, _ = Journal.create(path, "pass phrase words", kdf=FAST_KDF_FOR_TESTS)
        j.save_many(entries)
        j.set_setting("note", setting_value)
        j.close()
        again = Journal.open(path, "pass phrase words")
        try:
            for obj in entries:
                assert again.get(type(obj), obj.id) == obj  # type: ignore[attr-defined]
            assert again.setting("note") == setting_value
        finally:
            again.close()
