"""The Markdown export: one relationship's story, printable and readable anywhere."""

from __future__ import annotations

import re
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


def _block(text: str) -> list[str]:
    """A person's text as paragraphs; a lone line starting with # is kept from becoming a title.
    Each line break is kept when the Markdown is rendered (two spaces before it: a hard break),
    so that ground rules or points written one a line do not run into one paragraph."""
    lines = [("\\" + ln if ln.lstrip().startswith("#") else ln) for ln in text.strip().splitlines()]
    return [*hard_breaks(lines), ""] if lines else []


_STARTS_BLOCK = re.compile(r"\s*([-*+]|\d{1,9}[.)])(\s|$)")  # a list item needs no break


def hard_breaks(lines: list[str]) -> list[str]:
    """Lines that stay lines when rendered: two spaces end each line that another line of
    text follows (a list item, or a blank line, starts on its own anyway)."""
    out = []
    for line, after in zip(lines, [*lines[1:], ""], strict=True):
        keep = line.rstrip()
        joins = bool(keep) and bool(after.strip()) and not _STARTS_BLOCK.match(after)
        out.append(keep + "  " if joins else keep)
    return out


def _section(title: str, text: str) -> list[str]:
    return [f"**{title}**", "", *_block(text)] if text.strip() else []


def _action_line(a: ActionStep) -> list[str]:
    bits = [f"- **{a.title}**", f"owner: {a.owner.value}"]
    if a.due_on:
        bits.append(f"due {a.due_on.isoformat()}")
    if a.outcome:
        bits.append(f"outcome: {a.outcome.value}")
    if a.carried_forward:
        bits.append(f"carried forward {a.carried_forward}×")
    out = [" — ".join(bits)]
    for label, text in (
        ("Detail", a.detail),
        ("Resources", a.resources),
        ("Obstacles", a.obstacles),
        ("Learning", a.learning),
    ):
        if text.strip():
            out.append(f"  - {label}: " + " ".join(text.split()))
    return out


def _meeting(m: Meeting) -> list[str]:
    out = [f"### {_when(m.starts_at)} — {m.status.value}, {m.duration_minutes} min", ""]
    out += _section("Preparation", m.preparation)
    out += _section("Points to raise", m.points)
    out += _section("Notes", m.notes)
    out += _section("Problem and alternative framings", m.framing)
    out += _section("Review of last month's actions", m.review_summary)
    return out


def relationship_markdown(journal: Journal, rel: Relationship) -> str:
    out = [f"# {rel.title}", ""]
    role = f"I am the {rel.my_role.value}" + (f"; partner: {rel.partner}" if rel.partner else "")
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
