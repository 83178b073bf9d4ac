"""Where a relationship stands: next meeting, actions to review, what to do now.

Pure functions over domain objects; no storage, no UI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from mentorjournal.dates import format_day
from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    MeetingStatus,
    Reflection,
    Relationship,
)
from mentorjournal.errors import InvalidEntry

DEFAULT_MEETING_TIME = time(10, 0)


def action_sort_key(a: ActionStep) -> tuple[int, date, str]:
    order = {ActionStatus.OPEN: 0, ActionStatus.DONE: 1, ActionStatus.DROPPED: 2}[a.status]
    return (order, a.due_on or date.max, a.title.casefold())


def meeting_end(m: Meeting) -> datetime:
    return m.starts_at + timedelta(minutes=m.duration_minutes)


def last_held(meetings: list[Meeting]) -> Meeting | None:
    held = [m for m in meetings if m.status is MeetingStatus.HELD]
    return max(held, key=lambda m: m.starts_at, default=None)


def cadence_anchor(
    rel: Relationship, meetings: list[Meeting], zone: tzinfo | None = None
) -> datetime | None:
    """The first occurrence of the cadence: the first meeting, else the start date at 10:00."""
    # In the local zone (or ``zone``) with its daylight-saving rules, so "10:00" stays 10:00
    # all year.
    from dateutil import tz  # imported when needed: the command line starts faster

    local = zone or tz.tzlocal()
    dated = [m for m in meetings if m.status is not MeetingStatus.CANCELLED]
    if dated:
        return min(m.starts_at for m in dated).astimezone(local)
    if rel.started_on is not None:
        return datetime.combine(rel.started_on, DEFAULT_MEETING_TIME, tzinfo=local)
    return None


def next_meeting(rel: Relationship, meetings: list[Meeting], now: datetime) -> datetime | None:
    """A planned meeting not yet over, else the cadence's next date after the last meeting."""
    if rel.ended_on is not None and rel.ended_on < now.date():
        return None
    planned = [
        m.starts_at for m in meetings if m.status is MeetingStatus.PLANNED and meeting_end(m) > now
    ]
    if planned:
        return min(planned)
    return next_from_cadence(rel, meetings, now)


def next_from_cadence(rel: Relationship, meetings: list[Meeting], now: datetime) -> datetime | None:
    if not rel.cadence:
        return None
    anchor = cadence_anchor(rel, meetings)
    if anchor is None:
        return None
    after = now
    latest = max((m.starts_at for m in meetings if m.status is MeetingStatus.HELD), default=None)
    if latest is not None and latest > after:
        after = latest
    from mentorjournal import cadence  # imported when needed: the command line starts faster

    try:
        found = cadence.next_occurrences(rel.cadence, anchor, after, count=1)
    except cadence.CadenceError:
        return None  # a cadence the person can fix on the relationship page
    return found[0] if found else None


def planned_meeting(meetings: list[Meeting], now: datetime) -> Meeting | None:
    """The planned meeting that is next (or under way)."""
    planned = [m for m in meetings if m.status is MeetingStatus.PLANNED and meeting_end(m) > now]
    return min(planned, key=lambda m: m.starts_at, default=None)


def awaiting_review(actions: list[ActionStep], meetings: list[Meeting]) -> list[ActionStep]:
    """Actions to review at the next meeting: still open, or closed but never reviewed — and not
    already reviewed since the last held meeting ended."""
    last = last_held(meetings)
    cutoff = meeting_end(last) if last else None
    out = []
    for a in actions:
        if a.status is not ActionStatus.OPEN and a.reviewed_at is not None:
            continue
        if a.reviewed_at is not None and (cutoff is None or a.reviewed_at >= cutoff):
            continue
        out.append(a)
    return sorted(out, key=action_sort_key)


ReflectionMark = tuple[str | None, datetime]  # (meeting it is linked to, when it was written)


