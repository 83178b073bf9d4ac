"""Typing that is not an entry yet, kept through a lock or a quit: nothing typed is dropped.

Two kinds, kept encrypted in the journal (the one setting ``kept_typing``: a place → what was
typed there, so that the names of settings, which are not encrypted, say nothing of it; never in
an export) and taken back (read, and no longer kept) when their place opens again:

- a check-in note typed without a score: ``keep_note`` before a lock or a quit, ``take_note``
  when the screen that asked opens again (after unlocking, or another day); the note is shown
  in its field, waiting for its score (``NOTE_BACK`` says so);
- a dialog form's fields (``KeptForm``): the form is built again after unlocking and filled as
  it was, still unsaved (esc asks before discarding it, ctrl+s saves it). A password field is
  never kept. A quit cannot bring a form back: it asks first (``QuitQuestion``).

- the relationship form's fields (a full screen): kept before a lock or a quit, valid or not,
  and filled in again when the form for the same relationship (or a new one) next opens.

Other typing is an entry already (the meeting's notes, a reflection, the preparation are saved
as they are typed).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from textual.widgets import Checkbox, Input, RadioButton, Select, Switch, TextArea

from mentorjournal.tui.widgets.confirm import ConfirmDialog
from mentorjournal.tui.widgets.discard import typed_state

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.screen import Screen

    from mentorjournal.journal.journal import Journal
    from mentorjournal.tui.widgets.wellbeing_checkin import WellbeingInput

NOTE_BACK = "Your check-in note is back: choose a score from 1 to 5 to keep it."
FIELDS = (TextArea, Input, Select, RadioButton, Checkbox, Switch)
SETTING = "kept_typing"


def keep(journal: Journal, place: str, typed: object) -> None:
    """(In a worker) Keep ``typed`` for ``place``, in place of what was kept there."""
    kept = journal.setting(SETTING)
    journal.set_setting(SETTING, {**(kept if isinstance(kept, dict) else {}), place: typed})


def take(journal: Journal, place: str) -> object:
    """(In a worker) What is kept for ``place`` (None: nothing); it is kept no longer."""
    kept = journal.setting(SETTING)
    if not isinstance(kept, dict) or place not in kept:
        return None
    journal.set_setting(SETTING, {k: v for k, v in kept.items() if k != place})
    return kept[place]


# --- a check-in note without its score -----------------------------------------------------


async def keep_note(journal: Journal, place: str, checkin: WellbeingInput) -> None:
    """Before a lock or a quit: a note typed without a score is kept for ``place``."""
    if checkin.note_without_score:
        await asyncio.to_thread(keep, journal, f"checkin.{place}", checkin.note)


class KeepsNote:
    """For a screen that asks for a check-in (one ``WellbeingInput``): before a lock or a quit
    (``keep_typing``), its note without a score is kept for ``note_place``."""

    note_place: str
    if TYPE_CHECKING:

        @property
        def journal(self) -> Journal: ...

    async def keep_typing(self) -> None:
        from mentorjournal.tui.widgets.wellbeing_checkin import WellbeingInput

        checkin = self.query_one(WellbeingInput)  # type: ignore[attr-defined]
        await keep_note(self.journal, self.note_place, checkin)


def bring_note_back(checkin: WellbeingInput, note: str) -> None:
    """Show a kept ``note`` in ``checkin``, waiting for its score (which has the focus)."""
    checkin.set_value(checkin.score, note)
    checkin.focus_score()
    checkin.notify(NOTE_BACK, timeout=8)


def take_note(journal: Journal, place: str) -> str:
    """(In a worker) The note kept for ``place`` ("" if none); it is kept no longer."""
    note = take(journal, f"checkin.{place}")
    return note if isinstance(note, str) else ""


# --- a dialog form's fields ------------------------------------------------------------------


def fields_of(root: DOMNode) -> list[Any]:
    return [w for w in root.query("*") if isinstance(w, FIELDS)]


def field_values(root: DOMNode) -> list[object]:
    """What every field under ``root`` holds, in order (None for a password, or no choice)."""
    values: list[object] = []
    for widget in fields_of(root):
        if isinstance(widget, TextArea):
            values.append(widget.text)
        elif isinstance(widget, Input):
            values.append(None if widget.password else widget.value)
        elif isinstance(widget, Select):
            values.append(None if widget.is_blank() else widget.value)
        else:
            values.append(bool(widget.value))
    return values


def fill_fields(root: DOMNode, values: list[object]) -> None:
    """Put ``values`` (from ``field_values`` of the same form) back into the fields."""
    fields = fields_of(root)
    if len(fields) != len(values):
        return  # not this form's: nothing is put in the wrong field
    for widget, value in zip(fields, values, strict=True):
        if isinstance(widget, TextArea) and isinstance(value, str):
            widget.text = value
        elif isinstance(widget, Input) and isinstance(value, str):
            widget.value = value
        elif isinstance(widget, Select):
            if value is None:
                if widget._allow_blank:
                    widget.clear()
            elif value in widget._legal_values:
                widget.value = value
        elif isinstance(widget, RadioButton | Checkbox | Switch) and value is True:
            widget.value = True
        elif isinstance(widget, Checkbox | Switch) and value is False:
            widget.value = False


class KeptForm:
    """For a dialog form (a ``JournalModal``): kept through a lock with what is typed in it.

    The form implements ``rebuild`` (the same form, empty) and sets ``shown`` (``typed_state``
    as first shown); once it has shown what it loaded, it calls ``take_typing`` (in its worker)
    and ``show_typing`` with what that returned."""

    shown: tuple[object, ...] = ()
    kept_as: str | None = None  # on a form built again after a lock: where its typing is kept

    if TYPE_CHECKING:

        @property
        def journal(self) -> Journal: ...

    def rebuild(self) -> KeptForm:
        raise NotImplementedError

    def unsaved(self) -> bool:
        """Something is typed in it and not saved (a quit would drop it)."""
        return bool(self.shown) and typed_state(self) != self.shown  # type: ignore[arg-type]

    async def kept_through_lock(self, place: int) -> Screen[Any]:
        """Before a lock: the form built again, its typing (if any) kept encrypted."""
        again = self.rebuild()
        if typed_state(self) != self.shown:  # type: ignore[arg-type]
            again.kept_as = f"form.{place}"
            values = field_values(self)  # type: ignore[arg-type]
            await asyncio.to_thread(keep, self.journal, again.kept_as, values)
        return again  # type: ignore[return-value]

    def take_typing(self) -> list[object] | None:
        """(In a worker) What was typed in this form before the lock, kept no longer."""
        if self.kept_as is None:
            return None
        values = take(self.journal, self.kept_as)
        return values if isinstance(values, list) else None

    def show_typing(self, values: list[object] | None) -> None:
        """The fields as typed before the lock (``shown`` stays: it is still unsaved)."""
        if values is not None:
            fill_fields(self, values)  # type: ignore[arg-type]


def form_unsaved(screen: object) -> bool:
    """``screen`` is a dialog form with typing not saved."""
    return isinstance(screen, KeptForm) and screen.unsaved()


class QuitQuestion(ConfirmDialog):
    """Asked by ctrl+q over a dialog form with typing in it (ctrl+q again quits)."""

    def __init__(self) -> None:
        super().__init__(
            "Quit without saving the form?",
            "What you typed in the form is not saved. Keep editing, then ctrl+s saves it; "
            "ctrl+q again quits without it.",
            confirm_label="Quit",
            cancel_label="Keep editing",
            danger=True,
        )
