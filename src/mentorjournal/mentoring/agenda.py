"""Where a relationship stands: next meeting, actions to review, what to do now.

Pure functions over domain objects; no storage, no UI.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    Reflection,
    Relationship,
    Review,
)
from mentorjournal.errors import InvalidEntry
from mentorjournal.mentoring import schedule
from mentorjournal.mentoring.dates import format_day

DEFAULT_MEETING_TIME = schedule.DEFAULT_TIME


def action_sort_key(a: ActionStep) -> tuple[int, date, str]:
    order = {ActionStatus.OPEN: 0, ActionStatus.DONE: 1, ActionStatus.DROPPED: 2}[a.status]
    return (order, a.due_on or date.max, a.title.casefold())


def meeting_end(m: Meeting) -> datetime:
    return m.starts_at + timedelta(minutes=m.duration_minutes)


def last_held(meetings: list[Meeting], now: datetime, zone: tzinfo) -> Meeting | None:
    return schedule.last_held(meetings, now, zone)


# --- reviews and the agenda's actions -------------------------------------------------------


def reviews_of(action_id: str, reviews: Iterable[Review]) -> list[Review]:
    """An action's review records, oldest first."""
    return sorted((r for r in reviews if r.action_id == action_id), key=lambda r: r.reviewed_at)


def review_for(action_id: str, meeting_id: str | None, reviews: Iterable[Review]) -> Review | None:
    """The record of this action's review for this meeting, if it was reviewed there."""
    if meeting_id is None:
        return None
    return next(
        (r for r in reviews if r.action_id == action_id and r.meeting_id == meeting_id), None
    )


def on_agenda(
    actions: Iterable[ActionStep], reviews: list[Review], meeting_id: str | None
) -> list[ActionStep]:
    """The actions a meeting's review covers: every open action (except those made at that
    meeting), closed actions never reviewed as closed (e.g. marked done on the actions board
    after a "still open" review), and every action already reviewed for it — so a done or
    dropped action appears once, at the meeting it was reviewed for."""
    reviewed = {r.action_id for r in reviews if r.status is not ActionStatus.OPEN}
    here = {r.action_id for r in reviews if meeting_id is not None and r.meeting_id == meeting_id}
    out = []
    for a in actions:
        if a.id in here:
            out.append(a)
        elif a.status is ActionStatus.OPEN:
            if meeting_id is None or a.meeting_id != meeting_id:
                out.append(a)
        elif a.id not in reviewed:
            out.append(a)
    return sorted(out, key=action_sort_key)


def awaiting_review(
    actions: Iterable[ActionStep], reviews: list[Review], meeting_id: str | None
) -> list[ActionStep]:
    """The agenda's actions not yet reviewed for this meeting."""
    here = {r.action_id for r in reviews if meeting_id is not None and r.meeting_id == meeting_id}
    return [a for a in on_agenda(actions, reviews, meeting_id) if a.id not in here]


def carried_words(times: int) -> str:
    """How often an action was carried forward, in the words every screen and export uses
    (the count from ``carried_forward``, through ``Journal.carried_counts``)."""
    return f"carried forward {times}×"


def carried_forward(
    action: ActionStep,
    meetings: Iterable[Meeting],
    reviews: Iterable[Review],
    now: datetime,
    zone: tzinfo,
) -> int:
    """How many meetings were held while the action was open: after it was written down (not
    the meeting it was made in) and before the meeting at which it was closed."""
    return carried_counts([action], meetings, reviews, now, zone)[action.id]


def carried_counts(
    actions: Iterable[ActionStep],
    meetings: Iterable[Meeting],
    reviews: Iterable[Review],
    now: datetime,
    zone: tzinfo,
) -> dict[str, int]:
    """``carried_forward`` of every action of one relationship (its meetings and reviews), by
    action id: the meetings held are sorted once and counted between each action's written and
    closed times, instead of each action going through every meeting."""
    own = list(meetings)
    by_id = {m.id: m for m in own}
    held = [m for m in own if schedule.state_of(m, now, zone) is schedule.State.HELD]
    starts: dict[str, list[datetime]] = {}
    for m in held:
        starts.setdefault(m.relationship_id, []).append(schedule.real_start(m))
    for found in starts.values():
        found.sort()
    closing: dict[str, list[Review]] = {}
    for r in reviews:
        closing.setdefault(r.action_id, []).append(r)
    counts: dict[str, int] = {}
    for action in actions:
        created, closed = action.created_at, _closed_at(action, by_id, closing.get(action.id, []))
        times = starts.get(action.relationship_id, [])
        low = 0 if created is None else bisect_right(times, created)
        high = len(times) if closed is None else bisect_left(times, closed)
        count = max(high - low, 0)
        made_at = by_id.get(action.meeting_id or "")
        if made_at is not None and made_at.relationship_id == action.relationship_id:
            start = schedule.real_start(made_at)
            inside = (created is None or start > created) and (closed is None or start < closed)
            if inside and schedule.state_of(made_at, now, zone) is schedule.State.HELD:
                count -= 1  # the meeting it was made in does not carry it
        counts[action.id] = count
    return counts


def _closed_at(
    action: ActionStep, meetings: dict[str, Meeting], reviews: list[Review]
) -> datetime | None:
    """When a closed action was closed: at the meeting it was reviewed as closed for, or when
    that review was done if that was earlier (a review the evening before: a meeting held in
    between found it closed already); with no such review, when it was last saved. None while
    it is open."""
    if action.status is ActionStatus.OPEN:
        return None
    closing = [r for r in reviews if r.action_id == action.id and r.status is action.status]
    if not closing:
        return action.updated_at
    last = max(closing, key=lambda r: r.reviewed_at)
    held_at = meetings.get(last.meeting_id or "")
    at = schedule.real_start(held_at) if held_at else last.reviewed_at
    return min(at, last.reviewed_at)


