"""When a relationship meets: its cadence's slots, and the state of each meeting on a given day.

A cadence is a repeat rule plus a time of day, a length and a time zone, from a first day on
(earlier cadences are kept with the days they applied). Planned meetings sit on its slots; a
held meeting keeps its slot and records its real start and end; rescheduling moves one
meeting's start and keeps its slot taken. A slot with no meeting in the journal yet is still a
meeting to come (or a missed one): the journal stores it only once the person does something
with it.

Pure functions over domain objects; the only clock is the ``now`` passed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from mentorjournal.domain import Meeting, MeetingStatus, Relationship
from mentorjournal.mentoring import zones

DEFAULT_TIME = time(10, 0)
_CHUNK = 400
MAX_SLOTS = 4000  # a daily cadence over ten years


class State(StrEnum):
    PLANNED = "planned"  # to come (possibly later today)
    DUE = "due"  # today, its time has come, not started yet
    UNDER_WAY = "under way"  # started today, not ended
    HELD = "held"
    MISSED = "missed"  # an earlier day, never held nor cancelled
    CANCELLED = "cancelled"


OPEN_STATES = (State.PLANNED, State.DUE, State.UNDER_WAY)


@dataclass(frozen=True)
class Period:
    """One cadence and the days it applied: ``start`` (None: from the beginning) up to the day
    before ``until`` (None: still in use)."""

    rule: str
    at: time
    minutes: int
    zone: str
    start: date | None
    until: date | None


@dataclass(frozen=True)
class Slot:
    """A meeting on the timeline: in the journal (``meeting``), or a cadence date not yet
    stored (``meeting`` None). A meeting off the cadence has its own start as its slot; only
    meetings stored before slots were kept have none."""

    when: datetime
    slot_at: datetime | None
    state: State
    meeting: Meeting | None = None
    minutes: int = 60

    @property
    def is_today_s(self) -> bool:
        return self.state in (State.DUE, State.UNDER_WAY)


def rel_zone(rel: Relationship) -> tzinfo:
    return zones.zone(rel.time_zone)


def format_meeting(rel: Relationship, moment: datetime) -> str:
    """A meeting's time in the relationship's own zone, e.g. "Tue 8 Dec 2026, 10:00"; with the
    zone's place ("(London time)") when it is not this computer's zone."""
    from mentorjournal.mentoring.dates import format_when

    text = format_when(moment, rel_zone(rel))
    if rel.time_zone and rel.time_zone != zones.local_zone_name():
        text += f" ({zones.zone_label(rel.time_zone)})"
    return text


def meeting_time(rel: Relationship) -> time:
    return zones.parse_time_of_day(rel.meeting_time) or DEFAULT_TIME


def periods(rel: Relationship) -> list[Period]:
    """Every cadence the relationship has had, oldest first; the current one last."""
    out = []
    for item in rel.earlier_cadences:
        try:
            out.append(
                Period(
                    item["rule"],
                    zones.parse_time_of_day(item.get("time", "")) or DEFAULT_TIME,
                    int(item.get("minutes") or 60),
                    item.get("zone", rel.time_zone),
                    date.fromisoformat(item["from"]) if item.get("from") else None,
                    date.fromisoformat(item["until"]) if item.get("until") else None,
                )
            )
        except (KeyError, ValueError):
            continue  # an entry that cannot be read adds no dates
    if rel.cadence:
        out.append(
            Period(
                rel.cadence,
                meeting_time(rel),
                rel.meeting_minutes,
                rel.time_zone,
                rel.cadence_from,
                None,
            )
        )
    return out


def first_day(rel: Relationship, meetings: Iterable[Meeting], today: date) -> date:
    """The day a cadence with no start of its own begins: the relationship's start, else its
    first meeting, else the day it was written down, else today."""
    if rel.started_on is not None:
        return rel.started_on
    zone = rel_zone(rel)
    days = [m.starts_at.astimezone(zone).date() for m in meetings]
    if not days and rel.created_at is not None:
        days.append(rel.created_at.astimezone(zone).date())
    return min(days, default=today)


def period_dates(
    period: Period, begin: date, lo: datetime, hi: datetime, ended_on: date | None
) -> list[datetime]:
    """The period's occurrences from ``lo`` to ``hi`` (inclusive), within its days."""
    from mentorjournal.mentoring import (
        cadence,  # imported when needed: the command line starts faster
    )

    zone = zones.zone(period.zone)
    start_day = period.start or begin
    anchor = datetime.combine(start_day, period.at, tzinfo=zone)
    after = max(anchor, lo) - timedelta(seconds=1)
    last_day = min(
        [d for d in (ended_on, period.until and period.until - timedelta(days=1)) if d],
        default=None,
    )
    found: list[datetime] = []
    try:
        while len(found) < MAX_SLOTS:
            chunk = cadence.next_occurrences(period.rule, anchor, after, count=_CHUNK)
            keep = [d for d in chunk if d <= hi and (last_day is None or d.date() <= last_day)]
            found.extend(keep)
            if len(keep) < len(chunk) or len(chunk) < _CHUNK:
                break
            after = chunk[-1]
    except cadence.CadenceError:
        return found  # a cadence the person can fix on the relationship page
    return found


