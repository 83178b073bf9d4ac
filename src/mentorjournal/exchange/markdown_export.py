"""The Markdown export: one relationship's story, printable and readable anywhere."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    MeetingStatus,
    Reflection,
    Relationship,
)
from mentorjournal.exchange import markdown_text as md
from mentorjournal.exchange.visible import escape_controls
from mentorjournal.mentoring.agenda import carried_words
from mentorjournal.mentoring.models import model_of

if TYPE_CHECKING:
    from mentorjournal.journal.journal import Journal

STAGE_TITLES = {
    "description": "Description",
    "feelings": "Feelings",
    "evaluation": "Evaluation",
    "analysis": "Analysis",
    "conclusion": "Conclusion",
    "action_plan": "Action plan",
}


@dataclass(frozen=True)
class Period:
    """The days an export covers, both ends included (None: open-ended)."""

    since: date | None = None
    until: date | None = None

    def holds(self, day: date | None) -> bool:
        """Whether an entry dated ``day`` is in the period (an undated one always is)."""
        if day is None:
            return True
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )

    def words(self) -> str:
        """The period in a sentence, "" for all time."""
        if self.since and self.until:
            return f"Entries from {self.since.isoformat()} to {self.until.isoformat()}."
        if self.since:
            return f"Entries from {self.since.isoformat()} on."
        if self.until:
            return f"Entries up to {self.until.isoformat()}."
        return ""


ALL_TIME = Period()


def action_day(a: ActionStep) -> date | None:
    """The day an action belongs to in a period: when it was last reviewed, else when it is
    due, else when it was written down."""
    if a.reviewed_at is not None:
        return a.reviewed_at.date()
    if a.due_on is not None:
        return a.due_on
    return a.created_at.date() if a.created_at is not None else None


def _when(moment: datetime) -> str:
    """A moment as written in its own zone (a meeting's, a reflection's)."""
    return moment.strftime("%Y-%m-%d %H:%M")


def _section(title: str, text: str, *, app_list: bool = False) -> list[str]:
    """A field under its own heading (the level below the entry's), its lines kept."""
    if not text.strip():
        return []
    return [f"#### {title}", "", *(md.listed(text) if app_list else md.block(text))]


def _action_line(a: ActionStep, carried: int) -> list[str]:
    """One action: its fields, and how often it was carried forward (``carried``, counted as
    every screen counts it: ``Journal.carried_counts``)."""
    bits = [f"**{md.inline(a.title)}**", f"owner: {a.owner.value}"]
    if a.due_on:
        bits.append(f"due {a.due_on.isoformat()}")
    if a.outcome:
        bits.append(f"outcome: {a.outcome.value}")
    if carried:
        bits.append(carried_words(carried))
    out = md.item(" — ".join(bits))
    for label, text in (
        ("Detail", a.detail),
        ("Resources", a.resources),
        ("Obstacles", a.obstacles),
        ("Learning", a.learning),
    ):
        if text.strip():
            first, *more = md.lines(text)
            out += md.item(f"{label}: {first}", more, indent="  ")
    return out


def _meeting(m: Meeting) -> list[str]:
    out = [f"### {_when(m.starts_at)} — {m.status.value}, {m.duration_minutes} min", ""]
    out += _section("Preparation", m.preparation)
    out += _section("Points to raise", m.points)
    out += _section("Notes", m.notes)
    out += _section("Problem and alternative framings", m.framing)
    out += _section("Review of last month's actions", m.review_summary, app_list=True)
    return out


def _reflections(reflections: list[Reflection]) -> list[str]:
    """Each reflection under its model's own stage names (the model named when not all are
    Gibbs')."""
    all_gibbs = all(r.model == "gibbs" for r in reflections)
    out = ["## Reflections (Gibbs)" if all_gibbs else "## Reflections", ""]
    for r in reflections:
        model = model_of(r)
        out += [f"### {_when(r.written_at)}" + ("" if all_gibbs else f" — {model.title}"), ""]
        for stage in model.stages:
            out += _section(stage.title, r.stage(stage.column))
    return out


def relationship_markdown(journal: Journal, rel: Relationship, period: Period = ALL_TIME) -> str:
    """One relationship's story; its meetings, reflections and actions only those of
    ``period`` (each dated in its own zone, as it is written)."""
    out = [f"# {md.inline(rel.title)}", ""]
    if period.words():
        out += [period.words(), ""]
    partner = md.inline(rel.partner)
    role = f"I am the {rel.my_role.value}" + (f"; partner: {partner}" if partner else "")
    out += [role + ".", ""]
    if rel.started_on:
        ended = f" to {rel.ended_on.isoformat()}" if rel.ended_on else ""
        out += [f"From {rel.started_on.isoformat()}{ended}.", ""]
    out += _section("Purpose", rel.purpose)
    out += _section("Ground rules", rel.ground_rules)
    out += _section("Learning styles", rel.styles)
    meetings = [
        m
        for m in journal.meetings(rel.id)
        if m.status is not MeetingStatus.CANCELLED and period.holds(m.starts_at.date())
    ]
    if meetings:
        out += ["## Meetings", ""]
        for m in meetings:
            out += _meeting(m)
    reflections = [r for r in journal.reflections(rel.id) if period.holds(r.written_at.date())]
    if reflections:
        out += _reflections(reflections)
    actions = [a for a in journal.actions(rel.id) if period.holds(action_day(a))]
    if actions:
        carried = journal.carried_counts(actions)
        out += ["## Action plan", ""]
        for status, title in (
            (ActionStatus.DONE, "Done"),
            (ActionStatus.OPEN, "Open"),
            (ActionStatus.DROPPED, "Dropped"),
        ):
            group = [a for a in actions if a.status is status]
            if group:
                out += [f"### {title}", ""]
                for a in group:
                    out += _action_line(a, carried[a.id])
                out.append("")
    return "\n".join(out).rstrip() + "\n"


def export_markdown(
    journal: Journal, relationship_id: str | None = None, period: Period = ALL_TIME
) -> str:
    """Every relationship's story (or the one with ``relationship_id``) within ``period``."""
    rels = journal.relationships()
    if relationship_id is not None:
        rels = [r for r in rels if r.id == relationship_id]
    if not rels:
        return "# MentorJournal\n\nNo relationships yet.\n"
    text = "\n\n".join(relationship_markdown(journal, r, period) for r in rels)
    # Control characters typed or imported are written visibly (\x1b), never raw: only line
    # breaks and tabs stay as they are.
    return escape_controls(text.replace("\r\n", "\n"), keep="\n\t")


def export_html(
    journal: Journal,
    relationship_id: str | None = None,
    period: Period = ALL_TIME,
    *,
    paper: str | None = None,
) -> str:
    """The same story as :func:`export_markdown`, as a printable HTML page (its Markdown
    rendered), on ``paper`` (default: the locale's)."""
    from mentorjournal.exchange import html_page

    rels = [r for r in journal.relationships() if relationship_id in (None, r.id)]
    title = rels[0].title if relationship_id is not None and rels else "MentorJournal"
    return html_page.render_page(
        title, export_markdown(journal, relationship_id, period), paper=paper
    )
