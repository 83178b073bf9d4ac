"""The cycle's rules as life happens (DESIGN.md, "The cycle the product serves"; issue 11):
today's meeting, missed and cancelled ones, late starts and early ends, rescheduling one meeting,
changing the cadence from a day on, daylight saving and other zones.

Every test moves the journal's one clock (``journal.clock``) and reads back what is stored."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from mentorjournal.domain import (
    Meeting,
    MeetingStatus,
)
from mentorjournal.journal.journal import Journal
from mentorjournal.mentoring.schedule import State
from tests.local_zone import pinned_timezone as process_zone
from tests.unit.cycle_helpers import (
    Clock,
    fresh_journal,
    stored_meeting,
    stored_relationship,
)
from tests.unit.schedule_support import (
    KOLKATA,
    LONDON,
    MONTHLY_15,
    NEW_YORK,
    UTC,
    at,
    hold,
    relationship,
    slot_state,
    upcoming,
)

# --- today's meeting, missed, cancelled ----------------------------------------------------------


def test_a_passed_slot_is_today_s_meeting_until_the_day_ends_then_missed(
    j: Journal, clock: Clock
) -> None:
    rel = relationship(j)
    slot = at(date(2027, 1, 15), 10)
    clock.set(at(date(2027, 1, 15), 9, 59))
    assert upcoming(j, rel).when == slot and upcoming(j, rel).state is State.PLANNED
    for moment in (
        at(date(2027, 1, 15), 10),
        at(date(2027, 1, 15), 10, 40),
        at(date(2027, 1, 15), 23, 59),
    ):
        clock.set(moment)
        nxt = upcoming(j, rel)
        assert (nxt.when, nxt.state) == (slot, State.DUE), moment  # not skipped to February
        assert nxt.is_today_s
        assert j.next_meeting(rel.id) == slot
        assert j.missed_meetings(rel.id) == []
    clock.set(at(date(2027, 1, 16), 0, 1))
    assert slot_state(j, rel, slot) is State.MISSED
    assert [s.when for s in j.missed_meetings(rel.id)] == [slot]
    assert upcoming(j, rel).when == at(date(2027, 2, 15), 10)


def test_a_meeting_under_way_is_today_s_meeting_and_held_once_ended(
    j: Journal, clock: Clock
) -> None:
    rel = relationship(j)
    clock.set(at(date(2027, 1, 15), 10, 5))
    meeting = j.start_meeting(j.upcoming_meeting(rel.id))  # type: ignore[arg-type]
    clock.set(at(date(2027, 1, 15), 10, 50))
    nxt = upcoming(j, rel)
    assert (nxt.state, nxt.meeting and nxt.meeting.id) == (State.UNDER_WAY, meeting.id)
    j.end_meeting(j.get(Meeting, meeting.id))
    assert slot_state(j, rel, at(date(2027, 1, 15), 10)) is State.HELD
    assert upcoming(j, rel).when == at(date(2027, 2, 15), 10)
    clock.set(at(date(2027, 3, 1), 9))
    assert slot_state(j, rel, at(date(2027, 1, 15), 10)) is State.HELD
    assert [s.when for s in j.missed_meetings(rel.id)] == [at(date(2027, 2, 15), 10)]


def test_a_meeting_started_and_never_ended_is_under_way_today_and_held_after(
    j: Journal, clock: Clock
) -> None:
    rel = relationship(j)
    clock.set(at(date(2027, 1, 15), 10))
    j.start_meeting(j.upcoming_meeting(rel.id))  # type: ignore[arg-type]
    clock.set(at(date(2027, 1, 15), 23, 59))
    assert upcoming(j, rel).state is State.UNDER_WAY
    clock.set(at(date(2027, 1, 16), 0, 0))
    assert slot_state(j, rel, at(date(2027, 1, 15), 10)) is State.HELD
    assert j.missed_meetings(rel.id) == []


def test_a_cancelled_meeting_is_cancelled_not_missed(j: Journal, clock: Clock) -> None:
    rel = relationship(j)
    clock.set(at(date(2027, 1, 14), 18))
    meeting = j.cancel_meeting(j.upcoming_meeting(rel.id), "  partner on leave ")  # type: ignore[arg-type]
    kept = stored_meeting(j, meeting.id)
    assert (kept.status, kept.cancel_reason) == (MeetingStatus.CANCELLED, "partner on leave")
    assert kept.slot_at == at(date(2027, 1, 15), 10)
    clock.set(at(date(2027, 1, 15), 11))
    assert upcoming(j, rel).when == at(date(2027, 2, 15), 10)  # not "due" today
    clock.set(at(date(2027, 1, 20), 9))
    assert slot_state(j, rel, at(date(2027, 1, 15), 10)) is State.CANCELLED
    assert j.missed_meetings(rel.id) == []


# --- real start and end; one meeting moved ------------------------------------------------------


def test_a_late_start_keeps_its_slot_and_the_series_does_not_move(j: Journal, clock: Clock) -> None:
    rel = relationship(j)
    held = hold(j, clock, rel, at(date(2027, 1, 15), 10, 25), at(date(2027, 1, 15), 11, 25))
    kept = stored_meeting(j, held.id)
    assert kept.slot_at == kept.starts_at == at(date(2027, 1, 15), 10)
    assert kept.started_at == at(date(2027, 1, 15), 10, 25)
    assert kept.ended_at == at(date(2027, 1, 15), 11, 25)
    assert (kept.status, kept.duration_minutes) == (MeetingStatus.HELD, 60)
    nxt = upcoming(j, rel)
    assert nxt.when == nxt.slot_at == at(date(2027, 2, 15), 10)  # not 10:25
    clock.set(at(date(2027, 2, 16), 9))
    hold(j, clock, rel, at(date(2027, 3, 15), 9, 40), at(date(2027, 3, 15), 10, 30))  # early
    assert upcoming(j, rel).when == at(date(2027, 4, 15), 10)
    times = {s.when.astimezone(LONDON).time() for s in j.timeline(rel.id) if s.meeting is None}
    assert times == {time(10, 0)}


def test_a_meeting_ended_early_stores_its_real_length(j: Journal, clock: Clock) -> None:
    rel = relationship(j)
    held = hold(j, clock, rel, at(date(2027, 1, 15), 10, 2), at(date(2027, 1, 15), 10, 22))
    kept = stored_meeting(j, held.id)
    assert kept.duration_minutes == 20
    assert (kept.started_at, kept.ended_at) == (
        at(date(2027, 1, 15), 10, 2),
        at(date(2027, 1, 15), 10, 22),
    )
    assert stored_relationship(j, rel.id).meeting_minutes == 60  # the cadence keeps its length
    assert upcoming(j, rel).minutes == 60


def test_rescheduling_moves_one_meeting_only(j: Journal, clock: Clock) -> None:
    rel = relationship(j)
    clock.set(at(date(2027, 1, 10), 12))
    meeting = j.upcoming_meeting(rel.id)
    assert meeting is not None
    moved_to = at(date(2027, 1, 18), 14, 30)
    j.reschedule_meeting(meeting, moved_to)
    kept = stored_meeting(j, meeting.id)
    assert (kept.starts_at, kept.slot_at) == (moved_to, at(date(2027, 1, 15), 10))
    line = j.timeline(rel.id, hi=at(date(2027, 3, 1), 0))
    assert [(s.when, s.meeting is not None) for s in line] == [
        (moved_to, True),  # the 15th's slot stays taken: no second meeting that day
        (at(date(2027, 2, 15), 10), False),  # the next slot is unchanged
    ]
    clock.set(at(date(2027, 1, 16), 9))  # the slot's day has passed: not missed, it was moved
    assert j.missed_meetings(rel.id) == []
    assert upcoming(j, rel).meeting.id == meeting.id  # type: ignore[union-attr]
    clock.set(at(date(2027, 1, 18), 15))
    assert upcoming(j, rel).state is State.DUE
    clock.set(at(date(2027, 1, 19), 9))
    assert [s.when for s in j.missed_meetings(rel.id)] == [moved_to]
    assert upcoming(j, rel).when == at(date(2027, 2, 15), 10)


# --- changing the cadence ---------------------------------------------------------------------


def test_changing_the_time_in_month_seven_keeps_earlier_slots_at_the_old_time(
    j: Journal, clock: Clock
) -> None:
    rel = relationship(j)
    held = [
        hold(j, clock, rel, at(date(2027, m, 15), 10, 3), at(date(2027, m, 15), 11)).id
        for m in range(1, 7)
    ]
    clock.set(at(date(2027, 7, 2), 9))
    july = j.upcoming_meeting(rel.id)  # stored before the change (e.g. prepared)
    assert july is not None and july.slot_at == at(date(2027, 7, 15), 10)
    j.change_cadence(
        rel.id,
        MONTHLY_15,
        at=time(14, 30),
        minutes=45,
        zone_name="Europe/London",
        from_day=date(2027, 7, 1),
    )
    kept = stored_relationship(j, rel.id)
    assert (kept.meeting_time, kept.meeting_minutes, kept.cadence_from) == (
        "14:30",
        45,
        date(2027, 7, 1),
    )
    assert kept.earlier_cadences and kept.earlier_cadences[-1]["until"] == "2027-07-01"
    moved = stored_meeting(j, july.id)
    assert moved.slot_at == moved.starts_at == at(date(2027, 7, 15), 14, 30)
    assert moved.duration_minutes == 45
    for meeting_id in held:
        assert stored_meeting(j, meeting_id).slot_at.astimezone(LONDON).time() == time(10)  # type: ignore[union-attr]
    clock.set(at(date(2027, 12, 31), 9))
    line = j.timeline(rel.id)
    slots = [
        (s.slot_at.astimezone(LONDON).month, s.slot_at.astimezone(LONDON).time()) for s in line
    ]  # type: ignore[union-attr]
    assert slots == [(m, time(10)) for m in range(1, 7)] + [(m, time(14, 30)) for m in range(7, 13)]
    assert [s.minutes for s in line if s.meeting is None] == [45] * 5
    assert [s.when.month for s in j.missed_meetings(rel.id)] == [7, 8, 9, 10, 11, 12]


def test_changing_the_time_from_a_day_mid_month_leaves_that_month_s_meeting_before_it(
    j: Journal, clock: Clock
) -> None:
    rel = relationship(j)
    clock.set(at(date(2027, 7, 2), 9))
    j.change_cadence(
        rel.id,
        MONTHLY_15,
        at=time(16, 0),
        minutes=60,
        zone_name="Europe/London",
        from_day=date(2027, 7, 20),
    )
    assert upcoming(j, rel).when == at(date(2027, 7, 15), 10)  # still the old cadence
    clock.set(at(date(2027, 7, 16), 9))
    assert upcoming(j, rel).when == at(date(2027, 8, 15), 16)


# --- daylight saving and zones --------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "days"),
    [
        # The last Sunday of the month: the very days the UK clocks change in 2027.
        ("FREQ=MONTHLY;BYDAY=-1SU", [(2, 28, 0), (3, 28, 1), (4, 25, 1), (10, 31, 0), (11, 28, 0)]),
        ("FREQ=MONTHLY;BYMONTHDAY=20", [(3, 20, 0), (4, 20, 1), (10, 20, 1), (11, 20, 0)]),
    ],
)
def test_london_ten_o_clock_stays_ten_across_daylight_saving_seen_from_new_york(
    clock: Clock, rule: str, days: list[tuple[int, int, int]]
) -> None:
    with process_zone("America/New_York"):
        assert datetime(2027, 7, 1, 12).astimezone().utcoffset() == timedelta(hours=-4)
        with fresh_journal(clock) as j:
            clock.set(datetime(2027, 1, 2, 9, tzinfo=NEW_YORK))
            rel = relationship(j, rule)
            assert stored_relationship(j, rel.id).time_zone == "Europe/London"
            clock.set(datetime(2027, 12, 31, 12, tzinfo=NEW_YORK))
            line = {s.when: s for s in j.timeline(rel.id)}
            for month, day, summer in days:
                when = at(date(2027, month, day), 10)
                assert when in line, (month, day)
                assert when.astimezone(UTC).hour == 10 - summer  # 09:00 UTC in summer time
            # Stored when the person does something with it, and read back from the file.
            for month, day, summer in days:
                clock.set(at(date(2027, month, day), 10, 30))
                nxt = upcoming(j, rel)
                assert nxt.state is State.DUE and nxt.when == at(date(2027, month, day), 10)
                meeting = j.upcoming_meeting(rel.id)
                assert meeting is not None
                kept = stored_meeting(j, meeting.id)
                assert kept.starts_at.astimezone(LONDON).time() == time(10)
                assert kept.starts_at.utcoffset() == timedelta(hours=summer)
            assert all(s.when.astimezone(LONDON).time() == time(10) for s in j.timeline(rel.id))


def test_days_are_counted_in_the_relationship_s_zone(j: Journal, clock: Clock) -> None:
    india = relationship(
        j, "FREQ=WEEKLY;BYDAY=MO", meeting_time="09:00", zone="Asia/Kolkata", title="India"
    )
    us = relationship(
        j, "FREQ=MONTHLY;BYDAY=+2TU", meeting_time="17:30", zone="America/New_York", title="US"
    )
    monday = datetime(2027, 1, 4, 9, tzinfo=KOLKATA)  # 03:30 UTC
    tuesday = datetime(2027, 1, 12, 17, 30, tzinfo=NEW_YORK)  # 22:30 UTC
    clock.set(datetime(2027, 1, 4, 12, tzinfo=UTC))  # 17:30 in Kolkata
    assert upcoming(j, india).state is State.DUE
    clock.set(datetime(2027, 1, 4, 19, tzinfo=UTC))  # the same UTC day, 00:30 on the 5th in Kolkata
    assert slot_state(j, india, monday) is State.MISSED
    assert upcoming(j, india).when == datetime(2027, 1, 11, 9, tzinfo=KOLKATA)
    clock.set(datetime(2027, 1, 13, 4, tzinfo=UTC))  # the next UTC day, 23:00 the 12th in New York
    nxt = upcoming(j, us)
    assert (nxt.when, nxt.state) == (tuesday, State.DUE)
    clock.set(datetime(2027, 1, 13, 5, 1, tzinfo=UTC))  # 00:01 the 13th in New York
    assert slot_state(j, us, tuesday) is State.MISSED
    # Held: the real start is kept; its local time is the zone's, whatever the computer's is.
    clock.set(datetime(2027, 2, 9, 17, 45, tzinfo=NEW_YORK))
    meeting = j.start_meeting(j.upcoming_meeting(us.id))  # type: ignore[arg-type]
    assert stored_meeting(j, meeting.id).slot_at == datetime(2027, 2, 9, 17, 30, tzinfo=NEW_YORK)
    assert upcoming(j, india).when == datetime(2027, 2, 15, 9, tzinfo=KOLKATA)
    # Summer time in New York moves the US meetings in UTC, not the Indian ones.
    line = j.timeline(us.id, hi=datetime(2027, 5, 1, tzinfo=UTC))
    assert all(s.when.astimezone(NEW_YORK).time() == time(17, 30) for s in line)
    assert {s.when.astimezone(UTC).hour for s in line} == {21, 22}
