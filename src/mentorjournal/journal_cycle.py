"""The meeting cycle over a journal: next meeting, review, and moving from one month to the next.

A mixin of ``Journal`` (the one front door); it uses only the journal's public reading and
saving methods, and ``agenda`` for the rules.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from mentorjournal import agenda
from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    MeetingStatus,
    Outcome,
    Relationship,
)

T = TypeVar("T")


def utc_now() -> datetime:
    return datetime.now(UTC)


# What the home screen's rules (agenda.standing) read of each meeting and action.
MEETING_OUTLINE = ("starts_at", "duration_minutes", "status")
ACTION_OUTLINE = ("title", "status", "due_on", "reviewed_at")


def by_relationship(entries: list[T]) -> dict[str, list[T]]:
    grouped: dict[str, list[T]] = {}
    for entry in entries:
        grouped.setdefault(entry.relationship_id, []).append(entry)  # type: ignore[attr-defined]
    return grouped


class MeetingCycle:
    """Prepare → meet → reflect → review, as journal methods."""

    if TYPE_CHECKING:

        def get(self, cls: type[T], entry_id: str) -> T: ...
        def save(self, obj: T) -> T: ...
        def meetings(self, relationship_id: str | None = None) -> list[Meeting]: ...
        def actions(self, relationship_id: str | None = None) -> list[ActionStep]: ...
        def relationships(self) -> list[Relationship]: ...
        def reflection_link_groups(self) -> list[tuple[str, str | None, str]]: ...
        def outlines(self, cls: type[T], columns: Iterable[str]) -> list[T]: ...
        def setting(self, key: str, default: Any = None) -> Any: ...

    def next_meeting(self, relationship_id: str, now: datetime | None = None) -> datetime | None:
        rel = self.get(Relationship, relationship_id)
        return agenda.next_meeting(rel, self.meetings(relationship_id), now or utc_now())

    def last_held_meeting(self, relationship_id: str) -> Meeting | None:
        return agenda.last_held(self.meetings(relationship_id))

    def awaiting_review(self, relationship_id: str) -> list[ActionStep]:
        return agenda.awaiting_review(self.actions(relationship_id), self.meetings(relationship_id))

    def open_actions(self, relationship_id: str | None = None) -> list[ActionStep]:
        return [a for a in self.actions(relationship_id) if a.status is ActionStatus.OPEN]

    def overdue_actions(
        self, relationship_id: str | None = None, now: datetime | None = None
    ) -> list[ActionStep]:
        today = (now or utc_now()).astimezone().date()
        return [a for a in self.actions(relationship_id) if a.is_overdue(today)]

    def review_action(
        self,
        action: ActionStep,
        status: ActionStatus,
        outcome: Outcome | None,
        learning: str,
        now: datetime | None = None,
    ) -> ActionStep:
        """Record how an action went; one kept open is carried forward (and counted)."""
        action.status = status
        action.outcome = outcome
        action.learning = learning
        action.reviewed_at = now or utc_now()
        if status is ActionStatus.OPEN:
            action.carried_forward += 1
        return self.save(action)

    def reflection_marks(self) -> dict[str, list[agenda.ReflectionMark]]:
        """Per relationship, which meeting each reflection is linked to and when it was first
        saved — from plaintext links only, so the home screen needs no reflection decrypted."""
        marks: dict[str, list[agenda.ReflectionMark]] = {}
        for relationship_id, meeting_id, newest in self.reflection_link_groups():
            when = datetime.fromisoformat(newest)
            marks.setdefault(relationship_id, []).append((meeting_id, when))
        return marks

    def standings(self, now: datetime | None = None) -> list[agenda.Standing]:
        """Where every relationship stands, for the home screen."""
        moment = now or utc_now()
        marks = self.reflection_marks()
        # Only the fields the rules look at are decrypted: the notes of ten years of meetings
        # are not needed to know when the next one is.
        meetings = by_relationship(self.outlines(Meeting, MEETING_OUTLINE))
        actions = by_relationship(self.outlines(ActionStep, ACTION_OUTLINE))
        return [
            agenda.standing(
                rel,
                sorted(meetings.get(rel.id, []), key=lambda m: m.starts_at),
                sorted(actions.get(rel.id, []), key=agenda.action_sort_key),
                marks.get(rel.id, []),
                moment,
            )
            for rel in self.relationships()
        ]

    def upcoming_meeting(
        self, relationship_id: str, now: datetime | None = None, *, create: bool = True
    ) -> Meeting | None:
        """The planned meeting that is next (or under way); when there is none but the cadence
        gives a date, it is planned now (if ``create``). None: no date is known yet."""
        moment = now or utc_now()
        meetings = self.meetings(relationship_id)
        planned = agenda.planned_meeting(meetings, moment)
        if planned is not None or not create:
            return planned
        rel = self.get(Relationship, relationship_id)
        when = agenda.next_from_cadence(rel, meetings, moment)
        if when is None:
            return None
        return self.plan_meeting(relationship_id, when)

    def plan_meeting(self, relationship_id: str, starts_at: datetime) -> Meeting:
        minutes = int(self.setting("meeting_minutes", 60) or 60)
        meeting = Meeting(
            relationship_id=relationship_id, starts_at=starts_at, duration_minutes=minutes
        )
        return self.save(meeting)

    def end_meeting(self, meeting: Meeting, ended_at: datetime | None = None) -> Meeting | None:
        """Mark a meeting held (its length becomes the time it really took) and plan the next one
        from the cadence. Returns the newly planned meeting, if any."""
        end = ended_at or utc_now()
        if end > meeting.starts_at:
            taken = math.ceil((end - meeting.starts_at) / timedelta(minutes=1))
            meeting.duration_minutes = max(1, min(taken, 24 * 60))
        meeting.status = MeetingStatus.HELD
        self.save(meeting)
        rel = self.get(Relationship, meeting.relationship_id)
        meetings = self.meetings(rel.id)
        if agenda.planned_meeting(meetings, end) is not None:
            return None
        when = agenda.next_from_cadence(rel, meetings, end)
        return self.plan_meeting(rel.id, when) if when is not None else None
