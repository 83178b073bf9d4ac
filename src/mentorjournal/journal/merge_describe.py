"""An entry in a few words, for the report of a merge: its kind and what a person recognises it
by (a title, a name, a day)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from mentorjournal.domain import (
    ActionStep,
    Meeting,
    OwnPrompt,
    Reflection,
    Relationship,
    Review,
    SupportContact,
    WellbeingCheckin,
)

WIDTH = 40


def _short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= WIDTH else line[: WIDTH - 1].rstrip() + "…"


def _day(value: date | datetime | None) -> str:
    if value is None:
        return "no date"
    return f"{value.day} {value:%B %Y}"


def describe(entry: Any) -> str:
    if isinstance(entry, Relationship):
        return f"relationship “{_short(entry.title)}”"
    if isinstance(entry, Meeting):
        return f"meeting of {_day(entry.starts_at)}"
    if isinstance(entry, Reflection):
        return f"reflection of {_day(entry.written_at)}"
    if isinstance(entry, ActionStep):
        return f"action “{_short(entry.title)}”"
    if isinstance(entry, Review):
        return f"review of an action on {_day(entry.reviewed_at)}"
    if isinstance(entry, WellbeingCheckin):
        return f"well-being check-in of {_day(entry.at)}"
    if isinstance(entry, SupportContact):
        return f"support contact “{_short(entry.name)}”"
    if isinstance(entry, OwnPrompt):
        words = entry.text or entry.theme_title or entry.hides
        return f"prompt “{_short(words)}”"
    return "entry"
