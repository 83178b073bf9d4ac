"""The cycle's rules as life happens (DESIGN.md, "The cycle the product serves"; issue 11):
today's meeting, missed and cancelled ones, late starts and early ends, rescheduling one meeting,
changing the cadence from a day on, daylight saving and other zones, reviews filed in whatever
order the person does things, and the agenda month after month.

Every test moves the journal's one clock (``journal.clock``) and reads back what is stored."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from mentorjournal import agenda, schedule
from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    MeetingStatus,
    Outcome,
    Relationship,
)
from mentorjournal.journal import Journal
from mentorjournal.schedule import State
from tests.unit.cycle_helpers import (
    Clock,
    fresh_journal,
    process_zone,
    stored,
    stored_meeting,
    stored_relationship,
    stored_reviews,
)

LONDON = ZoneInfo("Europe/London")
KOLKATA = ZoneInfo("Asia/Kolkata")
NEW_YORK = ZoneInfo("America/New_York")
UTC = ZoneInfo("UTC")
MONTHLY_15 = "FREQ=MONTHLY;BYMONTHDAY=15"


def at(day: date, hh: int, mm: int = 0, zone: ZoneInfo = LONDON) -> datetime:
    return datetime.combine(day, time(hh, mm), tzinfo=zone)


@pytest.fixture
def clock() -> Clock:
    return Clock(at(date(2027, 1, 2), 9))


@pytest.fixture
def j(clock: Clock) -> Iterator[Journal]:
    with fresh_journal(clock) as journal:
        yield journal


def relationship(
    journal: Journal,
    rule: str = MONTHLY_15,
    *,
    meeting_time: str = "10:00",
    zone: str = "Europe/London",
    started_on: date = date(2027, 1, 1),
    title: str = "Reverse mentoring",
) -> Relationship:
    return journal.save(
        Relationship(
            title=title,
            cadence=rule,
            meeting_time=meeting_time,
            time_zone=zone,
            started_on=started_on,
        )
    )


def upcoming(journal: Journal, rel: Relationship) -> schedule.Slot:
    slot = schedule.upcoming(
        stored_relationship(journal, rel.id), journal.meetings(rel.id), journal.now()
    )
    assert slot is not None
    return slot


def slot_state(journal: Journal, rel: Relationship, when: datetime) -> State:
    """The state of the timeline's entry whose slot (or start) is ``when``."""
    line = journal.timeline(rel.id, lo=when - timedelta(days=1), hi=when + timedelta(days=1))
    found = [s for s in line if s.slot_at == when or s.when == when]
    assert len(found) == 1, found
    return found[0].state


def hold(
    journal: Journal, clock: Clock, rel: Relationship, begin: datetime, end: datetime
) -> Meeting:
    """Start the upcoming meeting at ``begin`` and end it at ``end`` (the clock is moved)."""
    clock.set(begin)
    meeting = journal.upcoming_meeting(rel.id)
    assert meeting is not None
    meeting = journal.start_meeting(meeting)
    clock.set(end)
    return journal.end_meeting(journal.get(Meeting, meeting.id))


def add_action(journal: Journal, rel: Relationship, title: str, **kw: object) -> ActionStep:
    return journal.save(ActionStep(relationship_id=rel.id, title=title, **kw))  # type: ignore[arg-type]


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


# --- reviews are records, in whichever order -------------------------------------------------


