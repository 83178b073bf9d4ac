"""Reviews filed in whatever order the person does things, and the agenda month after month;
the regressions the cycle's state machine found. Every test moves the journal's one clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest

from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    Outcome,
)
from mentorjournal.journal.journal import Journal
from mentorjournal.mentoring import agenda
from mentorjournal.mentoring.schedule import State
from tests.unit.cycle_helpers import (
    Clock,
    stored,
    stored_meeting,
    stored_relationship,
    stored_reviews,
)
from tests.unit.schedule_support import (
    KOLKATA,
    LONDON,
    MONTHLY_15,
    NEW_YORK,
    UTC,
    add_action,
    at,
    hold,
    relationship,
    upcoming,
)

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
