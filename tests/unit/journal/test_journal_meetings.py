"""Starting, ending, holding late, rescheduling and cancelling one meeting, and changing the
cadence from a day on, through ``Journal`` with a clock the test moves (no Textual)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from mentorjournal.domain import Meeting, MeetingStatus, Relationship
from mentorjournal.errors import InvalidEntry
from mentorjournal.journal.journal import Journal
from mentorjournal.mentoring.schedule import State
from tests.local_zone import pinned_timezone as computer_zone

LONDON = ZoneInfo("Europe/London")
SECOND_TUESDAY = "FREQ=MONTHLY;BYDAY=+2TU"


def at(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=LONDON)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(journal: Journal) -> Clock:
    moved = Clock(at(1, 5))
    journal.clock = moved
    return moved


@pytest.fixture
def rel(journal: Journal, clock: Clock) -> Relationship:
    return journal.save(
        Relationship(
            "Reverse mentoring",
            cadence=SECOND_TUESDAY,
            started_on=date(2026, 1, 13),
            time_zone="Europe/London",
        )
    )


def stored(journal: Journal, meeting: Meeting) -> Meeting:
    return journal.get(Meeting, meeting.id)


def states(journal: Journal, rel: Relationship) -> dict[datetime, tuple[State, datetime | None]]:
    """The timeline up to the end of today: when → (state, slot)."""
    return {s.when: (s.state, s.slot_at) for s in journal.timeline(rel.id)}


def test_a_late_start_and_an_early_end_are_kept_and_the_series_does_not_move(
    journal: Journal, clock: Clock, rel: Relationship
) -> None:
    clock.now = at(2, 10, 10, 7)
    feb = journal.upcoming_meeting(rel.id)
    assert feb is not None and (feb.starts_at, feb.slot_at) == (at(2, 10), at(2, 10))
    assert states(journal, rel)[at(2, 10)][0] is State.DUE
    feb = journal.start_meeting(feb)
    assert stored(journal, feb).started_at == at(2, 10, 10, 7)
    assert states(journal, rel)[at(2, 10)][0] is State.UNDER_WAY
    assert journal.next_meeting(rel.id) == at(2, 10)  # today's until it ends
    clock.now = at(2, 10, 10, 52)
    feb = journal.end_meeting(feb)
    got = stored(journal, feb)
    assert (got.status, got.starts_at, got.slot_at) == (MeetingStatus.HELD, at(2, 10), at(2, 10))
    assert (got.started_at, got.ended_at, got.duration_minutes) == (
        at(2, 10, 10, 7),
        at(2, 10, 10, 52),
        45,  # counted from the real start, not the planned one
    )
    assert journal.next_meeting(rel.id) == at(3, 10)  # 10:00 as ever, not 10:07
    with pytest.raises(InvalidEntry):
        journal.start_meeting(got)
    # Ended early: its length is the time it took.
    clock.now = at(3, 10, 9, 58)
    mar = journal.start_meeting(journal.upcoming_meeting(rel.id))  # type: ignore[arg-type]
    clock.now = at(3, 10, 10, 31)
    assert journal.end_meeting(mar).duration_minutes == 33
    assert journal.next_meeting(rel.id) == at(4, 14)  # summer time: 09:00 UTC
    assert journal.next_meeting(rel.id).astimezone(UTC).hour == 9  # type: ignore[union-attr]


def test_a_meeting_marked_held_without_a_start_counts_from_its_planned_time(
    journal: Journal, clock: Clock, rel: Relationship
) -> None:
    clock.now = at(1, 13, 11, 30)
    jan = journal.upcoming_meeting(rel.id)
    assert jan is not None
    held = journal.end_meeting(jan)
    assert (held.started_at, held.ended_at, held.duration_minutes) == (
        at(1, 13),
        at(1, 13, 11, 30),
        90,
    )


def test_a_missed_meeting_held_late_keeps_its_slot(
    journal: Journal, clock: Clock, rel: Relationship
) -> None:
    clock.now = at(1, 14, 9)  # the day after January's meeting, never held
    (missed,) = journal.missed_meetings(rel.id)
    assert (missed.when, missed.state, missed.meeting) == (at(1, 13), State.MISSED, None)
    assert journal.next_meeting(rel.id) == at(2, 10)
    late = journal.start_meeting(journal.store_slot(rel.id, missed))
    clock.now = at(1, 14, 9, 50)
    journal.end_meeting(late)
    got = stored(journal, late)
    assert (got.slot_at, got.starts_at, got.started_at, got.duration_minutes) == (
        at(1, 13),
        at(1, 13),
        at(1, 14, 9),
        50,
    )
    assert journal.missed_meetings(rel.id) == []
    assert states(journal, rel) == {at(1, 13): (State.HELD, at(1, 13))}
    assert journal.next_meeting(rel.id) == at(2, 10)


def test_rescheduling_moves_one_meeting_and_keeps_its_slot_taken(
    journal: Journal, clock: Clock, rel: Relationship
) -> None:
    clock.now = at(6, 1)
    jun = journal.upcoming_meeting(rel.id)
    assert jun is not None and jun.starts_at == at(6, 9)
    moved = journal.reschedule_meeting(jun, at(6, 11, 15))
    got = stored(journal, moved)
    assert (got.starts_at, got.slot_at, got.status) == (
        at(6, 11, 15),
        at(6, 9),
        MeetingStatus.PLANNED,
    )
    clock.now = at(6, 10, 12)  # the slot's day has passed: not missed, it was moved
    assert journal.next_meeting(rel.id) == at(6, 11, 15)
    missed = [s.slot_at for s in journal.missed_meetings(rel.id)]
    assert missed == [at(1, 13), at(2, 10), at(3, 10), at(4, 14), at(5, 12)]  # not June's
    june = {w: s for w, s in states(journal, rel).items() if w.month == 6}
    assert june == {at(6, 11, 15): (State.PLANNED, at(6, 9))}  # once, at its new time
    clock.now = at(6, 11, 15, 2)
    journal.end_meeting(journal.start_meeting(got))
    june = {w: s for w, s in states(journal, rel).items() if w.month == 6}
    assert june == {at(6, 11, 15): (State.HELD, at(6, 9))}  # once, on its slot
    assert journal.next_meeting(rel.id) == at(7, 14)  # the series did not move
    with pytest.raises(InvalidEntry):
        journal.reschedule_meeting(stored(journal, got), at(6, 20))


def test_cancelling_keeps_a_reason_and_is_never_missed(
    journal: Journal, clock: Clock, rel: Relationship
) -> None:
    clock.now = at(7, 14, 9)
    jul = journal.upcoming_meeting(rel.id)
    assert jul is not None and jul.starts_at == at(7, 14)
    off = journal.cancel_meeting(jul, "  Amara is unwell.  ")
    got = stored(journal, off)
    assert (got.status, got.cancel_reason, got.slot_at) == (
        MeetingStatus.CANCELLED,
        "Amara is unwell.",
        at(7, 14),
    )
    assert journal.next_meeting(rel.id) == at(8, 11)  # no longer today's meeting
    clock.now = at(7, 20)
    assert at(7, 14) not in [s.when for s in journal.missed_meetings(rel.id)]
    assert len(journal.missed_meetings(rel.id)) == 6  # January to June, never held
    assert states(journal, rel)[at(7, 14)] == (State.CANCELLED, at(7, 14))
    # Rescheduling a cancelled meeting plans it again.
    again = journal.reschedule_meeting(got, at(7, 23, 16))
    assert (again.status, again.slot_at) == (MeetingStatus.PLANNED, at(7, 14))
    clock.now = at(7, 23, 17)
    held = journal.end_meeting(journal.start_meeting(again))
    with pytest.raises(InvalidEntry):
        journal.cancel_meeting(held, "too late")


def test_changing_the_time_from_a_day_keeps_earlier_slots_and_moves_planned_ones(
    journal: Journal, clock: Clock, rel: Relationship
) -> None:
    clock.now = at(7, 20)
    aug = journal.upcoming_meeting(rel.id)
    sep = journal.store_slot(rel.id, journal.timeline(rel.id, at(9, 1, 0), at(9, 30))[0])
    assert aug is not None and (aug.starts_at, sep.starts_at) == (at(8, 11), at(9, 8))
    sep = journal.reschedule_meeting(sep, at(9, 9, 15))  # moved by hand: stays where it is
    changed = journal.change_cadence(
        rel.id, SECOND_TUESDAY, at=time(14, 30), minutes=45, zone_name="Europe/London",
        from_day=date(2026, 8, 1),
    )  # fmt: skip
    assert (changed.meeting_time, changed.meeting_minutes, changed.cadence_from) == (
        "14:30",
        45,
        date(2026, 8, 1),
    )
    assert changed.earlier_cadences == [
        {"rule": SECOND_TUESDAY, "time": "10:00", "minutes": "60", "zone": "Europe/London",
         "from": "2026-01-13", "until": "2026-08-01"}
    ]  # fmt: skip
    got_aug, got_sep = stored(journal, aug), stored(journal, sep)
    assert (got_aug.starts_at, got_aug.slot_at, got_aug.duration_minutes) == (
        at(8, 11, 14, 30),
        at(8, 11, 14, 30),
        45,
    )
    assert (got_sep.starts_at, got_sep.slot_at, got_sep.duration_minutes) == (
        at(9, 9, 15),
        at(9, 8, 14, 30),
        60,
    )
    # The months before keep their 10:00 slots (missed ones included); later ones are at 14:30.
    clock.now = at(12, 31, 20)
    times = sorted(s.slot_at or s.when for s in journal.timeline(rel.id))
    assert [(t.month, t.hour, t.minute) for t in times] == [
        *((m, 10, 0) for m in range(1, 8)),
        *((m, 14, 30) for m in range(8, 13)),
    ]
    assert len(journal.missed_meetings(rel.id)) == 12  # none of them was held
    assert journal.next_meeting(rel.id, at(12, 31, 23)) == datetime(
        2027, 1, 12, 14, 30, tzinfo=LONDON
    )


def test_a_new_rule_from_a_day_keeps_written_meetings_off_the_cadence(
    journal: Journal, clock: Clock, rel: Relationship
) -> None:
    clock.now = at(9, 20)
    oct_ = journal.upcoming_meeting(rel.id)
    assert oct_ is not None
    oct_ = journal.save(Meeting(**{**oct_.__dict__, "preparation": "Bring the survey."}))
    nov = journal.store_slot(rel.id, journal.timeline(rel.id, at(11, 1, 0), at(11, 30))[0])
    journal.change_cadence(
        rel.id, "FREQ=MONTHLY;BYDAY=+2WE", at=time(10, 0), minutes=60,
        zone_name="Europe/London", from_day=date(2026, 10, 1),
    )  # fmt: skip
    kept = stored(journal, oct_)
    assert (kept.starts_at, kept.slot_at, kept.preparation) == (
        at(10, 13),
        at(10, 13),  # off the cadence now: its own start is its slot
        "Bring the survey.",
    )
    assert nov.id not in {m.id for m in journal.meetings(rel.id)}  # nothing written: gone
    coming = [s.when for s in journal.timeline(rel.id, at(10, 1, 0), at(12, 31))]
    assert coming == [at(10, 13), at(10, 14), at(11, 11), at(12, 9)]


def test_a_cadence_needs_a_known_zone_and_a_sensible_length(
    journal: Journal, rel: Relationship
) -> None:
    for zone_name, minutes, says in (("Mars/Olympus", 60, "time zone"), ("UTC", 0, "lasts")):
        with pytest.raises(InvalidEntry, match=says):
            journal.change_cadence(
                rel.id, SECOND_TUESDAY, at=time(9), minutes=minutes, zone_name=zone_name,
                from_day=date(2026, 3, 1),
            )  # fmt: skip
    assert journal.get(Relationship, rel.id).earlier_cadences == []


def test_a_new_relationship_takes_this_computer_s_zone_and_keeps_it(
    journal: Journal, clock: Clock
) -> None:
    with computer_zone("America/New_York"):
        rel = journal.save(Relationship("New", cadence=SECOND_TUESDAY, started_on=date(2026, 1, 1)))
        assert rel.time_zone == "America/New_York"
        nxt = journal.next_meeting(rel.id, datetime(2026, 3, 1, tzinfo=UTC))
    # 10:00 in New York, seen from anywhere: 14:00 UTC after its clocks changed on 8 March.
    assert nxt == datetime(2026, 3, 10, 14, 0, tzinfo=UTC)
    assert journal.get(Relationship, rel.id).time_zone == "America/New_York"


def test_the_form_s_changed_time_applies_from_today_and_earlier_meetings_keep_theirs(
    journal: Journal, clock: Clock, rel: Relationship
) -> None:
    """Saving the relationship form with a new time (and zone) for a relationship that has
    meetings changes the cadence from today on; a form with the cadence unchanged saves as is."""
    january = journal.upcoming_meeting(rel.id)
    assert january is not None
    clock.now = at(1, 13, 10, 0)
    journal.end_meeting(journal.start_meeting(january), at(1, 13, 11))
    clock.now = at(1, 20, 9)
    same = journal.save_relationship(replace(journal.get(Relationship, rel.id), purpose="Why"))
    assert same.earlier_cadences == [] and same.purpose == "Why"

    changed = journal.save_relationship(
        replace(same, meeting_time="14:30", time_zone="Asia/Kolkata", purpose="Why not")
    )
    assert changed.purpose == "Why not"
    assert changed.cadence_from == date(2026, 1, 20)
    assert changed.earlier_cadences == [
        {
            "rule": SECOND_TUESDAY,
            "time": "10:00",
            "minutes": "60",
            "zone": "Europe/London",
            "from": "2026-01-13",
            "until": "2026-01-20",
        }
    ]
    kolkata = ZoneInfo("Asia/Kolkata")
    held = stored(journal, january)
    assert held.slot_at == at(1, 13)  # January keeps its London 10:00
    assert journal.next_meeting(rel.id) == datetime(2026, 2, 10, 14, 30, tzinfo=kolkata)
