"""What a relationship's page shows: its entries, and its meetings as a timeline (stored ones
and cadence dates not yet stored, each with its state in words)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from textwrap import shorten
from typing import TYPE_CHECKING, Any

from rich.text import Text

from mentorjournal.domain import ActionStep, Meeting, Reflection, Relationship
from mentorjournal.mentoring import cadence, schedule
from mentorjournal.mentoring import programme as programmes
from mentorjournal.mentoring.dates import format_day, format_when
from mentorjournal.mentoring.models import model_of, reflection_model
from mentorjournal.tui.screens.home import first_line

if TYPE_CHECKING:
    from mentorjournal.journal.journal import Journal


Rows = list[tuple[str, tuple[Any, ...]]]  # a table's rows: each its key and its cells


@dataclass
class Page:
    relationship: Relationship
    meetings: list[Meeting]
    reflections: list[Reflection]
    actions: list[ActionStep]
    next_meeting: datetime | None
    slots: list[schedule.Slot] = field(default_factory=list)  # newest first
    # The rows of its tables, by table id: made with the rest (in the worker, and kept with
    # the page by the journal), not each time the page is shown.
    rows: dict[str, Rows] = field(default_factory=dict)
    programme: str = ""  # where it is in its programme: "meeting 3 of 8: Belonging"
    programme_name: str = ""
    model: str = "Gibbs"  # the model its reflections are written in


def empty_words(r: Reflection) -> str:
    """The stages a reflection left empty, by its model's names (the model named unless it is
    Gibbs')."""
    model = model_of(r)
    columns = r.empty_stages()
    empty = ", ".join(s.title.lower() for s in model.stages if s.column in columns) or "none"
    return empty if model.key == "gibbs" else f"{model.title}: {empty}"


SLOT_WORDS = {
    schedule.State.PLANNED: "planned",
    schedule.State.DUE: "today",
    schedule.State.UNDER_WAY: "under way",
    schedule.State.HELD: "held",
    schedule.State.MISSED: "missed",
    schedule.State.CANCELLED: "cancelled",
}


def slot_key(slot: schedule.Slot) -> str:
    """A row's key: the meeting's id, or the cadence date of one not yet stored."""
    if slot.meeting is not None:
        return slot.meeting.id
    assert slot.slot_at is not None
    return "slot:" + slot.slot_at.isoformat()


def slot_status(slot: schedule.Slot) -> str | Text:
    words = SLOT_WORDS[slot.state]
    m = slot.meeting
    if m is not None and slot.state is schedule.State.HELD and m.started_at is not None:
        late = round((m.started_at - m.starts_at).total_seconds() / 60)
        if late >= 5:
            words += f", began {late} min late"
        words += f", {m.duration_minutes} min"
    if m is not None and m.slot_at is not None and m.starts_at != m.slot_at:
        words += f" (moved from {format_when(m.slot_at, m.slot_at.tzinfo)})"
    if m is not None and slot.state is schedule.State.CANCELLED and m.cancel_reason:
        words += f": {first_line(m.cancel_reason)}"
    if slot.state is schedule.State.MISSED:
        return Text(words + " — h hold late, t move, x cancel", style="bold red")
    if slot.state is schedule.State.DUE:
        return Text(words, style="bold")
    return words


def timeline_page(journal: Journal, rel_id: str, now: datetime) -> Page:
    rel = journal.get(Relationship, rel_id)
    meetings = journal.meetings(rel_id)
    nxt = schedule.upcoming(rel, meetings, now)
    later = [m.starts_at for m in meetings]
    hi = max([nxt.when if nxt else now, *later, now])
    slots = [
        s
        for s in schedule.timeline(rel, meetings, now, None, hi)
        if s.meeting is not None
        or s.state is not schedule.State.MISSED
        or rel.created_at is None
        or s.when >= rel.created_at
    ]
    page = Page(
        rel,
        meetings,
        journal.reflections(rel_id),
        journal.actions(rel_id),
        nxt.when if nxt else None,
        list(reversed(slots)),
        model=reflection_model(journal.default_model(rel_id)).title,
    )
    found = journal.programme_meeting(rel_id, now)
    if found is not None:
        programme, number = found
        where = programmes.where_words(programme, number - 1, journal.theme_titles())
        page.programme, page.programme_name = where, programme.name
    page.rows = table_rows(page, now.astimezone().date())
    return page


def table_rows(page: Page, today: date) -> dict[str, Rows]:
    """The rows of the page's three tables: meetings (newest first), reflections (newest first)
    and actions."""
    meeting_days = {m.id: day_text(m.starts_at) for m in page.meetings}
    return {
        "rel-meetings": [
            (
                slot_key(s),
                (
                    schedule.format_meeting(page.relationship, s.when),
                    slot_status(s),
                    notes_preview(s.meeting.notes) if s.meeting else "—",
                ),
            )
            for s in page.slots
        ],
        "rel-reflections": [
            (
                r.id,
                (
                    day_text(r.written_at),
                    meeting_days.get(r.meeting_id or "", "—"),
                    empty_words(r),
                ),
            )
            for r in reversed(page.reflections)
        ],
        "rel-actions": [(a.id, action_row(a, today)) for a in page.actions],
    }


def action_row(a: ActionStep, today: date) -> tuple[Any, ...]:
    due: str | Text = format_day(a.due_on) if a.due_on else "—"
    if a.is_overdue(today):
        due = Text(f"{due} overdue", style="bold red")
    outcome = a.outcome.value if a.outcome else "—"
    return (a.title, a.owner.value, due, a.status.value, outcome)


def notes_preview(notes: str) -> str:
    """The start of a meeting's notes, two lines or so of the Notes column (enter opens them)."""
    return shorten(first_line(notes), 70, placeholder=" …") if notes.strip() else "—"


def day_text(moment: datetime) -> str:
    return format_day(moment.astimezone().date())


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def about_text(page: Page) -> Text:
    rel = page.relationship
    text = Text()
    for heading, body in (
        ("Purpose", rel.purpose),
        ("Ground rules", rel.ground_rules),
        ("Learning styles", rel.styles),
    ):
        text.append(heading + "\n", style="bold")
        text.append((body.strip() or "—") + "\n\n", style="" if body.strip() else "dim")
    text.append("Meetings\n", style="bold")
    text.append(cadence.describe(rel.cadence) if rel.cadence else "No regular meetings")
    when = schedule.format_meeting(rel, page.next_meeting) if page.next_meeting else "not planned"
    text.append(f"; next: {when}\n\n")
    text.append("Programme and reflections\n", style="bold")
    followed = f"“{page.programme_name}”: {page.programme}" if page.programme else "No programme"
    text.append(followed, style="" if page.programme else "dim")
    text.append(f"; reflections written with {page.model} (g changes them).\n\n")
    text.append("Dates\n", style="bold")
    started = f"Started {format_day(rel.started_on)}" if rel.started_on else "No start date"
    text.append(started + (f"; ended {format_day(rel.ended_on)}." if rel.ended_on else "."))
    return text