def test_reviews_land_on_the_right_meeting_in_every_order(j: Journal, clock: Clock) -> None:
    rel = relationship(j)
    clock.set(at(date(2027, 1, 3), 9))
    before_prep, after_prep, during, after_end, evening = (
        add_action(j, rel, t)
        for t in ("before prep", "after prep", "during", "after end", "evening")
    )
    january = at(date(2027, 1, 15), 10)

    clock.set(at(date(2027, 1, 10), 20))  # before preparing: no meeting stored yet
    first = j.review_action(before_prep, ActionStatus.OPEN, Outcome.SIDEWAYS, "slow start")
    meeting = stored_meeting(j, first.meeting_id)  # type: ignore[arg-type]
    assert meeting.slot_at == january

    clock.set(at(date(2027, 1, 12), 20))  # preparing
    prepared = j.upcoming_meeting(rel.id)
    assert prepared is not None and prepared.id == meeting.id
    prepared.preparation = "Ask about the network"
    j.save(prepared)
    assert (
        j.review_action(after_prep, ActionStatus.DONE, Outcome.FORWARDS, "sent").meeting_id
        == meeting.id
    )

    clock.set(at(date(2027, 1, 15), 10, 7))  # inside the meeting
    j.start_meeting(j.upcoming_meeting(rel.id))  # type: ignore[arg-type]
    assert (
        j.review_action(during, ActionStatus.DROPPED, Outcome.BACKWARDS, "no").meeting_id
        == meeting.id
    )

    clock.set(at(date(2027, 1, 15), 11))
    j.end_meeting(j.get(Meeting, meeting.id))
    clock.set(at(date(2027, 1, 15), 18))  # after it ended, the same day
    assert j.review_action(after_end, ActionStatus.OPEN, None, "").meeting_id == meeting.id
    # Reviewing again for the same meeting edits its record.
    again = j.review_action(before_prep, ActionStatus.OPEN, Outcome.FORWARDS, "better now")
    assert again.meeting_id == meeting.id and again.id == first.id

    clock.set(at(date(2027, 2, 14), 20))  # the evening before the next meeting
    february = j.review_action(evening, ActionStatus.DONE, Outcome.FORWARDS, "did it")
    next_meeting = stored_meeting(j, february.meeting_id)  # type: ignore[arg-type]
    assert next_meeting.slot_at == at(date(2027, 2, 15), 10)
    later = j.review_action(before_prep, ActionStatus.OPEN, Outcome.SIDEWAYS, "again")
    assert later.meeting_id == next_meeting.id and later.id != first.id  # a new record

    records = {(r.action_id, r.meeting_id): r for r in stored_reviews(j)}
    assert len(records) == len(stored_reviews(j)) == 6
    assert {a for a, m in records if m == meeting.id} == {
        before_prep.id,
        after_prep.id,
        during.id,
        after_end.id,
    }
    kept = records[(before_prep.id, meeting.id)]
    assert (kept.status, kept.outcome, kept.learning) == (
        ActionStatus.OPEN,
        Outcome.FORWARDS,
        "better now",
    )
    assert kept.reviewed_at == at(date(2027, 1, 15), 18)
    assert records[(before_prep.id, next_meeting.id)].learning == "again"
    history = [r.learning for r in agenda.reviews_of(before_prep.id, j.reviews(rel.id))]
    assert history == ["better now", "again"]  # an outcome is recorded, not rewritten


def test_a_review_the_day_after_a_meeting_is_for_the_next_one(j: Journal, clock: Clock) -> None:
    rel = relationship(j)
    clock.set(at(date(2027, 1, 3), 9))
    action = add_action(j, rel, "Read the report")
    held = hold(j, clock, rel, at(date(2027, 1, 15), 10), at(date(2027, 1, 15), 11))
    clock.set(at(date(2027, 1, 16), 9))
    record = j.review_action(action, ActionStatus.OPEN, None, "")
    assert record.meeting_id != held.id
    assert stored_meeting(j, record.meeting_id).slot_at == at(date(2027, 2, 15), 10)  # type: ignore[arg-type]


# --- the agenda, month after month ------------------------------------------------------------


