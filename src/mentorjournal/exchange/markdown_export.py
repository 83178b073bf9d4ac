"""The Markdown export: one relationship's story, printable and readable anywhere."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from mentorjournal.domain import (
    GIBBS_STAGES,
    ActionStatus,
    ActionStep,
    Meeting,
    MeetingStatus,
    Relationship,
)
from mentorjournal.exchange import markdown_text as md
from mentorjournal.exchange.visible import escape_controls

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


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def _section(title: str, text: str, *, app_list: bool = False) -> list[str]:
    """A field under its own heading (the level below the entry's), its lines kept."""
    if not text.strip():
        return []
    return [f"#### {title}", "", *(md.listed(text) if app_list else md.block(text))]


def _action_line(a: ActionStep) -> list[str]:
    bits = [f"**{md.inline(a.title)}**", f"owner: {a.owner.value}"]
    if a.due_on:
        bits.append(f"due {a.due_on.isoformat()}")
    if a.outcome:
        bits.append(f"outcome: {a.outcome.value}")
    if a.carried_forward:
        bits.append(f"carried forward {a.carried_forward}×")
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


def relationship_markdown(journal: Journal, rel: Relationship) -> str:
    out = [f"# {md.inline(rel.title)}", ""]
    partner = md.inline(rel.partner)
    role = f"I am the {rel.my_role.value}" + (f"; partner: {partner}" if partner else "")
    out += [role + ".", ""]
    if rel.started_on:
        ended = f" to {rel.ended_on.isoformat()}" if rel.ended_on else ""
        out += [f"From {rel.started_on.isoformat()}{ended}.", ""]
    out += _section("Purpose", rel.purpose)
    out += _section("Ground rules", rel.ground_rules)
    out += _section("Learning styles", rel.styles)
    meetings = [m for m in journal.meetings(rel.id) if m.status is not MeetingStatus.CANCELLED]
    if meetings:
        out += ["## Meetings", ""]
        for m in meetings:
            out += _meeting(m)
    reflections = journal.reflections(rel.id)
    if reflections:
        out += ["## Reflections (Gibbs)", ""]
        for r in reflections:
            out += [f"### {_when(r.written_at)}", ""]
            for stage in GIBBS_STAGES:
                out += _section(STAGE_TITLES[stage], r.stage(stage))
    actions = journal.actions(rel.id)
    if actions:
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
                    out += _action_line(a)
                out.append("")
    return "\n".join(out).rstrip() + "\n"


def export_markdown(journal: Journal, relationship_id: str | None = None) -> str:
    rels = journal.relationships()
    if relationship_id is not None:
        rels = [r for r in rels if r.id == relationship_id]
    if not rels:
        return "# MentorJournal\n\nNo relationships yet.\n"
    text = "\n\n".join(relationship_markdown(journal, r) for r in rels)
    # Control characters typed or imported are written visibly (\x1b), never raw: only line
    # breaks and tabs stay as they are.
    return escape_controls(text.replace("\r\n", "\n"), keep="\n\t")
