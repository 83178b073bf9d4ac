"""Writes a relationship's coming meetings to an .ics file for the person's own calendar app, each
with a reminder the day before. Dismisses with the file written, or None."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from mentorjournal.domain import Relationship
from mentorjournal.errors import JournalError
from mentorjournal.exchange import calendar_export
from mentorjournal.exchange.files import write_new_file
from mentorjournal.tui import keymap
from mentorjournal.tui.screens.base import JournalModal
from mentorjournal.tui.widgets.steady import focus_now

if TYPE_CHECKING:
    from mentorjournal.journal.journal import Journal

DEFAULT_PATH = "~/mentoring-meetings.ics"


def calendar_target(text: str) -> Path:
    """Where to write: ``~`` expanded; a relative path is in the home folder."""
    target = Path(text.strip()).expanduser()
    return target if target.is_absolute() else Path.home() / target


def write_calendar(
    journal: Journal, relationship_id: str, target: Path, count: int, title: str, now: datetime
) -> int:
    """Write the file (in a worker); returns how many meetings it holds (0: nothing written)."""
    rel = journal.get(Relationship, relationship_id)
    coming = calendar_export.coming_meetings(
        rel, journal.meetings(relationship_id), now, count=count
    )
    if coming:
        write_new_file(target, calendar_export.to_ics(coming, now, title=title))
    return len(coming)


class CalendarDialog(JournalModal[Path | None]):
    """How many meetings, the title they show, and where the file goes."""

    DEFAULT_CSS = """
    CalendarDialog #cal-fields { height: auto; }
    CalendarDialog #cal-count-box { width: 16; height: auto; margin-right: 2; }
    CalendarDialog #cal-title-box { width: 1fr; height: auto; }
    CalendarDialog #cal-note { margin-bottom: 1; }
    """
    AUTO_FOCUS = "#cal-count"
    KEY_SECTION = "calendar_dialog"
    BINDINGS = keymap.bindings(KEY_SECTION)

    def __init__(self, relationship_id: str) -> None:
        super().__init__()
        self.relationship_id = relationship_id

    def compose(self) -> ComposeResult:
        with Vertical(id="cal-box", classes="dialog"):
            yield Static("Meetings to your own calendar", classes="dialog-title")
            yield Static("The coming meetings, each with a reminder the day before.")
            with Horizontal(id="cal-fields"):
                with Vertical(id="cal-count-box"):
                    yield Label("How many", classes="field-label")
                    yield Input("6", id="cal-count", type="integer", max_length=3)
                with Vertical(id="cal-title-box"):
                    yield Label("Title of each meeting", classes="field-label")
                    yield Input(calendar_export.DEFAULT_TITLE, id="cal-title", max_length=200)
            yield Static(
                "The file is not encrypted: it holds only this title and the times.",
                id="cal-note",
                classes="hint",
            )
            yield Label("Save to", classes="field-label")
            yield Input(DEFAULT_PATH, id="cal-path")
            yield Static("", id="cal-message", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cal-cancel-button")
                yield Button("Write", id="cal-write", variant="primary")

    def say(self, message: str) -> None:
        self.query_one("#cal-message", Static).update(message)

    @on(Input.Submitted)
    @on(Button.Pressed, "#cal-write")
    def action_write(self) -> None:
        limit = calendar_export.MAX_COUNT
        try:
            count = int(self.query_one("#cal-count", Input).value)
        except ValueError:
            count = 0
        if not 1 <= count <= limit:
            self.say(f"How many: a number of meetings from 1 to {limit}.")
            focus_now(self.query_one("#cal-count", Input))
            return
        path_text = self.query_one("#cal-path", Input).value
        if not path_text.strip():
            self.say("Type where the calendar file should go.")
            focus_now(self.query_one("#cal-path", Input))
            return
        target = calendar_target(path_text)
        if target.is_dir():
            self.say(f"{target} is a folder; add a file name, such as mentoring-meetings.ics.")
            return
        title = calendar_export.clean_title(self.query_one("#cal-title", Input).value)
        self.say("")
        button = self.query_one("#cal-write", Button)
        button.disabled = True
        rel_id, now = self.relationship_id, self.now()

        def done(written: int) -> None:
            button.disabled = False
            if not written:
                self.say("No meetings to come: set a cadence or plan the next meeting first.")
                return
            plural = "meeting" if written == 1 else "meetings"
            self.app.notify(f"{written} {plural} written to {target}, titled “{title}”.")
            self.dismiss(target)

        def failed(exc: JournalError) -> None:
            button.disabled = False
            self.say(str(exc))

        self.run_journal(
            lambda: write_calendar(self.journal, rel_id, target, count, title, now),
            done,
            group="calendar",
            failed=failed,
        )

    @on(Button.Pressed, "#cal-cancel-button")
    def action_cancel(self) -> None:
        self.dismiss(None)
