"""What the prepare screen keeps: its draft (themes, points, the agenda as text, the check-in
before the meeting), stored field by field onto the meeting and its check-in as stored now, in
one transaction, so that what another window wrote in them meanwhile stays."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from mentorjournal.domain import Meeting, Moment, WellbeingCheckin
from mentorjournal.errors import NotFound
from mentorjournal.journal.field_saves import FieldEdit
from mentorjournal.mentoring import preparation
from mentorjournal.tui.widgets.autosave import Written
from mentorjournal.tui.widgets.other_window import other_window_notice

if TYPE_CHECKING:
    from mentorjournal.journal.journal import Journal


class Draft(NamedTuple):
    """What the person chose and typed, as it would be stored (compared to see what changed)."""

    themes: tuple[str, ...] = ()
    points: str = ""
    preparation: str = ""  # worked out from the agenda: written as it is, never merged
    score: int | None = None
    note: str = ""


WORDS = {"themes": "themes", "points": "points", "score": "well-being score", "note": "note"}


def meeting_fields(draft: Draft) -> dict[str, object]:
    return {"themes": list(draft.themes), "points": draft.points, "preparation": draft.preparation}


def write(
    j: Journal, meeting: Meeting, checkin_id: str, draft: Draft, base: Draft, now: datetime
) -> Written[Draft]:
    """Store what changed since ``base`` (the draft as last stored) onto ``meeting`` and the
    check-in ``checkin_id`` before it; returns the draft as stored now and what to tell."""
    edits = [
        FieldEdit.between(
            Meeting,
            meeting.id,
            meeting_fields(base),
            meeting_fields(draft),
            computed={"preparation"},
        )
    ]
    new: list[WellbeingCheckin] = []
    if draft.score is not None and (draft.score, draft.note) != (base.score, base.note):
        try:
            j.get(WellbeingCheckin, checkin_id)
        except NotFound:
            new.append(new_checkin(meeting, checkin_id, draft, now))
        else:
            loaded = {"score": base.score, "note": base.note, "at": None}
            typed = {"score": draft.score, "note": draft.note, "at": now}
            edits.append(FieldEdit.between(WellbeingCheckin, checkin_id, loaded, typed, {"at"}))
    stored = j.save_edits(edits, new)
    held = stored[0].entry
    checkin = stored[1].entry if len(stored) > 1 else (new[0] if new else None)
    score, note = (checkin.score, checkin.note) if checkin else (draft.score, draft.note)
    now_stored = Draft(tuple(held.themes), held.points, held.preparation, score, note)
    return Written(now_stored, other_window_notice(stored, WORDS))


def new_checkin(meeting: Meeting, checkin_id: str, draft: Draft, now: datetime) -> WellbeingCheckin:
    assert draft.score is not None
    return preparation.checkin_entry(
        None,
        draft.score,
        draft.note,
        now,
        moment=Moment.BEFORE,
        meeting=meeting,
        checkin_id=checkin_id,
    )
