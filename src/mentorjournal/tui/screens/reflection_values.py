"""What the reflection screen keeps of an entry between saves (its meeting link, its model
and its six texts), and the words and keys it shows about them."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from mentorjournal.domain import GIBBS_STAGES, Meeting, Reflection, Relationship
from mentorjournal.mentoring import models
from mentorjournal.mentoring.dates import format_when
from mentorjournal.tui import keymap

if TYPE_CHECKING:
    from mentorjournal.journal.journal import Journal

FREE_STANDING = "free-standing"  # the link Select's value for "not tied to a meeting"
FIELDS = ("meeting_id", "model", *GIBBS_STAGES)


def keys_hint(stages: int = 6) -> str:
    previous, following = (
        keymap.key_for("reflection", "previous"),
        keymap.key_for("reflection", "next"),
    )
    pick = keymap.key_for("reflection", "pick_stage")
    return f"{previous}/{following}: previous/next stage · {pick} then 1…{stages}: go to a stage"


KEYS_HINT = keys_hint()

Values = tuple[str | None, ...]  # the meeting link, the model, then the six texts
# What the screen opens with: the relationship, its meetings, the entry (None: a new one) and
# the model a new one is written in.
Opened = tuple[Relationship, list[Meeting], Reflection | None, str]


def opened_with(journal: Journal, rid: str, ref_id: str | None, model: str | None) -> Opened:
    """(In a worker) What the screen opens with; ``model``: the one asked for, if any."""
    ref = journal.get(Reflection, ref_id) if ref_id else None
    chosen = model or journal.default_model(rid)
    return journal.get(Relationship, rid), journal.meetings(rid), ref, chosen


def values_of(ref: Reflection) -> Values:
    """What the person controls in an entry: its meeting link, its model and the six texts."""
    return (ref.meeting_id, ref.model, *(ref.stage(key) for key in GIBBS_STAGES))


def nothing_written(values: Values) -> bool:
    """No stage holds a word (a meeting link or a model alone is no reflection)."""
    return not any((text or "").strip() for text in values[2:])


def field_words(model: models.ReflectionModel) -> dict[str, str]:
    """How a person names each field of an entry (in a sentence about another window)."""
    words = {s.column: f"“{s.title}” stage" for s in model.stages}
    return {"meeting_id": "meeting it is linked to", "model": "reflection model", **words}


def fields_of(values: Values) -> dict[str, Any]:
    """The entry's fields as ``values`` has them."""
    return dict(zip(FIELDS, values, strict=True))


def meeting_label(meeting: Meeting) -> str:
    return f"{format_when(meeting.starts_at)} · {meeting.status.value}"


def status_words(typing: bool, saved_at: datetime | None, stored: bool) -> str:
    """The line beside the meeting link: typing not yet saved (it is saved as you type, a
    moment after the last key), saved at a time, or stored before this screen opened."""
    if typing:
        return "Saving…"
    if saved_at is not None:
        return f"Saved {saved_at.astimezone():%H:%M}"
    return "All saved" if stored else "Not saved yet"
