"""What the meeting screen keeps: its draft (notes, framing, prompts used), read from the
screen, stored field by field onto the meeting as stored now, and shown again when another
window had written to the same meeting."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from mentorjournal.domain import Meeting
from mentorjournal.journal.field_saves import FieldEdit
from mentorjournal.tui.widgets.autosave import Written
from mentorjournal.tui.widgets.notes_framing import FRAMING_TEMPLATE, NotesAndFraming
from mentorjournal.tui.widgets.other_window import bring_text, other_window_notice
from mentorjournal.tui.widgets.prompt_deck import PromptDeck

if TYPE_CHECKING:
    from mentorjournal.journal.journal import Journal

WORDS = {"notes": "notes", "framing": "framing", "used_prompts": "prompts used"}


class Draft(NamedTuple):
    """What the person has typed or marked, as it would be stored."""

    notes: str
    framing: str
    used: tuple[str, ...]


def of_meeting(meeting: Meeting) -> Draft:
    return Draft(meeting.notes, meeting.framing, tuple(meeting.used_prompts))


def fields_of(draft: Draft) -> dict[str, object]:
    """The meeting's fields as ``draft`` has them."""
    return {"notes": draft.notes, "framing": draft.framing, "used_prompts": list(draft.used)}


def read(editors: NotesAndFraming, deck: PromptDeck) -> Draft:
    return Draft(editors.notes, editors.framing, tuple(deck.used))


def store(journal: Journal, meeting_id: str, draft: Draft, base: Draft) -> tuple[Meeting, Written]:
    """Store the fields of ``draft`` that differ from ``base`` (the draft as last stored) onto
    the meeting as stored now: another window's preparation, points or review summary stay,
    and its words in the same fields are kept beside these. Returns the meeting as stored."""
    edit = FieldEdit.between(Meeting, meeting_id, fields_of(base), fields_of(draft))
    [stored] = journal.save_edits([edit])
    return stored.entry, Written(of_meeting(stored.entry), other_window_notice([stored], WORDS))


def show(editors: NotesAndFraming, deck: PromptDeck, draft: Draft) -> None:
    """Show ``draft`` (what is stored now), the person's cursor kept where it was."""
    bring_text(editors.editor("notes"), draft.notes)
    bring_text(editors.editor("framing"), draft.framing or FRAMING_TEMPLATE)
    if tuple(deck.used) != draft.used:
        deck.used = list(draft.used)
        deck.show()
