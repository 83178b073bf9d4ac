"""Asks when the next meeting is (when no meeting is planned and no cadence gives a date) and
plans it. Dismisses with the planned ``Meeting``, or None when the person goes back."""

from __future__ import annotations

from dateutil.tz import tzlocal
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from mentorjournal.domain import Meeting
from mentorjournal.mentoring.dates import DateInputError
from mentorjournal.mentoring.preparation import parse_meeting_time
from mentorjournal.tui import keymap
from mentorjournal.tui.screens.base import JournalModal


class PlanMeetingDialog(JournalModal[Meeting | None]):
    """``YYYY-MM-DD HH:MM``, or a date such as ``+1w`` or ``next tue`` (then at 10:00)."""

    AUTO_FOCUS = "#plan-when"
    KEY_SECTION = "plan_meeting"
    BINDINGS = keymap.bindings(KEY_SECTION)

    def __init__(self, relationship_id: str, title: str = "") -> None:
        super().__init__()
        self.relationship_id = relationship_id
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="plan-box", classes="dialog"):
            yield Static("When do you meet next?", classes="dialog-title")
            yield Static(
                "No meeting is planned and no cadence gives a date"
                + (f" for {self.title_text}." if self.title_text else "."),
                classes="muted",
            )
            yield Input(placeholder="YYYY-MM-DD HH:MM, or a date such as +1w", id="plan-when")
            yield Static("", id="plan-message", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Not now", id="plan-not-now")
                yield Button("Plan", id="plan-ok", variant="primary")

    @on(Input.Submitted, "#plan-when")
    @on(Button.Pressed, "#plan-ok")
    def plan(self) -> None:
        text = self.query_one("#plan-when", Input).value
        try:
            when = parse_meeting_time(text, self.now(), tzlocal())
        except DateInputError as exc:
            self.query_one("#plan-message", Static).update(str(exc))
            return
        rid = self.relationship_id
        self.run_journal(lambda: self.journal.plan_meeting(rid, when), self.dismiss)

    @on(Button.Pressed, "#plan-not-now")
    def action_cancel(self) -> None:
        self.dismiss(None)
