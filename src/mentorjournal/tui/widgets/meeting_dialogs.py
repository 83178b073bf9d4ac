"""Dialogs for one meeting or the cadence: reschedule, cancel with a reason, change the cadence
from a day on, and "which meeting is this?" when the next one is on a later day.

Each works on a timeline slot (a stored meeting, or a cadence date stored first) and dismisses
with what it stored, or None when the person goes back (escape): nothing is changed then.
"""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from mentorjournal.domain import Meeting, Relationship
from mentorjournal.mentoring import schedule
from mentorjournal.mentoring.cadence import CadenceError
from mentorjournal.mentoring.dates import DateInputError, parse_date, parse_datetime
from mentorjournal.tui import keymap
from mentorjournal.tui.screens.base import JournalModal
from mentorjournal.tui.widgets.cadence_picker import CadencePicker
from mentorjournal.tui.widgets.discard import leave_or_ask, typed_state


class SlotDialog(JournalModal[Meeting | None]):
    """A dialog about one meeting of a relationship: a title, a line, one input, two buttons."""

    PREFIX = "slot"
    TITLE = ""
    PLACEHOLDER = ""
    OK = "OK"
    KEY_SECTION = "slot_dialog"
    BINDINGS = keymap.bindings(KEY_SECTION)

    def __init__(self, relationship: Relationship, slot: schedule.Slot) -> None:
        super().__init__()
        self.relationship = relationship
        self.slot = slot

    @property
    def zone_name(self) -> str:
        return self.relationship.time_zone or "this computer's zone"

    def compose(self) -> ComposeResult:
        p = self.PREFIX
        with Vertical(id=f"{p}-box", classes="dialog"):
            yield Static(self.TITLE, classes="dialog-title")
            yield Static(self.line(), id=f"{p}-line")
            yield Input(self.start_text(), placeholder=self.PLACEHOLDER, id=f"{p}-input")
            yield Static("", id=f"{p}-message", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Back", id=f"{p}-back")
                yield Button(self.OK, id=f"{p}-ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one(f"#{self.PREFIX}-input", Input).focus()
        self.first_state = typed_state(self)

    def line(self) -> str:
        return f"The meeting of {self.when_text()}."

    def start_text(self) -> str:
        return ""

    def when_text(self) -> str:
        return schedule.format_meeting(self.relationship, self.slot.when)

    def say(self, message: str) -> None:
        self.query_one(f"#{self.PREFIX}-message", Static).update(message)

    @on(Input.Submitted)
    @on(Button.Pressed, ".dialog Button")
    def pressed(self, event: Input.Submitted | Button.Pressed) -> None:
        if isinstance(event, Button.Pressed) and event.button.id == f"{self.PREFIX}-back":
            self.action_back()
        else:
            self.action_ok()

    def action_back(self) -> None:
        """Back, asking first when something was typed (nothing typed is thrown away unasked)."""
        leave_or_ask(self, typed_state(self) != self.first_state, lambda: self.dismiss(None))

    def action_ok(self) -> None:
        raise NotImplementedError


class RescheduleDialog(SlotDialog):
    """Move one meeting: its cadence date stays taken, so the series does not move."""

    PREFIX = "reschedule"
    TITLE = "Move this meeting"
    PLACEHOLDER = "YYYY-MM-DD HH:MM"
    OK = "Move it"

    def line(self) -> str:
        return (
            f"The meeting of {self.when_text()}: when is it now? "
            f"(time in {self.zone_name}; the other meetings stay where they are)"
        )

    def start_text(self) -> str:
        return self.slot.when.astimezone(schedule.rel_zone(self.relationship)).strftime(
            "%Y-%m-%d %H:%M"
        )

    def action_ok(self) -> None:
        text = self.query_one("#reschedule-input", Input).value
        try:
            when = parse_datetime(text, schedule.rel_zone(self.relationship))
        except DateInputError as exc:
            self.say(str(exc))
            return
        if when <= self.now():
            self.say("That time has passed — to meet now, hold the meeting (h) instead.")
            return
        rid, slot = self.relationship.id, self.slot

        def move() -> Meeting:
            meeting = self.journal.store_slot(rid, slot)
            return self.journal.reschedule_meeting(meeting, when)

        self.run_journal(move, self.dismiss)


class CancelDialog(SlotDialog):
    """Cancel one meeting, with a reason if the person gives one (kept encrypted)."""

    PREFIX = "cancel"
    TITLE = "Cancel this meeting?"
    PLACEHOLDER = "why, if you like (e.g. partner on leave)"
    OK = "Cancel meeting"

    def line(self) -> str:
        return (
            f"The meeting of {self.when_text()} is marked cancelled: not missed, "
            "and the next one stays on the cadence."
        )

    def action_ok(self) -> None:
        reason = self.query_one("#cancel-input", Input).value
        rid, slot = self.relationship.id, self.slot

        def cancel() -> Meeting:
            meeting = self.journal.store_slot(rid, slot)
            return self.journal.cancel_meeting(meeting, reason)

        self.run_journal(cancel, self.dismiss)


class CadenceDialog(JournalModal[Relationship | None]):
    """A new cadence (rule, time, length, zone) from a day on; the days before keep theirs."""

    KEY_SECTION = "cadence_dialog"
    BINDINGS = keymap.bindings(KEY_SECTION)

    def __init__(self, relationship: Relationship) -> None:
        super().__init__()
        self.relationship = relationship

    def compose(self) -> ComposeResult:
        with Vertical(id="cadence-box", classes="dialog"):
            yield Static("Change the cadence", classes="dialog-title")
            yield CadencePicker(id="cadence-change-picker")
            with Horizontal(id="cadence-from-row"):
                yield Static("From ", classes="muted")
                yield Input(placeholder="YYYY-MM-DD, today or a date to come", id="cadence-from")
            yield Static("", id="cadence-message", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Back", id="cadence-back-button")
                yield Button("Change it", id="cadence-ok", variant="primary")

    def on_mount(self) -> None:
        rel = self.relationship
        self.call_after_refresh(self.remember_state)
        picker = self.query_one(CadencePicker)
        picker.set_rule(rel.cadence)
        picker.set_when(rel.meeting_time, rel.meeting_minutes, rel.time_zone)
        today = self.now().astimezone(schedule.rel_zone(rel)).date()
        self.query_one("#cadence-from", Input).value = today.isoformat()
        picker.set_context(datetime.combine(today, schedule.DEFAULT_TIME), self.now())
        picker.focus_choice()

    def remember_state(self) -> None:
        self.first_state = typed_state(self)

    @on(Button.Pressed, "#cadence-back-button")
    def action_back(self) -> None:
        changed = typed_state(self) != getattr(self, "first_state", typed_state(self))
        leave_or_ask(self, changed, lambda: self.dismiss(None))

    @on(Input.Submitted, "#cadence-from")
    @on(Button.Pressed, "#cadence-ok")
    def action_ok(self) -> None:
        picker = self.query_one(CadencePicker)
        rel = self.relationship
        today = self.now().astimezone(schedule.rel_zone(rel)).date()
        try:
            rule = picker.rule()
            at, minutes, zone_name = picker.when()
            day = parse_date(self.query_one("#cadence-from", Input).value, today)
        except (CadenceError, DateInputError) as exc:
            self.query_one("#cadence-message", Static).update(str(exc))
            return
        if day is None or day < today:
            self.query_one("#cadence-message", Static).update(
                "Choose today or a day to come: the meetings before keep their cadence."
            )
            return

        def change() -> Relationship:
            return self.journal.change_cadence(
                rel.id, rule, at=at, minutes=minutes, zone_name=zone_name, from_day=day
            )

        self.run_journal(change, self.dismiss)


class WhichMeetingDialog(JournalModal[str | None]):
    """Meeting now while the next meeting is on a later day: hold that one now ("next"), or an
    extra meeting now ("extra"); escape goes back (None)."""

    AUTO_FOCUS = "#which-next"
    KEY_SECTION = "which_meeting"
    BINDINGS = keymap.bindings(KEY_SECTION)

    def __init__(self, when: str) -> None:
        super().__init__()
        self.when = when

    def compose(self) -> ComposeResult:
        with Vertical(id="which-box", classes="dialog"):
            yield Static("Which meeting is this?", classes="dialog-title")
            yield Static(
                f"Your next meeting is {self.when}. Hold it now (its date stays "
                "taken on the cadence), or meet now as an extra meeting?"
            )
            with Horizontal(classes="buttons"):
                yield Button("Hold it now", id="which-next", variant="primary")
                yield Button("Extra meeting", id="which-extra")
                yield Button("Back", id="which-back-button")

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        choice = {"which-next": "next", "which-extra": "extra"}.get(event.button.id or "")
        self.dismiss(choice)

    def action_back(self) -> None:
        self.dismiss(None)