def needs_reflection(meetings: list[Meeting], marks: list[ReflectionMark]) -> bool:
    """True when the last held meeting has no reflection linked to it or written after it."""
    last = last_held(meetings)
    if last is None:
        return False
    return not any(mid == last.id or when >= last.starts_at for mid, when in marks)


def last_action_plan(reflections: list[Reflection]) -> str:
    """The action plan of the most recent reflection that has one."""
    for r in sorted(reflections, key=lambda r: r.written_at, reverse=True):
        if r.action_plan.strip():
            return r.action_plan
    return ""


@dataclass
class Standing:
    """Where one relationship stands, for the home screen."""

    relationship: Relationship
    next_meeting: datetime | None
    open_count: int
    overdue_count: int
    review_count: int
    needs_reflection: bool
    planned: Meeting | None = None
    what_now: str = ""
    next_step: str = ""  # "review", "prepare", "meet", "reflect" or ""
    notes: list[str] = field(default_factory=list)


def standing(
    rel: Relationship,
    meetings: list[Meeting],
    actions: list[ActionStep],
    marks: list[ReflectionMark],
    now: datetime,
) -> Standing:
    today = now.astimezone().date()
    nxt = next_meeting(rel, meetings, now)
    review = awaiting_review(actions, meetings)
    st = Standing(
        relationship=rel,
        next_meeting=nxt,
        open_count=sum(1 for a in actions if a.status is ActionStatus.OPEN),
        overdue_count=sum(1 for a in actions if a.is_overdue(today)),
        review_count=len(review),
        needs_reflection=needs_reflection(meetings, marks),
        planned=planned_meeting(meetings, now),
    )
    st.what_now, st.next_step = what_now(st, now)
    return st


def when_words(moment: datetime, now: datetime) -> str:
    days = (moment.astimezone().date() - now.astimezone().date()).days
    if days == 0:
        return "today's"
    if days == 1:
        return "tomorrow's"
    if 1 < days < 7:
        return moment.astimezone().strftime("%A's")
    return moment.astimezone().strftime("the %d %b").replace(" 0", " ")


def what_now(st: Standing, now: datetime) -> tuple[str, str]:
    """One line for the person, and the screen it leads to."""
    if st.needs_reflection:
        return "No reflection since the last meeting — reflect on it while it is fresh.", "reflect"
    if st.next_meeting is None:
        if st.relationship.ended_on is not None:
            return "This relationship has ended.", ""
        return "No meeting planned — set a cadence or plan the next meeting.", "prepare"
    soon = st.next_meeting - now <= timedelta(days=14)
    when = when_words(st.next_meeting, now)
    if st.next_meeting <= now:
        return "The meeting is under way — open the prompts.", "meet"
    if soon and st.review_count:
        n = st.review_count
        plural = "action" if n == 1 else "actions"
        return f"{n} {plural} to review at {when} meeting.", "review"
    if soon:
        return f"Prepare for {when} meeting.", "prepare"
    return f"Next meeting {format_day(st.next_meeting.astimezone().date())}.", "prepare"


def find_relationship(rels: list[Relationship], wanted: str | None) -> Relationship:
    """The relationship named by id or title (any case); the only one when none is named."""
    if wanted is None or not wanted.strip():
        if len(rels) == 1:
            return rels[0]
        if not rels:
            raise InvalidEntry("This journal has no relationships yet.")
        raise InvalidEntry(
            f"This journal has {len(rels)} relationships; choose one with --relationship TITLE."
        )
    name = wanted.strip()
    for rel in rels:
        if rel.id == name:
            return rel
    matches = [r for r in rels if r.title.strip().casefold() == name.casefold()]
    if len(matches) == 1:
        return matches[0]
    if matches:
        ids = ", ".join(r.id for r in matches)
        raise InvalidEntry(f"{len(matches)} relationships are called “{name}”; give an id: {ids}.")
    raise InvalidEntry(f"No relationship is called “{name}”.")
