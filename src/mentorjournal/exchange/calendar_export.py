"""A relationship's coming meetings as an iCalendar file (RFC 5545), so the person's own
calendar app reminds them, the day before, to prepare.

The file is not encrypted, so it holds nothing from the journal: each event's title is only what
the person chose (by default "Mentoring meeting"), with no description, place, partner or notes.
Written by hand (no dependency): CRLF line endings, lines folded at 75 octets, text escaped.
Pure: no storage, no UI.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from mentorjournal.domain import Meeting, Relationship
from mentorjournal.mentoring import schedule

DEFAULT_TITLE = "Mentoring meeting"
DEFAULT_REMINDER = "Prepare for your mentoring meeting"
DEFAULT_COUNT = 6
MAX_COUNT = 100
PRODID = "-//MentorJournal//Calendar export//EN"
# Event UIDs are made from this fixed namespace, the relationship's id and the start time, so a
# second export of the same meetings updates the events in the calendar instead of doubling them.
UID_NAMESPACE = uuid.UUID("424942a5-d4b5-47fb-991c-600b076ca18b")
_FOLD_OCTETS = 75


@dataclass(frozen=True)
class ComingMeeting:
    starts_at: datetime  # timezone-aware
    minutes: int
    uid: str


def event_uid(relationship_id: str, starts_at: datetime) -> str:
    stamp = utc_stamp(starts_at)[:-3]  # to the minute
    return f"{uuid.uuid5(UID_NAMESPACE, f'{relationship_id}|{stamp}')}@mentorjournal"


def coming_meetings(
    rel: Relationship,
    meetings: list[Meeting],
    now: datetime,
    *,
    count: int = DEFAULT_COUNT,
) -> list[ComingMeeting]:
    """Up to ``count`` meetings to come, in the relationship's own time zone: those stored and
    not yet over (rescheduled ones at their new time), then the cadence's dates (none after the
    relationship ended; cancelled ones left out). An event's UID comes from its cadence slot,
    so a rescheduled meeting updates its event."""
    if count <= 0:
        return []
    zone = schedule.rel_zone(rel)
    start = datetime.combine(now.astimezone(zone).date(), time.min, tzinfo=zone)
    hi = start + timedelta(days=400)
    slots: list[schedule.Slot] = []
    while True:
        slots = [
            s
            for s in schedule.timeline(rel, meetings, now, start, hi)
            if s.state in schedule.OPEN_STATES
            and s.when + timedelta(minutes=s.minutes) > now
            and (rel.ended_on is None or s.when.astimezone(zone).date() <= rel.ended_on)
        ]
        if len(slots) >= count or hi - start > timedelta(days=3660):
            break
        hi += timedelta(days=1600)
    return [
        ComingMeeting(s.when, s.minutes, event_uid(rel.id, s.slot_at or s.when))
        for s in slots[:count]
    ]


# --- RFC 5545 text --------------------------------------------------------------------------


def utc_stamp(moment: datetime) -> str:
    """A DATE-TIME in UTC ("form #2"), e.g. ``20261208T100000Z``."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def clean_title(title: str) -> str:
    """The person's title on one line, without control characters; the default when empty."""
    one_line = " ".join("".join(ch if ch.isprintable() else " " for ch in title).split())
    return one_line or DEFAULT_TITLE


def escape_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line so no line is longer than 75 octets (RFC 5545 §3.1), never inside a
    UTF-8 character; each continuation line starts with one space."""
    parts: list[str] = []
    current, size = "", 0
    for ch in line:
        octets = len(ch.encode("utf-8"))
        if size + octets > _FOLD_OCTETS:
            parts.append(current)
            current, size = " ", 1
        current += ch
        size += octets
    parts.append(current)
    return "\r\n".join(parts)


def to_ics(coming: Iterable[ComingMeeting], now: datetime, *, title: str = DEFAULT_TITLE) -> str:
    """The calendar text: one event per meeting with a display reminder the day before."""
    summary = clean_title(title)
    reminder = DEFAULT_REMINDER if summary == DEFAULT_TITLE else f"Prepare for {summary}"
    stamp = utc_stamp(now)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for meeting in coming:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{meeting.uid}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{utc_stamp(meeting.starts_at)}",
            f"DTEND:{utc_stamp(meeting.starts_at + timedelta(minutes=meeting.minutes))}",
            f"SUMMARY:{escape_text(summary)}",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            "TRIGGER:-P1D",
            f"DESCRIPTION:{escape_text(reminder)}",
            "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def meetings_ics(
    rel: Relationship,
    meetings: list[Meeting],
    now: datetime,
    *,
    count: int = DEFAULT_COUNT,
    title: str = DEFAULT_TITLE,
) -> str:
    """A relationship's coming meetings as iCalendar text (see :func:`coming_meetings`)."""
    coming = coming_meetings(rel, meetings, now, count=count)
    return to_ics(coming, now, title=title)
