"""What the prepare screen reads from the journal as it opens (in a worker, kept by the journal
with its change counter): the relationship, its next meeting and what the agenda is made of.
No Textual here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from mentorjournal.domain import (
    ActionStep,
    Meeting,
    Moment,
    Reflection,
    Relationship,
    Review,
    WellbeingCheckin,
)
from mentorjournal.mentoring import preparation
from mentorjournal.mentoring.programme import Programme
from mentorjournal.mentoring.prompts import Theme, merge_themes

if TYPE_CHECKING:
    from mentorjournal.journal.journal import Journal


def latest_plan(reflections: list[Reflection]) -> list[Reflection]:
    """Of the relationship's reflections (oldest first), the newest with an action plan: the
    only one the agenda reads (its "From the last reflection's action plan")."""
    planned = [r for r in reflections if r.action_plan.strip()]
    return [max(planned, key=lambda r: r.written_at)] if planned else []


@dataclass
class Loaded:
    rel: Relationship
    meeting: Meeting | None
    meetings: list[Meeting]
    actions: list[ActionStep]
    reflections: list[Reflection]
    themes: list[Theme]
    checkin: WellbeingCheckin | None
    reviews: list[Review]
    programme: tuple[Programme, int] | None = None  # the programme, and this meeting's number
    kept_note: str = ""  # a check-in note without a score, kept through a lock or a quit


def load_prepare(j: Journal, rid: str, now: datetime, kept_note: str = "") -> Loaded:
    """Everything prepare shows for relationship ``rid`` at ``now``."""
    meeting = j.upcoming_meeting(rid, now)
    return Loaded(
        j.get(Relationship, rid),
        meeting,
        j.meetings(rid),
        j.actions(rid),
        latest_plan(j.reflections(rid)),
        merge_themes(j.own_prompts()),
        preparation.checkin_for(j.wellbeing(rid), meeting, Moment.BEFORE),
        j.reviews(rid),
        j.programme_meeting(rid, now),
        kept_note,
    )