def cadence_dates(
    rel: Relationship, meetings: Iterable[Meeting], lo: datetime, hi: datetime, today: date
) -> list[tuple[datetime, int]]:
    """Every slot of every cadence the relationship had, from ``lo`` to ``hi``, with the
    length its cadence gives a meeting."""
    begin = first_day(rel, meetings, today)
    out: list[tuple[datetime, int]] = []
    for period in periods(rel):
        out += [(d, period.minutes) for d in period_dates(period, begin, lo, hi, rel.ended_on)]
    return sorted(out)


def state_of(m: Meeting, now: datetime, zone: tzinfo) -> State:
    """Where a stored meeting stands at ``now`` (days counted in the relationship's zone)."""
    if m.status is MeetingStatus.CANCELLED:
        return State.CANCELLED
    if m.status is MeetingStatus.HELD:
        return State.HELD
    today = now.astimezone(zone).date()
    if m.started_at is not None:
        # Started and never ended (the computer was switched off): under way until the day
        # is over, then it counts as held.
        return State.UNDER_WAY if m.started_at.astimezone(zone).date() >= today else State.HELD
    return virtual_state(m.starts_at, now, zone)


def virtual_state(when: datetime, now: datetime, zone: tzinfo) -> State:
    day, today = when.astimezone(zone).date(), now.astimezone(zone).date()
    if day < today:
        return State.MISSED
    if day == today and when <= now:
        return State.DUE
    return State.PLANNED


def _legacy_cover(held: list[datetime], dates: list[datetime]) -> set[datetime]:
    """Cadence dates covered by held meetings stored without a slot (journals written before
    slots were kept, or a meeting moved off the cadence): each counts for the date it is
    nearest to, within half the gap to the dates either side."""
    covered: set[datetime] = set()
    for i, when in enumerate(dates):
        low = when - (when - dates[i - 1]) / 2 if i else when - timedelta(days=3660)
        high = when + (dates[i + 1] - when) / 2 if i + 1 < len(dates) else None
        if any(low <= h and (high is None or h < high) for h in held):
            covered.add(when)
    return covered


def _with_neighbours(
    rel: Relationship, meetings: list[Meeting], dates: list[datetime], today: date
) -> list[datetime]:
    """``dates`` with the cadence dates just before and after them (outside the window), so a
    held meeting covers a date at the window's edge only if it is nearest to it."""
    if not dates:
        return dates
    year = timedelta(days=400)
    second = timedelta(seconds=1)
    before = cadence_dates(rel, meetings, dates[0] - year, dates[0] - second, today)
    after = cadence_dates(rel, meetings, dates[-1] + second, dates[-1] + year, today)
    return [d for d, _ in before[-1:]] + dates + [d for d, _ in after[:1]]