def test_an_open_action_stays_on_every_agenda_and_a_done_one_appears_once(
    j: Journal, clock: Clock
) -> None:
    rel = relationship(j)
    january = hold(j, clock, rel, at(date(2027, 1, 15), 10), at(date(2027, 1, 15), 11))
    clock.set(at(date(2027, 1, 15), 10, 30))  # quick capture in the meeting... written after
    action = add_action(j, rel, "Sponsor a junior colleague", meeting_id=january.id)
    other = add_action(j, rel, "Read the policy")
    assert action.id not in {a.id for a in agenda.on_agenda(j.actions(rel.id), [], january.id)}

    meetings = []
    for month in (2, 3, 4):
        clock.set(at(date(2027, month, 14), 20))  # the evening before
        target = j.review_meeting(rel.id)
        assert target is not None
        agenda_ids = {a.id for a, _ in j.agenda_actions(rel.id, target.id)}
        assert {action.id, other.id} <= agenda_ids
        j.review_action(
            j.get(ActionStep, action.id), ActionStatus.OPEN, Outcome.SIDEWAYS, f"m{month}"
        )
        # Reviewed and still open: still on this meeting's agenda, with what was recorded.
        listed = dict((a.id, r) for a, r in j.agenda_actions(rel.id, target.id))
        assert listed[action.id] is not None and listed[action.id].learning == f"m{month}"
        assert action.id not in {a.id for a in j.awaiting_review(rel.id, target.id)}
        meetings.append(
            hold(j, clock, rel, at(date(2027, month, 15), 10), at(date(2027, month, 15), 11))
        )
        clock.set(at(date(2027, month, 20), 9))
        nxt = j.review_meeting(rel.id)
        assert nxt is not None and action.id in {a.id for a in j.awaiting_review(rel.id, nxt.id)}

    clock.set(at(date(2027, 5, 15), 10, 10))
    may = j.start_meeting(j.upcoming_meeting(rel.id))  # type: ignore[arg-type]
    j.review_action(j.get(ActionStep, action.id), ActionStatus.DONE, Outcome.FORWARDS, "sponsored")
    clock.set(at(date(2027, 5, 15), 11))
    j.end_meeting(j.get(Meeting, may.id))

    clock.set(at(date(2027, 6, 1), 9))
    june = j.review_meeting(rel.id)
    assert june is not None
    reviews = j.reviews(rel.id)
    actions = j.actions(rel.id)
    everywhere = [january, *meetings, may, june]
    shown_done = [
        m.id
        for m in everywhere
        if any(
            a.id == action.id
            and (r := agenda.review_for(a.id, m.id, reviews))
            and r.status is ActionStatus.DONE
            for a in agenda.on_agenda(actions, reviews, m.id)
        )
    ]
    assert shown_done == [may.id]
    assert action.id not in {a.id for a in agenda.on_agenda(actions, reviews, june.id)}
    assert other.id in {a.id for a in agenda.on_agenda(actions, reviews, june.id)}
    # Carried forward: held in February, March and April while open (not January, where it was
    # made, nor May, where it was closed).
    assert j.carried_forward(j.get(ActionStep, action.id)) == 3
    assert stored(j).get(ActionStep, action.id).carried_forward == 3
    assert j.carried_forward(j.get(ActionStep, other.id)) == 4  # Feb–May, still open


def test_carried_forward_counts_meetings_held_not_slots_passed(j: Journal, clock: Clock) -> None:
    rel = relationship(j)
    clock.set(at(date(2027, 1, 3), 9))
    action = add_action(j, rel, "Mentor circle")
    hold(j, clock, rel, at(date(2027, 1, 15), 10), at(date(2027, 1, 15), 11))
    clock.set(at(date(2027, 2, 10), 9))
    j.cancel_meeting(j.upcoming_meeting(rel.id))  # type: ignore[arg-type]
    clock.set(at(date(2027, 4, 1), 9))  # March missed
    hold(j, clock, rel, at(date(2027, 4, 15), 10, 30), at(date(2027, 4, 15), 11))
    clock.set(at(date(2027, 4, 20), 9))
    assert j.carried_forward(j.get(ActionStep, action.id)) == 2


def test_an_action_done_on_the_board_after_a_still_open_review_is_reviewed_next(
    j: Journal, clock: Clock
) -> None:
    """Found by the state machine: reviewed "still open" for one meeting, then marked done on
    the actions board, it vanished from every later agenda, so its outcome was never recorded."""
    rel = relationship(j)
    clock.set(at(date(2027, 1, 3), 9))
    action = add_action(j, rel, "Book the workshop")
    clock.set(at(date(2027, 1, 14), 20))
    january = j.review_action(action, ActionStatus.OPEN, None, "").meeting_id
    hold(j, clock, rel, at(date(2027, 1, 15), 10), at(date(2027, 1, 15), 11))
    clock.set(at(date(2027, 1, 20), 9))
    j.save(replace(j.get(ActionStep, action.id), status=ActionStatus.DONE))
    february = j.review_meeting(rel.id)
    assert february is not None and february.id != january
    assert action.id in {a.id for a in j.awaiting_review(rel.id, february.id)}
    j.review_action(j.get(ActionStep, action.id), ActionStatus.DONE, Outcome.FORWARDS, "booked")
    reviews, actions = j.reviews(rel.id), j.actions(rel.id)
    assert action.id in {a.id for a in agenda.on_agenda(actions, reviews, february.id)}
    clock.set(at(date(2027, 3, 1), 9))
    march = j.review_meeting(rel.id)
    assert march is not None
    assert action.id not in {a.id for a in agenda.on_agenda(actions, reviews, march.id)}


