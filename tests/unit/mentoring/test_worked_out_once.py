"""What every screen asks again and again is worked out once, with the same answers: a cadence's
dates (kept by their arguments, the anchor's own zone and fold included) and how often each
action was carried forward (all of a relationship's actions in one pass)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from mentorjournal.domain import ActionStatus, ActionStep, Meeting, MeetingStatus, Review
from mentorjournal.mentoring import agenda, cadence, schedule

LONDON = ZoneInfo("Europe/London")
RULE = "FREQ=MONTHLY;BYDAY=+2TU"
START = datetime(2026, 1, 1, tzinfo=UTC)


def test_the_same_instant_in_another_zone_keeps_its_own_dates() -> None:
    """10:00 in London and 10:00 UTC are one instant in January: kept apart all the same, each
    answer keeping its anchor's wall time and zone (in July they are an hour apart)."""
    in_london = datetime(2026, 1, 13, 10, 0, tzinfo=LONDON)
    in_utc = datetime(2026, 1, 13, 10, 0, tzinfo=UTC)
    assert in_london == in_utc
    after = datetime(2026, 6, 1, tzinfo=UTC)
    london = cadence.next_occurrences(RULE, in_london, after, count=2)
    utc = cadence.next_occurrences(RULE, in_utc, after, count=2)
    assert [d.tzinfo for d in london] == [LONDON, LONDON]
    assert [d.tzinfo for d in utc] == [UTC, UTC]
    assert london[0].hour == 10 and london[0].astimezone(UTC).hour == 9  # summer time
    assert utc[0].hour == 10


def test_a_kept_answer_cannot_be_changed_by_its_caller() -> None:
    anchor = datetime(2026, 1, 13, 18, 0, tzinfo=LONDON)
    first = cadence.next_occurrences(RULE, anchor, START, count=3)
    first.clear()
    assert len(cadence.next_occurrences(RULE, anchor, START, count=3)) == 3


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from([LONDON, UTC, ZoneInfo("America/New_York"), timezone(timedelta(hours=5))]),
    st.integers(0, 700),
    st.integers(0, 900),
    st.sampled_from([RULE, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", "FREQ=MONTHLY;BYMONTHDAY=31"]),
)
def test_kept_answers_are_those_worked_out_afresh(
    zone: timezone | ZoneInfo, anchor_day: int, after_day: int, rule: str
) -> None:
    anchor = datetime(2025, 1, 1, 18, 30, tzinfo=zone) + timedelta(days=anchor_day)
    after = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(days=after_day, hours=7)
    for _ in range(2):  # worked out, then kept
        assert cadence.next_occurrences(rule, anchor, after, count=5) == cadence._occurrences(
            rule, anchor, after, 5
        )


# --- carried forward: all at once, as one at a time ------------------------------------------

REL, OTHER = "rel", "other"
BASE = datetime(2025, 1, 6, 10, 0, tzinfo=UTC)
NOW = BASE + timedelta(days=400)


def one_at_a_time(
    action: ActionStep, meetings: list[Meeting], reviews: list[Review], now: datetime
) -> int:
    """How the count was worked out before: every meeting looked at for each action."""
    created, closed = action.created_at, None
    if action.status is not ActionStatus.OPEN:
        by_id = {m.id: m for m in meetings}
        closing = [r for r in reviews if r.action_id == action.id and r.status is action.status]
        if closing:
            last = max(closing, key=lambda r: r.reviewed_at)
            held_at = by_id.get(last.meeting_id or "")
            at = schedule.real_start(held_at) if held_at else last.reviewed_at
            closed = min(at, last.reviewed_at)
        else:
            closed = action.updated_at
    count = 0
    for m in meetings:
        if m.relationship_id != action.relationship_id or m.id == action.meeting_id:
            continue
        if schedule.state_of(m, now, UTC) is not schedule.State.HELD:
            continue
        start = schedule.real_start(m)
        if (created is None or start > created) and (closed is None or start < closed):
            count += 1
    return count


# A coarse grid of days, so that meetings, actions and reviews often fall on the same moment.
days = st.integers(min_value=0, max_value=14).map(lambda n: n * 30)


@st.composite
def cycles(draw: st.DrawFn) -> tuple[list[Meeting], list[ActionStep], list[Review]]:
    meetings = []
    for n in range(draw(st.integers(0, 12))):
        start = BASE + timedelta(days=draw(days))
        status = draw(st.sampled_from(list(MeetingStatus)))
        begun = draw(st.sampled_from([None, start + timedelta(minutes=7), start]))
        meetings.append(
            Meeting(
                relationship_id=draw(st.sampled_from([REL, REL, OTHER])),
                starts_at=start,
                status=status,
                started_at=begun,
                id=f"m{n}",
            )
        )
    actions, reviews = [], []
    for n in range(draw(st.integers(0, 8))):
        written = draw(st.sampled_from([None, BASE + timedelta(days=draw(days))]))
        action = ActionStep(
            relationship_id=draw(st.sampled_from([REL, OTHER])),
            title=f"a{n}",
            status=draw(st.sampled_from(list(ActionStatus))),
            meeting_id=draw(st.sampled_from([None, *(m.id for m in meetings)])),
            id=f"a{n}",
        )
        action.created_at = written
        action.updated_at = draw(st.sampled_from([None, BASE + timedelta(days=draw(days))]))
        actions.append(action)
        for k in range(draw(st.integers(0, 3))):
            reviews.append(
                Review(
                    relationship_id=action.relationship_id,
                    action_id=action.id,
                    meeting_id=draw(st.sampled_from([None, *(m.id for m in meetings)])),
                    status=draw(st.sampled_from(list(ActionStatus))),
                    reviewed_at=BASE + timedelta(days=draw(days)),
                    id=f"r{n}-{k}",
                )
            )
    return meetings, actions, reviews


@settings(max_examples=300, deadline=None)
@given(cycles())
def test_all_at_once_counts_as_one_at_a_time(
    cycle: tuple[list[Meeting], list[ActionStep], list[Review]],
) -> None:
    meetings, actions, reviews = cycle
    counts = agenda.carried_counts(actions, meetings, reviews, NOW, UTC)
    assert counts == {a.id: one_at_a_time(a, meetings, reviews, NOW) for a in actions}


def test_a_meeting_starting_as_the_action_was_written_does_not_count() -> None:
    """Held meetings are counted strictly between written and closed, as before."""
    tz = UTC
    at = datetime(2026, 2, 10, 10, 0, tzinfo=tz)
    held = Meeting(relationship_id=REL, starts_at=at, status=MeetingStatus.HELD, id="m")
    later = Meeting(
        relationship_id=REL, starts_at=at + timedelta(days=28), status=MeetingStatus.HELD, id="n"
    )
    action = ActionStep(relationship_id=REL, title="t", id="a")
    action.created_at = at
    counts = agenda.carried_counts([action], [held, later], [], NOW, tz)
    assert counts == {"a": 1}
