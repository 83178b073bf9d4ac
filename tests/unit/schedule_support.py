"""Shared by the schedule tests: a journal with the one clock the tests move, a relationship
on a cadence, and small helpers to hold a meeting, add an action and read a slot's state."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from mentorjournal.domain import (
    ActionStep,
    Meeting,
    Relationship,
)
from mentorjournal.journal.journal import Journal
from mentorjournal.mentoring import schedule
from mentorjournal.mentoring.schedule import State
from tests.unit.cycle_helpers import (
    Clock,
    fresh_journal,
    stored_relationship,
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