def test_changing_the_cadence_keeps_a_meeting_a_review_was_filed_under(
    j: Journal, clock: Clock
) -> None:
    """Found by the state machine: a review done before the meeting, then the cadence changed
    from today to a rule with no date that day — the meeting was removed and the review lost
    its meeting."""
    rel = relationship(j)
    clock.set(at(date(2027, 1, 3), 9))
    action = add_action(j, rel, "Shadow a panel")
    record = j.review_action(action, ActionStatus.OPEN, Outcome.SIDEWAYS, "asked")
    j.change_cadence(
        rel.id,
        "FREQ=MONTHLY;BYDAY=+2TU",
        at=time(10),
        minutes=60,
        zone_name="Europe/London",
        from_day=date(2027, 1, 3),
    )
    kept = stored_reviews(j)
    assert [(r.id, r.meeting_id) for r in kept] == [(record.id, record.meeting_id)]
    meeting = stored_meeting(j, record.meeting_id)  # type: ignore[arg-type]
    assert meeting.starts_at == meeting.slot_at == at(date(2027, 1, 15), 10)  # off the cadence
    assert [s.when for s in j.timeline(rel.id, hi=at(date(2027, 1, 31), 0))] == [
        at(date(2027, 1, 12), 10),
        at(date(2027, 1, 15), 10),
    ]


def test_a_cadence_change_for_an_earlier_day_replaces_one_planned_for_later(
    j: Journal, clock: Clock
) -> None:
    """Found by the state machine: changed from the 20th, then (changing one's mind) from the
    5th — the first cadence still applied until the 20th, so two cadences covered those days."""
    rel = relationship(j, "FREQ=WEEKLY;BYDAY=TU")
    clock.set(at(date(2027, 1, 3), 9))
    j.change_cadence(
        rel.id,
        MONTHLY_15,
        at=time(10),
        minutes=60,
        zone_name="Europe/London",
        from_day=date(2027, 1, 20),
    )
    j.change_cadence(
        rel.id,
        "FREQ=MONTHLY;BYMONTHDAY=8",
        at=time(16),
        minutes=60,
        zone_name="Europe/London",
        from_day=date(2027, 1, 5),
    )
    kept = stored_relationship(j, rel.id)
    assert [(c["from"], c["until"]) for c in kept.earlier_cadences] == [
        ("2027-01-01", "2027-01-05")
    ]
    line = j.timeline(rel.id, hi=at(date(2027, 2, 28), 0))
    assert [s.when for s in line] == [
        at(date(2027, 1, 8), 16),
        at(date(2027, 2, 8), 16),
    ]


def test_a_meeting_held_after_an_action_was_closed_does_not_carry_it(
    j: Journal, clock: Clock
) -> None:
    """Found by the state machine: reviewed as dropped for the next meeting, then the missed
    one held late — it counted as carried forward to that late meeting, though already closed."""
    rel = relationship(j)
    clock.set(at(date(2027, 1, 3), 9))
    action = add_action(j, rel, "Join the network")
    clock.set(at(date(2027, 1, 16), 9))  # the 15th was missed
    record = j.review_action(action, ActionStatus.DROPPED, Outcome.BACKWARDS, "no time")
    assert stored_meeting(j, record.meeting_id).slot_at == at(date(2027, 2, 15), 10)  # type: ignore[arg-type]
    clock.set(at(date(2027, 1, 16), 11))
    (missed,) = j.missed_meetings(rel.id)
    late = j.start_meeting(j.store_slot(rel.id, missed))
    clock.set(at(date(2027, 1, 16), 12))
    j.end_meeting(j.get(Meeting, late.id))
    assert j.carried_forward(j.get(ActionStep, action.id)) == 0


def test_a_missed_meeting_held_late_is_the_meeting_under_way(j: Journal, clock: Clock) -> None:
    """Found by the state machine: a missed meeting started late (its planned day before today)
    was not "under way", so a review done inside it went to the next meeting."""
    rel = relationship(j)
    clock.set(at(date(2027, 1, 3), 9))
    action = add_action(j, rel, "Write to the dean")
    clock.set(at(date(2027, 1, 18), 14))
    (missed,) = j.missed_meetings(rel.id)
    late = j.start_meeting(j.store_slot(rel.id, missed))
    clock.set(at(date(2027, 1, 18), 14, 20))
    nxt = upcoming(j, rel)
    assert (nxt.state, nxt.meeting and nxt.meeting.id) == (State.UNDER_WAY, late.id)
    assert j.review_action(action, ActionStatus.OPEN, None, "").meeting_id == late.id
    (standing,) = j.standings()
    assert standing.next_step == "meet"
    clock.set(at(date(2027, 1, 18), 15))
    j.end_meeting(j.get(Meeting, late.id))
    kept = stored_meeting(j, late.id)
    assert (kept.slot_at, kept.started_at, kept.duration_minutes) == (
        at(date(2027, 1, 15), 10),
        at(date(2027, 1, 18), 14),
        60,
    )
    assert upcoming(j, rel).when == at(date(2027, 2, 15), 10)


