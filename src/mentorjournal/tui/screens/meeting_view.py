"""One meeting, read only: what was prepared, noted, reframed and reviewed."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from mentorjournal.dates import format_when
from mentorjournal.domain import Meeting
from mentorjournal.errors import JournalError
from mentorjournal.tui import keymap
from mentorjournal.tui.screens.base import JournalModal

SECTIONS = (
    ("preparation", "Preparation"),
    ("points", "My points to raise"),
    ("notes", "Notes"),
    ("framing", "The problem as defined, and other framings"),
    ("review_summary", "Review of last time's actions"),
)


def meeting_text(meeting: Meeting) -> Text:
    text = Text()
    if meeting.themes:
        text.append("Themes: ", style="bold")
        text.append(", ".join(meeting.themes) + "\n\n")
    for field, heading in SECTIONS:
        text.append(heading + "\n", style="bold")
        body = str(getattr(meeting, field)).strip()
        text.append((body or "—") + "\n\n", style="" if body else "dim")
    text.rstrip()
    return text


class MeetingView(JournalModal[None]):
    """A read-only view of one meeting's preparation, notes, framing and review."""

    DEFAULT_CSS = """
    MeetingView #meeting-box { width: 90; height: 90%; }
    MeetingView #meeting-body { height: 1fr; }
    """
    KEY_SECTION = "meeting_view"
    BINDINGS = keymap.bindings(KEY_SECTION)

    def __init__(self, meeting_id: str) -> None:
        super().__init__()
        self.meeting_id = meeting_id

    def compose(self) -> ComposeResult:
        with Vertical(id="meeting-box", classes="dialog"):
            yield Static("Meeting", id="meeting-title", classes="dialog-title")
            with VerticalScroll(id="meeting-body"):
                yield Static("", id="meeting-text")
            yield Static("Press escape to close.", classes="muted")

    def on_mount(self) -> None:
        self.query_one("#meeting-body").focus()
        meeting_id = self.meeting_id
        self.run_journal(
            lambda: self.journal.get(Meeting, meeting_id), self.show, failed=self.load_failed
        )

    def show(self, meeting: Meeting) -> None:
        title = f"Meeting · {format_when(meeting.starts_at)} · {meeting.status.value}"
        self.query_one("#meeting-title", Static).update(title)
        self.query_one("#meeting-text", Static).update(meeting_text(meeting))

    def load_failed(self, exc: JournalError) -> None:
        self.journal_failed(exc)
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
