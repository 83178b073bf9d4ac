"""Preparing for a meeting and reviewing last month's actions: the agenda and the summaries.

Pure functions over domain objects (no storage, no UI). Gibbs meant the reflective cycle for
repeated situations: last month's open actions and the last reflection's action plan are this
month's agenda.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, tzinfo
from typing import Literal

from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    Moment,
    Reflection,
    Relationship,
    Review,
    WellbeingCheckin,
)
from mentorjournal.mentoring import agenda, schedule
from mentorjournal.mentoring.dates import DateInputError, format_day, parse_date, parse_datetime
from mentorjournal.mentoring.prompts import Theme, theme_by_key

AgendaKind = Literal["action", "plan", "theme", "point"]

STATUS_WORDS: dict[ActionStatus, str] = {
    ActionStatus.DONE: "done",
    ActionStatus.OPEN: "still open",
    ActionStatus.DROPPED: "dropped",
}

SECTION_TITLES: dict[str, str] = {
    "action": "Actions to review",
    "plan": "From the last reflection's action plan",
    "theme": "Themes",
    "point": "Points to raise",
}

_BULLET = re.compile(r"^\s*(?:[-*•]|\d{1,3}[.)])\s+")


@dataclass(frozen=True)
class AgendaItem:
    """One line of a meeting's agenda.

    ``carried``: how many meetings were held while the action was open; ``gap``: the action
    has no resources or no obstacles noted yet; ``detail``: a short second part (owner and due
    date of an action, summary of a theme); ``overdue``: an open action past its due date;
    ``reviewed``: the review recorded for it at this meeting, if it was reviewed already.
    """

    kind: AgendaKind
    text: str
    action_id: str | None = None
    carried: int = 0
    gap: bool = False
    detail: str = ""
    overdue: bool = False
    reviewed: Review | None = None  # what was recorded for it at this meeting


def one_line(text: str) -> str:
    return " ".join(text.split())


def clause(text: str) -> str:
    """``text`` on one line, to be followed by more of a sentence: a final full stop is dropped
    (an ellipsis, "…" or "...", is kept)."""
    line = one_line(text)
    return line[:-1] if line.endswith(".") and not line.endswith("..") else line


def plan_lines(text: str) -> list[str]:
    """An action plan or a list of points, one item per non-empty line, bullets removed."""
    lines = (_BULLET.sub("", line).strip() for line in text.splitlines())
    return [line for line in lines if line]


def action_detail(action: ActionStep, record: Review | None = None) -> str:
    bits = [f"owner: {action.owner.value}"]
    if action.due_on is not None:
        bits.append(f"due {format_day(action.due_on)}")
    if record is not None:
        bits.append("reviewed: " + record_words(record))
    elif action.status is not ActionStatus.OPEN:
        bits.append(f"{STATUS_WORDS[action.status]}, not yet reviewed")
    return ", ".join(bits)


def record_words(record: Review) -> str:
    """``still open, sideways, learned: …`` (empty parts left out)."""
    parts = [STATUS_WORDS[record.status]]
    if record.outcome is not None:
        parts.append(record.outcome.value)
    if record.learning.strip():
        parts.append(f"learned: {clause(one_line(record.learning))}")
    return ", ".join(parts)


def build_agenda(
    rel: Relationship,
    meetings: list[Meeting],
    actions: list[ActionStep],
    reviews: list[Review],
    reflections: list[Reflection],
    themes: list[Theme],
    chosen: list[str],
    points: str,
    *,
    meeting_id: str | None,
    now: datetime,
) -> list[AgendaItem]:
    """The agenda of a relationship's meeting ``meeting_id``, in this order: (a) every open
    action and those already reviewed for this meeting (with what was recorded), each with how
    often it was carried forward and whether it is overdue; (b) the last reflection's action
    plan; (c) the themes chosen for this meeting; (d) the person's points."""
    own_meetings = [m for m in meetings if m.relationship_id == rel.id]
    own_actions = [a for a in actions if a.relationship_id == rel.id]
    own_reviews = [r for r in reviews if r.relationship_id == rel.id]
    own_reflections = [r for r in reflections if r.relationship_id == rel.id]
    zone = schedule.rel_zone(rel)
    today = now.astimezone().date()
    items = []
    listed = agenda.on_agenda(own_actions, own_reviews, meeting_id)
    carried = agenda.carried_counts(listed, own_meetings, own_reviews, now, zone)
    for a in listed:
        record = agenda.review_for(a.id, meeting_id, own_reviews)
        items.append(
            AgendaItem(
                "action",
                a.title,
                action_id=a.id,
                carried=carried[a.id],
                gap=a.has_practicality_gap(),
                detail=action_detail(a, record),
                overdue=a.is_overdue(today),
                reviewed=record,
            )
        )
    plan = agenda.last_action_plan(own_reflections)
    items += [AgendaItem("plan", line) for line in plan_lines(plan)]
    for key in dict.fromkeys(chosen):  # in the order chosen, each once
        theme = theme_by_key(themes, key)
        if theme is not None:
            items.append(AgendaItem("theme", theme.title, detail=theme.summary))
    items += [AgendaItem("point", line) for line in plan_lines(points)]
    return items


