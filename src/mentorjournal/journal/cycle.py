"""The meeting cycle over a journal: where each relationship stands, and reviews as records.

A mixin of ``Journal`` (the one front door); it uses only the journal's public reading and
saving methods, its clock, and ``agenda``/``schedule`` for the rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    Moment,
    Outcome,
    Relationship,
    Review,
)
from mentorjournal.mentoring import agenda, preparation, schedule

T = TypeVar("T")


def utc_now() -> datetime:
    return datetime.now(UTC)


# What the home screen's rules (agenda.standing) read of each entry.
MEETING_OUTLINE = (
    "starts_at",
    "duration_minutes",
    "status",
    "slot_at",
    "started_at",
    "ended_at",
)
ACTION_OUTLINE = ("title", "status", "due_on", "reviewed_at")
REVIEW_OUTLINE = ("status", "reviewed_at")


def by_relationship(entries: list[T]) -> dict[str, list[T]]:
    grouped: dict[str, list[T]] = {}
    for entry in entries:
        grouped.setdefault(entry.relationship_id, []).append(entry)  # type: ignore[attr-defined]
    return grouped


class MeetingCycle:
    """Prepare → meet → reflect → review, as journal methods."""

    clock: Callable[[], datetime]

    if TYPE_CHECKING:

        def get(self, cls: type[T], entry_id: str) -> T: ...
        def save(self, obj: T) -> T: ...
        def all(self, cls: type[T]) -> list[T]: ...
        def meetings(self, relationship_id: str | None = None) -> list[Meeting]: ...
        def actions(self, relationship_id: str | None = None) -> list[ActionStep]: ...
        def relationships(self) -> list[Relationship]: ...
        def reflection_link_groups(self) -> list[tuple[str, str | None, str]]: ...
        def outlines(self, cls: type[T], columns: Iterable[str]) -> list[T]: ...
        def setting(self, key: str, default: Any = None) -> Any: ...
        def save_many(self, objs: Iterable[Any]) -> None: ...

    def now(self) -> datetime:
        """The journal's clock (the app's, moved in tests), never the computer's directly."""
        return self.clock()

    # --- reading the cycle -------------------------------------------------------------------

    def reviews(
        self, relationship_id: str | None = None, action_id: str | None = None
    ) -> list[Review]:
        """Review records, oldest first; an action reviewed before records were kept (an older
        journal) shows its last review as one record, not tied to a meeting."""
        stored = [
            r
            for r in self.all(Review)
            if relationship_id in (None, r.relationship_id) and action_id in (None, r.action_id)
        ]
        have = {r.action_id for r in stored}
        stored += [
            legacy_review(a)
            for a in self.actions(relationship_id)
            if a.reviewed_at is not None and a.id not in have and action_id in (None, a.id)
        ]
        return sorted(stored, key=lambda r: r.reviewed_at)

    def next_meeting(self, relationship_id: str, now: datetime | None = None) -> datetime | None:
        rel = self.get(Relationship, relationship_id)
        slot = schedule.upcoming(rel, self.meetings(relationship_id), now or self.now())
        return slot.when if slot else None

    def last_held_meeting(self, relationship_id: str) -> Meeting | None:
        rel = self.get(Relationship, relationship_id)
        zone = schedule.rel_zone(rel)
        return agenda.last_held(self.meetings(relationship_id), self.now(), zone)

    def review_meeting(
        self, relationship_id: str, now: datetime | None = None, *, create: bool = True
    ) -> Meeting | None:
        """The meeting a review done now belongs to (see ``schedule.review_slot``), stored if it
        was only a date on the cadence (when ``create``)."""
        moment = now or self.now()
        rel = self.get(Relationship, relationship_id)
        slot = schedule.review_slot(rel, self.meetings(relationship_id), moment)
        return self._stored_slot(rel, slot, create)

    def agenda_actions(
        self, relationship_id: str, meeting_id: str | None
    ) -> list[tuple[ActionStep, Review | None]]:
        """The actions a meeting's review covers, each with what was recorded for it there."""
        reviews = self.reviews(relationship_id)
        return [
            (a, agenda.review_for(a.id, meeting_id, reviews))
            for a in agenda.on_agenda(self.actions(relationship_id), reviews, meeting_id)
        ]

    def awaiting_review(
        self, relationship_id: str, meeting_id: str | None = None
    ) -> list[ActionStep]:
        reviews = self.reviews(relationship_id)
        return agenda.awaiting_review(self.actions(relationship_id), reviews, meeting_id)

    def carried_forward(self, action: ActionStep, now: datetime | None = None) -> int:
        """How often ``action`` was carried forward (see ``carried_counts``)."""
        return self.carried_counts([action], now)[action.id]

    def carried_counts(
        self, actions: Iterable[ActionStep], now: datetime | None = None
    ) -> dict[str, int]:
        """How often each action was carried forward, by id: the meetings held while it was
        open, from the meetings and reviews as stored (``agenda.carried_forward``). The one
        count every screen and export shows; an action's stored ``carried_forward`` is only
        what it was when last written."""
        moment = now or self.now()
        by_rel: dict[str, list[ActionStep]] = {}
        for action in actions:
            by_rel.setdefault(action.relationship_id, []).append(action)
        counts: dict[str, int] = {}
        for rel_id, own in by_rel.items():
            zone = schedule.rel_zone(self.get(Relationship, rel_id))
            meetings, reviews = self.meetings(rel_id), self.reviews(rel_id)
            counts.update(agenda.carried_counts(own, meetings, reviews, moment, zone))
        return counts

    def open_actions(self, relationship_id: str | None = None) -> list[ActionStep]:
        return [a for a in self.actions(relationship_id) if a.status is ActionStatus.OPEN]

    def overdue_actions(
        self, relationship_id: str | None = None, now: datetime | None = None
    ) -> list[ActionStep]:
        today = (now or self.now()).astimezone().date()
        return [a for a in self.actions(relationship_id) if a.is_overdue(today)]

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
        moment = now or self.now()
        marks = self.reflection_marks()
        # Only the fields the rules look at are decrypted: the notes of ten years of meetings
        # are not needed to know when the next one is.
        meetings = by_relationship(self.outlines(Meeting, MEETING_OUTLINE))
        actions = by_relationship(self.outlines(ActionStep, ACTION_OUTLINE))
        reviews = by_relationship(self.outlines(Review, REVIEW_OUTLINE))
        out = []
        for rel in self.relationships():
            own_actions = sorted(actions.get(rel.id, []), key=agenda.action_sort_key)
            own_reviews = reviews.get(rel.id, [])
            have = {r.action_id for r in own_reviews}
            own_reviews += [
                legacy_review(a) for a in own_actions if a.reviewed_at and a.id not in have
            ]
            out.append(
                agenda.standing(
                    rel,
                    sorted(meetings.get(rel.id, []), key=lambda m: m.starts_at),
                    own_actions,
                    own_reviews,
                    marks.get(rel.id, []),
                    moment,
                )
            )
        return out

    def checkin_placement(
        self, relationship_id: str, now: datetime | None = None
    ) -> tuple[str | None, Moment]:
        """Which meeting a check-in tied to a relationship belongs to, and when: after the
        meeting held in the last two days, else before the one in the next two days (stored
        first if only a cadence date), else neither ("other")."""
        moment = now or self.now()
        rel = self.get(Relationship, relationship_id)
        meetings = self.meetings(relationship_id)
        zone = schedule.rel_zone(rel)
        last = agenda.last_held(meetings, moment, zone)
        if last is not None and preparation.checkin_moment(last, moment, zone) is Moment.AFTER:
            return last.id, Moment.AFTER
        nxt = schedule.upcoming(rel, meetings, moment)
        if (
            nxt is not None
            and preparation.checkin_moment(
                nxt.meeting or schedule.new_meeting(rel, nxt), moment, zone
            )
            is Moment.BEFORE
        ):
            stored = self._stored_slot(rel, nxt, True)
            return (stored.id if stored else None), Moment.BEFORE
        return None, Moment.OTHER

    # --- writing the cycle -------------------------------------------------------------------

    def _stored_slot(
        self, rel: Relationship, slot: schedule.Slot | None, create: bool
    ) -> Meeting | None:
        if slot is None:
            return None
        if slot.meeting is not None:
            return self.get(Meeting, slot.meeting.id)
        if not create:
            return None
        return self.save(schedule.new_meeting(rel, slot))

    def review_action(
        self,
        action: ActionStep,
        status: ActionStatus,
        outcome: Outcome | None,
        learning: str,
        now: datetime | None = None,
        *,
        meeting_id: str | None = None,
    ) -> Review:
        """Record how an action went, for the meeting a review done now belongs to (or
        ``meeting_id``): reviewing it again for that meeting edits the record; the action's
        status follows, and its latest outcome and learning are kept on it too (files of
        version 1 read those)."""
        moment = now or self.now()
        if meeting_id is None:
            meeting = self.review_meeting(action.relationship_id, moment)
            meeting_id = meeting.id if meeting else None
        stored = [r for r in self.all(Review) if r.action_id == action.id]
        record = agenda.review_for(action.id, meeting_id, stored)
        if record is None:
            record = Review(
                relationship_id=action.relationship_id,
                action_id=action.id,
                meeting_id=meeting_id,
                status=status,
                reviewed_at=moment,
            )
        record = replace(
            record, status=status, outcome=outcome, learning=learning, reviewed_at=moment
        )
        latest = replace(
            self.get(ActionStep, action.id),
            status=status,
            outcome=outcome,
            learning=learning,
            reviewed_at=moment,
        )
        rel = self.get(Relationship, action.relationship_id)
        latest.carried_forward = agenda.carried_forward(
            latest,
            self.meetings(rel.id),
            [*stored, record],
            moment,
            schedule.rel_zone(rel),
        )
        self.save_many([latest, record])
        action.status, action.outcome, action.learning = status, outcome, learning
        action.reviewed_at, action.carried_forward = moment, latest.carried_forward
        return record


def legacy_review(action: ActionStep) -> Review:
    """The one review an older journal kept on the action itself, as a record (not stored)."""
    assert action.reviewed_at is not None
    return Review(
        relationship_id=action.relationship_id,
        action_id=action.id,
        status=action.status,
        reviewed_at=action.reviewed_at,
        outcome=action.outcome,
        learning=action.learning,
        id=f"legacy-{action.id}",
    )
