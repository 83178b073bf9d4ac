"""A relationship's meetings over a journal: the next one, starting and ending one, holding a
missed one late, rescheduling and cancelling one, and changing the cadence from a day on.

A mixin of ``Journal``; the rules of the timeline are in ``schedule``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from mentorjournal.domain import ActionStatus, Meeting, MeetingStatus, Relationship
from mentorjournal.errors import InvalidEntry, NotFound
from mentorjournal.mentoring import agenda, schedule, zones

T = TypeVar("T")
MEETING_TEXTS = ("preparation", "notes", "points", "framing", "review_summary")


class MeetingSchedule:
    """Meetings on a relationship's cadence, as journal methods."""

    clock: Callable[[], datetime]

    if TYPE_CHECKING:

        def get(self, cls: type[T], entry_id: str) -> T: ...
        def save(self, obj: T) -> T: ...
        def save_many(self, objs: Iterable[Any]) -> None: ...
        def delete(self, obj: Any, *, to_bin: bool = True) -> None: ...
        def actions(self, relationship_id: str | None = None) -> list[Any]: ...
        def reviews(self, relationship_id: str | None = None) -> list[Any]: ...
        def wellbeing(self, relationship_id: str | None = None) -> list[Any]: ...
        def meetings(self, relationship_id: str | None = None) -> list[Meeting]: ...
        def setting(self, key: str, default: Any = None) -> Any: ...
        def now(self) -> datetime: ...
        def _stored_slot(
            self, rel: Relationship, slot: schedule.Slot | None, create: bool
        ) -> Meeting | None: ...

    def timeline(
        self,
        relationship_id: str,
        lo: datetime | None = None,
        hi: datetime | None = None,
        now: datetime | None = None,
    ) -> list[schedule.Slot]:
        rel = self.get(Relationship, relationship_id)
        return schedule.timeline(rel, self.meetings(relationship_id), now or self.now(), lo, hi)

    def upcoming_meeting(
        self, relationship_id: str, now: datetime | None = None, *, create: bool = True
    ) -> Meeting | None:
        """The next meeting not yet held (today's, under way, or the first to come); a date
        only on the cadence is stored first (if ``create``). None: no date is known yet."""
        rel = self.get(Relationship, relationship_id)
        slot = schedule.upcoming(rel, self.meetings(relationship_id), now or self.now())
        return self._stored_slot(rel, slot, create)

    def missed_meetings(
        self, relationship_id: str, now: datetime | None = None
    ) -> list[schedule.Slot]:
        """Meetings of earlier days never held nor cancelled, since the relationship was
        written down."""
        rel = self.get(Relationship, relationship_id)
        return schedule.missed(
            rel, self.meetings(relationship_id), now or self.now(), rel.created_at
        )

    def store_slot(self, relationship_id: str, slot: schedule.Slot) -> Meeting:
        """The meeting of a timeline slot, stored first when it was only a cadence date."""
        rel = self.get(Relationship, relationship_id)
        meeting = self._stored_slot(rel, slot, True)
        assert meeting is not None
        return meeting

    def plan_meeting(self, relationship_id: str, starts_at: datetime) -> Meeting:
        """A meeting off the cadence (or with no cadence) at ``starts_at``."""
        rel = self.get(Relationship, relationship_id)
        minutes = rel.meeting_minutes or int(self.setting("meeting_minutes", 60) or 60)
        # Its own start is its slot: it takes no cadence date, and the series does not move.
        return self.save(
            Meeting(
                relationship_id=relationship_id,
                starts_at=starts_at,
                slot_at=starts_at,
                duration_minutes=minutes,
            )
        )

    def start_meeting(self, meeting: Meeting, now: datetime | None = None) -> Meeting:
        """The meeting begins now (or late, for a missed one): its real start is kept; its slot
        and planned time stay as they were."""
        if meeting.status is not MeetingStatus.PLANNED:
            raise InvalidEntry("Only a meeting that is still to be held can be started.")
        if meeting.started_at is None:
            meeting = replace(self.get(Meeting, meeting.id), started_at=now or self.now())
            self.save(meeting)
        return meeting

    def end_meeting(self, meeting: Meeting, ended_at: datetime | None = None) -> Meeting:
        """Mark a meeting held: its real end is kept and its length becomes the time it really
        took, counted from its real start. The next meeting comes from the cadence."""
        end = ended_at or self.now()
        fresh = self.get(Meeting, meeting.id)
        begun = fresh.started_at or meeting.started_at or min(fresh.starts_at, end)
        taken = math.ceil(max(timedelta(0), end - begun) / timedelta(minutes=1))
        held = replace(
            fresh,
            status=MeetingStatus.HELD,
            started_at=begun,
            ended_at=end,
            duration_minutes=max(1, min(taken, 24 * 60)),
        )
        for name in ("notes", "framing", "used_prompts"):
            setattr(held, name, getattr(meeting, name))  # what the meeting screen holds
        # Every action open while it was held has been carried forward once more: the count
        # kept on each action (for files of version 1) changes in the same transaction.
        rel = self.get(Relationship, held.relationship_id)
        meetings = [held if m.id == held.id else m for m in self.meetings(rel.id)]
        reviews = self.reviews(rel.id)
        moved = []
        own = self.actions(rel.id)
        counts = agenda.carried_counts(own, meetings, reviews, end, schedule.rel_zone(rel))
        for action in own:
            count = counts[action.id]
            # Only open ones: saving a closed one would move its updated_at, which is when it
            # was closed on the actions board for carried_forward.
            if action.status is ActionStatus.OPEN and count != action.carried_forward:
                moved.append(replace(action, carried_forward=count))
        self.save_many([held, *moved])
        return held

    def reschedule_meeting(self, meeting: Meeting, starts_at: datetime) -> Meeting:
        """Move one meeting; its cadence slot stays taken, so the series does not move."""
        if meeting.status is MeetingStatus.HELD:
            raise InvalidEntry("A meeting that was held cannot be moved.")
        fresh = self.get(Meeting, meeting.id)
        return self.save(
            replace(fresh, starts_at=starts_at, status=MeetingStatus.PLANNED, started_at=None)
        )

    def cancel_meeting(self, meeting: Meeting, reason: str = "") -> Meeting:
        if meeting.status is MeetingStatus.HELD:
            raise InvalidEntry("A meeting that was held cannot be cancelled.")
        fresh = self.get(Meeting, meeting.id)
        return self.save(
            replace(fresh, status=MeetingStatus.CANCELLED, cancel_reason=reason.strip())
        )

    def save_relationship(self, rel: Relationship) -> Relationship:
        """Save a relationship from its form: a changed cadence (rule, time, length or zone) of
        one that has meetings already applies from today on, so the days before keep theirs."""
        try:
            before = self.get(Relationship, rel.id)
        except NotFound:
            return self.save(rel)
        cadence = ("cadence", "meeting_time", "meeting_minutes", "time_zone")
        changed = any(getattr(before, n) != getattr(rel, n) for n in cadence)
        if not changed or not self.meetings(rel.id):
            return self.save(rel)
        keep = {n: getattr(before, n) for n in (*cadence, "cadence_from", "earlier_cadences")}
        self.save(replace(rel, **keep))
        at = zones.parse_time_of_day(rel.meeting_time) or schedule.DEFAULT_TIME
        zone = zones.zone(rel.time_zone)
        return self.change_cadence(
            rel.id,
            rel.cadence,
            at=at,
            minutes=rel.meeting_minutes,
            zone_name=rel.time_zone or zones.local_zone_name(),
            from_day=self.now().astimezone(zone).date(),
        )

    def change_cadence(
        self,
        relationship_id: str,
        rule: str | None,
        *,
        at: time,
        minutes: int,
        zone_name: str,
        from_day: date,
    ) -> Relationship:
        """A new cadence from ``from_day`` on. The old one is kept for the days before (so the
        history still says which meetings were due); meetings to come that are stored and still
        on the old cadence move to the new one's slot that day, or off the cadence (kept when
        something was written for them, else removed)."""
        if not zones.is_zone_name(zone_name):
            raise InvalidEntry(f"“{zone_name}” is not a time zone I know, e.g. Europe/London.")
        if not 1 <= minutes <= 24 * 60:
            raise InvalidEntry("A meeting lasts between 1 minute and 24 hours.")
        rel = self.get(Relationship, relationship_id)
        # The new cadence replaces whatever applied from ``from_day`` on, an earlier change
        # made for a later day included: no two cadences cover one day.
        cut = from_day.isoformat()
        earlier = [
            {**item, "until": min(item.get("until") or cut, cut)}
            for item in rel.earlier_cadences
            if not item.get("from") or item["from"] < cut
        ]
        begun = rel.cadence_from or rel.started_on
        if rel.cadence and (begun is None or begun < from_day):
            earlier.append(
                {
                    "rule": rel.cadence,
                    "time": rel.meeting_time,
                    "minutes": str(rel.meeting_minutes),
                    "zone": rel.time_zone,
                    "from": begun.isoformat() if begun else "",
                    "until": from_day.isoformat(),
                }
            )
        changed = replace(
            rel,
            cadence=rule,
            meeting_time=zones.time_words(at),
            meeting_minutes=minutes,
            time_zone=zone_name,
            cadence_from=from_day,
            earlier_cadences=earlier,
        )
        moment = self.now()
        zone = zones.zone(zone_name)
        # From the day's start in the new zone, or in the old one if that came first (a zone
        # further east): the old cadence's slots that day are no longer on any cadence.
        start = min(
            datetime.combine(from_day, time.min, tzinfo=zone),
            datetime.combine(from_day, time.min, tzinfo=schedule.rel_zone(rel)),
        )
        coming = [
            m
            for m in self.meetings(relationship_id)
            if m.slot_at is not None
            and m.slot_at >= start
            and schedule.state_of(m, moment, zone) in (schedule.State.PLANNED, schedule.State.DUE)
        ]
        hi = max([start + timedelta(days=400), *(m.slot_at for m in coming if m.slot_at)])
        new_slots = {
            d.astimezone(zone).date(): d
            for d, _ in schedule.cadence_dates(changed, [], start, hi, from_day)
        }
        # A meeting something was filed under (a review done before it, an action, a check-in)
        # is kept too: removing it would unlink them.
        linked = {
            e.meeting_id
            for e in (
                *self.reviews(relationship_id),
                *self.actions(relationship_id),
                *self.wellbeing(relationship_id),
            )
        }
        writes: list[Any] = [changed]
        removals = []
        for m in coming:
            assert m.slot_at is not None
            day = m.slot_at.astimezone(zone).date()
            slot = new_slots.get(day)
            moved = m.starts_at == m.slot_at
            if slot is not None:
                writes.append(
                    replace(
                        m,
                        slot_at=slot,
                        starts_at=slot if moved else m.starts_at,
                        duration_minutes=minutes if moved else m.duration_minutes,
                    )
                )
            elif (
                any(getattr(m, name).strip() for name in MEETING_TEXTS)
                or m.themes
                or m.id in linked
            ):
                writes.append(replace(m, slot_at=m.starts_at))  # off the cadence now
            else:
                removals.append(m)
        self.save_many(writes)
        for m in removals:
            self.delete(m, to_bin=False)  # empty planned meetings: nothing to restore
        return changed