def practicality_gaps(actions: Iterable[ActionStep]) -> list[ActionStep]:
    """Open actions with no resources or no obstacles (history, politics, who must agree) noted."""
    return sorted((a for a in actions if a.has_practicality_gap()), key=agenda.action_sort_key)


def gap_words(action: ActionStep) -> str:
    """What is missing, e.g. "no resources or obstacles noted"."""
    missing = [
        name
        for name, text in (("resources", action.resources), ("obstacles", action.obstacles))
        if not text.strip()
    ]
    return "no " + " or ".join(missing) + " noted" if missing else ""


def item_line(item: AgendaItem) -> str:
    """One agenda item as a line of plain text (without the bullet)."""
    line = item.text
    if item.kind == "action":
        marks = [item.detail] if item.detail else []
        if item.overdue:
            marks.append("overdue")
        if item.carried:
            marks.append(agenda.carried_words(item.carried))
        if item.gap:
            marks.append("practicality gap")
        if marks:
            line += f" ({'; '.join(marks)})"
    elif item.kind == "theme" and item.detail:
        line += f" — {item.detail}"
    return one_line(line)


def preparation_text(items: list[AgendaItem]) -> str:
    """The agenda as plain text that reads well as Markdown, for ``Meeting.preparation``.

    Points to raise are left out: they are kept in ``Meeting.points`` (and exported under
    their own heading), so they would appear twice.
    """
    blocks: list[str] = []
    for kind in ("action", "plan", "theme"):
        group = [item for item in items if item.kind == kind]
        if group:
            lines = [f"{SECTION_TITLES[kind]}:", *(f"- {item_line(i)}" for i in group)]
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def checkin_moment(
    meeting: Meeting | None, now: datetime, zone: tzinfo, near: timedelta = timedelta(days=2)
) -> Moment:
    """When a check-in made at ``now`` falls for a meeting: after it once it was held (within
    ``near``), before it while it is still to come (within ``near``), otherwise "other"."""
    if meeting is None:
        return Moment.OTHER
    state = schedule.state_of(meeting, now, zone)
    if state is schedule.State.HELD:
        ended = meeting.ended_at or meeting.started_at or meeting.starts_at
        return Moment.AFTER if now - ended <= near else Moment.OTHER
    if state in schedule.OPEN_STATES:
        return Moment.BEFORE if meeting.starts_at - now <= near else Moment.OTHER
    return Moment.OTHER


def checkin_for(
    checkins: Iterable[WellbeingCheckin], meeting: Meeting | None, moment: Moment
) -> WellbeingCheckin | None:
    """The check-in of this moment tied to the meeting (one per meeting: the latest counts)."""
    if meeting is None:
        return None
    found = [w for w in checkins if w.meeting_id == meeting.id and w.moment is moment]
    return max(found, key=lambda w: w.at, default=None)


def checkin_entry(
    existing: WellbeingCheckin | None,
    score: int,
    note: str,
    at: datetime,
    *,
    moment: Moment,
    meeting: Meeting,
    checkin_id: str | None = None,
) -> WellbeingCheckin:
    """The check-in to store for this moment of the meeting: the existing one edited, or a new
    one (with ``checkin_id`` when given, so that saving it again updates the same entry)."""
    if existing is not None:
        return replace(existing, score=score, note=note, at=at)
    made = WellbeingCheckin(
        at=at,
        score=score,
        note=note,
        moment=moment,
        relationship_id=meeting.relationship_id,
        meeting_id=meeting.id,
    )
    if checkin_id:
        made.id = checkin_id
    return made


def parse_meeting_time(text: str, now: datetime, tz: tzinfo) -> datetime:
    """A meeting time typed by a person: ``YYYY-MM-DD HH:MM``, or a date as ``dates.parse_date``
    reads it (the meeting is then at 10:00). It must be still to come."""
    if not text.strip():
        raise DateInputError("Type when the next meeting is, e.g. 2026-12-08 10:00.")
    if ":" in text:
        when = parse_datetime(text, tz)
    else:
        day = parse_date(text, now.astimezone(tz).date())
        if day is None:  # pragma: no cover - the text is not blank
            raise DateInputError("Type when the next meeting is, e.g. 2026-12-08 10:00.")
        when = datetime.combine(day, agenda.DEFAULT_MEETING_TIME, tzinfo=tz)
    if when <= now:
        raise DateInputError("That time has passed — the next meeting needs a time to come.")
    return when


def review_line(action: ActionStep, record: Review, carried: int) -> str:
    """``title — status, outcome, learned: …, carried forward N×`` (empty parts left out)."""
    parts = [STATUS_WORDS[record.status]]
    if record.outcome is not None:
        parts.append(record.outcome.value)
    if record.learning.strip():
        learned = one_line(record.learning)
        # More follows after a comma: "… its home, carried forward 2×", not "home., carried".
        parts.append(f"learned: {clause(learned) if carried else learned}")
    if carried:
        parts.append(agenda.carried_words(carried))
    return f"- {one_line(action.title)} — {', '.join(parts)}"


def review_summary(reviewed: list[tuple[ActionStep, Review, int]]) -> str:
    """The summary of a meeting's review, one line per action reviewed for it (with how often
    each was carried forward), for ``Meeting.review_summary``."""
    return "\n".join(review_line(a, r, n) for a, r, n in reviewed)