def timeline(
    rel: Relationship,
    meetings: list[Meeting],
    now: datetime,
    lo: datetime | None = None,
    hi: datetime | None = None,
) -> list[Slot]:
    """Every meeting of the relationship and every cadence slot not yet stored, from ``lo``
    (default: the cadence's beginning) to ``hi`` (default: the end of today), in time order."""
    zone = rel_zone(rel)
    today = now.astimezone(zone).date()
    own = [m for m in meetings if m.relationship_id == rel.id]
    if lo is None:
        lo = datetime.combine(first_day(rel, own, today), time.min, tzinfo=zone)
    if hi is None:
        hi = datetime.combine(today, time.max, tzinfo=zone)
    slots = [
        Slot(m.starts_at, m.slot_at, state_of(m, now, zone), m, m.duration_minutes)
        for m in own
        if lo <= m.starts_at <= hi or (m.slot_at is not None and lo <= m.slot_at <= hi)
    ]
    lengths = dict(cadence_dates(rel, own, lo, hi, today))
    dates = sorted(lengths)
    # As instants: a time the clocks skip or repeat (01:30 on a change day) is never == the
    # same instant in another zone (PEP 495), and stored times come back with fixed offsets.
    taken = {m.slot_at.astimezone(UTC) for m in own if m.slot_at is not None}
    # Meetings stored before slots were kept (slot_at None) cover cadence dates too: a held one
    # the date it is nearest to, a planned or cancelled one the date on its own day.
    legacy = [m for m in own if m.slot_at is None]
    held = [m.started_at or m.starts_at for m in legacy if m.status is MeetingStatus.HELD]
    covered = _legacy_cover(held, _with_neighbours(rel, own, dates, today)) if held else set()
    days = {
        m.starts_at.astimezone(zone).date() for m in legacy if m.status is not MeetingStatus.HELD
    }
    covered |= {d for d in dates if d.astimezone(zone).date() in days}
    for when in dates:
        if when.astimezone(UTC) not in taken and when not in covered:
            state = virtual_state(when, now, zone)
            slots.append(Slot(when, when, state, None, lengths[when]))
    return sorted(slots, key=lambda s: (s.when, s.meeting is None))


def upcoming(rel: Relationship, meetings: list[Meeting], now: datetime) -> Slot | None:
    """The next meeting not yet held: today's (due, under way or later today) or the first one
    to come, stored or on the cadence. None: no date is known, or the relationship ended."""
    zone = rel_zone(rel)
    today = now.astimezone(zone).date()
    if rel.ended_on is not None and rel.ended_on < today:
        return None
    start = datetime.combine(today, time.min, tzinfo=zone)
    own = [m for m in meetings if m.relationship_id == rel.id]
    stored = [m.starts_at for m in own if state_of(m, now, zone) in OPEN_STATES]
    # Look a year ahead, or as far as the furthest planned meeting.
    horizon = max([start + timedelta(days=400), *stored])
    found = [s for s in timeline(rel, own, now, start, horizon) if s.state in OPEN_STATES]
    # Under way: also a missed meeting being held late (its planned day is before today).
    under_way = [
        Slot(m.starts_at, m.slot_at, State.UNDER_WAY, m, m.duration_minutes)
        for m in sorted(own, key=real_start)
        if state_of(m, now, zone) is State.UNDER_WAY
    ]
    first = under_way or found
    return first[0] if first else None


def held_today(rel: Relationship, meetings: list[Meeting], now: datetime) -> Meeting | None:
    """The meeting held (or ended) today, the latest if more than one."""
    zone = rel_zone(rel)
    today = now.astimezone(zone).date()
    done = [
        m
        for m in meetings
        if m.relationship_id == rel.id
        and state_of(m, now, zone) is State.HELD
        and (m.ended_at or m.started_at or m.starts_at).astimezone(zone).date() == today
    ]
    return max(done, key=lambda m: m.ended_at or m.starts_at, default=None)


def review_slot(rel: Relationship, meetings: list[Meeting], now: datetime) -> Slot | None:
    """The meeting a review done at ``now`` belongs to: the one under way; else the one held
    earlier today; else the next one (today's or to come)."""
    nxt = upcoming(rel, meetings, now)
    if nxt is not None and nxt.state is State.UNDER_WAY:
        return nxt
    held = held_today(rel, meetings, now)
    if held is not None:
        return Slot(held.starts_at, held.slot_at, State.HELD, held, held.duration_minutes)
    return nxt


def missed(
    rel: Relationship, meetings: list[Meeting], now: datetime, since: datetime | None = None
) -> list[Slot]:
    """Meetings of earlier days never held nor cancelled, from ``since`` (default: the start)."""
    zone = rel_zone(rel)
    yesterday = datetime.combine(now.astimezone(zone).date(), time.min, tzinfo=zone)
    return [s for s in timeline(rel, meetings, now, since, yesterday) if s.state is State.MISSED]


def last_held(meetings: list[Meeting], now: datetime, zone: tzinfo) -> Meeting | None:
    held = [m for m in meetings if state_of(m, now, zone) is State.HELD]
    return max(held, key=lambda m: m.started_at or m.starts_at, default=None)


def real_start(m: Meeting) -> datetime:
    return m.started_at or m.starts_at


def new_meeting(rel: Relationship, slot: Slot) -> Meeting:
    """A cadence slot made into a meeting to store."""
    return Meeting(
        relationship_id=rel.id,
        starts_at=slot.when,
        slot_at=slot.slot_at,
        duration_minutes=slot.minutes,
    )
