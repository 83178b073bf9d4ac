"""Journals with history and deletions in them, made before the app starts (the journal's own
clock moved between editing sessions), for the History and Recently deleted tests."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from mentorjournal.domain import ActionStep, Meeting, MeetingStatus, Reflection, Relationship
from mentorjournal.journal.journal import Journal
from tests.tui.conftest import FROZEN_NOW, PASSPHRASE, frozen_clock

FIRST = "We talked about the promotion panel and who sits on it."
SECOND = "We talked about the hiring panel and who sits on it, and why."
NOW = "We talked about the hiring panel."


def with_history(journal: Journal) -> tuple[Relationship, Meeting, Reflection, ActionStep]:
    """A relationship, a held meeting, a reflection whose description was written three times
    (two versions kept, a day apart) and an action whose title changed once; closes it."""
    at = [FROZEN_NOW - timedelta(days=3)]
    journal.clock = lambda: at[0]
    rel = journal.save(Relationship(title="Race equality with Amara", purpose="Listen first."))
    meeting = journal.save(
        Meeting(rel.id, at[0], status=MeetingStatus.HELD, notes="Panel data first.")
    )
    reflection = journal.save(Reflection(rel.id, at[0], meeting_id=meeting.id, description=FIRST))
    action = journal.save(ActionStep(rel.id, "Ask HR for data", meeting_id=meeting.id))
    for text in (SECOND, NOW):
        at[0] += timedelta(days=1)
        journal.end_edit_sessions()
        journal.save_fields(Reflection, reflection.id, {"description": text})
    journal.save_fields(ActionStep, action.id, {"title": "Ask HR for the panel data"})
    journal.save_fields(Relationship, rel.id, {"purpose": "Listen first, then act."})
    journal.close()
    return rel, meeting, reflection, action


def reopen_frozen(path: Path) -> Journal:
    """The journal as stored, opened with the tests' frozen clock (so that opening it lets go of
    nothing the app's own clock would keep in Recently deleted)."""
    journal = Journal.open_locked(path)
    journal.clock = frozen_clock
    journal.unlock(PASSPHRASE)
    return journal