ReflectionMark = tuple[str | None, datetime]  # (meeting it is linked to, when it was written)


def needs_reflection(
    meetings: list[Meeting], marks: list[ReflectionMark], now: datetime, zone: tzinfo
) -> Meeting | None:
    """The last held meeting when it has no reflection linked to it or written after it
    began; None when there is nothing to reflect on."""
    last = last_held(meetings, now, zone)
    if last is None:
        return None
    begun = schedule.real_start(last)
    if any(mid == last.id or when >= begun for mid, when in marks):
        return None
    return last


def last_action_plan(reflections: list[Reflection]) -> str:
    """The action plan of the most recent reflection that has one: its model's forward-looking
    stage (Gibbs' action plan, Driscoll's "Now what?", Kolb's experimentation …)."""
    from mentorjournal.mentoring.models import forward_text

    for r in sorted(reflections, key=lambda r: r.written_at, reverse=True):
        plan = forward_text(r)
        if plan.strip():
            return plan
    return ""


# --- where a relationship stands ------------------------------------------------------------


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
    upcoming: schedule.Slot | None = None
    missed: list[schedule.Slot] = field(default_factory=list)
    what_now: str = ""
    next_step: str = ""  # "review", "prepare", "meet", "reflect", "missed", "opening", "closing"
    notes: list[str] = field(default_factory=list)
    programme: str = ""  # where it is in its programme: "meeting 3 of 8: Belonging"
    arc: str = ""  # "opening" or "closing": that reflection is not written yet and it is time
    reflected: bool = False  # any reflection written in it (known from links, no text read)


def standing(
    rel: Relationship,
    meetings: list[Meeting],
    actions: list[ActionStep],
    reviews: list[Review],
    marks: list[ReflectionMark],
    now: datetime,
) -> Standing:
    zone = schedule.rel_zone(rel)
    today = now.astimezone().date()
    nxt = schedule.upcoming(rel, meetings, now)
    target = schedule.review_slot(rel, meetings, now)
    target_id = target.meeting.id if target and target.meeting else None
    last = last_held(meetings, now, zone)
    # Missed: since the last held meeting, and never before the relationship was written down.
    starts = [schedule.real_start(last) + timedelta(minutes=1)] if last else []
    since = max([*starts, *([rel.created_at] if rel.created_at else [])], default=None)
    st = Standing(
        relationship=rel,
        next_meeting=nxt.when if nxt else None,
        open_count=sum(1 for a in actions if a.status is ActionStatus.OPEN),
        overdue_count=sum(1 for a in actions if a.is_overdue(today)),
        review_count=len(awaiting_review(actions, reviews, target_id)),
        needs_reflection=needs_reflection(meetings, marks, now, zone) is not None,
        planned=nxt.meeting if nxt else None,
        upcoming=nxt,
        missed=schedule.missed(rel, meetings, now, since) if rel.cadence or meetings else [],
        reflected=bool(marks),
    )
    st.what_now, st.next_step = what_now(st, now)
    return st


def when_words(moment: datetime, now: datetime, zone: tzinfo | None = None) -> str:
    days = (moment.astimezone(zone).date() - now.astimezone(zone).date()).days
    if days == 0:
        return "today's"
    if days == 1:
        return "tomorrow's"
    if 1 < days < 7:
        return moment.astimezone(zone).strftime("%A's")
    return moment.astimezone(zone).strftime("the %d %b").replace(" 0", " ")


def what_now(st: Standing, now: datetime) -> tuple[str, str]:
    """One line for the person, and the screen it leads to."""
    nxt = st.upcoming
    if nxt is not None and nxt.state is schedule.State.UNDER_WAY:
        return "The meeting is under way — open the prompts.", "meet"
    if nxt is not None and nxt.state is schedule.State.DUE:
        if st.review_count:
            n = st.review_count
            return f"Today's meeting is due; {n} {plural(n, 'action')} to review in it.", "meet"
        return "Today's meeting is due — start it when you meet.", "meet"
    if st.needs_reflection:
        return "No reflection since the last meeting — reflect on it while it is fresh.", "reflect"
    if st.arc == "closing":
        return "It has ended: write a closing reflection, then read then and now.", "closing"
    if st.missed:
        day = format_day(st.missed[-1].when.astimezone(schedule.rel_zone(st.relationship)).date())
        return (
            f"The meeting of {day} was missed — hold it late, reschedule or cancel it.",
            "missed",
        )
    if st.arc == "opening":
        return "Before the first meeting: write your hopes, worries and what you bring.", "opening"
    if st.next_meeting is None:
        if st.relationship.ended_on is not None:
            return "This relationship has ended.", ""
        return "No meeting planned — set a cadence or plan the next meeting.", "prepare"
    soon = st.next_meeting - now <= timedelta(days=14)
    zone = schedule.rel_zone(st.relationship)  # the meeting's own day, where it is held
    when = when_words(st.next_meeting, now, zone)
    if soon and st.review_count:
        n = st.review_count
        return f"{n} {plural(n, 'action')} to review at {when} meeting.", "review"
    if soon:
        return f"Prepare for {when} meeting.", "prepare"
    return f"Next meeting {format_day(st.next_meeting.astimezone(zone).date())}.", "prepare"


def plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"


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
