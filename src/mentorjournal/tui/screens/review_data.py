"""What the review screen works on: the meeting a review belongs to, its actions with what was
recorded for each at that meeting, and the check-in of this moment (how often each action was
carried forward: ``Journal.carried_counts``, the one count). No Textual here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    Moment,
    Outcome,
    Relationship,
    Review,
    WellbeingCheckin,
)
from mentorjournal.mentoring import preparation, schedule

if TYPE_CHECKING:
    from mentorjournal.journal.journal import Journal


@dataclass
class ReviewItem:
    """One action under review: ``record`` is what was recorded for it at this meeting (None:
    not yet), ``carried`` how many meetings were held while it was open, ``earlier`` its
    review records at earlier meetings (oldest first)."""

    action: ActionStep
    record: Review | None
    carried: int
    earlier: list[Review]

    @property
    def last_learning(self) -> str:
        return next((r.learning for r in reversed(self.earlier) if r.learning.strip()), "")


@dataclass
class Choice:
    """What the person chose for one action, before (or after) it is recorded."""

    status: ActionStatus | None = None
    outcome: Outcome | None = None
    learning: str = ""


@dataclass
class Loaded:
    meeting: Meeting | None
    items: list[ReviewItem]
    checkin: WellbeingCheckin | None
    moment: Moment


def load_review(
    journal: Journal, relationship_id: str, now: datetime, meeting_id: str | None = ""
) -> Loaded:
    """The meeting a review done ``now`` belongs to (``meeting_id`` when given; "" = find it),
    its actions with what was recorded for each, and the check-in of this moment."""
    if meeting_id == "":
        meeting = journal.review_meeting(relationship_id, now)
    else:
        meeting = journal.get(Meeting, meeting_id) if meeting_id else None
    mid = meeting.id if meeting else None
    reviews = journal.reviews(relationship_id)
    listed = [
        (action, record)
        for action, record in journal.agenda_actions(relationship_id, mid)
        if mid is None or action.meeting_id != mid or record is not None
    ]
    carried = journal.carried_counts((action for action, _ in listed), now)
    items = [
        ReviewItem(
            action,
            record,
            carried[action.id],
            [r for r in reviews if r.action_id == action.id and r.meeting_id != mid],
        )
        for action, record in listed
    ]
    rel = journal.get(Relationship, relationship_id)
    moment = preparation.checkin_moment(meeting, now, schedule.rel_zone(rel), timedelta(days=400))
    if moment is Moment.OTHER:
        moment = Moment.AFTER
    checkin = preparation.checkin_for(journal.wellbeing(relationship_id), meeting, moment)
    return Loaded(meeting, items, checkin, moment)


def record_reviews(
    j: Journal,
    relationship_id: str,
    now: datetime,
    meeting_id: str | None,
    todo: list[tuple[ActionStep, ActionStatus, Outcome | None, str]],
    order: list[str],
) -> list[ReviewItem]:
    """Record each action of ``todo`` as chosen, for the review's meeting, then keep the summary
    of the meeting's review with it (in the order the screen lists them, ``order``); returns
    the recorded actions as they read now."""
    for action, status, outcome, learning in todo:
        j.review_action(action, status, outcome, learning, now, meeting_id=meeting_id)
    fresh = {i.action.id: i for i in load_review(j, relationship_id, now, meeting_id).items}
    if meeting_id is not None:
        listed = [fresh[i] for i in order if i in fresh] + [
            item for key, item in fresh.items() if key not in order
        ]
        done = [(i.action, i.record, i.carried) for i in listed if i.record is not None]
        summary = preparation.review_summary(done)  # type: ignore[arg-type]
        j.save_fields(Meeting, meeting_id, {"review_summary": summary})
    return [fresh[a.id] for a, *_ in todo if a.id in fresh]