def test_an_action_closed_on_the_board_stops_being_carried_forward(
    j: Journal, clock: Clock
) -> None:
    """Found by the state machine: ending a later meeting saved the closed action again (its
    kept count), which moved the moment it counted as closed, so it was carried once more."""
    rel = relationship(j)
    clock.set(at(date(2027, 1, 3), 9))
    action = add_action(j, rel, "Read the audit")
    clock.set(at(date(2027, 1, 15), 10))
    j.start_meeting(j.upcoming_meeting(rel.id))  # type: ignore[arg-type]  # never ended
    clock.set(at(date(2027, 1, 20), 9))
    j.save(replace(j.get(ActionStep, action.id), status=ActionStatus.DONE))
    assert j.carried_forward(j.get(ActionStep, action.id)) == 1
    hold(j, clock, rel, at(date(2027, 2, 15), 10), at(date(2027, 2, 15), 11))
    assert j.carried_forward(stored(j).get(ActionStep, action.id)) == 1


def test_moving_the_cadence_to_a_zone_further_west_leaves_no_meeting_off_it(
    j: Journal, clock: Clock
) -> None:
    """Found by the state machine: changed from the 13th to a New York cadence, a planned
    meeting of the old Kolkata one early on the 13th (Kolkata time: still the 12th in New York)
    stayed planned, on no cadence at all."""
    rel = relationship(j, "FREQ=WEEKLY;BYDAY=WE", meeting_time="01:30", zone="Asia/Kolkata")
    clock.set(datetime(2027, 1, 7, 9, tzinfo=KOLKATA))
    meeting = j.upcoming_meeting(rel.id)
    assert meeting is not None and meeting.slot_at == datetime(2027, 1, 13, 1, 30, tzinfo=KOLKATA)
    j.change_cadence(
        rel.id,
        "FREQ=MONTHLY;BYDAY=+2TU",
        at=time(23, 30),
        minutes=60,
        zone_name="America/New_York",
        from_day=date(2027, 1, 13),
    )
    assert [m.id for m in stored(j).meetings(rel.id)] == []
    line = j.timeline(rel.id, lo=clock.now, hi=datetime(2027, 2, 28, tzinfo=UTC))
    assert [s.when for s in line] == [
        datetime(2027, 2, 9, 23, 30, tzinfo=NEW_YORK),
    ]


@pytest.mark.parametrize(("month", "day"), [(3, 28), (10, 31)])
def test_a_meeting_at_a_time_the_clocks_skip_or_repeat_takes_its_slot(
    j: Journal, clock: Clock, month: int, day: int
) -> None:
    """Found by the state machine: at 01:30 on the days the UK clocks change, the stored
    meeting did not take its cadence slot (a time in a gap or fold is never == the same
    instant in another zone), so the timeline showed it twice and, once held, a missed twin."""
    rel = relationship(j, "FREQ=MONTHLY;BYDAY=-1SU", meeting_time="01:30")
    clock.set(at(date(2027, month, 20), 9))
    meeting = j.upcoming_meeting(rel.id)
    assert meeting is not None
    window = {"lo": at(date(2027, month, 20), 0), "hi": at(date(2027, month, day), 23)}
    assert [s.meeting is not None for s in stored(j).timeline(rel.id, **window)] == [True]
    hold(j, clock, rel, meeting.starts_at, meeting.starts_at + timedelta(minutes=50))
    clock.set(at(date(2027, month, day), 12))
    assert [s.state for s in stored(j).timeline(rel.id, **window)] == [State.HELD]
    the_day = date(2027, month, day)
    assert [
        s for s in j.missed_meetings(rel.id) if s.when.astimezone(LONDON).date() == the_day
    ] == []
    assert upcoming(j, rel).when > at(date(2027, month, day), 23)
