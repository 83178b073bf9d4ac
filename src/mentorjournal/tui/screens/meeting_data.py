"""What the meeting screen reads as it opens (in a worker, kept by the journal with its change
counter): the relationship, the meeting (the one named, else the next one) and the themes.
No Textual here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from mentorjournal.domain import Meeting, Relationship
from mentorjournal.mentoring import schedule
from mentorjournal.mentoring.prompts import Theme, merge_themes

if TYPE_CHECKING:
    from mentorjournal.journal.journal import Journal


@dataclass
class Loaded:
    relationship: Relationship
    meeting: Meeting | None
    themes: list[Theme]
    slot: schedule.Slot | None = None  # the next meeting when none was named


def load_meeting(journal: Journal, rel_id: str, meeting_id: str | None, now: datetime) -> Loaded:
    """The meeting ``meeting_id`` of relationship ``rel_id``, or (None) its next one at ``now``."""
    rel = journal.get(Relationship, rel_id)
    themes = merge_themes(journal.own_prompts())
    if meeting_id is not None:
        return Loaded(rel, journal.get(Meeting, meeting_id), themes)
    slot = schedule.upcoming(rel, journal.meetings(rel_id), now)
    meeting = journal.get(Meeting, slot.meeting.id) if slot and slot.meeting else None
    return Loaded(rel, meeting, themes, slot)
